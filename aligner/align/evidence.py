"""Per-sentence evidence of translation inside a link: is each member rendered on the other side?

A link's pair score (`costs.LexicalCost`) pools its sentences, so a 2-1 link whose second English
sentence was never translated can still score well: the first sentence's anchors carry it. Here
every member sentence is judged on its own: the share of its anchors (word stems CC-CEDICT can
translate, numbers, Latin tokens, glossary terms) that the link's other side evidences, against
the share an *unrelated* sentence of the same document evidences by chance (single-character
dictionary words match almost anything; a stem in every sentence says nothing). A member whose
support is no better than chance has no evidence of being translated in this link.

Used twice: by the DP (`member_costs`: a merge must be earned, before a 2-1 beats 1-1 + 1-0) and
by the scorer (`link_evidence`: `omission` and `partial` findings, which name what is unmatched).
Both read the same `DocFeatures` as the lexical cost, so the evidence is what the aligner saw.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from aligner.align.features import DocFeatures

MARGIN = 0.15
"""How far above chance a member's support must be to count as evidenced (fitted by
bench/omission_cv.py across data sets; see README "Omissions")."""


@dataclass(frozen=True)
class DocEvidence:
    """EN × ZH sentence evidence for one document, computed once per document."""

    match: np.ndarray  # match[i, j]: weight of EN i's types that ZH j evidences
    en_norm: np.ndarray  # weight of each EN sentence's types
    zh_norm: np.ndarray  # weight of each ZH sentence's evidenced types
    en_chance: np.ndarray  # per EN sentence: median support from one unrelated ZH sentence
    zh_chance: np.ndarray  # per ZH sentence: median support from one unrelated EN sentence
    en_ind: np.ndarray  # EN sentence × type indicator (weighted)
    zh_ind: np.ndarray  # ZH sentence × type indicator (0/1)
    weight: np.ndarray  # per type


def _indicator(types: list[np.ndarray], n_types: int) -> np.ndarray:
    """Sentences × types, 1 where the sentence has (or evidences) the type."""
    out = np.zeros((len(types), n_types))
    rows = np.repeat(np.arange(len(types)), [len(t) for t in types])
    if len(rows):
        out[rows, np.concatenate(types)] = 1.0
    return out


def doc_evidence(feats: DocFeatures) -> DocEvidence:
    n_types = len(feats.weight)
    en_ind = _indicator(feats.en_types, n_types) * feats.weight
    zh_ind = _indicator(feats.zh_types, n_types)
    match = en_ind @ zh_ind.T
    en_norm = en_ind.sum(1)
    zh_norm = (zh_ind * feats.weight).sum(1)
    with np.errstate(invalid="ignore", divide="ignore"):
        en_share = np.where(en_norm[:, None] > 0, match / en_norm[:, None], 0.0)
        zh_share = np.where(zh_norm[None, :] > 0, match / zh_norm[None, :], 0.0)
    # chance: the median over the other side's sentences (most of them are unrelated)
    en_chance = np.median(en_share, axis=1) if match.shape[1] else np.zeros(len(en_norm))
    zh_chance = np.median(zh_share, axis=0) if match.shape[0] else np.zeros(len(zh_norm))
    return DocEvidence(match, en_norm, zh_norm, en_chance, zh_chance, en_ind, zh_ind,
                       feats.weight)


@dataclass(frozen=True)
class Member:
    """One sentence of a link and how well the link's other side evidences it."""

    side: str  # "en" or "zh"
    index: int  # sentence index in its side
    support: float  # share of its anchor weight found on the other side of the link
    chance: float  # share an unrelated sentence of the document finds
    norm: float  # its anchor weight (0: nothing to judge by)

    @property
    def evidenced(self) -> bool:
        return self.norm <= 0 or self.support >= self.chance + MARGIN


def members(ev: DocEvidence, en: Sequence[int], zh: Sequence[int]) -> list[Member]:
    """Every sentence of a link with both sides non-empty, judged on its own."""
    if not en or not zh:
        return []
    out = []
    en_l, zh_l = list(en), list(zh)
    zh_types = ev.zh_ind[zh_l].max(0)  # types the ZH block evidences
    for i in en_l:
        norm = float(ev.en_norm[i])
        got = float(ev.en_ind[i] @ zh_types)
        out.append(Member("en", i, got / norm if norm else 0.0, float(ev.en_chance[i]), norm))
    en_types = (ev.en_ind[en_l] > 0).max(0)
    for j in zh_l:
        norm = float(ev.zh_norm[j])
        got = float((ev.zh_ind[j] * en_types) @ ev.weight)
        out.append(Member("zh", j, got / norm if norm else 0.0, float(ev.zh_chance[j]), norm))
    return out



# --- a link's verdict -----------------------------------------------------------------------------

LENGTH_GAIN = 0.1
"""A member is also unsupported when its support is below `WEAK_MARGIN` above chance and the
link's length fits better without it by more than this (|log length ratio| shrinks)."""
WEAK_MARGIN = 0.4
PARTIAL_SHORT = 0.4
"""`partial`: one side shorter than the document's length norm predicts by more than this (log
ratio; 0.4 ≈ 1.5 times) while its counterpart's anchors are found no more than
`PARTIAL_MARGIN` above chance."""
PARTIAL_MARGIN = 0.5
PARTIAL_MIN_EN = 40  # EN characters below which length says too little (a title, a label)


@dataclass(frozen=True)
class LinkVerdict:
    """What the evidence says about one link with both sides non-empty."""

    hidden: tuple[Member, ...]  # members with no evidence of being translated in this link
    partial: str | None  # "en" or "zh": the side that says clearly more, else None
    en_unmatched: tuple[str, ...]  # EN anchor keys (`DocFeatures.keys`) the ZH side lacks
    members: tuple[Member, ...]


def doc_ratio(feats: DocFeatures) -> float:
    """ZH/EN characters of the document, shrunk to the prior (as `costs.LexicalCost` does)."""
    from aligner.align.costs import CostParams

    p = CostParams()
    k = p.ratio_pseudo_chars
    return float((feats.zh_len.sum() + p.ratio_prior * k) / (feats.en_len.sum() + k))


def _log_fit(zh_chars: float, en_chars: float, ratio: float, smooth: float = 8.0) -> float:
    return float(np.log((zh_chars + smooth) / (ratio * en_chars + smooth)))


def judge(
    feats: DocFeatures, ev: DocEvidence, en: Sequence[int], zh: Sequence[int], ratio: float
) -> LinkVerdict | None:
    """Hidden members and a partial translation in the link ``en`` × ``zh`` (None for a null
    link: that is an omission already)."""
    if not en or not zh:
        return None
    ms = members(ev, en, zh)
    e = float(feats.en_len[list(en)].sum())
    z = float(feats.zh_len[list(zh)].sum())
    fit = abs(_log_fit(z, e, ratio))
    hidden = []
    if len(en) + len(zh) > 2:
        for m in ms:
            if (m.side == "en" and len(en) < 2) or (m.side == "zh" and len(zh) < 2):
                continue
            margin = m.support - m.chance
            if m.side == "en":
                without = abs(_log_fit(z, e - float(feats.en_len[m.index]), ratio))
            else:
                without = abs(_log_fit(z - float(feats.zh_len[m.index]), e, ratio))
            if (m.norm > 0 and margin < 0.05) or (
                fit - without > LENGTH_GAIN and margin < WEAK_MARGIN
            ):
                hidden.append(m)
    x = _log_fit(z, e, ratio)
    partial = None
    en_margin = min((m.support - m.chance for m in ms if m.side == "en"), default=1.0)
    zh_margin = min((m.support - m.chance for m in ms if m.side == "zh"), default=1.0)
    if e < PARTIAL_MIN_EN:
        pass
    elif x < -PARTIAL_SHORT and en_margin < PARTIAL_MARGIN:
        partial = "en"
    elif x > PARTIAL_SHORT and zh_margin < PARTIAL_MARGIN:
        partial = "zh"
    zh_types = ev.zh_ind[list(zh)].max(0)
    unmatched: list[str] = []
    if feats.keys:
        for i in en:
            for t in feats.en_types[i].tolist():
                if not zh_types[t] and feats.keys[t] not in unmatched:
                    unmatched.append(feats.keys[t])
    return LinkVerdict(tuple(hidden), partial, tuple(unmatched), tuple(ms))
