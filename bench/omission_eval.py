"""Omission and partial-translation recall, and false findings on clean text, as one table.

    python bench/omission_eval.py [--method lexical] [--datasets paramed,mac,tico,syn]
                                  [--trials 20] [--window 30] [--seed 1]

Errors are injected into gold documents the way they happen in real translation work:

- ``del1-en`` / ``del1-zh``: one sentence of a gold 1-1 link deleted from one side (the English
  left untranslated, or a Chinese sentence with no source). Found when its counterpart comes out
  alone (a 1-0 / 0-1 link) or the link holding the counterpart gets an ``omission`` or
  ``partial`` finding.
- ``del2`` / ``del3``: two / three consecutive 1-1 links lose their Chinese (a skipped
  paragraph). Recall is per orphaned English sentence.
- ``insert``: a Chinese sentence of another document of the same set inserted at a random
  position (pasted from the wrong file). Found when it comes out alone or its link is flagged.
- ``partial``: the second half of a long Chinese sentence (≥ 40 characters, cut at the clause
  boundary ，；, nearest its middle) deleted, the sentence still ending in 。 (a dropped
  clause). Found when the English sentence's link gets an ``omission``/``partial`` finding or
  the English comes out alone.
- ``clean``: the untouched excerpts: false ``omission``/``partial`` findings and false null
  links per 100 sentences (mean of both sides' counts); a finding on a link that holds a
  sentence the gold itself leaves without counterpart (MAC-Dev, the synthetic abstracts'
  untranslated lines) is true, not false.

Documents longer than ``--window`` gold links are cut into an excerpt of that many consecutive
gold links around the injection point (abstract-sized; also what keeps the run to minutes on a
shared machine); ``--window 0`` aligns whole documents. ``--trials`` injection points per
document, case and side, drawn with a fixed seed. Alignment and evidence use no glossary (the
pipeline's default); findings come from the library's `CheckScorer` (every check named
``omission``, ``partial`` or ``empty-link`` it knows), so the figure is what ``aligner score``
reports. Data: ``$ALIGNER_DATA`` or ``../shared/data``; skipped
when absent. Everything here is out-of-sample for the omission thresholds only if they were
chosen on other sets: see bench/omission_cv.py.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from _data import data_dir, missing

sys.path.insert(0, str(Path(__file__).resolve().parent))
from align_eval import Doc, load  # noqa: E402

FLAG_CHECKS = ("omission", "partial", "empty-link")


def load_set(name: str, root: Path, syn_docs: int = 60) -> list[Doc] | None:
    if name == "tico":
        path = root / "tico19-enzh" / "tico19-enzh.jsonl"
        if not path.exists():
            return None
        with path.open(encoding="utf-8") as f:
            rows = [json.loads(line) for line in f]
        return [Doc(r["doc_id"], r["en"], r["zh"],
                    [(tuple(e), tuple(z)) for e, z in r["gold"]]) for r in rows]
    if name == "syn":
        docs = load("syn", root)
        return docs[:syn_docs] if docs else docs
    return load(name, root)


# --- aligning and flagging ------------------------------------------------------------------------


def _alignment(en: Sequence[str], zh: Sequence[str], links):
    from aligner.model import Alignment, Document, Sentence

    def sentences(texts: Sequence[str], sep: str) -> tuple[str, list[Sentence]]:
        out, pos = [], 0
        for t in texts:
            out.append(Sentence(t, pos, pos + len(t)))
            pos += len(t) + len(sep)
        return sep.join(texts), out

    en_text, en_s = sentences(en, " ")
    zh_text, zh_s = sentences(zh, "")
    return Alignment(Document("bench", en_text, zh_text), en_s, zh_s, list(links))


_SCORER = None


def flagged(method: str, en: list[str], zh: list[str],
            real: tuple = ()) -> tuple[set, set, int, int]:
    """Align, score; return (EN indices flagged, ZH indices flagged, false findings, false null
    links), where a finding or null link is false unless its link holds a sentence of ``real``.

    A sentence is flagged when it is in a null link or in a link with a finding of one of
    `FLAG_CHECKS`."""
    global _SCORER
    from aligner.align.evidence import link_evidence
    from aligner.score.qa import CHECKS, CheckScorer

    if _SCORER is None:
        _SCORER = CheckScorer(None, [c for c in FLAG_CHECKS if c in CHECKS])
    links = METHODS[method](en, zh)
    alignment = _alignment(en, zh, links)
    alignment.evidence = link_evidence(en, zh, links)  # what `Pipeline.score` attaches
    report = _SCORER.score(alignment)
    bad_links = {f.link for f in report.findings}
    real_en = {i for side, i in real if side == "en"}
    real_zh = {j for side, j in real if side == "zh"}

    def true(k: int) -> bool:
        return bool(real_en & set(links[k].en) or real_zh & set(links[k].zh))

    false_findings = sum(1 for f in report.findings if not true(f.link))
    nulls = sum(1 for k, link in enumerate(links) if (not link.en or not link.zh) and not true(k))
    en_f: set[int] = set()
    zh_f: set[int] = set()
    for k, link in enumerate(links):
        if k in bad_links or not link.en or not link.zh:
            en_f.update(link.en)
            zh_f.update(link.zh)
    return en_f, zh_f, false_findings, nulls


def _lexical(en, zh):
    from aligner.align import align_sentences

    return align_sentences(en, zh)


def _semantic(en, zh):
    from aligner.align.semantic import align_semantic

    return align_semantic(en, zh)


METHODS: dict[str, Callable] = {"lexical": _lexical, "semantic": _semantic}


# --- injections -----------------------------------------------------------------------------------


@dataclass
class Excerpt:
    en: list[str]
    zh: list[str]
    gold: list[tuple[tuple[int, ...], tuple[int, ...]]]


def excerpt(doc: Doc, centre: int, window: int) -> tuple[Excerpt, int]:
    """``window`` consecutive gold links around gold link ``centre`` (renumbered), and the
    position of ``centre`` in it."""
    gold = doc.gold
    if window <= 0 or len(gold) <= window:
        lo = 0
        part = gold
    else:
        lo = min(max(centre - window // 2, 0), len(gold) - window)
        part = gold[lo : lo + window]
    en_ix = [i for e, _ in part for i in e]
    zh_ix = [j for _, z in part for j in z]
    en_map = {i: k for k, i in enumerate(en_ix)}
    zh_map = {j: k for k, j in enumerate(zh_ix)}
    return Excerpt(
        [doc.en[i] for i in en_ix],
        [doc.zh[j] for j in zh_ix],
        [(tuple(en_map[i] for i in e), tuple(zh_map[j] for j in z)) for e, z in part],
    ), centre - lo


def one_one(gold) -> list[int]:
    return [k for k, (e, z) in enumerate(gold) if len(e) == 1 and len(z) == 1]


def runs(gold, length: int) -> list[int]:
    ok = set(one_one(gold))
    return [k for k in range(len(gold) - length + 1) if all(k + d in ok for d in range(length))]


_CLAUSE = re.compile(r"[，；,;]")


def halve(zh: str) -> str | None:
    """The Chinese sentence with the clauses after its middle-most clause boundary dropped."""
    body = zh.rstrip("。.！？!? ")
    if len(body) < 40:
        return None
    cuts = [m.start() for m in _CLAUSE.finditer(body)]
    cuts = [c for c in cuts if 0.3 * len(body) <= c <= 0.7 * len(body)]
    if not cuts:
        return None
    c = min(cuts, key=lambda x: abs(x - len(body) / 2))
    return body[:c] + "。"


@dataclass
class Tally:
    hits: int = 0
    trials: int = 0

    def add(self, found: bool) -> None:
        self.hits += bool(found)
        self.trials += 1

    def rate(self) -> str:
        return f"{self.hits / self.trials:.3f} ({self.trials})" if self.trials else "n/a"


@dataclass
class SetResult:
    cases: dict[str, Tally] = field(default_factory=dict)
    clean_sent: float = 0.0
    clean_findings: int = 0
    clean_nulls: int = 0

    def tally(self, case: str) -> Tally:
        return self.cases.setdefault(case, Tally())


CASES = ("del1-en", "del1-zh", "del2", "del3", "insert", "partial")


@dataclass(frozen=True)
class Trial:
    """One aligned input: ``case`` (one of `CASES` or "clean"), the two sides, and the
    sentences whose flagging counts as found (("en"|"zh", index) pairs; for clean inputs, the
    sentences the gold itself leaves without a counterpart)."""

    case: str
    en: list[str]
    zh: list[str]
    targets: tuple[tuple[str, int], ...] = ()


def trials_of(docs: list[Doc], trials: int, window: int, seed: int, progress: bool = True):
    """Every injected and clean input of a set, in a fixed order (the seed fixes the draws)."""
    rng = random.Random(seed)
    for d_index, doc in enumerate(docs):
        # clean: the whole document cut into consecutive windows
        step = window if window > 0 else len(doc.gold)
        for start in range(0, len(doc.gold), max(step, 1)):
            ex, _ = excerpt(doc, start + step // 2, window)
            # the gold's own null links are true omissions, not false findings
            real = tuple(("en", i) for e, z in ex.gold if not z for i in e) + tuple(
                ("zh", j) for e, z in ex.gold if not e for j in z)
            yield Trial("clean", ex.en, ex.zh, real)
        singles = one_one(doc.gold)
        for side in ("en", "zh"):
            for k in rng.sample(singles, min(trials, len(singles))):
                ex, c = excerpt(doc, k, window)
                (i,), (j,) = ex.gold[c]
                if side == "en":  # English deleted: the Chinese j is orphaned
                    yield Trial("del1-en", ex.en[:i] + ex.en[i + 1 :], ex.zh, (("zh", j),))
                else:
                    yield Trial("del1-zh", ex.en, ex.zh[:j] + ex.zh[j + 1 :], (("en", i),))
        for length in (2, 3):
            starts = runs(doc.gold, length)
            for k in rng.sample(starts, min(trials, len(starts))):
                ex, c = excerpt(doc, k + length // 2, window)
                c0 = c - length // 2
                ens = [ex.gold[c0 + d][0][0] for d in range(length)]
                drop = {ex.gold[c0 + d][1][0] for d in range(length)}
                zh = [s for j, s in enumerate(ex.zh) if j not in drop]
                yield Trial(f"del{length}", ex.en, zh, tuple(("en", i) for i in ens))
        others = [o for o in docs if o is not doc] or [doc]
        for _ in range(min(trials, len(doc.gold))):
            k = rng.randrange(len(doc.gold))
            ex, _ = excerpt(doc, k, window)
            other = rng.choice(others)
            if not other.zh:
                continue
            extra = rng.choice(other.zh)
            pos = rng.randrange(len(ex.zh) + 1)
            yield Trial("insert", ex.en, ex.zh[:pos] + [extra] + ex.zh[pos:], (("zh", pos),))
        long = [k for k in singles if halve(doc.zh[doc.gold[k][1][0]])]
        for k in rng.sample(long, min(trials, len(long))):
            ex, c = excerpt(doc, k, window)
            (i,), (j,) = ex.gold[c]
            zh = list(ex.zh)
            zh[j] = halve(zh[j]) or zh[j]
            yield Trial("partial", ex.en, zh, (("en", i),))
        if progress:
            print(f"  {d_index + 1}/{len(docs)} {doc.id}", file=sys.stderr, flush=True)


def evaluate(method: str, docs: list[Doc], trials: int, window: int, seed: int) -> SetResult:
    res = SetResult()
    for t in trials_of(docs, trials, window, seed):
        en_f, zh_f, n_find, n_null = flagged(method, t.en, t.zh, t.targets)
        if t.case == "clean":
            res.clean_sent += (len(t.en) + len(t.zh)) / 2
            res.clean_findings += n_find
            res.clean_nulls += n_null
            continue
        for side, k in t.targets:
            res.tally(t.case).add(k in (en_f if side == "en" else zh_f))
    return res


def print_table(rows: list[tuple[str, str, SetResult]]) -> None:
    head = ["set", "method", *CASES, "false findings/100", "false nulls/100"]
    print("| " + " | ".join(head) + " |")
    print("|" + "---|" * len(head))
    for name, method, r in rows:
        per = 100 / r.clean_sent if r.clean_sent else 0.0
        cells = [name, method, *(r.cases.get(c, Tally()).rate() for c in CASES),
                 f"{r.clean_findings * per:.2f}", f"{r.clean_nulls * per:.2f}"]
        print("| " + " | ".join(cells) + " |")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--method", default="lexical", help="lexical, semantic or both (a,b)")
    parser.add_argument("--datasets", default="paramed,mac,tico,syn")
    parser.add_argument("--trials", type=int, default=20)
    parser.add_argument("--window", type=int, default=30)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    if missing("omission_eval"):
        return 0
    root = data_dir()
    rows = []
    t0 = time.process_time()
    for method in args.method.split(","):
        for name in args.datasets.split(","):
            docs = load_set(name, root)
            if not docs:
                print(f"{name}: not found, skipped", file=sys.stderr)
                continue
            rows.append((name, method, evaluate(method, docs, args.trials, args.window,
                                                args.seed)))
    print_table(rows)
    print(f"\ncpu {time.process_time() - t0:.0f} s; window {args.window} gold links, "
          f"{args.trials} trials/doc/case, seed {args.seed}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
