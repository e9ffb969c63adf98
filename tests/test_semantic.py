"""The semantic aligner, with fake deterministic encoders so the tests need no model."""

from __future__ import annotations

import re

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aligner.align.semantic import (
    SemanticParams,
    align_semantic,
    find_anchors,
    window_from_anchors,
)
from aligner.embed import normalise


class HashEncoder:
    """A random unit vector per text: no meaning, so only structural properties hold."""

    name = "hash"
    dim = 16

    def encode(self, texts):
        rows = [np.random.default_rng(list(t.encode())).normal(size=self.dim) for t in texts]
        return normalise(np.array(rows).reshape(len(texts), self.dim))


class ConceptEncoder:
    """A text means the set of numbers it mentions: its vector is the normalised sum of one
    fixed random vector per number, in either language. A concatenation therefore embeds like
    the sentence that translates all of it, as a real encoder roughly does."""

    name = "concepts"
    dim = 64

    def __init__(self) -> None:
        rng = np.random.default_rng(0)
        self.table = rng.normal(size=(1000, self.dim))

    def encode(self, texts):
        out = np.zeros((len(texts), self.dim))
        for row, text in enumerate(texts):
            for number in re.findall(r"\d+", text):
                out[row] += self.table[int(number)]
        return normalise(out + 1e-3)


def english(k: int) -> str:
    return f"Finding {k} was reported by the team in detail here."


def chinese(*ks: int) -> str:
    return "".join(f"研究组详细报告了结果{k}。" for k in ks)


def links_of(result):
    return [(link.en, link.zh) for link in result]


def assert_covers(links, n, m):
    assert [i for link in links for i in link.en] == list(range(n))
    assert [j for link in links for j in link.zh] == list(range(m))
    assert all(link.en or link.zh for link in links)
    assert all(0.0 <= link.score <= 1.0 for link in links)


@settings(max_examples=30, deadline=None)
@given(st.integers(0, 25), st.integers(0, 25), st.integers(0, 10_000))
def test_links_cover_every_sentence_once_in_order(n, m, seed):
    en = [f"en {seed} {i}" for i in range(n)]
    zh = [f"中 {seed} {j}" for j in range(m)]
    links = align_semantic(en, zh, encoder=HashEncoder())
    assert_covers(links, n, m)


def test_one_to_one_translations_align_one_to_one():
    en = [english(k) for k in range(1, 21)]
    zh = [chinese(k) for k in range(1, 21)]
    assert links_of(align_semantic(en, zh, encoder=ConceptEncoder())) == [
        ((i,), (i,)) for i in range(20)
    ]


def test_merged_and_split_sentences_become_many_to_one_links():
    # EN 3,4 -> one ZH sentence; EN 8 -> two ZH sentences; EN 12,13,14 -> one ZH sentence
    en = [english(k) for k in range(1, 18)]
    zh = [chinese(1), chinese(2), chinese(3), chinese(4, 5), chinese(6), chinese(7), chinese(8),
          "研究组报告了结果9，", "还有结果9。", chinese(10),
          chinese(11), chinese(12), chinese(13, 14, 15), chinese(16), chinese(17)]
    links = links_of(align_semantic(en, zh, encoder=ConceptEncoder()))
    assert ((3, 4), (3,)) in links
    assert ((8,), (7, 8)) in links
    assert ((12, 13, 14), (12,)) in links
    assert_covers(align_semantic(en, zh, encoder=ConceptEncoder()), len(en), len(zh))


def test_six_english_sentences_can_merge_into_one_chinese_sentence():
    en = [english(k) for k in range(1, 13)]
    zh = [chinese(k) for k in range(1, 4)] + [chinese(4, 5, 6, 7, 8, 9)] + [
        chinese(k) for k in range(10, 13)
    ]
    params = SemanticParams(max_log_ratio=3.0)
    assert ((3, 4, 5, 6, 7, 8), (3,)) in links_of(
        align_semantic(en, zh, encoder=ConceptEncoder(), params=params)
    )


def test_untranslated_sentence_becomes_a_one_to_zero_link():
    en = [english(k) for k in range(1, 11)]
    zh = [chinese(k) for k in range(1, 11) if k != 5]
    links = links_of(align_semantic(en, zh, encoder=ConceptEncoder()))
    assert ((4,), ()) in links


def test_empty_side_gives_only_skip_links():
    assert links_of(align_semantic(["a", "b"], [], encoder=HashEncoder())) == [
        ((0,), ()), ((1,), ()),
    ]
    assert links_of(align_semantic([], ["甲"], encoder=HashEncoder())) == [((), (0,))]


def test_confident_links_score_higher_than_mismatched_ones():
    en = [english(k) for k in range(1, 11)]
    zh = [chinese(k) for k in range(1, 11)]
    good = align_semantic(en, zh, encoder=ConceptEncoder())
    shuffled = align_semantic(en, [chinese(k + 100) for k in range(1, 11)],
                              encoder=ConceptEncoder())
    assert min(link.score for link in good) > max(link.score for link in shuffled)


def test_anchors_are_monotonic_and_follow_the_diagonal_of_true_pairs():
    enc = ConceptEncoder()
    e = enc.encode([english(k) for k in range(1, 31)])
    z = enc.encode([chinese(k) for k in range(1, 31)])
    anchors = find_anchors(e, z, SemanticParams())
    assert anchors == [(i, i) for i in range(1, 31)]


def test_window_contains_the_anchor_path_and_is_monotone():
    lo, hi = window_from_anchors([(3, 4), (10, 9)], 12, 12, 2)
    assert lo[0] == 0 and hi[12] == 12
    assert np.all(np.diff(lo) >= 0) and np.all(np.diff(hi) >= 0)
    assert lo[3] <= 4 <= hi[3] and lo[10] <= 9 <= hi[10]


@pytest.mark.parametrize("n", [1, 2])
def test_tiny_documents_align(n):
    links = align_semantic([english(k) for k in range(n)], [chinese(k) for k in range(n)],
                           encoder=ConceptEncoder())
    assert links_of(links) == [((i,), (i,)) for i in range(n)]


class RecordingEncoder(ConceptEncoder):
    def __init__(self) -> None:
        super().__init__()
        self.seen: list[str] = []

    def encode(self, texts):
        self.seen.extend(texts)
        return super().encode(texts)


def test_by_default_only_single_sentences_are_embedded():
    en = [english(k) for k in range(1, 13)]
    zh = [chinese(k) for k in range(1, 13)]
    encoder = RecordingEncoder()
    align_semantic(en, zh, encoder=encoder)
    assert sorted(encoder.seen) == sorted(en + zh)


def test_concatenations_are_embedded_when_asked_and_only_up_to_the_given_size():
    en = [english(k) for k in range(1, 13)]
    zh = [chinese(k) for k in range(1, 13)]
    encoder = RecordingEncoder()
    align_semantic(en, zh, encoder=encoder, params=SemanticParams(embed_en=2))
    pairs = {f"{en[i]} {en[i + 1]}" for i in range(len(en) - 1)}
    extra = set(encoder.seen) - set(en) - set(zh)
    assert extra and extra <= pairs
