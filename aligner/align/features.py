"""Per-sentence features for lexical alignment, and the EN×ZH match scores inside a window.

An English sentence is a set of *anchor types*: content-word stems that CC-CEDICT can translate,
numbers, Latin tokens that also occur in the Chinese document (``CAR-NK``, ``FDA``, ``IL-15``),
and glossary terms. A Chinese sentence *evidences* a type when it contains, as a substring, a
dictionary translation of the stem, the number, the Latin token or the glossary term's Chinese
(or a variant). Substrings rather than jieba words, because jieba splits terms inconsistently
(``即用型`` as ``即|用型``) and a missed split is a missed anchor. Measured (strict F1,
ParaMed / MAC-Dev): substrings .997 / .809, jieba tokens .963 / .744, substrings without
one-character words .970 / .709; down-weighting one-character evidence did not help either.

Everything per sentence is computed once; pair scores are computed only for the pairs inside the
DP window (`PairScores`), via an inverted index from types to the Chinese sentences that
evidence them, so a long document costs O(window), not O(n·m).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from aligner.align.text import (
    en_is_heading,
    en_number_words,
    en_section_labels,
    en_stems,
    en_units,
    latin_tokens,
    numbers,
    simplified_view,
    zh_is_heading,
    zh_numerals,
    zh_section_labels,
    zh_units,
)
from aligner.glossary_match import GlossaryMatcher, matcher_for
from aligner.model import Glossary
from aligner.normalize import normalise


@dataclass(frozen=True)
class FeatureWeights:
    """How much one matched anchor of each kind is worth (a stem match is the unit)."""

    stem: float = 1.0
    number: float = 2.0
    latin: float = 2.0
    term: float = 3.0
    max_zh_word: int = 4  # longest dictionary word looked for in Chinese (characters)
    single_char: bool = True  # also look up one-character dictionary words
    zh_match: str = "substring"  # or "jieba": dictionary words among jieba's tokens only
    idf: bool = True  # scale by 1 + log(n / EN sentences with the type): "mg" in every sentence
    # says little about which sentence is which
    section: float = 3.0  # a structured-abstract label (Methods / 方法) on both sides
    heading: float = 2.0  # a heading or label line on both sides (no closing punctuation)
    number_words: bool = True  # Twenty-eight / 二十八例 also count as the number 28
    unit: float = 1.0  # a unit after a number (5 mg / 5毫克); weak, like a word
    traditional: bool = True  # match Traditional Chinese through a Simplified view


@dataclass
class DocFeatures:
    """Anchor types of every sentence of one document pair."""

    en_len: np.ndarray  # characters per EN sentence (spaces excluded)
    zh_len: np.ndarray  # characters per ZH sentence (spaces excluded)
    en_types: list[np.ndarray]  # type ids per EN sentence (unique)
    zh_types: list[np.ndarray]  # type ids evidenced by each ZH sentence (unique)
    weight: np.ndarray  # weight per type id
    en_norm: np.ndarray  # sum of weights of each EN sentence's types
    zh_norm: np.ndarray  # sum of weights of each ZH sentence's evidenced types
    zh_by_type: list[np.ndarray]  # sorted ZH sentence indices evidencing each type
    strong: np.ndarray  # per type: a number, Latin token or glossary term (not a word stem)
    keys: tuple[str, ...] = ()  # per type: stem, "#n:<number>", "#l:<latin>" or "#g:<term no.>"

    def strong_norms(self) -> tuple[np.ndarray, np.ndarray]:
        """Per EN and per ZH sentence: total weight of its strong anchors."""
        w = self.weight * self.strong
        return (
            np.array([w[t].sum() for t in self.en_types], dtype=np.float64),
            np.array([w[t].sum() for t in self.zh_types], dtype=np.float64),
        )


def _nonspace_len(text: str) -> int:
    return len(text) - text.count(" ")


def extract(
    en: Sequence[str],
    zh: Sequence[str],
    *,
    dictionary: Mapping[str, Sequence[str]] | None,
    glossary: Glossary | None = None,
    weights: FeatureWeights = FeatureWeights(),
) -> DocFeatures:
    """Anchor types of both sides of one document (``dictionary``: EN stem → ZH words)."""
    en_n = [normalise(s) for s in en]
    zh_spaced = [normalise(s) for s in zh]  # labels need their separating space
    zh_len = np.array([_nonspace_len(s) for s in zh_spaced], dtype=np.float64)
    if weights.traditional:
        zh_spaced = simplified_view(zh_spaced)
    zh_n = [s.replace(" ", "") for s in zh_spaced]
    types = _TypeIds()
    type_id, type_w, tid = types.ids, types.weights, types.tid
    zh_latin = [set(latin_tokens(s)) for s in zh_n]
    en_sets = _english_types(en_n, zh_latin, dictionary, weights, tid)
    matcher = matcher_for(glossary) if glossary is not None and len(glossary) else None
    if matcher is not None:
        _add_english_terms(en_n, en_sets, matcher, weights, tid)
    # Chinese side: which of the document's types does each sentence evidence?
    if dictionary is not None:
        stems = {key: k for key, k in type_id.items() if key[0] != "#"}
        zh_sets = _dictionary_evidence(zh_n, stems, dictionary, weights)
    else:
        zh_sets = [set() for _ in zh_n]
    _add_chinese_evidence(zh_n, zh_spaced, zh_latin, zh_sets, matcher, type_id, weights)
    weight = _idf_weights(type_w, en_sets, weights)
    return _assemble(
        en_len=np.array([_nonspace_len(s) for s in en_n], dtype=np.float64),
        zh_len=zh_len,
        en_types=[np.fromiter(sorted(x), dtype=np.int64, count=len(x)) for x in en_sets],
        zh_types=[np.fromiter(sorted(x), dtype=np.int64, count=len(x)) for x in zh_sets],
        weight=weight,
        # number words and units are weak: fiction says "two" where Chinese says 俩, and a
        # unit repeats across sentences
        strong=np.array([key[0] == "#" and key[:3] not in _WEAK for key in type_id], dtype=bool),
        keys=tuple(type_id),
    )


_WEAK = ("#w:", "#u:")  # anchor kinds whose absence does not make a merge dearer


class _TypeIds:
    """Anchor types of one document, numbered as first seen, with their weights."""

    def __init__(self) -> None:
        self.ids: dict[str, int] = {}
        self.weights: list[float] = []

    def tid(self, key: str, w: float) -> int:
        k = self.ids.get(key)
        if k is None:
            k = self.ids[key] = len(self.weights)
            self.weights.append(w)
        return k


def _english_types(
    en_n: list[str], zh_latin: list[set[str]], dictionary: Mapping[str, Sequence[str]] | None,
    weights: FeatureWeights, tid: Callable[[str, float], int],
) -> list[set[int]]:
    """Per English sentence: dictionary stems, numbers (also as words), Latin tokens the Chinese
    also has, section labels, and whether it is a heading line."""
    zh_latin_vocab = set().union(*zh_latin) if zh_latin else set()
    en_sets: list[set[int]] = []
    for s in en_n:
        ids: set[int] = set()
        if dictionary is not None:
            ids.update(tid(st, weights.stem) for st in en_stems(s) if st in dictionary)
        ids.update(tid("#n:" + x, weights.number) for x in numbers(s))
        if weights.number_words:
            ids.update(tid("#w:" + x, weights.stem) for x in en_number_words(s))
        ids.update(tid("#l:" + t, weights.latin) for t in latin_tokens(s) if t in zh_latin_vocab)
        if weights.unit:
            ids.update(tid("#u:" + x, weights.unit) for x in en_units(s))
        if weights.section:
            ids.update(tid("#s:" + x, weights.section) for x in en_section_labels(s))
        if weights.heading and en_is_heading(s):
            ids.add(tid("#h", weights.heading))
        en_sets.append(ids)
    return en_sets


def _add_english_terms(
    en_n: list[str], en_sets: list[set[int]], matcher: GlossaryMatcher, weights: FeatureWeights,
    tid: Callable[[str, float], int],
) -> None:
    """Glossary terms through the scorer's matcher (`aligner.glossary_match`): one reading of a
    term for alignment and scoring, a cost that does not grow with the glossary."""
    for ids, s in zip(en_sets, en_n, strict=True):
        for m in matcher.find_en(s):
            ids.add(tid(f"#g:{m.term}", weights.term))


def _add_chinese_evidence(
    zh_n: list[str], zh_spaced: list[str], zh_latin: list[set[str]], zh_sets: list[set[int]],
    matcher: GlossaryMatcher | None, type_id: dict[str, int], weights: FeatureWeights,
) -> None:
    """Numbers (also in Chinese numerals), Latin tokens, glossary renderings, section labels
    and heading lines in each Chinese sentence that are types of this document. Labels and
    headings are read from ``zh_spaced``, which keeps the space that separates a label."""
    found_terms = {int(key[3:]): k for key, k in type_id.items() if key.startswith("#g:")}
    for s, spaced, latin, ids in zip(zh_n, zh_spaced, zh_latin, zh_sets, strict=True):
        digits = numbers(s)
        keys = ["#n:" + x for x in digits]
        if weights.number_words:
            counts = zh_numerals(s)
            keys += ["#n:" + x for x in counts]
            keys += ["#w:" + x for x in (*digits, *counts)]
        if weights.unit:
            keys += ["#u:" + x for x in zh_units(s)]
        if weights.section:
            keys += ["#s:" + x for x in zh_section_labels(spaced)]
        if weights.heading and zh_is_heading(spaced):
            keys.append("#h")
        for key in keys:
            k = type_id.get(key)
            if k is not None:
                ids.add(k)
        for t in latin:
            k = type_id.get("#l:" + t)
            if k is not None:
                ids.add(k)
        for term, k in found_terms.items():
            if any(f in s for f in _zh_forms(matcher, term)):
                ids.add(k)


def _idf_weights(
    type_w: list[float], en_sets: list[set[int]], weights: FeatureWeights
) -> np.ndarray:
    weight = np.asarray(type_w, dtype=np.float64)
    if weights.idf and en_sets:
        df = np.zeros(len(type_w))
        for ids in en_sets:
            df[list(ids)] += 1
        weight = weight * (1.0 + np.log(len(en_sets) / np.maximum(df, 1.0)))
    return weight


def _assemble(
    *,
    en_len: np.ndarray,
    zh_len: np.ndarray,
    en_types: list[np.ndarray],
    zh_types: list[np.ndarray],
    weight: np.ndarray,
    strong: np.ndarray,
    keys: tuple[str, ...] = (),
) -> DocFeatures:
    """DocFeatures with the fields derived from the type lists (norms, the ZH inverted index)
    computed here, so a fine and a coarsened document derive them the same way."""
    by_type: list[list[int]] = [[] for _ in weight]
    for j, ids in enumerate(zh_types):
        for k in ids.tolist():
            by_type[k].append(j)
    return DocFeatures(
        en_len=en_len,
        zh_len=zh_len,
        en_types=en_types,
        zh_types=zh_types,
        weight=weight,
        en_norm=np.array([weight[t].sum() for t in en_types], dtype=np.float64),
        zh_norm=np.array([weight[t].sum() for t in zh_types], dtype=np.float64),
        zh_by_type=[np.asarray(x, dtype=np.int64) for x in by_type],
        strong=strong,
        keys=keys,
    )


def coarsen(feats: DocFeatures, k_en: int, k_zh: int) -> DocFeatures:
    """The same document with every ``k_en`` EN and ``k_zh`` ZH sentences merged into one,
    for the coarse pass of coarse-to-fine search (types are unions, lengths sums)."""

    def groups(types: list[np.ndarray], k: int) -> list[np.ndarray]:
        return [
            np.unique(np.concatenate(types[s : s + k])) if types[s : s + k] else types[s]
            for s in range(0, len(types), k)
        ]

    def sums(x: np.ndarray, k: int) -> np.ndarray:
        return np.add.reduceat(x, np.arange(0, len(x), k)) if len(x) else x

    return _assemble(
        en_len=sums(feats.en_len, k_en),
        zh_len=sums(feats.zh_len, k_zh),
        en_types=groups(feats.en_types, k_en),
        zh_types=groups(feats.zh_types, k_zh),
        weight=feats.weight,
        strong=feats.strong,
        keys=feats.keys,
    )


def _clamp(x: np.ndarray, top: int) -> np.ndarray:
    """``np.clip(x, 0, top)`` without its per-call overhead (it dominates on small documents)."""
    return np.minimum(np.maximum(x, 0), top)


def _zh_forms(matcher: GlossaryMatcher | None, term: int) -> tuple[str, ...]:
    """Approved Chinese and tolerated variants of a glossary term, normalised as the aligner
    normalises Chinese (no spaces); cached on the matcher."""
    if matcher is None:
        return ()
    cache = matcher.cache.setdefault("aligner-zh", {})
    forms = cache.get(term)
    if forms is None:
        t = matcher.terms[term]
        forms = cache[term] = tuple(normalise(f).replace(" ", "")
                                    for f in (t.zh, *t.variants) if f.strip())
    return forms


_ZH_WORDS: dict[tuple[int, int, bool], tuple[Mapping, dict]] = {}


def _zh_words(
    dictionary: Mapping[str, Sequence[str]], max_len: int, single_char: bool
) -> dict[str, frozenset[str]]:
    """Per dictionary and word filter, a memo: stem → its Chinese words that `extract` looks
    for. Filled as stems are met, so each stem is filtered once per process,
    not once per document. The dictionary is taken as read-only (as `en_zh_index`'s is)."""
    key = (id(dictionary), max_len, single_char)
    hit = _ZH_WORDS.get(key)
    if hit is None or hit[0] is not dictionary:
        if len(_ZH_WORDS) >= 8:
            _ZH_WORDS.pop(next(iter(_ZH_WORDS)))
        hit = _ZH_WORDS[key] = (dictionary, {})
    return hit[1]


def _dictionary_evidence(
    zh_n: Sequence[str],
    stems: Mapping[str, int],
    dictionary: Mapping[str, Sequence[str]],
    weights: FeatureWeights,
) -> list[set[int]]:
    """Per Chinese sentence, the types (of ``stems``: stem → type id) whose dictionary words it
    contains, as substrings (or jieba tokens, ``zh_match="jieba"``).

    Two ways to the same sets, for speed. A short document holds few of its stems' words (an
    abstract's stems have ~2,400, ~200 of them present): each sentence's candidate strings go
    into a set and only the stems' words among them are indexed (set intersections). A long
    one holds most of them (the Bible pair: 6,300 sentences), where indexing every word and
    probing each substring is cheaper than building the sets."""
    memo = _zh_words(dictionary, weights.max_zh_word, weights.single_char)

    def words_of(stem: str) -> frozenset[str]:
        found = memo.get(stem)
        if found is None:
            found = memo[stem] = _filter_words(dictionary[stem], weights)
        return found

    lookup: dict[str, list[int]] = {}  # a stem's word -> the types it evidences
    if len(zh_n) <= FEW_SENTENCES or weights.zh_match == "jieba":
        pieces = [_candidate_words(s, weights) for s in zh_n]
        present = set().union(*pieces)
        for stem, k in stems.items():
            for word in words_of(stem) & present:
                lookup.setdefault(word, []).append(k)
        out = []
        for candidates in pieces:
            ids: set[int] = set()
            for word in candidates & lookup.keys():
                ids.update(lookup[word])
            out.append(ids)
        return out
    for stem, k in stems.items():
        for word in words_of(stem):
            lookup.setdefault(word, []).append(k)
    lengths = sorted({len(w) for w in lookup})
    out = []
    for s in zh_n:
        ids = set()
        for length in lengths:
            for start in range(len(s) - length + 1):
                hit = lookup.get(s[start : start + length])
                if hit:
                    ids.update(hit)
        out.append(ids)
    return out


FEW_SENTENCES = 100  # Chinese sentences up to which `_dictionary_evidence` builds sets


def _filter_words(words: Sequence[str], weights: FeatureWeights) -> frozenset[str]:
    return frozenset(
        w for w in words if len(w) <= weights.max_zh_word and (weights.single_char or len(w) > 1)
    )


def _candidate_words(sentence: str, weights: FeatureWeights) -> set[str]:
    """The strings of a Chinese sentence that can evidence a dictionary word: every substring
    up to ``max_zh_word`` characters, or jieba's tokens when ``zh_match="jieba"``."""
    if weights.zh_match == "jieba":
        from aligner.segment.words import zh_words

        return set(zh_words(sentence))
    n = len(sentence)
    return {
        sentence[start : start + length]
        for length in range(1, weights.max_zh_word + 1)
        for start in range(n - length + 1)
    }


class PairScores:
    """Weighted count of shared anchor types for EN sentence ``i`` × ZH sentence ``j``.

    Row ``i`` covers ZH sentences ``start[i] <= j < start[i] + width``; outside it the score is
    taken as 0. Rows are stored as cumulative sums in one dense (n, width + 1) array, so the sum
    over a block of sentences is two look-ups per EN sentence, vectorised over many blocks.
    """

    def __init__(
        self,
        feats: DocFeatures,
        start: np.ndarray,
        stop: np.ndarray,
        weight: np.ndarray | None = None,
    ):
        n = len(feats.en_types)
        self.start = start.astype(np.int64)
        self.width = int((stop - start).max()) if n else 0
        rows = np.zeros((n, self.width + 1))
        w = feats.weight if weight is None else weight
        for i, types in enumerate(feats.en_types):
            s0, s1 = int(start[i]), int(stop[i])
            for k in types.tolist():
                if not w[k]:
                    continue
                js = feats.zh_by_type[k]
                a, b = np.searchsorted(js, (s0, s1))
                if b > a:
                    rows[i, js[a:b] - s0 + 1] += w[k]
        self.cum = np.cumsum(rows, axis=1)

    @classmethod
    def for_window(
        cls,
        feats: DocFeatures,
        lo: np.ndarray,
        hi: np.ndarray,
        max_a: int,
        max_b: int,
        weight: np.ndarray | None = None,
    ) -> PairScores:
        """Rows wide enough for every link of up to ``max_a``×``max_b`` sentences in the DP
        window ``lo``/``hi`` (which bounds ZH *end* positions after ``i`` EN sentences)."""
        n = len(feats.en_len)
        m = len(feats.zh_len)
        start = np.empty(n, dtype=np.int64)
        stop = np.empty(n, dtype=np.int64)
        for i in range(n):
            rows = slice(i + 1, min(i + max_a, n) + 1)
            start[i] = max(int(lo[rows].min()) - max_b, 0)
            stop[i] = min(int(hi[rows].max()), m)
        return cls(feats, start, stop, weight)

    def cells(self, i0: np.ndarray, a: int, j0: np.ndarray, b: int) -> list[list[np.ndarray]]:
        """``cells[r][t]`` = score of EN ``i0 + r`` × ZH ``j0 + t`` (r < a, t < b), elementwise
        over the broadcast arrays ``i0`` and ``j0``."""
        i0, j0 = np.broadcast_arrays(i0, j0)
        top = self.width
        out = []
        for r in range(a):
            i = i0 + r
            s = self.start[i]
            left = self.cum[i, _clamp(j0 - s, top)]
            row = []
            for t in range(b):
                right = self.cum[i, _clamp(j0 + t + 1 - s, top)]
                row.append(right - left)
                left = right
            out.append(row)
        return out
