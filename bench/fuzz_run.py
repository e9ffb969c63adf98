"""Run the reader fuzzer (fuzz/fuzz_readers.py) for a fixed number of executions and report.

    python bench/fuzz_run.py                 # 200,000 executions
    python bench/fuzz_run.py --runs 1000000 --keep DIR

Prints executions, wall time, executions per second, coverage reached and the crash files
libFuzzer saved (each one an input that raised something other than InputError; reproduce with
`python fuzz/fuzz_readers.py CRASH_FILE`). Exit status 1 if there was a crash. Needs atheris
(`pip install atheris`); prints a skip message and exits 0 without it.
"""

from __future__ import annotations

import argparse
import importlib.util
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HARNESS = Path(__file__).resolve().parents[1] / "fuzz" / "fuzz_readers.py"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=200_000, help="executions (default 200000)")
    parser.add_argument("--keep", metavar="DIR", help="keep crash files and the log here")
    args = parser.parse_args()
    if importlib.util.find_spec("atheris") is None:
        print("fuzz_run: atheris is not installed (pip install atheris); skipped")
        return 0
    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="aligner-fuzz-run-"))
    work.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    done = subprocess.run([sys.executable, str(HARNESS), f"-atheris_runs={args.runs}"],
                          cwd=work, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    log = done.stdout + done.stderr
    (work / "fuzz.log").write_text(log, encoding="utf-8")
    executions = re.findall(r"aligner fuzz: (\d+) executions", log)
    coverage = re.findall(r"cov: (\d+) ft: (\d+)", log)
    crashes = sorted(work.glob("crash-*"))
    n = int(executions[-1]) if executions else 0
    print(f"executions: {n:,} in {seconds:.0f} s ({n / seconds:,.0f}/s)")
    if coverage:
        print(f"coverage: {coverage[-1][0]} edges, {coverage[-1][1]} features")
    print(f"crashes: {len(crashes)}" + "".join(f"\n  {c}" for c in crashes))
    if crashes:
        tail = log[log.find("=== Uncaught"):][:1500] if "=== Uncaught" in log else log[-1500:]
        print(tail)
    print(f"log: {work / 'fuzz.log'}")
    return 1 if crashes else 0


if __name__ == "__main__":
    sys.exit(main())
