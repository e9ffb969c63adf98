"""Realistic-shape bilingual abstracts with an open vocabulary, any number, deterministic.

Why: `gen_corpus.py` fills 24 templates, so 20,000 of its records hold about 217 English word
types and 725 characters a record; every cache saturates on such input and "memory stays flat"
is guaranteed by the input, not earned by the code. Real abstracts are longer (about 1,100–1,400
English characters, 6–10 sentences) and every new document brings words never seen before.

How the vocabulary grows: content words follow Heaps' law, V(t) = K * t**BETA new types after t
content tokens (K=30, BETA=0.55, in the range reported for English and biomedical text), and a
token that is not new takes the word of rank r with P(r) ∝ 1/r (Zipf, exponent 1) among the
types seen so far. A word is a pure function of its rank (syllables for English, CJK characters
for its Chinese rendering), so the generator keeps no vocabulary in memory and 1M records cost
no more than 1k. On top: function words, numbers, percentages, statistics, gene-like symbols
(letters + digits, many of them new), and glossary terms from data/glossary.csv so term scoring
has work to do. Nothing here comes from the evaluation data: the words are made up.

Link shapes as in real abstracts: about 1 in 6 records merges two English sentences into one
Chinese sentence (2-1), 1 in 10 splits one English sentence into two Chinese ones (1-2), and
1 in 8 leaves an English sentence untranslated (1-0), mostly registration/funding lines at the
end. Gold links ride in ``meta["gold"]`` as in gen_corpus.py, so benchmarks score what they time.

Usage:
    python bench/gen_realistic.py -n 20000 -o /tmp/real.jsonl
    python bench/gen_realistic.py -n 200 --format dir -o /tmp/records/
    python bench/gen_realistic.py -n 20000 --stats          # types, tokens, chars per record
"""

from __future__ import annotations

import argparse
import functools
import hashlib
import math
import random
import sys
from collections.abc import Iterator
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from gen_corpus import JOURNALS, Record, load_terms, write_output  # noqa: E402

HEAPS_K = 30.0
HEAPS_BETA = 0.55

FUNCTION_WORDS = (
    "the the the of of of and and in in to to a a with was were for by that on as from "
    "at or is are than these this between after its their which both not more all"
).split()
ONSETS = ["b", "c", "d", "f", "g", "h", "l", "m", "n", "p", "r", "s", "t", "v", "ph", "th",
          "tr", "pr", "st", "cl", "gl", "pl", "ch", "sp", "k", "z", "x", "qu"]
VOWELS = ["a", "e", "i", "o", "u", "y", "ae", "io", "ei", "ou"]
CODAS = ["", "", "n", "l", "r", "s", "t", "x", "m", "ct", "nd", "st"]
SUFFIXES = ["", "", "", "ic", "ase", "ine", "osis", "itis", "al", "ion", "ity", "ous", "ed",
            "ing", "ly", "ment", "oma", "cyte", "gen", "ide"]
# CJK Unified Ideographs block, where every common Chinese character lives.
CJK_START, CJK_SPAN = 0x4E00, 0x9FA5 - 0x4E00
UNTRANSLATED = [
    "Trial registration: ClinicalTrials.gov identifier NCT0{a}{b}.",
    "This work was supported by grant {a}{b} from the regional science foundation.",
    "Copyright {y} The Authors, published under an open licence.",
    "The authors declare no competing interests in relation to this work.",
]


def _hash(kind: str, rank: int) -> int:
    return int.from_bytes(hashlib.blake2b(f"{kind}{rank}".encode(), digest_size=8).digest(), "big")


def english_word(rank: int) -> str:
    """The made-up English word of a vocabulary rank; frequent ranks get shorter words, as
    in real text. Distinct ranks give distinct words (the rank's digits are spelt in)."""
    h = _hash("en", rank)
    syllables = 1 + (h % 3) + (1 if rank > 200 else 0)
    parts = []
    digits = rank
    for i in range(syllables):
        digits, d = divmod(digits, len(ONSETS))
        parts.append(ONSETS[d if i < 2 else (h >> (4 * i)) % len(ONSETS)])
        parts.append(VOWELS[(h >> (3 * i + 7)) % len(VOWELS)])
    word = "".join(parts)
    while digits:  # ranks beyond what the syllables spell: more syllables, still unique
        digits, d = divmod(digits, len(ONSETS))
        word += ONSETS[d] + VOWELS[h % len(VOWELS)]
    return word + CODAS[(h >> 20) % len(CODAS)] + SUFFIXES[(h >> 30) % len(SUFFIXES)]


@functools.cache
def _simplified_pool() -> str:
    """The ideographs of the block that OpenCC's t2s leaves alone: made-up Chinese must look
    Simplified, or every record draws the readers' "looks Traditional" warning."""
    import opencc

    chars = [chr(CJK_START + i) for i in range(CJK_SPAN)]
    converted = opencc.OpenCC("t2s").convert("\n".join(chars)).split("\n")
    return "".join(a for a, b in zip(chars, converted, strict=True) if a == b)


def chinese_word(rank: int) -> str:
    """Its Chinese rendering: CJK characters chosen from the rank (fixed across records),
    about one per 2.6 English letters, so lengths correlate as in real translations (zh/en
    characters about 0.34 over a corpus; a real abstract has about 0.36)."""
    h = _hash("zh", rank)
    size = max(1, min(6, round(len(english_word(rank)) / 2.6) + (h % 3) - 1))
    pool = _simplified_pool()
    return "".join(pool[(h >> (11 * i)) % len(pool)] for i in range(size))


def gene_symbol(rng: random.Random) -> str:
    """A gene-like symbol (letters + digits); the space is large, so most are new."""
    letters = "".join(rng.choice("ABCDEFGHIKLMNPRSTVWXZ") for _ in range(rng.randint(2, 4)))
    return letters + str(rng.randint(1, 99))


class Vocabulary:
    """Heaps' law growth with Zipf draws over the types seen so far; O(1) memory."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.tokens = 0
        self.types = 0

    def draw(self) -> int:
        self.tokens += 1
        expected = HEAPS_K * self.tokens ** HEAPS_BETA
        if self.types < 1 or self.types < expected:
            self.types += 1
            return self.types - 1
        # P(rank r) ∝ 1/r over [1, types]: the inverse CDF of a log-uniform variable
        return min(self.types - 1, int(math.exp(self.rng.random() * math.log(self.types + 1))) - 1)


def _number(rng: random.Random) -> tuple[str, str]:
    kind = rng.random()
    if kind < 0.35:
        n = str(rng.randint(2, 4800))
        return n, n
    if kind < 0.6:
        p = f"{rng.uniform(0.5, 99):.1f}%"
        return p, p
    if kind < 0.8:
        p = f"P < 0.0{rng.randint(1, 5)}"
        return f"({p})", f"（{p}）"
    lo = rng.uniform(0.2, 1.2)
    ci = f"{lo + 0.2:.2f} (95% CI {lo:.2f}-{lo + rng.uniform(0.4, 0.9):.2f})"
    return ci, ci.replace("(", "（").replace(")", "）")


def make_pair(rng: random.Random, vocab: Vocabulary, terms: list[tuple[str, str]],
              target_chars: int) -> tuple[str, str]:
    """One sentence pair of about `target_chars` English characters."""
    en: list[str] = []
    zh: list[str] = []
    length = 0
    while length < target_chars:
        r = rng.random() if en else 1.0  # sentences open with a content word, as most do
        if r < 0.38:
            en_tok, zh_tok = rng.choice(FUNCTION_WORDS), ("的" if rng.random() < 0.15 else "")
        elif r < 0.43:
            en_tok, zh_tok = _number(rng)
        elif r < 0.45:
            g = gene_symbol(rng)
            en_tok, zh_tok = g, g
        elif r < 0.47:
            en_tok, zh_tok = rng.choice(terms)
        else:
            rank = vocab.draw()
            en_tok, zh_tok = english_word(rank), chinese_word(rank)
        if en and zh[-1] and zh[-1] != "，" and rng.random() < 0.06:
            en[-1] += ","
            zh.append("，")
        en.append(en_tok)
        zh.append(zh_tok)
        length += len(en_tok) + 1
    text = " ".join(en)
    return text[0].upper() + text[1:] + ".", "".join(zh) + "。"


def make_record(rng: random.Random, vocab: Vocabulary, index: int,
                terms: list[tuple[str, str]]) -> Record:
    """6–10 sentences, 1,100–1,400 English characters, with 2-1, 1-2 and 1-0 links."""
    n = rng.randint(6, 10)
    total = rng.randint(1100, 1400)
    extra = None
    if rng.random() < 1 / 8:  # an untranslated line: registration, funding, copyright
        extra = rng.choice(UNTRANSLATED).format(a=rng.randint(100, 999), b=rng.randint(100, 999),
                                                y=rng.randint(2015, 2025))
        total -= len(extra) + 1
        n -= 1
    weights = [rng.uniform(0.6, 1.4) for _ in range(n)]
    scale = total / sum(weights)
    pairs = [make_pair(rng, vocab, terms, max(30, int(w * scale)) - 2) for w in weights]
    merge_at = rng.randrange(n - 1) if rng.random() < 1 / 6 else -1
    split_at = rng.randrange(n) if rng.random() < 1 / 10 else -1
    drop_at = -1
    if extra is not None:
        drop_at = n if rng.random() < 0.7 else rng.randrange(1, n)
    en: list[str] = []
    zh: list[str] = []
    gold: list[tuple[list[int], list[int]]] = []
    i = 0
    while i <= n:
        if i == drop_at and extra is not None:
            gold.append(([len(en)], []))
            en.append(extra)
        if i == n:
            break
        if i == merge_at:
            (e1, z1), (e2, z2) = pairs[i], pairs[i + 1]
            gold.append(([len(en), len(en) + 1], [len(zh)]))
            en += [e1, e2]
            zh.append(z1.rstrip("。") + "；" + z2)
            i += 2
            continue
        e, z = pairs[i]
        if i == split_at and "，" in z[1:-2]:
            cut = z.index("，", 1)
            gold.append(([len(en)], [len(zh), len(zh) + 1]))
            en.append(e)
            zh += [z[:cut] + "。", z[cut + 1:]]
        else:
            gold.append(([len(en)], [len(zh)]))
            en.append(e)
            zh.append(z)
        i += 1
    return Record(f"real{index:07d}", en, zh, gold, rng.choice(JOURNALS), rng.randint(2015, 2025))


def generate(n: int, seed: int = 0, terms: list[tuple[str, str]] | None = None) -> Iterator[Record]:
    """Records one at a time; the vocabulary keeps growing across the whole corpus."""
    rng = random.Random(seed)
    vocab = Vocabulary(rng)
    terms = terms or load_terms()
    for i in range(n):
        yield make_record(rng, vocab, i, terms)


def stats(n: int, seed: int = 0) -> dict[str, float]:
    """Shape of the first `n` records: English types, characters and sentences per record."""
    types: set[str] = set()
    chars = sents = 0
    for record in generate(n, seed):
        for s in record.en:
            types.update(w.strip(".,()").lower() for w in s.split())
        chars += len(" ".join(record.en))
        sents += len(record.en)
    return {"records": n, "en_types": len(types), "en_chars_per_record": chars / n,
            "en_sentences_per_record": sents / n}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", "--records", type=int, default=1000)
    parser.add_argument("-o", "--output", default="-",
                        help="file (.jsonl or .jsonl.gz) or directory; '-' for stdout")
    parser.add_argument("--format", choices=["jsonl", "dir"], default="jsonl")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--stats", action="store_true", help="print the corpus shape only")
    args = parser.parse_args(argv)
    if args.stats:
        for key, value in stats(args.records, args.seed).items():
            print(f"{key}: {value:.1f}" if isinstance(value, float) else f"{key}: {value}")
        return 0
    records = generate(args.records, args.seed)
    count = write_output(records, args.output, args.format, args.seed)
    print(f"gen_realistic: {count} records -> {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
