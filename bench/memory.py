"""Peak memory of a corpus run at growing sizes: streaming means it must stay flat.

Runs `aligner align CORPUS --jobs N -f FORMAT -o OUT` on synthetic corpora of each size
(`gen_realistic.py` by default: its vocabulary keeps growing, so caches cannot saturate) and
samples the resident memory (RSS, from /proc, see `proctree.py`) of the command and of all its
worker processes every 50 ms. Prints the peak of the main process, of the largest worker and
of the whole process tree, and the change from the smallest corpus (target: within 5%).

Usage:
    python bench/memory.py                          # 10,000 and 100,000 records, --jobs 2
    python bench/memory.py -n 2000 20000 --jobs 1 --format parquet
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import gen_corpus  # noqa: E402  (sibling scripts, not a package)
import gen_realistic  # noqa: E402
from proctree import run_sampled  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", "--records", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--format", default="jsonl", choices=["jsonl", "tsv", "tmx", "parquet"])
    parser.add_argument("--gzip", action="store_true", help="read the corpus as .jsonl.gz")
    parser.add_argument("--corpus", choices=["realistic", "template"], default="realistic",
                        help="gen_realistic.py (open vocabulary, default) or gen_corpus.py")
    args = parser.parse_args(argv)
    print(f"peak RSS (MiB), aligner align --jobs {args.jobs} -f {args.format}, "
          f"{args.corpus} synthetic abstracts\n")
    load = os.getloadavg()[0]
    if load > 0.5:
        print(f"load average {load:.1f}: SHARED MACHINE, seconds and records/s are unreliable "
              "(RSS is not)\n")
    print("| records | seconds | records/s | main | largest worker | whole tree | vs first |")
    print("|--------:|--------:|----------:|-----:|---------------:|-----------:|---------:|")
    first = None
    with tempfile.TemporaryDirectory(prefix="aligner-mem-") as tmp:
        for n in args.records:
            corpus = Path(tmp) / ("corpus.jsonl.gz" if args.gzip else "corpus.jsonl")
            generator = gen_realistic if args.corpus == "realistic" else gen_corpus
            generator.main(["-n", str(n), "-o", str(corpus)])
            cmd = [sys.executable, "-m", "aligner", "align", str(corpus), "--jobs",
                   str(args.jobs), "-f", args.format, "-o", str(Path(tmp) / "out"), "-q"]
            m = run_sampled(cmd)
            if m.returncode not in (0, 2):
                sys.exit(f"memory: aligner failed ({m.returncode}):\n{m.stderr}")
            first = first or m.peak_total_mb
            print(f"| {n:>7} | {m.wall:>7.1f} | {n / m.wall:>9.0f} | {m.peak_main_mb:>4.0f} | "
                  f"{m.peak_worker_mb:>14.0f} | {m.peak_total_mb:>10.0f} | "
                  f"{100 * (m.peak_total_mb - first) / first:>+7.1f}% |", flush=True)
            corpus.unlink()
    return 0


if __name__ == "__main__":
    sys.exit(main())
