"""The corpus runner's output does not depend on the number of workers: for generated corpora
(arbitrary Unicode, bad records mixed in), `--jobs 1` and `--jobs 2` write the same bytes and
the same errors file.

Each `--jobs 2` run starts a process pool whose workers load the dictionary, so the hypothesis
budget here is small (3 corpora by default, 100 in the thorough profile); the record-level
budget comes from `test_ten_thousand_generated_records_same_for_one_and_two_jobs` (slow), one
corpus of 10,000 records generated from a fixed seed.
"""

from __future__ import annotations

import json
import os
import random
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_property_pipeline import PIECES, mixed_text

from aligner.cli import main

THOROUGH = os.environ.get("ALIGNER_HYPOTHESIS_PROFILE") == "thorough"

record = st.one_of(
    st.fixed_dictionaries({"en": mixed_text, "zh": mixed_text}),
    st.fixed_dictionaries({"en": st.lists(mixed_text, max_size=5),
                           "zh": st.lists(mixed_text, max_size=5)}),
    st.fixed_dictionaries({"id": st.text(max_size=20), "en": mixed_text}),  # no zh: an error
    st.just("{truncated"),  # malformed JSON
)
good = {"en": "The cells were activated. They proliferated.", "zh": "细胞被激活。它们增殖了。"}


def write_corpus(path: Path, records: list) -> Path:
    with path.open("w", encoding="utf-8") as f:
        for i, rec in enumerate(records):
            if isinstance(rec, dict):
                rec = json.dumps({"id": f"r{i}", **rec})  # \ud800 escapes: refused records
            f.write(rec + "\n")
    return path


def run(corpus: Path, folder: Path, jobs: int, fmt: str = "jsonl") -> tuple[bytes, bytes]:
    out, errors = folder / f"out{jobs}.{fmt}", folder / f"errors{jobs}.jsonl"
    code = main(["align", str(corpus), "--jobs", str(jobs), "--batch-size", "3",
                 "--errors", str(errors), "-f", fmt, "-o", str(out), "-q"])
    assert code in (0, 2)
    return out.read_bytes(), errors.read_bytes()


@settings(max_examples=100 if THOROUGH else 3,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                 HealthCheck.function_scoped_fixture])
@given(st.lists(record, min_size=1, max_size=25), st.sampled_from(["jsonl", "tsv", "tmx"]))
def test_generated_corpus_is_written_the_same_for_one_and_two_jobs(tmp_path, records, fmt):
    folder = Path(tempfile.mkdtemp(dir=tmp_path))  # one tmp_path for every example
    corpus = write_corpus(folder / "c.jsonl", [good, *records])
    assert run(corpus, folder, 1, fmt) == run(corpus, folder, 2, fmt)


def generated_records(n: int, seed: int = 20261126) -> list:
    """`n` records from the same pieces as the hypothesis strategies, reproducibly."""
    rng = random.Random(seed)

    def text() -> str:
        return "".join(rng.choice(PIECES) if rng.random() < 0.7 else
                       "".join(chr(rng.randrange(0x20, 0x30000)) for _ in range(rng.randrange(4)))
                       for _ in range(rng.randrange(40)))

    out: list = []
    for _ in range(n):
        roll = rng.random()
        if roll < 0.9:
            out.append({"en": text(), "zh": text()})
        elif roll < 0.95:
            out.append({"en": [text() for _ in range(3)], "zh": [text() for _ in range(3)]})
        elif roll < 0.98:
            out.append({"en": text()})
        else:
            out.append("{truncated")
    return out


@pytest.mark.slow
def test_ten_thousand_generated_records_same_for_one_and_two_jobs(tmp_path):
    corpus = write_corpus(tmp_path / "c.jsonl", generated_records(10_000))
    serial = run(corpus, tmp_path, 1)
    assert serial == run(corpus, tmp_path, 2)
    assert serial[0].count(b"\n") > 5_000  # most records were aligned, not all refused
