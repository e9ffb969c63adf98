"""Peak memory of a corpus run at growing sizes: streaming means it must stay flat.

Runs `aligner align CORPUS --jobs N -f FORMAT -o OUT` on synthetic corpora of each size and
samples the resident memory (RSS, from /proc) of the command and of all its worker processes
every 50 ms. Prints the peak of the main process, of the largest worker and of the whole
process tree, and the change from the smallest corpus (target: within 10%).

Usage:
    python bench/memory.py                          # 10,000 and 100,000 records, --jobs 2
    python bench/memory.py -n 2000 20000 --jobs 1 --format parquet
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import gen_corpus  # noqa: E402  (a sibling script, not a package)

PAGE_KB = 4


def rss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/statm") as f:
            return int(f.read().split()[1]) * PAGE_KB
    except (FileNotFoundError, ProcessLookupError, IndexError, ValueError):
        return 0


def children(pid: int) -> list[int]:
    """All descendants of `pid` (workers, the fork server and its children)."""
    found: list[int] = []
    stack = [pid]
    while stack:
        p = stack.pop()
        try:
            tasks = Path(f"/proc/{p}/task").iterdir()
            kids = [int(k) for t in tasks for k in (t / "children").read_text().split()]
        except (FileNotFoundError, ProcessLookupError):
            continue
        found += kids
        stack += kids
    return found


def measure(cmd: list[str], interval: float = 0.05) -> dict[str, float]:
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    peak_main = peak_worker = peak_total = 0
    while proc.poll() is None:
        main = rss_kb(proc.pid)
        workers = [rss_kb(p) for p in children(proc.pid)]
        peak_main = max(peak_main, main)
        peak_worker = max(peak_worker, *workers, 0)
        peak_total = max(peak_total, main + sum(workers))
        time.sleep(interval)
    err = proc.stderr.read() if proc.stderr else ""
    if proc.returncode not in (0, 2):
        sys.exit(f"memory: aligner failed ({proc.returncode}):\n{err}")
    return {"main": peak_main / 1024, "worker": peak_worker / 1024,
            "total": peak_total / 1024, "seconds": time.perf_counter() - started}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", "--records", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--format", default="jsonl", choices=["jsonl", "tsv", "tmx", "parquet"])
    parser.add_argument("--gzip", action="store_true", help="read the corpus as .jsonl.gz")
    args = parser.parse_args(argv)
    print(f"peak RSS (MiB), aligner align --jobs {args.jobs} -f {args.format}, "
          "synthetic abstracts\n")
    print("| records | seconds | records/s | main | largest worker | whole tree | vs first |")
    print("|--------:|--------:|----------:|-----:|---------------:|-----------:|---------:|")
    first = None
    with tempfile.TemporaryDirectory(prefix="aligner-mem-") as tmp:
        for n in args.records:
            corpus = Path(tmp) / ("corpus.jsonl.gz" if args.gzip else "corpus.jsonl")
            gen_corpus.main(["-n", str(n), "-o", str(corpus)])
            cmd = [sys.executable, "-m", "aligner", "align", str(corpus), "--jobs",
                   str(args.jobs), "-f", args.format, "-o", str(Path(tmp) / "out"), "-q"]
            m = measure(cmd)
            first = first or m["total"]
            print(f"| {n:>7} | {m['seconds']:>7.1f} | {n / m['seconds']:>9.0f} | "
                  f"{m['main']:>4.0f} | {m['worker']:>14.0f} | {m['total']:>10.0f} | "
                  f"{100 * (m['total'] - first) / first:>+7.1f}% |", flush=True)
            corpus.unlink()
    return 0


if __name__ == "__main__":
    sys.exit(main())
