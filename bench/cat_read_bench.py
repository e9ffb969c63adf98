"""Reading a real translation memory: TICO-19's English-Chinese TMX (../shared/data).

Prints the units read, errors, CPU time of reading alone (defusedxml iterparse) and of reading
plus aligning every unit (lexical method), and the share of units the aligner keeps as one 1-1
link (a unit it splits into 1-0 + 0-1 is a pair it doubts). CPU time (process_time), not wall
time: the machine is shared.

    python bench/cat_read_bench.py [--limit N]
"""

from __future__ import annotations

import argparse
import sys
import time

from _data import data_dir, missing

TMX = "tico19-enzh/raw/all.en-zh.tmx"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="align only the first N units")
    args = parser.parse_args()
    if missing("cat_read_bench", TMX):
        return 0
    from aligner import align_document
    from aligner.model import InputError
    from aligner.read.cat import iter_tmx

    path = data_dir() / TMX
    start = time.process_time()
    items = list(iter_tmx(path))
    read_cpu = time.process_time() - start
    docs = [d for d in items if not isinstance(d, InputError)]
    print(f"read {len(docs)} units, {len(items) - len(docs)} errors, "
          f"{path.stat().st_size / 2**20:.1f} MiB: {read_cpu:.2f} s CPU "
          f"({len(docs) / read_cpu:,.0f} units/s)")
    sample = docs[: args.limit] if args.limit else docs
    start = time.process_time()
    one_to_one = sum(
        [link.kind for link in align_document(doc).links] == ["1-1"] for doc in sample)
    align_cpu = time.process_time() - start
    print(f"aligned {len(sample)} units: {align_cpu:.2f} s CPU "
          f"({len(sample) / align_cpu:,.0f} units/s); kept as one 1-1 link: "
          f"{one_to_one}/{len(sample)} ({100 * one_to_one / len(sample):.1f}%)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
