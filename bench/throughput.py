"""End-to-end corpus throughput: read, segment, align, score terms, write; records per second.

Runs the real command (`aligner align CORPUS --jobs N --glossary data/glossary.csv -f jsonl`)
as a subprocess on a synthetic corpus from `bench/gen_realistic.py` (default) or
`bench/gen_corpus.py`, once per --jobs value, and
prints a table. "wall" includes interpreter start-up, worker start-up and lazy loading of
jieba and CC-CEDICT (a fixed ~2–4 s); "steady" is the runner's own rate from its summary; "CPU
ms/rec" is the CPU time of the command and its workers per record, the figure to trust on a
machine shared with other work (wall-clock rates drop with the load average), and the
"idle-machine ceiling" is min(jobs, CPUs) / CPU time per record.
The links are also checked against the generator's gold links (strict link F1), so a speed-up
that changes results shows up here.

`--stages` profiles one process instead: milliseconds per record in each stage, the table to
read before and after optimising a hot path.

Usage:
    python bench/throughput.py                       # 2,000 realistic records, --jobs 1 and 2
    python bench/throughput.py --corpus template      # gen_corpus.py's short template records
    python bench/throughput.py -n 10000 --jobs 1 2 4
    python bench/throughput.py --stages -n 500
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

import gen_corpus  # noqa: E402  (sibling scripts, not a package)
import gen_realistic  # noqa: E402
from proctree import run_sampled  # noqa: E402

# "realistic": real-length records with an open vocabulary (the figures to quote);
# "template": gen_corpus.py's 24 templates, short records, a closed vocabulary (old figures).
GENERATORS = {"realistic": gen_realistic.generate, "template": gen_corpus.generate}


def make_corpus(path: Path, n: int, seed: int = 0, kind: str = "realistic") -> Path:
    with path.open("w", encoding="utf-8") as out:
        gen_corpus.write_jsonl(GENERATORS[kind](n, seed), out)
    return path


def run_cli(corpus: Path, jobs: int, out: Path, glossary: Path | None) -> dict:
    summary = out.with_suffix(".summary.json")
    cmd = [sys.executable, "-m", "aligner", "align", str(corpus), "--jobs", str(jobs), "-f",
           "jsonl", "-o", str(out), "--summary", str(summary), "-q"]
    if glossary:
        cmd += ["--glossary", str(glossary)]
    sample = run_sampled(cmd)
    if sample.returncode not in (0, 2):
        sys.exit(f"throughput: aligner failed ({sample.returncode}):\n{sample.stderr}")
    result = json.loads(summary.read_text())
    result["wall"] = sample.wall
    result["cpu"] = sample.cpu
    return result


def gold_f1(corpus: Path, links: Path) -> float:
    """Strict link F1 against the generator's gold links (meta.gold)."""
    gold: dict[str, set] = {}
    with corpus.open(encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            gold[r["id"]] = {(tuple(e), tuple(z)) for e, z in r["meta"]["gold"]}
    found: dict[str, set] = defaultdict(set)
    with links.open(encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            found[r["doc"]].add((tuple(r["en"]), tuple(r["zh"])))
    tp = sum(len(found[d] & g) for d, g in gold.items())
    n_found = sum(len(v) for v in found.values())
    n_gold = sum(len(g) for g in gold.values())
    p = tp / n_found if n_found else 0.0
    r = tp / n_gold if n_gold else 0.0
    return 2 * p * r / (p + r) if p + r else 0.0


def stages(corpus: Path, glossary_path: Path | None) -> None:
    """Per-stage CPU cost in one process, after warm-up (lazy loads excluded). CPU time, not
    wall time, so that other load on the machine does not inflate the figures."""
    from aligner.align import align_sentences
    from aligner.corpus.record import term_counts
    from aligner.model import Alignment
    from aligner.read import iter_documents
    from aligner.score.glossary import read_glossary
    from aligner.segment import segment_en, segment_zh

    glossary = read_glossary(glossary_path) if glossary_path else None
    t_read = time.process_time()
    docs = [d for d in iter_documents([corpus]) if not isinstance(d, Exception)]
    t_read = time.process_time() - t_read
    warm = docs[0]
    totals: dict[str, float] = defaultdict(float)
    en0, zh0 = segment_en(warm.en), segment_zh(warm.zh)
    links0 = align_sentences([s.text for s in en0], [s.text for s in zh0], glossary=glossary)
    if glossary:
        term_counts(Alignment(warm, en0, zh0, links0), glossary)
    for doc in docs:
        t0 = time.process_time()
        en = segment_en(doc.en)
        t1 = time.process_time()
        zh = segment_zh(doc.zh)
        t2 = time.process_time()
        links = align_sentences([s.text for s in en], [s.text for s in zh], glossary=glossary)
        t3 = time.process_time()
        if glossary:
            term_counts(Alignment(doc, en, zh, links), glossary)
        t4 = time.process_time()
        totals["segment en"] += t1 - t0
        totals["segment zh"] += t2 - t1
        totals["align (features + DP)"] += t3 - t2
        totals["score terms"] += t4 - t3
    n = len(docs)
    totals["read (JSONL -> Document)"] = t_read
    whole = sum(totals.values())
    print(f"stage CPU costs over {n} records, one process (lazy loads excluded)\n")
    print(f"| {'stage':<26} | {'ms/record':>9} | {'share':>6} |")
    print(f"|{'-' * 28}|{'-' * 11}|{'-' * 8}|")
    for name, seconds in sorted(totals.items(), key=lambda kv: -kv[1]):
        print(f"| {name:<26} | {1000 * seconds / n:>9.2f} | {100 * seconds / whole:>5.1f}% |")
    print(f"| {'total':<26} | {1000 * whole / n:>9.2f} | {'':>6} |")
    print(f"\n=> at most {n / whole:.0f} records/s per core")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", "--records", type=int, default=2000)
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--no-glossary", action="store_true", help="skip term scoring")
    parser.add_argument("--stages", action="store_true", help="per-stage profile instead")
    parser.add_argument("--corpus", choices=sorted(GENERATORS), default="realistic",
                        help="generator: realistic (gen_realistic.py, default) or template")
    args = parser.parse_args(argv)
    glossary = None if args.no_glossary else REPO / "data" / "glossary.csv"
    if glossary and not glossary.is_file():
        glossary = None
    with tempfile.TemporaryDirectory(prefix="aligner-bench-") as tmp:
        corpus = make_corpus(Path(tmp) / "corpus.jsonl", args.records, args.seed, args.corpus)
        if args.stages:
            stages(corpus, glossary)
            return 0
        print(f"end-to-end throughput, {args.records} {args.corpus} synthetic abstracts, "
              f"{os.cpu_count()} CPUs, glossary: {'yes' if glossary else 'no'}\n")
        load = os.getloadavg()[0]
        print(f"load average before: {load:.1f}"
              + (" -- SHARED MACHINE: wall-clock rates are unreliable, read CPU ms/rec\n"
                 if load > 0.5 else "\n"))
        print("| jobs | wall s | records/s (wall) | records/s (steady) | CPU ms/rec "
              "| idle-machine ceiling/s | links | link F1 |")
        print("|-----:|-------:|-----------------:|-------------------:|-----------:"
              "|-----------------------:|------:|--------:|")
        for jobs in args.jobs:
            out = Path(tmp) / f"links-{jobs}.jsonl"
            s = run_cli(corpus, jobs, out, glossary)
            f1 = gold_f1(corpus, out)
            # what the CPU time allows when `jobs` cores are free for this run alone
            ceiling = min(jobs, os.cpu_count() or 1) * args.records / s["cpu"]
            print(f"| {jobs:>4} | {s['wall']:>6.1f} | {args.records / s['wall']:>16.0f} | "
                  f"{s['records_per_second']:>18.0f} | {1000 * s['cpu'] / args.records:>10.2f} "
                  f"| {ceiling:>22.0f} | {s['links']:>5} | {f1:>7.3f} |",
                  flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
