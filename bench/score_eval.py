"""Recall of injected translation errors, false findings on clean links, and scoring speed.

    python bench/score_eval.py [--repeat 20]

Data: ParaMed's NEJM dev documents (``paramed-nejm-dev``) from ``$ALIGNER_DATA`` or
``../shared/data`` next to the checkout; skipped with a message when absent (the data may never
be copied into the repository). The gold links are used as the alignment, so this measures the
scorers, not the aligner.

Preparation of the (tokenised, lowercased) source: Moses escapes undone (`@-@`, `&apos;`,
`&#91;`), spaces before punctuation removed, and Latin tokens written in *both* languages of a
document (`bmi`, `ci`, a trial registration number) upper-cased on both sides, standing in for
the acronym casing the lowercased release lost.

Injected errors, one kind per copy of a document, into every eligible clean link:
- term-forbidden: an approved glossary form present in the Chinese replaced by a forbidden one
  (the NEJM-domain glossary `GLOSSARY` below, written for this bench);
- numbers: a digit number present on both sides changed in the Chinese;
- acronym: an upper-case token present on both sides deleted from the Chinese;
- untranslated: the Chinese replaced by the English sentence;
- brackets: one closing bracket deleted from the Chinese.
Errors are injected only into links on which the unmodified document has no finding, so a
hit is caused by the injection: a finding of the expected check on the injected link. False
findings are all findings on the unmodified documents, per 100 links with both sides (the gold
data is taken as clean; the table lists a few of them so a reader can judge).
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
from collections import Counter
from dataclasses import replace
from pathlib import Path

from _data import data_dir, missing

from aligner.model import Alignment, Document, Glossary, Link, Sentence, Term
from aligner.score import AgreementScorer, Scorers

# A small NEJM-domain glossary (approved, variants, forbidden), written for this benchmark.
GLOSSARY = Glossary([
    Term("chemoradiotherapy", "放化疗", ("化放疗",), ("化学放射疗法组合",)),
    Term("induction chemotherapy", "诱导化疗", (), ("引导化疗",)),
    Term("nasopharyngeal carcinoma", "鼻咽癌", (), ("鼻咽肿瘤",)),
    Term("overall survival", "总生存", (), ("整体存活",)),
    Term("recurrence-free survival", "无复发生存", (), ("无再发存活",)),
    Term("hazard ratio", "风险比", (), ("危害比",)),
    Term("confidence interval", "置信区间", (), ("信赖区间",)),
    Term("cisplatin", "顺铂", (), ("顺氯氨铂",)),
    Term("gemcitabine", "吉西他滨", (), ("健择",)),
    Term("randomized", "随机", (), ("任意分配",)),
    Term("adverse event", "不良事件", (), ("副作用事件",)),
    Term("sugar-sweetened beverage", "含糖饮料", (), ("加糖饮品",)),
    Term("water intake", "饮水", (), ("喝水量",)),
    Term("children", "儿童", ("孩子",), ("小孩",)),
    Term("patients", "患者", ("病人",), ("病患",)),
    Term("trial", "试验", (), ("实验",)),
    Term("placebo", "安慰剂", (), ("假药",)),
    Term("primary end point", "主要终点", (), ("首要终点",)),
    Term("incidence", "发生率", ("发病率",), ("出现率",)),
    Term("toxic effects", "毒性作用", ("毒性",), ("毒害",)),
], source="nejm-bench")

KINDS = ("term-forbidden", "numbers", "acronym", "untranslated", "brackets")


_ESCAPES = [(" @-@ ", "-"), ("@-@", "-"), ("&apos;", "'"), ("&quot;", '"'), ("&#91;", "["),
            ("&#93;", "]"), ("&amp;", "&"), ("&lt;", "<"), ("&gt;", ">")]


def detok_en(s: str) -> str:
    for a, b in _ESCAPES:
        s = s.replace(a, b)
    s = re.sub(r"\s+([.,;:?!)\]%])", r"\1", s)
    s = re.sub(r"([(\[])\s+", r"\1", s)
    return s.strip()


def detok_zh(s: str) -> str:
    s = re.sub(r"(?<=\d)\s*,\s*(?=\d{3}(?!\d))", ",", s)
    return re.sub(r"\s+", " ", s).strip()


_ZH_LATIN_RUN = re.compile(r"[A-Za-z0-9]+(?:[\s\-.,;:/&'@]+[A-Za-z0-9]+)*")


def recase(en: list[str], zh: list[str]) -> tuple[list[str], list[str]]:
    """Upper-case Latin tokens that a document writes in both languages and that stand alone
    in the Chinese (`bmi值`, `[ ci ]`, a trial registration number): acronyms kept verbatim,
    which lost their case in the lowercased release. Runs of Latin words in the Chinese
    (citations such as a journal's lower-cased name and title) are English text, not acronyms,
    and are left alone."""
    alone = set()
    for s in zh:
        for m in _ZH_LATIN_RUN.finditer(s):
            token = m.group(0)
            if re.fullmatch(r"[a-z][a-z0-9]{1,11}", token):
                alone.add(token)
    en_tokens = set(re.findall(r"\b[a-z][a-z0-9]{1,11}\b", " ".join(en)))
    shared = alone & (en_tokens | {t[:-1] for t in en_tokens if t.endswith("s")})
    shared -= {"vs", "et", "al", "dr", "mr", "ms", "no", "fig"}  # abbreviations, not acronyms
    if not shared:
        return en, zh
    pat = re.compile(r"(?<![A-Za-z0-9])(" + "|".join(map(re.escape, sorted(shared, key=len,
                                                                            reverse=True)))
                     + r")(s?)(?![A-Za-z0-9])")

    def up(m: re.Match[str]) -> str:
        return m.group(1).upper() + m.group(2)

    return [pat.sub(up, s) for s in en], [pat.sub(up, s) for s in zh]


def load_documents(path: Path) -> list[Alignment]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        d = json.loads(line)
        en = [detok_en(s) for s in d["en"]]
        zh = [detok_zh(s) for s in d["zh_detok"]]
        en, zh = recase(en, zh)
        gold = d.get("gold_corrected") or d["gold"]
        links = [Link(tuple(e), tuple(z), 1.0) for e, z in gold]
        out.append(make_alignment(d["doc_id"], en, zh, links))
    return out


def make_alignment(doc_id: str, en: list[str], zh: list[str], links: list[Link]) -> Alignment:
    def sents(parts: list[str], sep: str) -> tuple[str, list[Sentence]]:
        text, out = "", []
        for p in parts:
            text += sep if text else ""
            out.append(Sentence(p, len(text), len(text) + len(p)))
            text += p
        return text, out

    en_text, en_s = sents(en, " ")
    zh_text, zh_s = sents(zh, "")
    # gold files may skip a sentence; links are used as given (the scorers only read `links`)
    return Alignment(Document(doc_id, en_text, zh_text), en_s, zh_s, links, method="gold")


def with_zh(a: Alignment, changes: dict[int, str]) -> Alignment:
    """A copy whose Chinese sentences `changes` (index → text) are replaced."""
    zh = [Sentence(changes.get(j, s.text), s.start, s.start + len(changes.get(j, s.text)))
          for j, s in enumerate(a.zh)]
    return replace(a, zh=zh)


# --- injections: link → {zh sentence index: new text}, or None when not eligible ----------------


def inject_term(a: Alignment, link: Link, rng: random.Random, scorers: Scorers):
    hits = scorers.terms.hits_for_link(a.doc.id, 0, a.en_text(link), a.zh_text(link))
    ok = [h for h in hits if h.status == "ok"]
    if not ok:
        return None
    hit = rng.choice(ok)
    term = next(t for t in GLOSSARY if t.en == hit.term)
    j = next((j for j in link.zh if term.zh in a.zh[j].text), None)
    if j is None:
        return None
    return {j: a.zh[j].text.replace(term.zh, term.forbidden[0])}


def inject_number(a: Alignment, link: Link, rng: random.Random, scorers: Scorers):
    en = a.en_text(link)
    en_nums = set(re.findall(r"\d+(?:\.\d+)?", en.replace(",", "")))
    spots = [(j, m) for j in link.zh for m in re.finditer(r"\d+(?:\.\d+)?", a.zh[j].text)
             if m.group(0) in en_nums]
    if not spots:
        return None
    j, m = rng.choice(spots)
    value = m.group(0)
    last = value[-1]
    changed = value[:-1] + str((int(last) + rng.randint(1, 8)) % 10)
    if changed.lstrip("0") == "" or changed in en_nums:
        return None
    text = a.zh[j].text
    return {j: text[: m.start()] + changed + text[m.end():]}


def inject_acronym(a: Alignment, link: Link, rng: random.Random, scorers: Scorers):
    en = a.en_text(link)
    tokens = set(re.findall(r"\b[A-Z][A-Z0-9]+\b", en))
    spots = [(j, t) for j in link.zh for t in tokens
             if re.search(rf"(?<![A-Za-z0-9]){re.escape(t)}(?![A-Za-z0-9])", a.zh[j].text)]
    if not spots:
        return None
    j, t = rng.choice(spots)
    pattern = rf"(?<![A-Za-z0-9]){re.escape(t)}(?![A-Za-z0-9])"
    return {j: re.sub(pattern, "", a.zh[j].text)}


def inject_untranslated(a: Alignment, link: Link, rng: random.Random, scorers: Scorers):
    en = a.en_text(link)
    if len(re.findall(r"[A-Za-z]{2,}", en)) < 4:
        return None
    changes = {j: "" for j in link.zh}
    changes[link.zh[0]] = en
    return changes


def inject_bracket(a: Alignment, link: Link, rng: random.Random, scorers: Scorers):
    spots = [(j, m.start()) for j in link.zh for m in re.finditer(r"[)）\]】]", a.zh[j].text)]
    if not spots:
        return None
    j, at = rng.choice(spots)
    text = a.zh[j].text
    return {j: text[:at] + text[at + 1:]}


INJECTORS = {"term-forbidden": inject_term, "numbers": inject_number,
             "acronym": inject_acronym, "untranslated": inject_untranslated,
             "brackets": inject_bracket}


def clean_links(a: Alignment) -> list[int]:
    return [i for i, link in enumerate(a.links) if link.en and link.zh]


def evaluate(docs: list[Alignment], scorers: Scorers, seed: int = 7) -> dict:
    rng = random.Random(seed)
    clean_findings = []
    n_clean = 0
    flagged_clean: dict[str, set[int]] = {}
    for a in docs:
        score = scorers.score(a)
        n_clean += len(clean_links(a))
        clean_findings += score.findings
        flagged_clean[a.doc.id] = {f.link for f in score.findings}
    recall: dict[str, list[int]] = {k: [0, 0] for k in KINDS}
    for kind in KINDS:
        for a in docs:
            changes: dict[int, str] = {}
            injected = []
            for i in clean_links(a):
                if i in flagged_clean[a.doc.id]:
                    continue  # measure on links the scorers find clean
                change = INJECTORS[kind](a, a.links[i], rng, scorers)
                if change:
                    changes.update(change)
                    injected.append(i)
            if not injected:
                continue
            score = scorers.score(with_zh(a, changes))
            found = {f.link for f in score.findings if f.check == kind}
            recall[kind][0] += sum(1 for i in injected if i in found)
            recall[kind][1] += len(injected)
    return {"recall": recall, "clean_findings": clean_findings, "clean_links": n_clean}


def perturbed(a: Alignment, rng: random.Random, rate: float = 0.1) -> Alignment:
    """Another version: about `rate` of the characters replaced by common function characters
    (a realistic edit distance; a reversed or unrelated text makes TER's shift search far
    slower)."""
    def edit(text: str) -> str:
        chars = list(text)
        for _ in range(int(len(chars) * rate)):
            chars[rng.randrange(len(chars))] = rng.choice("的了和在是有")
        return "".join(chars)

    return with_zh(a, {j: edit(s.text) for j, s in enumerate(a.zh) if s.text})


def timing(docs: list[Alignment], scorers: Scorers, repeat: int) -> dict[str, float]:
    from aligner import normalize
    from aligner.score import numbers

    links = sum(len(a.links) for a in docs)
    elapsed = 0.0
    for _ in range(repeat):
        # per-sentence caches would make every repetition after the first free: clear them, so
        # each pass costs what new text costs (word-level caches, e.g. stems, stay warm)
        for cached in (normalize.nfkc, numbers._clean, numbers._en_digits):
            cached.cache_clear()
        t = time.perf_counter()
        for a in docs:
            scorers.score(a)
        elapsed += time.perf_counter() - t
    out = {"score": elapsed / (repeat * links) * 1000}
    rng = random.Random(3)
    other = [perturbed(a, rng) for a in docs]
    for name, metrics in (("agreement", ("bleu", "chrf", "ter")),
                          ("agreement_no_ter", ("bleu", "chrf"))):
        agreement = AgreementScorer(metrics)
        t = time.perf_counter()
        for a, b in zip(docs, other, strict=True):
            agreement.score_pair(a, b)
        out[name] = (time.perf_counter() - t) / links * 1000
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=20, help="timing repetitions")
    parser.add_argument("--show", type=int, default=12, help="clean-link findings to list")
    args = parser.parse_args(argv)
    if missing("score_eval", "paramed-nejm-dev/paramed-nejm-dev.jsonl"):
        return 0
    path = data_dir() / "paramed-nejm-dev" / "paramed-nejm-dev.jsonl"
    docs = load_documents(path)
    scorers = Scorers(GLOSSARY)
    result = evaluate(docs, scorers)
    print(f"paramed-nejm-dev: {len(docs)} documents, {result['clean_links']} links with both "
          f"sides (gold alignment); glossary {len(GLOSSARY)} terms\n")
    print(f"{'injected error':<16} {'injected':>8} {'found':>6} {'recall':>7}")
    for kind, (found, total) in result["recall"].items():
        rate = f"{100 * found / total:.1f}%" if total else "n/a"
        print(f"{kind:<16} {total:>8} {found:>6} {rate:>7}")
    findings = result["clean_findings"]
    per100 = 100 * len(findings) / max(result["clean_links"], 1)
    by_check = Counter(f.check for f in findings)
    errors = sum(1 for f in findings if f.severity == "error")
    print(f"\nfindings on the clean documents: {len(findings)} = {per100:.1f} per 100 links; "
          f"errors {errors} = {100 * errors / max(result['clean_links'], 1):.1f} per 100 links "
          f"({', '.join(f'{k} {v}' for k, v in by_check.most_common())})")
    for f in findings[: args.show]:
        print(f"  {f.doc}#{f.link} {f.check}: {f.message[:90]}")
    import tracemalloc

    from aligner import normalize
    from aligner.score import matcher, numbers

    for cached in (normalize.nfkc, numbers._clean, numbers._en_digits, matcher.token_key):
        cached.cache_clear()
    tracemalloc.start()
    fresh = Scorers(GLOSSARY)  # building the scorers is part of the cost
    for a in docs:
        fresh.score(a)
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    print(f"\nmemory: peak {peak:.1f} MiB traced while building the scorers and scoring "
          f"{len(docs)} documents (Python allocations; caches included)")
    t = timing(docs, scorers, args.repeat)
    print(f"\nspeed, s per 1,000 links: terms + checks {t['score']:.3f}; agreement "
          f"BLEU+chrF+TER {t['agreement']:.2f}, BLEU+chrF only {t['agreement_no_ter']:.2f} "
          "(other version: 10% of characters substituted)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
