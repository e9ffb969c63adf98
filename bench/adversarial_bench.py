"""CPU time of `aligner score` on adversarial records, at two sizes: is every one linear?

Each input is a record built to hit a super-linear path found in review (a 10^5-digit number,
a 100k-letter token, brackets nested 50k deep, Latin runs in the Chinese, 5,000 Chinese
numerals). For each, the CPU seconds of one in-process `score` (align + QA + terms) at size N
and 4N are printed with the growth factor (about 4 when linear, about 16 when quadratic) and
the seconds per MB at 4N. Prints figures; asserts nothing; no evaluation data is involved.

    python bench/adversarial_bench.py            # N = 25,000 characters
    python bench/adversarial_bench.py -n 50000
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from aligner.cli import main

Record = Callable[[int], dict[str, str]]

INPUTS: dict[str, Record] = {
    "digits (one n-digit number a side)": lambda n: {
        "en": "Value " + "7" * n + " seen.", "zh": "数值" + "7" * n + "。"},
    "long token (n letters a side)": lambda n: {
        "en": "Word " + "a" * n + "B end.", "zh": "词" + "a" * n + "B。"},
    "nested brackets (n/2 deep, Chinese)": lambda n: {
        "en": "Note " + "x " * (n // 2) + "end.",
        "zh": "注" + "(" * (n // 2) + "译" + ")" * (n // 2) + "。"},
    "Latin run in the Chinese (n letters)": lambda n: {
        "en": "Word " + "ab " * (n // 3) + ".", "zh": "词" + "a" * n + "。"},
    "dot leaders (n dots, English)": lambda n: {
        "en": "Contents" + "." * n + "12 and more.", "zh": "目录" + "。" * (n // 3) + "12。"},
    "Chinese numerals (n in a row)": lambda n: {
        "en": "Counts: " + "seven " * (n // 2) + "kinds.", "zh": "计数：" + "七" * n + "种。"},
}


def cpu_seconds(record: dict[str, str], folder: Path) -> tuple[float, float]:
    """CPU seconds of `aligner score` on the record, and the record's size in MB."""
    path = folder / "r.jsonl"
    line = json.dumps({"id": "r", **record}, ensure_ascii=False) + "\n"
    path.write_text(line, encoding="utf-8")
    sink = io.StringIO()
    start = time.process_time()
    with contextlib.redirect_stdout(sink), contextlib.redirect_stderr(io.StringIO()):
        try:
            code = main(["score", str(path), "-q"])
        except Exception as error:  # noqa: BLE001 - an older aligner crashed on some of these
            print(f"  crashed: {type(error).__name__}: {str(error)[:70]}")
            return float("nan"), len(line.encode()) / 2**20
    elapsed = time.process_time() - start
    if code not in (0, 1):
        raise SystemExit(f"score exited {code} on {record['en'][:30]!r}")
    return elapsed, len(line.encode()) / 2**20


def main_bench() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=25_000, help="base size in characters")
    args = parser.parse_args()
    print(f"CPU seconds of `aligner score` (user+sys of this process; shared machine), "
          f"sizes {args.n:,} and {4 * args.n:,}")
    print(f"{'input':<40} {'t(N)':>7} {'t(4N)':>7} {'growth':>7} {'s/MB':>7}")
    worst = 0.0
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        cpu_seconds(INPUTS["digits (one n-digit number a side)"](10), folder)  # warm caches
        for name, make in INPUTS.items():
            small, _ = cpu_seconds(make(args.n), folder)
            large, mb = cpu_seconds(make(4 * args.n), folder)
            worst = max(worst, large / mb)
            print(f"{name:<40} {small:7.2f} {large:7.2f} {large / max(small, 1e-3):7.1f} "
                  f"{large / mb:7.2f}")
    print(f"slowest adversarial input: {worst:.2f} CPU s per MB (linear: growth ~4)")


if __name__ == "__main__":
    main_bench()
