"""Both aligners keep the coverage invariant on arbitrary sentence lists: every English and every
Chinese sentence lands in exactly one link, in order, no link is empty, scores are in [0, 1].

The semantic aligner runs here with a stand-in encoder (a fixed random vector per distinct text,
plus a shared component for texts with the same numbers), so its anchors, window, span merging
and DP are exercised without the model; the lexical one runs as shipped. Budgets come from the
hypothesis profile (tests/conftest.py).
"""

from __future__ import annotations

import hashlib
import re

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_property_pipeline import mixed_text

from aligner.align import align_sentences
from aligner.embed.base import normalise

sentence = st.one_of(mixed_text, st.text(max_size=40), st.sampled_from([
    "The cells were activated.", "细胞被激活。", "IL-15 (2.5 ng/mL) was added.", "加入IL-15。",
    "", " ", "。", "(A)", "1)", "Fig. 2",
]))
sides = st.tuples(st.lists(sentence, max_size=30), st.lists(sentence, max_size=30))


def assert_cover(links, n: int, m: int) -> None:
    assert [i for link in links for i in link.en] == list(range(n))
    assert [j for link in links for j in link.zh] == list(range(m))
    assert all(link.en or link.zh for link in links)
    assert all(0.0 <= link.score <= 1.0 for link in links)


@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(sides)
def test_lexical_aligner_covers_any_sentence_lists(pair):
    en, zh = pair
    assert_cover(align_sentences(en, zh), len(en), len(zh))


class HashEncoder:
    """Deterministic stand-in for a sentence encoder: texts mentioning the same numbers are
    close (as translations are), anything else is a random direction."""

    name = "hash-test"
    dim = 32

    def encode(self, texts):
        out = np.zeros((len(texts), self.dim))
        for row, text in enumerate(texts):
            seed = int.from_bytes(hashlib.sha1(text.encode("utf-8", "replace")).digest()[:8])
            out[row] = np.random.default_rng(seed).normal(size=self.dim) * 0.3
            for number in re.findall(r"\d+", text)[:5]:
                out[row] += np.random.default_rng(int(number[:9])).normal(size=self.dim)
        return normalise(out + 1e-6)


@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(sides)
def test_semantic_aligner_covers_any_sentence_lists(pair):
    from aligner.align.semantic import align_semantic

    en, zh = pair
    assert_cover(align_semantic(en, zh, encoder=HashEncoder()), len(en), len(zh))
