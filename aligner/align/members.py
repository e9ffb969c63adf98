"""A merge must be earned: a DP cost for merged sentences the other side gives no evidence for.

`costs.LexicalCost` scores a link's sentences pooled (one cosine over the block), and already
charges `member_weight` for a merged sentence whose numbers, Latin tokens and terms go unmatched.
Most sentences have none of those, so an untranslated sentence next to a translated one was
still cheaper merged (2-1) than left alone (1-0 at `null_cost`). Here every member of a merge is
held to the evidence test of `evidence.members`, on *all* its anchors (dictionary words too):
the weight its link's other side evidences must exceed what an unrelated sentence of the same
document evidences by chance, by `DP_MARGIN` of its anchor weight; each member that fails
costs `MEMBER_COST`. Sentences with no anchors are not judged (nothing to judge by).

Plugged into the DP's cost protocol without touching the base cost: `MemberCost` wraps a
`LexicalCost` (`dp.CostFn`), `add_member_costs` adds the same amounts to `costs.grid_costs`'
tables, so the two search paths of `lexical.py` still find the same links.
"""

from __future__ import annotations

import numpy as np

from aligner.align.costs import LexicalCost, _indicator, _unsupported_members
from aligner.align.evidence import doc_evidence
from aligner.align.features import DocFeatures

MEMBER_COST = 0.0
"""Cost per merged sentence without evidence (a null link costs `CostParams.null_cost`, 3.0).

Off (0) by default, measured: at 1.5 MAC-Dev strict F1 fell from .809 to .751 (0.5: .773; 1.5
with the test at chance, no margin: .798), ParaMed .997 → .996, synthetic .994 → .997; omission
recall (bench/omission_eval.py) did not change, false findings on clean ParaMed / TICO fell
(1.03 → .52, .50 → .21 per 100 sentences). Literary translation merges sentences whose own
anchors are weak, so the charge costs more right merges than it saves; the `omission` finding
and the confidence cap mark such merges instead. Enable it (set this) to try on your text."""
DP_MARGIN = 0.05
"""Support above chance a merged sentence needs in the DP (measured with it; the scorer uses
`evidence.MARGIN`)."""


def thresholds(feats: DocFeatures) -> tuple[np.ndarray, np.ndarray]:
    """Per EN and per ZH sentence: the matched anchor weight a link must give it to count as
    evidenced ((chance + MARGIN) × its weight; 0 for sentences with no anchors)."""
    ev = doc_evidence(feats)
    en = np.array([(ev.en_chance(i) + DP_MARGIN) * ev.en_norm[i] for i in range(len(ev.en_sets))])
    zh = np.array([(ev.zh_chance(j) + DP_MARGIN) * ev.zh_norm[j] for j in range(len(ev.zh_sets))])
    return en.reshape(-1), zh.reshape(-1)


class MemberCost:
    """`base` plus `weight` per unevidenced member of a merged link (a `dp.CostFn`)."""

    def __init__(self, base: LexicalCost, feats: DocFeatures, weight: float = MEMBER_COST):
        self.base = base
        self.weight = weight
        self.en_thr, self.zh_thr = thresholds(feats)

    def set_window(self, lo: np.ndarray, hi: np.ndarray) -> None:
        self.base.set_window(lo, hi)

    def __call__(self, a: int, b: int, i: int, js: np.ndarray) -> np.ndarray:
        cost = self.base(a, b, i, js)
        if self.weight and a and b and (a > 1 or b > 1):
            cost = cost + self.weight * self.unsupported(a, b, i, np.asarray(js))
        return cost

    def unsupported(self, a: int, b: int, i: int, js: np.ndarray) -> np.ndarray:
        pairs = self.base.pairs
        if pairs is None:
            raise RuntimeError("MemberCost.set_window must be called before the search")
        cells = pairs.cells(np.full(len(js), i - a), a, js - b, b)
        out = np.zeros(len(js))
        if a > 1:
            for r, row in enumerate(cells):
                thr = self.en_thr[i - a + r]
                out += (thr > 0) & (sum(row) < thr)
        if b > 1:
            for t in range(b):
                thr = self.zh_thr[js - b + t]
                out += (thr > 0) & (sum(row[t] for row in cells) < thr)
        return out


def add_member_costs(tables: dict, feats: DocFeatures, weight: float = MEMBER_COST) -> dict:
    """`costs.grid_costs`' tables with `MemberCost`'s charge added to every merged link type."""
    types = [t for t, v in tables.items() if isinstance(v, list) and (t[0] > 1 or t[1] > 1)]
    if not weight or not types:
        return tables
    n, m = len(feats.en_len), len(feats.zh_len)
    en_ind = _indicator(feats.en_types, len(feats.weight))
    zh_ind = _indicator(feats.zh_types, len(feats.weight))
    match = (en_ind * feats.weight) @ zh_ind.T
    en_thr, zh_thr = thresholds(feats)
    a = np.array([t[0] for t in types])[:, None, None]
    b = np.array([t[1] for t in types])[:, None, None]
    i = np.arange(n + 1)[None, :, None]
    j = np.arange(m + 1)[None, None, :]
    # `_unsupported_members` flags matched < 0.5 × norm: pass norm = 2 × threshold
    count = _unsupported_members(match, 2 * en_thr, 2 * zh_thr, a, b, i, j)
    out = dict(tables)
    for k, t in enumerate(types):
        out[t] = (np.asarray(tables[t]) + weight * count[k]).tolist()
    return out
