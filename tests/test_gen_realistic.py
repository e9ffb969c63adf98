"""The realistic corpus generator really has the shape the scale figures rely on.

If its vocabulary stopped growing, or its records shrank, `bench/memory.py` and
`bench/throughput.py` would quietly measure an easier corpus again.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))

import gen_realistic  # noqa: E402


def _types(records) -> set[str]:
    return {w.strip(".,()").lower() for r in records for s in r.en for w in s.split()}


def test_records_have_real_length_and_sentence_count():
    records = list(gen_realistic.generate(200, seed=3))
    for r in records:
        chars = len(" ".join(r.en))
        assert 1000 <= chars <= 1500, (r.id, chars)
        assert 6 <= len(r.en) <= 11
    mean = sum(len(" ".join(r.en)) for r in records) / len(records)
    assert 1100 <= mean <= 1400


def test_vocabulary_keeps_growing():
    records = list(gen_realistic.generate(400, seed=1))
    first, second = _types(records[:200]), _types(records[200:])
    new = second - first
    assert len(new) > 0.3 * len(second)  # a later batch still brings many unseen words


def test_gold_links_cover_every_sentence_once_in_order_with_real_link_shapes():
    shapes = set()
    for r in gen_realistic.generate(300, seed=2):
        en = [i for e, _ in r.gold for i in e]
        zh = [i for _, z in r.gold for i in z]
        assert en == list(range(len(r.en)))
        assert zh == list(range(len(r.zh)))
        shapes.update((len(e), len(z)) for e, z in r.gold)
    assert {(1, 1), (2, 1), (1, 2), (1, 0)} <= shapes


def test_deterministic_for_a_seed():
    a = [r.to_json() for r in gen_realistic.generate(5, seed=7)]
    b = [r.to_json() for r in gen_realistic.generate(5, seed=7)]
    c = [r.to_json() for r in gen_realistic.generate(5, seed=8)]
    assert a == b and a != c
