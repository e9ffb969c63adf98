"""Sentence-alignment accuracy, speed and memory on the shared gold sets, as one table.

    python bench/align_eval.py [--method lexical] [--datasets paramed,mac,tico,bible,syn,struct]
                               [--no-memory]

Data: ``$ALIGNER_DATA`` or ``../shared/data`` next to the checkout; skipped with a message when
absent (the data may never be copied into the repository). Scoring follows the datasets' READMEs
(Bertalign/Vecalign convention): strict = exact link match, lax = at least one EN–ZH sentence
pair in common; precision counts every predicted link (a null link is right only when the gold
has it), recall drops links with an empty side from both; counts are summed over documents.
``sec`` is wall time, ``cpu s`` process CPU time (steadier on a shared machine); ``peakMB`` is
the tracemalloc peak of a second run. The Bible gold is silver and verse-based, so its system
links are also scored after merging consecutive links that share a verse (``bible/verse``), as
Bertalign's README does. ``syn`` and ``struct`` are this project's own generated abstracts
(bench/gen_corpus.py, bench/gen_structured.py).

A method is one entry in `METHODS`: name → callable(en_sentences, zh_sentences) -> links, where a
link is anything with ``.en`` and ``.zh`` index tuples (`aligner.model.Link`).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import tracemalloc
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from _data import data_dir, missing

Pair = tuple[tuple[int, ...], tuple[int, ...]]


def _lexical(en: list[str], zh: list[str]):
    from aligner.align import align_sentences

    return align_sentences(en, zh)


def _lexical_nodict(en: list[str], zh: list[str]):
    from aligner.align import align_sentences

    return align_sentences(en, zh, use_dictionary=False)


def _semantic(en: list[str], zh: list[str]):
    from aligner.align.semantic import align_semantic  # aligner-enzh[semantic]; semantic_eval

    return align_semantic(en, zh)


def _auto(en: list[str], zh: list[str]):
    from aligner.align.semantic import align_auto

    return align_auto(en, zh)


METHODS: dict[str, Callable[[list[str], list[str]], Sequence]] = {
    "lexical": _lexical,
    "lexical-nodict": _lexical_nodict,
    "semantic": _semantic,
    "auto": _auto,
}


@dataclass
class Doc:
    id: str
    en: list[str]
    zh: list[str]
    gold: list[Pair]
    en_verse: list[str] | None = None
    zh_verse: list[str] | None = None


def _pairs(gold: Iterable) -> list[Pair]:
    return [(tuple(e), tuple(z)) for e, z in gold]


def synthetic(n: int = 300, seed: int = 7) -> list[Doc]:
    """Our own template abstracts (bench/gen_corpus.py) with 2-1 merges and 1-0 omissions:
    the gold sets have no omissions, so this is where the null-link cost is checked."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from gen_corpus import generate

    return [Doc(r.id, r.en, r.zh, _pairs(r.gold)) for r in generate(n, seed=seed)]


def structured(n: int = 300, seed: int = 13) -> list[Doc]:
    """Our own structured abstracts and article sections (bench/gen_structured.py): section
    labels, headings between 1-1 pairs, 2-4 English sentences to one Chinese, number words,
    run-in titles, Traditional Chinese."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from gen_structured import generate

    return [Doc(r.id, r.en, r.zh, _pairs(r.gold)) for r in generate(n, seed=seed)]


def load(name: str, root: Path) -> list[Doc] | None:
    if name == "syn":
        return synthetic()
    if name == "struct":
        return structured()
    files = {
        "paramed": root / "paramed-nejm-dev" / "paramed-nejm-dev.jsonl",
        "mac": root / "bertalign-mac-dev" / "bertalign-mac-dev.jsonl",
        "bible": root / "bertalign-bible-en-zh" / "bertalign-bible-en-zh.jsonl",
        "tico": root / "tico19-enzh" / "tico19-enzh.jsonl",
    }
    path = files[name]
    if not path.exists():
        return None
    docs = []
    with path.open(encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            if name == "paramed":
                gold = r["gold_corrected"] if r.get("gold_corrected") is not None else r["gold"]
                docs.append(Doc(r["doc_id"], r["en"], r["zh_detok"], _pairs(gold)))
            else:  # the JSONL gold is [en, zh] for both (checked against the link-type stats)
                docs.append(
                    Doc(
                        r["doc_id"],
                        r["en"],
                        r["zh"],
                        _pairs(r["gold"]),
                        r.get("en_verse"),
                        r.get("zh_verse"),
                    )
                )
    return docs


def _precision(
    test: Sequence[Pair], gold: Sequence[Pair], n: int, strict: int, lax: int
) -> tuple[int, int, int]:
    """Counts of `test` links (deduplicated, as Vecalign's sets) that are exactly in `gold`
    (strict) or share an EN–ZH sentence pair with a gold link (lax), added to the running
    ``n``, ``strict``, ``lax``."""
    gold_set = set(gold)
    gold_cells = {(i, j) for e, z in gold for i in e for j in z}
    for e, z in dict.fromkeys(t for t in test if t[0] or t[1]):
        n += 1
        if (e, z) in gold_set:
            strict += 1
            lax += 1
        elif any((i, j) in gold_cells for i in e for j in z):
            lax += 1
    return n, strict, lax


@dataclass
class Counts:
    strict_p: int = 0
    lax_p: int = 0
    n_pred: int = 0
    strict_r: int = 0
    lax_r: int = 0
    n_gold: int = 0

    def add(self, pred: Sequence[Pair], gold: Sequence[Pair]) -> None:
        """Vecalign's ``score.py``: precision counts every predicted link, a null link (1-0,
        0-1) included, which is right only if the gold has it too; recall is precision with
        the roles swapped after dropping links with an empty side from both."""
        self.n_pred, self.strict_p, self.lax_p = _precision(
            pred, gold, self.n_pred, self.strict_p, self.lax_p
        )
        self.n_gold, self.strict_r, self.lax_r = _precision(
            [g for g in gold if g[0] and g[1]],
            [p for p in pred if p[0] and p[1]],
            self.n_gold,
            self.strict_r,
            self.lax_r,
        )

    def prf(self, strict: bool) -> tuple[float, float, float]:
        hp, hr = (self.strict_p, self.strict_r) if strict else (self.lax_p, self.lax_r)
        p = hp / self.n_pred if self.n_pred else 0.0
        r = hr / self.n_gold if self.n_gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def merge_by_verse(pred: Sequence[Pair], en_verse: list[str], zh_verse: list[str]) -> list[Pair]:
    """Merge consecutive links that share a verse on either side (Bertalign's Bible scoring)."""
    out: list[list[list[int]]] = []
    for e, z in pred:
        if out:
            pe, pz = out[-1]
            same = (pe and e and en_verse[pe[-1]] == en_verse[e[0]]) or (
                pz and z and zh_verse[pz[-1]] == zh_verse[z[0]]
            )
            if same:
                pe.extend(e)
                pz.extend(z)
                continue
        out.append([list(e), list(z)])
    return [(tuple(e), tuple(z)) for e, z in out]


def run(method: str, name: str, docs: list[Doc], memory: bool) -> list[dict]:
    align = METHODS[method]
    counts, merged = Counts(), Counts()
    n_sent = 0
    t0, c0 = time.perf_counter(), time.process_time()
    preds = []
    for d in docs:
        links = align(d.en, d.zh)
        preds.append([(tuple(link.en), tuple(link.zh)) for link in links])
    seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
    peak = float("nan")
    if memory:
        tracemalloc.start()
        for d in docs:
            align(d.en, d.zh)
        peak = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
    for d, pred in zip(docs, preds, strict=True):
        n_sent += len(d.en) + len(d.zh)
        counts.add(pred, d.gold)
        if d.en_verse and d.zh_verse:
            merged.add(merge_by_verse(pred, d.en_verse, d.zh_verse), d.gold)
    rows = [_row(name, method, counts, n_sent, seconds, cpu, peak)]
    if merged.n_pred:
        rows.append(_row(f"{name}/verse", method, merged, n_sent, seconds, cpu, peak))
    return rows


def _row(name, method, c: Counts, n_sent, seconds, cpu, peak) -> dict:
    return {
        "dataset": name,
        "method": method,
        "strict": c.prf(True),
        "lax": c.prf(False),
        "sentences": n_sent,
        "seconds": seconds,
        "cpu": cpu,
        "peak_mb": peak,
    }


def print_table(rows: list[dict]) -> None:
    head = (
        f"{'dataset':<14}{'method':<16}{'P':>7}{'R':>7}{'F1':>7}  |{'P':>7}{'R':>7}{'F1':>7}"
        f"{'sents':>8}{'sec':>8}{'cpu s':>8}{'peakMB':>8}"
    )
    print(f"{'':<30}{'strict':^21}  |{'lax':^21}")
    print(head)
    for r in rows:
        sp, sr, sf = r["strict"]
        lp, lr, lf = r["lax"]
        print(
            f"{r['dataset']:<14}{r['method']:<16}{sp:7.3f}{sr:7.3f}{sf:7.3f}  |{lp:7.3f}{lr:7.3f}"
            f"{lf:7.3f}{r['sentences']:8d}{r['seconds']:8.2f}{r['cpu']:8.2f}{r['peak_mb']:8.1f}"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--method", default="lexical", help=f"one or more of {sorted(METHODS)}")
    parser.add_argument("--datasets", default="paramed,mac,tico,bible,syn,struct")
    parser.add_argument("--no-memory", action="store_true", help="skip the tracemalloc re-run")
    args = parser.parse_args(argv)
    if missing("align_eval"):
        return 0
    root = data_dir()
    methods = args.method.split(",")
    unknown = [m for m in methods if m not in METHODS]
    if unknown:
        parser.error(f"unknown method(s) {unknown}; known: {sorted(METHODS)}")
    if any(m.startswith("lexical") and m != "lexical-nodict" for m in methods):
        from aligner.align.dictionary import en_zh_index

        t0 = time.perf_counter()
        en_zh_index()
        print(f"CC-CEDICT index loaded in {time.perf_counter() - t0:.2f} s (not in the timings)")
    rows: list[dict] = []
    for name in args.datasets.split(","):
        docs = load(name, root)
        if docs is None:
            print(f"align_eval: {name} not found under {root}; skipping", file=sys.stderr)
            continue
        for method in methods:
            rows.extend(run(method, name, docs, memory=not args.no_memory))
    print_table(rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
