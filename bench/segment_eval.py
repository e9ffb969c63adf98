"""Sentence-segmentation benchmark: exact-match rate and speed on third-party gold data.

The gold data lives outside the repository (`../shared/data` next to the checkout, or
`$ALIGNER_DATA`) and must never be copied into it; without it this script prints a skip message
and exits 0. A case counts as right only when the whole list of stripped sentences equals the
gold list, which is the pySBD convention and the strictest useful one for an aligner (one wrong
split shifts every later link).

Usage: python bench/segment_eval.py [--show-failures] [--adversarial] [--leak-check]

`--leak-check` looks for any 20-character stretch of an evaluation set's text in the
segmenters' code and tests (none may be there: rules state patterns, tests use sentences the
project writes); it prints each hit and exits 1 if there is one.

`--adversarial` times both segmenters on the inputs that once backtracked exponentially or
rescanned quadratically (tests/segment_fixtures.py), at two sizes: CPU time per MB, and the
ratio between the sizes (4.0 for a linear segmenter on 4x the input, 16 for a quadratic one).

Speed is one pass over each set after loading the models (caches start empty), in CPU time
of this process, so that other work on the machine does not distort it.
"""

from __future__ import annotations

import argparse
import difflib
import json
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from _data import data_dir, missing

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from segment_fixtures import ADVERSARIAL_UNITS, adversarial_text  # noqa: E402

from aligner.model import Sentence
from aligner.segment import segment_en, segment_zh

Segmenter = Callable[[str], list[Sentence]]


@dataclass(frozen=True)
class Dataset:
    name: str
    path: str
    segmenter: Segmenter
    keep: Callable[[dict], bool] = lambda row: True


DATASETS = [
    Dataset("pysbd en", "pysbd_golden/en.jsonl", segment_en),
    Dataset("golden_rules_original_en", "pysbd_golden/golden_rules_original_en.jsonl", segment_en),
    Dataset(
        "en_extra (clean==false)",
        "pysbd_golden/en_extra.jsonl",
        segment_en,
        lambda row: not row.get("clean", False),
    ),
    Dataset("GENIA-300", "bio_sbd/genia_treebank_300.jsonl", segment_en),
    Dataset("CRAFT dev-300", "bio_sbd/craft_dev_300.jsonl", segment_en),
    Dataset("pysbd zh", "pysbd_golden/zh.jsonl", segment_zh),
    Dataset("zh_sbd UD windows", "zh_sbd/ud_gsdsimp_windows.jsonl", segment_zh),
    Dataset("hanlp", "zh_sbd/hanlp_rules.jsonl", segment_zh),
]


def load(path: Path, keep: Callable[[dict], bool]) -> list[dict]:
    with path.open(encoding="utf-8") as f:
        rows = [json.loads(line) for line in f if line.strip()]
    return [row for row in rows if keep(row)]


def check_offsets(text: str, sentences: list[Sentence]) -> None:
    """Fail loudly if a segmenter ever alters or drops text: the aligner relies on offsets."""
    pos = 0
    for s in sentences:
        assert text[s.start : s.end] == s.text, (s, text)
        assert not text[pos : s.start].strip(), (pos, s, text)
        pos = s.end
    assert not text[pos:].strip(), text


def evaluate(ds: Dataset, rows: list[dict]) -> tuple[int, list, float]:
    """Exact matches, failures and sentences per CPU second (one pass, segmenter only)."""
    right = 0
    failures = []
    n_sentences = 0
    elapsed = 0.0
    for row in rows:
        t0 = time.process_time()
        got = ds.segmenter(row["text"])
        elapsed += time.process_time() - t0
        n_sentences += len(got)
        check_offsets(row["text"], got)
        got_texts = [s.text.strip() for s in got]
        if got_texts == [e.strip() for e in row["expected"]]:
            right += 1
        else:
            failures.append((row, got_texts))
    return right, failures, n_sentences / elapsed if elapsed else float("inf")


def adversarial(sizes: tuple[int, int] = (100_000, 400_000)) -> None:
    """CPU seconds per MB on each adversarial input, and how the time grows with the size."""
    print(f"{'adversarial input':<26} {'en s/MB':>8} {'growth':>7} {'zh s/MB':>8} {'growth':>7}")
    worst = 0.0
    for name, unit in ADVERSARIAL_UNITS.items():
        cells = []
        for segmenter in (segment_en, segment_zh):
            times = []
            for size in sizes:
                text = adversarial_text(unit, size)
                t0 = time.process_time()
                segmenter(text)
                times.append(time.process_time() - t0)
            per_mb = times[1] / (len(adversarial_text(unit, sizes[1]).encode()) / 1e6)
            worst = max(worst, per_mb)
            cells.append(f"{per_mb:>8.2f} {times[1] / max(times[0], 1e-6):>6.1f}x")
        print(f"{name:<26} {cells[0]} {cells[1]}")
    print(f"slowest adversarial input: {worst:.2f} CPU s/MB (sizes {sizes[0]:,}/{sizes[1]:,})")


LEAK_SHINGLE = 20
_REPO = Path(__file__).resolve().parents[1]


def leak_check(root: Path) -> int:
    """Lines of segmenter code/tests sharing a `LEAK_SHINGLE`-character stretch with eval text."""
    shingles: dict[str, str] = {}
    for ds in DATASETS:
        path = root / ds.path
        if path.exists():
            for row in load(path, lambda row: True):
                text = row["text"]
                for i in range(len(text) - LEAK_SHINGLE + 1):
                    shingles.setdefault(text[i : i + LEAK_SHINGLE], ds.name)
    files = sorted(
        [*_REPO.glob("aligner/segment/*.py"), *_REPO.glob("tests/test_segment_*.py")]
        + [_REPO / "tests/segment_fixtures.py"]
    )
    hits = 0
    for path in files:
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            found = {
                shingles[line[i : i + LEAK_SHINGLE]]
                for i in range(len(line) - LEAK_SHINGLE + 1)
                if line[i : i + LEAK_SHINGLE] in shingles
            }
            if found:
                hits += 1
                print(f"{path.relative_to(_REPO)}:{n}: shares text with {sorted(found)}")
    print(f"leak check: {hits} line(s) of {len(files)} files share {LEAK_SHINGLE} characters")
    return 1 if hits else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show-failures", action="store_true", help="print every failing case")
    parser.add_argument(
        "--adversarial", action="store_true", help="time per MB on adversarial input instead"
    )
    parser.add_argument(
        "--leak-check", action="store_true", help="look for eval-set text in code and tests"
    )
    args = parser.parse_args(argv)
    if args.adversarial:
        segment_en("The shop closed at 5 p.m. Jones left.")
        adversarial()
        return 0

    if missing("segment_eval"):
        return 0
    root = data_dir()
    if args.leak_check:
        return leak_check(root)
    # Loading nltk and Punkt's parameters (~0.5 s) is a one-off cost, not a per-text one.
    segment_en("The shop closed at 5 p.m. Jones left.")  # reaches Punkt, so loads it
    segment_zh("预热。")

    header = f"{'dataset':<26} {'cases':>6} {'exact':>7} {'rate':>7} {'sent/s':>9}"
    print(header)
    print("-" * len(header))
    all_failures = []
    for ds in DATASETS:
        path = root / ds.path
        if not path.exists():
            print(f"{ds.name:<26} skip: {path} not found")
            continue
        rows = load(path, ds.keep)
        right, failures, speed = evaluate(ds, rows)
        rate = right / len(rows) if rows else 0.0
        print(f"{ds.name:<26} {len(rows):>6} {right:>7} {rate:>7.1%} {speed:>9,.0f}")
        all_failures += [(ds.name, row, got) for row, got in failures]
    if args.show_failures:
        for name, row, got in all_failures:
            print(f"\n=== {name}: {row.get('name', '')}")
            print("text:    ", row["text"])
            expected = [e.strip() for e in row["expected"]]
            for line in difflib.ndiff(expected, got):
                if line[:1] in "-+":
                    print(("exp " if line[0] == "-" else "got ") + line[2:])
    return 0


if __name__ == "__main__":
    sys.exit(main())
