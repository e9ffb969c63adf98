"""Link costs for the lexical aligner: a length model plus shared anchors, per link type.

Length: Chinese and English characters are not comparable units (an English sentence has ~3–4
times the characters of its Chinese translation), so the model compares the log of the Chinese
length with the English length scaled by the *document's own* ZH/EN character ratio — no
language-pair constant to go stale between genres — and treats the difference as Gaussian
(Gale–Church in log space, which behaves for the short sentences where their delta does not).

Anchors: a cosine between the EN block's anchor types and those the ZH block evidences
(`features.PairScores`), so a link whose words, numbers and terms match is cheap and a link that
swallows an unrelated neighbour is dearer. Merges pay a per-type penalty (their prior), so two
1-1 links beat one 2-2 link unless the evidence says otherwise.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

import numpy as np

from aligner.align.dp import LinkType
from aligner.align.features import DocFeatures, PairScores
from aligner.scripts import ZH_PER_EN_CHARS

FITTED_PARAMS = "lexical_params.json"
"""The fitted constants, in ``aligner/data``: written by ``bench/fit_costs.py`` (leave-one-data-
set-out search), read here and nowhere else."""


def _fitted() -> dict[str, float | int | str]:
    """The constants ``bench/fit_costs.py`` chose; {} (the dataclass defaults) if the file is
    absent, so a partial checkout still aligns."""
    try:
        raw = resources.files("aligner.data").joinpath(FITTED_PARAMS).read_text(encoding="utf-8")
    except (FileNotFoundError, OSError):
        return {}
    return dict(json.loads(raw).get("params", {}))


_FITTED = _fitted()


FALLBACK: dict[str, Any] = {
    "len_sigma": 0.5, "len_smooth": 8.0, "len_weight": 1.0, "lex_weight": 4.0,
    "null_cost": 3.0, "member_weight": 2.0, "ratio_prior": ZH_PER_EN_CHARS,
    "ratio_pseudo_chars": 2000.0,
    "lex_scale": "sum", "per_extra": 1.0, "both_sides": 3.0, "max_en": 6, "max_zh": 4,
}  # fmt: skip
"""Hand-set starting values: where the cross-validated search starts, and the defaults when
the fitted file is absent."""


def _default(name: str) -> Any:
    return field(default=_FITTED.get(name, FALLBACK[name]))


def link_types_for(max_en: int, max_zh: int) -> tuple[LinkType, ...]:
    """Every k-1 link up to ``max_en`` EN sentences, every 1-k up to ``max_zh`` ZH sentences,
    and 2-2, 3-2, 2-3: the data, not a hand-picked list, decides how far merges go (the limits
    are cross-validated in ``bench/fit_costs.py``, each extra member paying ``per_extra``)."""
    one_side = [(1, 1)]
    for k in range(2, max(max_en, max_zh) + 1):
        if k <= max_en:
            one_side.append((k, 1))
        if k <= max_zh:
            one_side.append((1, k))
    return (*one_side, (2, 2), (3, 2), (2, 3))


def merge_penalties(
    per_extra: float = 1.0, both_sides: float = 3.0, types: tuple[LinkType, ...] | None = None
) -> dict[LinkType, float]:
    """Prior cost of each link type: ``per_extra`` for every sentence beyond a 1-1 link, plus
    ``both_sides`` when both sides are merged (2-2, 3-2: rare in every gold set)."""
    return {
        (a, b): per_extra * (a + b - 2) + (both_sides if a > 1 and b > 1 else 0.0)
        for a, b in (types or link_types_for(6, 4))
    }


@dataclass(frozen=True)
class CostParams:
    """Costs of the lexical aligner. Defaults come from ``aligner/data/lexical_params.json``,
    chosen by ``bench/fit_costs.py`` (coordinate search over ParaMed dev, MAC-Dev, TICO-19 and
    the two synthetic sets, with leave-one-set-out and leave-one-document-out figures beside
    the in-sample ones); `FALLBACK` where the file is absent."""

    len_sigma: float = _default("len_sigma")  # std of log(zh / (ratio * en)) chars
    len_smooth: float = _default("len_smooth")  # chars added to both sides: short vary more
    len_weight: float = _default("len_weight")
    lex_weight: float = _default("lex_weight")
    null_cost: float = _default("null_cost")  # a 1-0 or 0-1 link (omission or addition)
    member_weight: float = _default("member_weight")  # per merged sentence whose
    # numbers/Latin/terms all go unmatched
    ratio_prior: float = _default("ratio_prior")  # ZH/EN chars (biomed ~.38, fiction ~.30)
    ratio_pseudo_chars: float = _default("ratio_pseudo_chars")  # EN chars the prior is worth
    lex_scale: str = _default("lex_scale")  # anchor cost grows with a link's size:
    # "sum" (a+b)/2, "prod" a*b
    per_extra: float = _default("per_extra")  # prior cost per sentence beyond a 1-1 link
    both_sides: float = _default("both_sides")  # extra prior when both sides are merged
    max_en: int = _default("max_en")  # longest k-1 link (EN sentences to one ZH)
    max_zh: int = _default("max_zh")  # longest 1-k link

    @property
    def penalties(self) -> dict[LinkType, float]:
        return _penalties(self.per_extra, self.both_sides, self.max_en, self.max_zh)

    @property
    def link_types(self) -> list[LinkType]:
        return [(1, 0), (0, 1), *self.penalties]


@functools.lru_cache(maxsize=64)
def _penalties(per_extra: float, both_sides: float, max_en: int, max_zh: int) -> dict:
    return merge_penalties(per_extra, both_sides, link_types_for(max_en, max_zh))


class LexicalCost:
    """A `dp.CostFn` over precomputed `DocFeatures`; `set_window` before each search.

    Costs are computed for a chunk of DP rows at once, for the whole window width, one link type
    at a time (a few 2-D numpy operations), and served from that cache: the DP asks row by row,
    and per-call numpy overhead would otherwise dominate on long documents.
    """

    CHUNK = 256

    def __init__(self, feats: DocFeatures, params: CostParams = CostParams()):
        self.feats = feats
        self.params = params
        zero = np.zeros(1)
        self.en_len = np.concatenate([zero, np.cumsum(feats.en_len)])
        self.zh_len = np.concatenate([zero, np.cumsum(feats.zh_len)])
        self.en_norm = np.concatenate([zero, np.cumsum(feats.en_norm)])
        self.zh_norm = np.concatenate([zero, np.cumsum(feats.zh_norm)])
        # the document's own ratio, shrunk towards the prior on short documents, where a single
        # omitted sentence would skew it
        k = params.ratio_pseudo_chars
        self.ratio = (self.zh_len[-1] + params.ratio_prior * k) / (self.en_len[-1] + k)
        self.pairs: PairScores | None = None
        self.strong_pairs: PairScores | None = None
        self.en_strong, self.zh_strong = feats.strong_norms()
        self.max_a = max(a for a, _ in params.link_types)
        self.max_b = max(b for _, b in params.link_types)
        self.lo = self.hi = np.zeros(0, dtype=np.int64)
        self._cache: dict[LinkType, tuple[int, np.ndarray]] = {}

    def set_window(self, lo: np.ndarray, hi: np.ndarray) -> None:
        self.lo, self.hi = np.asarray(lo, dtype=np.int64), np.asarray(hi, dtype=np.int64)
        self.pairs = PairScores.for_window(self.feats, self.lo, self.hi, self.max_a, self.max_b)
        if self.params.member_weight:
            strong = self.feats.weight * self.feats.strong
            self.strong_pairs = PairScores.for_window(
                self.feats, self.lo, self.hi, self.max_a, self.max_b, strong
            )
        self._cache.clear()

    def link_costs(self, a: int, b: int, i: np.ndarray, j: np.ndarray) -> np.ndarray:
        """Costs of the links en[i-a:i] × zh[j-b:j] for broadcast arrays of valid ``i``, ``j``."""
        p = self.params
        if a == 0 or b == 0:
            return np.full(np.broadcast_shapes(np.shape(i), np.shape(j)), p.null_cost)
        e = self.en_len[i] - self.en_len[i - a]
        z = self.zh_len[j] - self.zh_len[j - b]
        x = np.log((z + p.len_smooth) / (self.ratio * e + p.len_smooth))
        length = x * x / (2 * p.len_sigma**2)
        if self.pairs is None:
            raise RuntimeError("LexicalCost.set_window must be called before the search")
        cells = self.pairs.cells(i - a, a, j - b, b)
        dot = sum(c for row in cells for c in row)
        ne = self.en_norm[i] - self.en_norm[i - a]
        nz = self.zh_norm[j] - self.zh_norm[j - b]
        denom = np.sqrt(ne * nz)
        sim = np.minimum(np.divide(dot, denom, out=np.zeros_like(dot), where=denom > 0), 1.0)
        scale = a * b if p.lex_scale == "prod" else (a + b) / 2
        total = p.len_weight * length + p.lex_weight * scale * (1.0 - sim) + p.penalties[(a, b)]
        if p.member_weight and (a > 1 or b > 1):
            total = total + p.member_weight * self._unsupported_members(a, b, i, j)
        return total

    def _unsupported_members(self, a: int, b: int, i: np.ndarray, j: np.ndarray) -> np.ndarray:
        """How many merged sentences have numbers, Latin tokens or terms, most of them unmatched.

        Such anchors survive translation, so a sentence whose anchors all go unmatched was most
        likely not translated inside this link (an omission merged into a neighbour)."""
        assert self.strong_pairs is not None
        cells = self.strong_pairs.cells(i - a, a, j - b, b)
        out = np.zeros(np.broadcast_shapes(np.shape(i), np.shape(j)))
        if a > 1:
            for r, row in enumerate(cells):
                norm = self.en_strong[i - a + r]
                out += (norm > 0) & (sum(row) < 0.5 * norm)
        if b > 1:
            for t in range(b):
                norm = self.zh_strong[j - b + t]
                out += (norm > 0) & (sum(row[t] for row in cells) < 0.5 * norm)
        return out

    def __call__(self, a: int, b: int, i: int, js: np.ndarray) -> np.ndarray:
        if a == 0 or b == 0:
            return np.full(len(js), self.params.null_cost)
        if not len(self.lo):
            return self.link_costs(a, b, np.full(len(js), i), js)
        r0, chunk = self._cache.get((a, b), (-1, None))
        if chunk is None or not r0 <= i < r0 + len(chunk):
            r0 = i
            chunk = self._chunk(a, b, i)
            self._cache[(a, b)] = (r0, chunk)
        return chunk[i - r0, js - self.lo[i]]

    def _chunk(self, a: int, b: int, r0: int) -> np.ndarray:
        rows = np.arange(r0, min(r0 + self.CHUNK, len(self.lo)))
        width = int((self.hi[rows] - self.lo[rows]).max()) + 1
        cols = self.lo[rows][:, None] + np.arange(width)[None, :]
        m = len(self.zh_len) - 1
        valid = (cols - b >= 0) & (cols <= m)
        return self.link_costs(a, b, rows[:, None], np.where(valid, cols, b))


def grid_costs(feats: DocFeatures, params: CostParams = CostParams()) -> dict:
    """`LexicalCost.link_costs` for every link type over the whole grid, as nested lists.

    The small-document path (abstracts): with a few dozen sentences a side, the whole EN × ZH
    grid of every link type is cheaper to compute at once, as one (types, n + 1, m + 1) array,
    than window by window and type by type: numpy's per-call overhead, not arithmetic, is the
    cost on such small arrays. Pair scores come from one matrix product (EN × type weights
    against ZH × types) and block sums from 2-D prefix sums. Returns the `dp.TableCosts` that
    `dp.table_align` reads: ``table[i][j]`` is the cost of the link ``en[i-a:i] × zh[j-b:j]``
    (infinite where the link does not fit); null links have one constant cost; types larger
    than the grid are left out.
    """
    p = params
    n, m = len(feats.en_len), len(feats.zh_len)
    base = LexicalCost(feats, p)  # cumulative lengths and norms, the document's ratio
    tables: dict = {t: p.null_cost for t in p.link_types if 0 in t}
    types = [(a, b) for a, b in p.link_types if 0 < a <= n and 0 < b <= m]
    if not types:
        return tables
    en_ind = _indicator(feats.en_types, len(feats.weight))
    zh_ind = _indicator(feats.zh_types, len(feats.weight))
    pair = np.zeros((n + 1, m + 1))
    pair[1:, 1:] = ((en_ind * feats.weight) @ zh_ind.T).cumsum(0).cumsum(1)
    # axes: link type, EN end i, ZH end j; i0/j0 are the link's start (clipped where it
    # does not fit; those cells are set to infinity at the end)
    a = np.array([t[0] for t in types])[:, None, None]
    b = np.array([t[1] for t in types])[:, None, None]
    i = np.arange(n + 1)[None, :, None]
    j = np.arange(m + 1)[None, None, :]
    i0, j0 = np.maximum(i - a, 0), np.maximum(j - b, 0)
    e = base.en_len[i] - base.en_len[i0]
    z = base.zh_len[j] - base.zh_len[j0]
    x = np.log((z + p.len_smooth) / (base.ratio * e + p.len_smooth))
    length = x * x / (2 * p.len_sigma**2)
    dot = pair[i, j] - pair[i0, j] - pair[i, j0] + pair[i0, j0]
    denom = np.sqrt((base.en_norm[i] - base.en_norm[i0]) * (base.zh_norm[j] - base.zh_norm[j0]))
    sim = np.minimum(np.divide(dot, denom, out=np.zeros_like(dot), where=denom > 0), 1.0)
    scale = a * b if p.lex_scale == "prod" else (a + b) / 2
    penalty = np.array([p.penalties[t] for t in types])[:, None, None]
    total = p.len_weight * length + p.lex_weight * scale * (1.0 - sim) + penalty
    if p.member_weight:
        strong = (en_ind * (feats.weight * feats.strong)) @ zh_ind.T
        unsupported = _unsupported_members(strong, base.en_strong, base.zh_strong, a, b, i, j)
        total = total + p.member_weight * unsupported
    total[(i < a) | (j < b)] = np.inf
    tables.update(zip(types, total.tolist(), strict=True))
    return tables


def _unsupported_members(
    strong: np.ndarray,
    en_norm: np.ndarray,
    zh_norm: np.ndarray,
    a: np.ndarray,
    b: np.ndarray,
    i: np.ndarray,
    j: np.ndarray,
) -> np.ndarray:
    """`LexicalCost._unsupported_members` for every link type and cell (0 for 1-1 links).

    Whether EN sentence r is unsupported depends only on r, the link's ZH block and b, so it
    is computed once per b and summed over the link's rows by prefix sums down the EN axis (and
    the same for ZH sentences, per a, along the ZH axis). ``strong``: EN × ZH sentence scores
    over strong anchors only; ``en_norm``/``zh_norm``: each sentence's strong-anchor weight."""
    n, m = strong.shape
    # EN sentence r × ZH block of b sentences ending at j: its strong anchors mostly unmatched?
    rows = np.zeros((n, m + 1))  # prefix sums along each EN sentence's row
    rows[:, 1:] = strong.cumsum(1)
    bs = np.arange(int(b.max()) + 1)[:, None]
    cols = np.arange(m + 1)[None, :]
    block_start = np.maximum(cols - bs, 0)  # (b, j) -> j - b
    matched = rows[None, :, :] - rows[:, block_start].transpose(1, 0, 2)
    norm = en_norm[None, :, None]
    en_bad = (norm > 0) & (matched < 0.5 * norm) & (cols >= bs)[:, None, :]
    en_count = np.zeros((len(bs), n + 1, m + 1))
    en_count[:, 1:, :] = en_bad.cumsum(1)
    # ZH sentence t × EN block of a sentences ending at i
    down = np.zeros((n + 1, m))  # prefix sums down each ZH sentence's column
    down[1:, :] = strong.cumsum(0)
    as_ = np.arange(int(a.max()) + 1)[:, None]
    ens = np.arange(n + 1)[None, :]
    matched = down[None, :, :] - down[np.maximum(ens - as_, 0)]
    norm = zh_norm[None, None, :]
    zh_bad = (norm > 0) & (matched < 0.5 * norm) & (ens >= as_)[:, :, None]
    zh_count = np.zeros((len(as_), n + 1, m + 1))
    zh_count[:, :, 1:] = zh_bad.cumsum(2)
    i0, j0 = np.maximum(i - a, 0), np.maximum(j - b, 0)
    out = (en_count[b, i, j] - en_count[b, i0, j]) * (a > 1)
    return out + (zh_count[a, i, j] - zh_count[a, i, j0]) * (b > 1)


def _indicator(types: list[np.ndarray], n_types: int) -> np.ndarray:
    """Sentences × types, 1 where the sentence has (or evidences) the type."""
    out = np.zeros((len(types), n_types))
    rows = np.repeat(np.arange(len(types)), [len(t) for t in types])
    if len(rows):
        out[rows, np.concatenate(types)] = 1.0
    return out
