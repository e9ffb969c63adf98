"""Monotonic alignment search: dynamic programming over link types inside a window.

The search knows nothing about where costs come from (length, dictionary, embeddings): it asks a
`CostFn` for the cost of a link ending at EN position ``i`` and at each ZH end position in a
vector ``js``. That keeps the search, the costs and the back-trace separate, as in Vecalign's
``dp_utils``, so a new cost needs no change here.

State ``D[i, j]`` is the best cost of aligning ``en[:i]`` with ``zh[:j]``. Only the cells with
``lo[i] <= j <= hi[i]`` exist, so memory and time are O(n * window) rather than O(n * m); rows are
computed one at a time, vectorised over their columns.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol, cast

import numpy as np

LinkType = tuple[int, int]
"""(number of EN sentences, number of ZH sentences); (1, 0) and (0, 1) are allowed."""

AlignedLink = tuple[tuple[int, ...], tuple[int, ...], float]
"""(EN indices, ZH indices, cost) of one link, as `monotonic_align` returns them."""

DEFAULT_LINK_TYPES: tuple[LinkType, ...] = (
    (1, 1), (1, 0), (0, 1), (2, 1), (1, 2), (2, 2), (3, 1), (1, 3), (4, 1), (1, 4),
)  # fmt: skip


class CostFn(Protocol):
    def __call__(self, a: int, b: int, i: int, js: np.ndarray) -> np.ndarray:
        """Cost of the link covering ``en[i-a:i]`` and ``zh[j-b:j]`` for each ``j`` in ``js``."""
        ...


class NoPathError(ValueError):
    """No sequence of the allowed link types fits inside the window."""


def full_window(n: int, m: int) -> tuple[np.ndarray, np.ndarray]:
    return np.zeros(n + 1, dtype=np.int64), np.full(n + 1, m, dtype=np.int64)


def band(n: int, m: int, width: int) -> tuple[np.ndarray, np.ndarray]:
    """A window of ``width`` ZH positions either side of the diagonal from (0, 0) to (n, m).

    Widened near both ends so that the corners, which every path must pass, are inside.
    """
    i = np.arange(n + 1, dtype=np.float64)
    centre = i * (m / n) if n else np.zeros(1)
    return _clip_and_pin(np.floor(centre - width), np.ceil(centre + width), n, m)


def _clip_and_pin(lo: np.ndarray, hi: np.ndarray, n: int, m: int) -> tuple[np.ndarray, np.ndarray]:
    """Clip a window to the grid and open it at the corners (0, 0) and (n, m), which every
    monotonic path passes, so no window can make the search impossible at its ends."""
    lo = np.clip(lo, 0, m).astype(np.int64)
    hi = np.clip(hi, 0, m).astype(np.int64)
    lo[0] = 0
    hi[n] = m
    return lo, hi


def monotonic_align(
    n: int,
    m: int,
    cost: CostFn,
    link_types: Sequence[LinkType] = DEFAULT_LINK_TYPES,
    lo: np.ndarray | None = None,
    hi: np.ndarray | None = None,
) -> list[AlignedLink]:
    """The cheapest monotonic sequence of links covering ``en[:n]`` and ``zh[:m]`` exactly once.

    ``lo[i]``/``hi[i]`` (i = 0..n, inclusive) bound the ZH end positions allowed after ``i`` EN
    sentences; ``None`` means the full table. Returns the links in order with their costs.
    Raises `NoPathError` if no path exists inside the window.
    """
    table = _fill(n, m, cost, link_types, lo, hi)
    return _backtrace(table)


@dataclass
class _Table:
    n: int
    m: int
    lo: np.ndarray
    hi: np.ndarray
    score: list[np.ndarray]  # score[i][j - lo[i]] = best cost of en[:i] x zh[:j]
    choice: list[np.ndarray]  # index into types of the last link, -1 = unreachable
    link_cost: list[np.ndarray]  # cost of that last link
    types: list[LinkType]


def _checked_window(
    n: int, m: int, lo: np.ndarray | None, hi: np.ndarray | None
) -> tuple[np.ndarray, np.ndarray]:
    """The search window as int64 arrays (the full grid when not given), n + 1 bounds each."""
    if lo is None or hi is None:
        lo, hi = full_window(n, m)
    lo = np.asarray(lo, dtype=np.int64)
    hi = np.asarray(hi, dtype=np.int64)
    if len(lo) != n + 1 or len(hi) != n + 1:
        raise ValueError(f"window needs n + 1 = {n + 1} bounds, got {len(lo)} and {len(hi)}")
    return lo, hi


def _checked_types(link_types: Sequence[LinkType]) -> list[LinkType]:
    types: list[LinkType] = [(a, b) for a, b in link_types]
    if any(a < 0 or b < 0 or a + b == 0 for a, b in types):
        raise ValueError(f"bad link types {types}")
    return types


def _fill(
    n: int,
    m: int,
    cost: CostFn,
    link_types: Sequence[LinkType],
    lo: np.ndarray | None,
    hi: np.ndarray | None,
) -> _Table:
    lo, hi = _checked_window(n, m, lo, hi)
    types = _checked_types(link_types)
    moving = [(k, a, b) for k, (a, b) in enumerate(types) if a > 0]
    insert = [(k, b) for k, (a, b) in enumerate(types) if a == 0]
    inf = np.inf
    score: list[np.ndarray] = []
    choice: list[np.ndarray] = []
    link_cost: list[np.ndarray] = []
    n_moving = len(moving)
    kinds = np.array([k for k, _, _ in moving] + [-1], dtype=np.int8)
    for i in range(n + 1):
        lo_i, hi_i = max(int(lo[i]), 0), int(min(hi[i], m))
        width = max(hi_i - lo_i + 1, 0)
        # one candidate row per link type; the best is taken once per row
        totals = np.full((n_moving + 1, width), inf)
        costs = np.zeros((n_moving + 1, width))
        if i == 0 and lo_i == 0 and width:
            totals[n_moving, 0] = 0.0
        for r, (_, a, b) in enumerate(moving):
            if a > i or not width:
                continue
            p = i - a
            prev = score[p]
            lo_p = int(lo[p])
            # end positions j whose start j - b lies inside the previous row's window
            j_first = max(lo_i, lo_p + b)
            j_last = min(hi_i, lo_p + len(prev) - 1 + b)
            if j_first > j_last:
                continue
            c = cost(a, b, i, np.arange(j_first, j_last + 1))
            seg = slice(j_first - lo_i, j_last - lo_i + 1)
            totals[r, seg] = prev[j_first - b - lo_p : j_last - b - lo_p + 1] + c
            costs[r, seg] = c
        best = totals.argmin(axis=0) if width else np.zeros(0, dtype=np.int64)
        cols = np.arange(width)
        row = totals[best, cols]
        row_cost = costs[best, cols]
        arg = kinds[best]
        arg[~np.isfinite(row)] = -1
        for k, b in insert:
            _relax_inserts(row, arg, row_cost, k, b, i, lo_i, cost)
        score.append(row)
        choice.append(arg)
        link_cost.append(row_cost)
    return _Table(n, m, lo, hi, score, choice, link_cost, types)


def _relax_inserts(
    row: np.ndarray,
    arg: np.ndarray,
    row_cost: np.ndarray,
    k: int,
    b: int,
    i: int,
    lo_i: int,
    cost: CostFn,
) -> None:
    """Links with no EN side stay in the same row: relax them left to right.

    For b = 1 the chain ``D[j] = min(D[j], D[j-1] + c[j])`` is a running minimum of
    ``D[k] - C[k]`` plus ``C[j]`` (C the cumulative cost), so it is vectorised too.
    """
    width = len(row)
    if width <= b:
        return
    js = np.arange(lo_i + b, lo_i + width)
    c = np.minimum(np.asarray(cost(0, b, i, js), dtype=np.float64), 1e12)
    if b == 1:
        cum = np.concatenate([[0.0], np.cumsum(c)])
        with np.errstate(invalid="ignore"):
            best = np.minimum.accumulate(row - cum) + cum
        better = best < row - 1e-12
        better[0] = False
        row_cost[better] = c[np.nonzero(better)[0] - 1]
        row[better] = best[better]
        arg[better] = k
        return
    for t, j in enumerate(range(b, width)):  # rare: only for 0-b links with b > 1
        total = row[j - b] + c[t]
        if total < row[j]:
            row[j], arg[j], row_cost[j] = total, k, c[t]


def _backtrace(table: _Table) -> list[AlignedLink]:
    i, j = table.n, table.m
    lo = table.lo
    if not (lo[i] <= j <= lo[i] + len(table.score[i]) - 1) or not np.isfinite(
        table.score[i][j - lo[i]]
    ):
        raise NoPathError(f"no alignment path within the window for {table.n} x {table.m}")
    links: list[AlignedLink] = []
    while i > 0 or j > 0:
        col = j - int(lo[i])
        k = int(table.choice[i][col])
        if k < 0:
            raise NoPathError(f"broken back-pointer at ({i}, {j})")
        a, b = table.types[k]
        links.append(
            (tuple(range(i - a, i)), tuple(range(j - b, j)), float(table.link_cost[i][col]))
        )
        i, j = i - a, j - b
    links.reverse()
    return links


def path_touches_edge(links: Sequence[AlignedLink], lo: np.ndarray, hi: np.ndarray, m: int) -> bool:
    """True if a path node sits on a window edge that is not the table's edge.

    Then the best path may lie outside the window, and the search should be redone wider.
    """
    i = j = 0
    for en, zh, _ in links:
        i += len(en)
        j += len(zh)
        if (j == lo[i] and lo[i] > 0) or (j == hi[i] and hi[i] < m):
            return True
    return False


def banded_align(
    n: int,
    m: int,
    cost: CostFn,
    link_types: Sequence[LinkType] = DEFAULT_LINK_TYPES,
    *,
    width: int | None = None,
    max_width: int | None = None,
    on_band: object | None = None,
    search: Callable[[np.ndarray, np.ndarray], list[AlignedLink]] | None = None,
) -> list[AlignedLink]:
    """`monotonic_align` in a diagonal band that doubles until the path stays off its edges.

    The band follows the line from (0, 0) to (n, m), so a length mismatch needs no extra width;
    the start width (default: 2% of the longer side, at least 16) suits most documents. When the
    path touches an edge, or no path fits,
    the band doubles, until it spans the whole table. ``on_band(lo, hi)``, if given, is called
    before each search, so a cost can precompute pair features for exactly that window.
    ``search(lo, hi)``, if given, replaces the search inside a window (e.g. `table_align` over
    tabulated costs); ``cost`` is then not called.
    """
    if search is None:

        def search(lo: np.ndarray, hi: np.ndarray) -> list[AlignedLink]:
            return monotonic_align(n, m, cost, link_types, lo, hi)

    if n == 0 or m == 0:
        return monotonic_align(n, m, cost, link_types)
    if width is None:
        width = max(16, max(n, m) // 50)
    full = max(n, m)
    limit = full if max_width is None else min(max_width, full)
    while True:
        lo, hi = band(n, m, width)
        if callable(on_band):
            on_band(lo, hi)
        try:
            links = search(lo, hi)
        except NoPathError:
            if width >= limit:
                raise
            width = min(width * 2, limit)
            continue
        if width >= limit or not path_touches_edge(links, lo, hi, m):
            return links
        width = min(width * 2, limit)


def path_window(
    corners: Sequence[tuple[int, int]], n: int, m: int, margin: int
) -> tuple[np.ndarray, np.ndarray]:
    """A window following a guide path (e.g. a coarse alignment scaled up) ``margin`` wide.

    ``corners`` are monotonic (i, j) points from (0, 0) to (n, m); between two corners the
    window spans both corners' ZH positions, then widens by ``margin`` rows and columns.
    """
    lo = np.full(n + 1, m, dtype=np.int64)
    hi = np.zeros(n + 1, dtype=np.int64)
    pts = sorted(set(corners) | {(0, 0), (n, m)})
    for (i0, j0), (i1, j1) in zip(pts, pts[1:], strict=False):
        a, b = max(i0 - margin, 0), min(i1 + margin, n) + 1
        lo[a:b] = np.minimum(lo[a:b], min(j0, j1) - margin)
        hi[a:b] = np.maximum(hi[a:b], max(j0, j1) + margin)
    return _clip_and_pin(lo, hi, n, m)


def guided_align(
    n: int,
    m: int,
    cost: CostFn,
    link_types: Sequence[LinkType],
    corners: Sequence[tuple[int, int]],
    *,
    margin: int = 16,
    on_band: object | None = None,
) -> list[AlignedLink]:
    """`monotonic_align` in a window around a guide path, widened until the path stays inside.

    This is the fine step of coarse-to-fine search: the window costs O(n · margin) however far
    the guide strays from the diagonal. Falls back to `banded_align` once the margin would
    cover the table.
    """
    while margin < max(n, m):
        lo, hi = path_window(corners, n, m, margin)
        if callable(on_band):
            on_band(lo, hi)
        try:
            links = monotonic_align(n, m, cost, link_types, lo, hi)
        except NoPathError:
            margin *= 2
            continue
        if not path_touches_edge(links, lo, hi, m):
            return links
        margin *= 2
    return banded_align(n, m, cost, link_types, on_band=on_band)


TableCosts = dict[LinkType, "list[list[float]] | float"]
"""Per link type (a, b): ``table[i][j]``, the cost of the link ending at (i, j) for every grid cell
(i = 0..n, j = 0..m; cells where the link does not fit are never read), or one number for a link
type whose cost is the same everywhere (the null links)."""


def table_align(
    n: int,
    m: int,
    tables: TableCosts,
    link_types: Sequence[LinkType],
    lo: np.ndarray | None = None,
    hi: np.ndarray | None = None,
) -> list[AlignedLink]:
    """`monotonic_align` over costs already tabulated for the whole grid, in plain Python.

    For small documents (abstracts: ~10 sentences a side) the row-vectorised search spends its
    time in per-call numpy overhead on rows a dozen cells wide; scalar loops over lists are
    several times faster there. Same contract, window and tie-breaking as `monotonic_align`:
    link types with an EN side compete first (the first listed wins a tie), then links with no
    EN side relax the row left to right and replace a cell only when cheaper by more than 1e-12.
    Link types missing from ``tables`` are not used (they do not fit the grid).
    """
    lo, hi = _checked_window(n, m, lo, hi)
    lo_l = [max(int(x), 0) for x in lo]
    hi_l = [min(int(x), m) for x in hi]
    types = [(a, b) for a, b in link_types]
    usable = [(k, a, b, tables[(a, b)]) for k, (a, b) in enumerate(types) if (a, b) in tables]
    moving = [(k, a, b, t) for k, a, b, t in usable if a > 0]
    insert = [(k, b, t) for k, a, b, t in usable if a == 0]
    inf = math.inf
    score = [[inf] * (m + 1) for _ in range(n + 1)]
    choice = [[-1] * (m + 1) for _ in range(n + 1)]
    link_cost = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(n + 1):
        d_i, c_i, l_i = score[i], choice[i], link_cost[i]
        lo_i, hi_i = lo_l[i], hi_l[i]
        for k, a, b, table in moving:
            if a > i:
                continue
            prev = score[i - a]
            row = table[i] if isinstance(table, list) else None
            for j in range(max(lo_i, b), hi_i + 1):
                p = prev[j - b]
                if p == inf:
                    continue
                c = cast(float, table) if row is None else row[j]
                v = p + c
                if v < d_i[j]:
                    d_i[j], c_i[j], l_i[j] = v, k, c
        if i == 0 and lo_i == 0:
            d_i[0] = 0.0
        for k, b, table in insert:
            row = table[i] if isinstance(table, list) else None
            for j in range(lo_i + b, hi_i + 1):
                c = cast(float, table) if row is None else row[j]
                v = d_i[j - b] + c
                if v < d_i[j] - 1e-12:
                    d_i[j], c_i[j], l_i[j] = v, k, c
    if score[n][m] == inf:
        raise NoPathError(f"no alignment path within the window for {n} x {m}")
    return _trace_back(n, m, choice, link_cost, types)


def _trace_back(
    n: int, m: int, choice: list[list[int]], link_cost: list[list[float]],
    types: Sequence[LinkType],
) -> list[AlignedLink]:
    """The links of the best path, first to last, from `table_align`'s back-pointers."""
    links: list[AlignedLink] = []
    i, j = n, m
    while i > 0 or j > 0:
        k = choice[i][j]
        if k < 0:
            raise NoPathError(f"broken back-pointer at ({i}, {j})")
        a, b = types[k]
        links.append((tuple(range(i - a, i)), tuple(range(j - b, j)), float(link_cost[i][j])))
        i, j = i - a, j - b
    links.reverse()
    return links
