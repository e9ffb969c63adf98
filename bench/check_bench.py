"""Speed and memory of `aligner snapshot`, `aligner check` and `aligner report` on a
synthetic corpus (bench/gen_corpus.py), plus how drift detection behaves on it.

Prints figures; asserts nothing. The corpus is made here: no evaluation data is involved.

    python bench/check_bench.py -n 500
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def run(args: list[str]) -> tuple[int, float, str]:
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "aligner", *args], capture_output=True,
                          text=True, check=False)
    return proc.returncode, time.perf_counter() - start, proc.stdout + proc.stderr


def peak_child_mb() -> float:
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def edit_some(corpus: Path, out: Path, share: float, seed: int = 1) -> int:
    """Copy the JSONL corpus, changing one Chinese character in `share` of the records."""
    rng = random.Random(seed)
    edited = 0
    with corpus.open(encoding="utf-8") as src, out.open("w", encoding="utf-8") as dst:
        for line in src:
            record = json.loads(line)
            zh = record.get("zh")
            if isinstance(zh, str) and len(zh) > 10 and rng.random() < share:
                i = rng.randrange(len(zh) - 1)
                record["zh"] = zh[:i] + "某" + zh[i + 1:]
                edited += 1
            dst.write(json.dumps(record, ensure_ascii=False) + "\n")
    return edited


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", "--records", type=int, default=300)
    opts = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        corpus = folder / "corpus.jsonl"
        subprocess.run([sys.executable, str(REPO / "bench" / "gen_corpus.py"), "-n",
                        str(opts.records), "-o", str(corpus)], check=True)
        baseline = folder / "baseline.json"
        code, secs, out = run(["snapshot", str(corpus), "-o", str(baseline)])
        assert code == 0, out
        size = baseline.stat().st_size / 1e6
        print(f"snapshot  {opts.records} records: {secs:6.2f} s "
              f"({opts.records / secs:6.1f} records/s), baseline {size:.2f} MB")
        code, secs, out = run(["snapshot", str(corpus), "-o", str(folder / "b2.json"),
                               "--jobs", "2"])
        same = (folder / "b2.json").read_bytes() == baseline.read_bytes()
        print(f"snapshot  --jobs 2: {secs:6.2f} s ({opts.records / secs:6.1f} records/s), "
              f"{'identical' if same else 'DIFFERENT'} baseline")
        code, secs, out = run(["check", str(corpus), "-b", str(baseline)])
        print(f"check     unchanged: exit {code}, {secs:6.2f} s "
              f"({opts.records / secs:6.1f} records/s)")
        edited_corpus = folder / "edited.jsonl"
        edited = edit_some(corpus, edited_corpus, share=0.05)
        code, secs, out = run(["check", str(edited_corpus), "-b", str(baseline)])
        failed = out.count("\nFAIL: ")
        print(f"check     {edited} records edited: exit {code}, {failed} reported as FAIL, "
              f"{secs:6.2f} s")
        report = folder / "report.html"
        code, secs, out = run(["report", str(corpus), "-o", str(report)])
        print(f"report    exit {code}, {secs:6.2f} s, page {report.stat().st_size / 1e6:.2f} MB")
        print(f"peak RSS of the slowest command: {peak_child_mb():.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
