"""Adversarial input must not stall the segmenters (issue 11: one record stalled a corpus run).

Long runs of punctuation, spaces, brackets or list markers used to make a regex backtrack
exponentially (24 dots: 2 s, 26 dots: 12 s) or a scan restart at every candidate (quadratic).
Each input here is 10,000+ characters; the segmenters run in a subprocess with a generous
time bound, so a regression shows as a failure naming the input instead of a hung test run.
This is not a timing assertion: linear code takes milliseconds, the old code hours.
Speed per MB is printed by `python bench/segment_eval.py --adversarial`.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from segment_fixtures import ADVERSARIAL_UNITS, adversarial_text, assert_offsets_invariant

from aligner.segment import segment_en, segment_zh
from aligner.segment.english import _CANDIDATE, _forced_boundaries

_TIME_BOUND_S = 20
_SIZE = 10_000

_CHILD = """
import json, sys
from aligner.segment import segment_en, segment_zh
from aligner.segment.english import _CANDIDATE, _forced_boundaries
for name, text in json.loads(sys.stdin.read()):
    print(name, flush=True)
    segment_en(text)
    segment_zh(text)
print("done", flush=True)
"""


def test_long_adversarial_runs_finish() -> None:
    cases = [(name, adversarial_text(unit, _SIZE)) for name, unit in ADVERSARIAL_UNITS.items()]
    proc = subprocess.Popen(
        [sys.executable, "-c", _CHILD],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        out, _ = proc.communicate(json.dumps(cases), timeout=_TIME_BOUND_S)
    except subprocess.TimeoutExpired:
        proc.kill()
        out, _ = proc.communicate()
        stuck = out.splitlines()[-1] if out.strip() else "(start-up)"
        pytest.fail(f"segmenting {stuck!r} ({_SIZE} chars) took over {_TIME_BOUND_S} s")
    assert proc.returncode == 0
    assert out.splitlines()[-1] == "done"


@pytest.mark.parametrize("name", ["dots", "exclamations", "dot leaders", "spaced question marks"])
def test_long_runs_keep_every_character(name: str) -> None:
    text = adversarial_text(ADVERSARIAL_UNITS[name], _SIZE)
    assert_offsets_invariant(text, segment_en(text))
    assert_offsets_invariant(text, segment_zh(text))


def test_exclamation_run_still_ends_a_sentence() -> None:
    text = "The result was great" + "!" * 500 + " We repeated it."
    assert [s.text[-3:] for s in segment_en(text)] == ["!!!", "it."]


def test_dot_leaders_stay_one_line() -> None:
    text = "Contents" + "." * 200 + "12"
    assert [s.text for s in segment_en(text)] == [text]


def test_punctuation_only_text_is_one_piece() -> None:
    text = "? " * 5000
    assert [s.text for s in segment_en(text)] == [text.strip()]


# The plain (quadratic on long space runs) pattern the fast scan replaced, as a reference.
_REFERENCE_FORCED = re.compile(r"\s+(?=[•⁃▪◦‣●])|[^\S\n]*\n[^\S\n]*\n\s*")


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(["a", " ", "\n", "\t", "\r", "•", "▪", "x.", "\u3000"]), max_size=40)
)
def test_forced_boundaries_match_the_plain_pattern(parts: list[str]) -> None:
    text = "".join(parts)
    expected = sorted({m.start() for m in _REFERENCE_FORCED.finditer(text) if m.start() > 0})
    assert sorted(set(_forced_boundaries(text))) == expected


# The nested (exponential) candidate pattern the linear one replaced: same ends on short text.
_REFERENCE_CANDIDATE = re.compile(r"(?:[.!?…‼⁇⁈⁉]+[\"'”’)\]»]*)+(?=\s+\S)")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(list("ab .!?…\"')]»”\n")), max_size=16))
def test_candidates_match_the_nested_pattern(parts: list[str]) -> None:
    text = "".join(parts)
    expected = [m.end() for m in _REFERENCE_CANDIDATE.finditer(text)]
    assert [m.end() for m in _CANDIDATE.finditer(text)] == expected
