"""The alignment search on its own, with made-up costs: optimality, coverage, windows."""

from __future__ import annotations

import functools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aligner.align.dp import (
    DEFAULT_LINK_TYPES,
    NoPathError,
    band,
    banded_align,
    guided_align,
    monotonic_align,
    path_touches_edge,
    path_window,
)


def table_cost(seed: int, n: int, m: int):
    """A deterministic random cost for every (a, b, i, j), so brute force can check the DP."""
    rng = np.random.default_rng(seed)
    tables = {t: rng.uniform(0.0, 3.0, size=(n + 1, m + 1)) for t in DEFAULT_LINK_TYPES}

    def cost(a: int, b: int, i: int, js: np.ndarray) -> np.ndarray:
        return tables[(a, b)][i, js]

    return cost, tables


def brute_force(n: int, m: int, tables) -> float:
    @functools.cache
    def best(i: int, j: int) -> float:
        if i == 0 and j == 0:
            return 0.0
        out = np.inf
        for a, b in DEFAULT_LINK_TYPES:
            if a <= i and b <= j:
                out = min(out, best(i - a, j - b) + tables[(a, b)][i, j])
        return out

    return best(n, m)


def assert_covers(links, n: int, m: int) -> None:
    assert [i for en, _, _ in links for i in en] == list(range(n))
    assert [j for _, zh, _ in links for j in zh] == list(range(m))
    assert all(en or zh for en, zh, _ in links)


@settings(max_examples=200, deadline=None)
@given(st.integers(0, 7), st.integers(0, 7), st.integers(0, 2**32 - 1))
def test_full_table_search_finds_the_brute_force_optimum(n, m, seed):
    cost, tables = table_cost(seed, n, m)
    links = monotonic_align(n, m, cost)
    assert_covers(links, n, m)
    total = sum(c for _, _, c in links)
    assert total == pytest.approx(brute_force(n, m, tables), abs=1e-9)


@settings(max_examples=200, deadline=None)
@given(st.integers(0, 40), st.integers(0, 40), st.integers(0, 2**32 - 1), st.integers(1, 8))
def test_banded_search_always_covers_every_sentence_once_in_order(n, m, seed, width):
    cost, _ = table_cost(seed, n, m)
    assert_covers(banded_align(n, m, cost, width=width), n, m)


def test_empty_sides_give_only_insertions_or_deletions():
    cost, _ = table_cost(0, 3, 3)
    assert [(en, zh) for en, zh, _ in monotonic_align(3, 0, cost)] == [
        ((0,), ()),
        ((1,), ()),
        ((2,), ()),
    ]
    assert [(en, zh) for en, zh, _ in monotonic_align(0, 2, cost)] == [((), (0,)), ((), (1,))]
    assert monotonic_align(0, 0, cost) == []


def test_returned_costs_are_the_link_costs():
    cost, tables = table_cost(7, 5, 6)
    i = j = 0
    for en, zh, c in monotonic_align(5, 6, cost):
        i, j = i + len(en), j + len(zh)
        assert c == tables[(len(en), len(zh))][i, j]


def test_no_path_inside_a_window_raises():
    cost, _ = table_cost(1, 4, 4)
    lo = np.array([0, 3, 3, 3, 4])
    hi = np.array([0, 3, 3, 3, 4])  # after one EN sentence only 3 ZH would be allowed: no 1-3 link
    with pytest.raises(NoPathError):
        monotonic_align(4, 4, cost, [(1, 1)], lo, hi)


def test_band_contains_both_corners_and_the_diagonal():
    lo, hi = band(10, 30, 2)
    assert lo[0] == 0 and hi[-1] == 30
    for i in range(11):
        assert lo[i] <= 3 * i <= hi[i]


def shifted_cost(shift: int, n: int):
    """Cheap only along ``j = i + shift`` (after a block of `shift` ZH insertions at the start)."""

    def cost(a: int, b: int, i: int, js: np.ndarray) -> np.ndarray:
        if (a, b) == (1, 1):
            return np.where(js == i + shift, 0.0, 5.0)
        if (a, b) == (0, 1):
            return np.where((i == 0) & (js <= shift), 0.1, 5.0)
        return np.full(len(js), 5.0)

    return cost


def test_band_grows_when_the_true_path_leaves_the_initial_band():
    n, shift = 200, 60
    m = n + shift
    cost = shifted_cost(shift, n)
    widths: list[int] = []

    def record(lo, hi):
        widths.append(int((hi - lo).max()))

    links = banded_align(n, m, cost, [(1, 1), (0, 1), (1, 0)], width=5, on_band=record)
    assert len(widths) > 1 and widths[-1] > widths[0]
    assert links[:shift] == [((), (j,), 0.1) for j in range(shift)]
    assert all(en == (zh[0] - shift,) for en, zh, _ in links[shift:])


def test_path_on_the_band_edge_is_detected():
    lo, hi = np.array([0, 0, 1]), np.array([1, 1, 2])
    assert path_touches_edge([((0,), (0,), 0.0), ((1,), (1,), 0.0)], lo, hi, 3)
    assert not path_touches_edge([((0,), (0,), 0.0), ((1,), (1,), 0.0)], lo, np.array([1, 2, 2]), 2)


def test_guided_search_follows_a_path_far_from_the_diagonal():
    n, shift = 200, 60
    cost = shifted_cost(shift, n)
    types = [(1, 1), (0, 1), (1, 0)]
    corners = [(0, shift)] + [(i, i + shift) for i in range(8, n + 1, 8)]
    seen: list[np.ndarray] = []
    links = guided_align(
        n, n + shift, cost, types, corners, margin=4, on_band=lambda lo, hi: seen.append(hi - lo)
    )
    assert links[:shift] == [((), (j,), 0.1) for j in range(shift)]
    assert all(en == (zh[0] - shift,) for en, zh, _ in links[shift:])
    assert int(seen[-1][shift:].max()) < 40  # a narrow window, not a band 60+ wide


def test_guided_search_widens_when_the_guide_is_wrong():
    n, shift = 120, 30
    cost = shifted_cost(shift, n)
    types = [(1, 1), (0, 1), (1, 0)]
    wrong_guide = [(i, round(i * (n + shift) / n)) for i in range(0, n + 1, 8)]
    links = guided_align(n, n + shift, cost, types, wrong_guide, margin=2)
    assert all(en == (zh[0] - shift,) for en, zh, _ in links[shift:])


def test_path_window_covers_the_guide():
    lo, hi = path_window([(2, 5), (4, 6)], 6, 8, 1)
    assert lo[0] == 0 and hi[6] == 8
    for i, j in [(0, 0), (2, 5), (4, 6), (6, 8)]:
        assert lo[i] <= j <= hi[i]
