"""Per-sentence evidence of translation inside a link: is each member rendered on the other side?

A link's pair score (`costs.LexicalCost`) pools its sentences, so a 2-1 link whose second English
sentence was never translated can still score well: the first sentence's anchors carry it. Here
every member sentence is judged on its own: the share of its anchors (word stems CC-CEDICT can
translate, numbers, Latin tokens, glossary terms) that the link's other side evidences, against
the share an *unrelated* sentence of the same document evidences by chance (single-character
dictionary words match almost anything; a stem in every sentence says nothing). A member whose
support is no better than chance has no evidence of being translated in this link.

Used by the DP (`members.py`: a merge must be earned), by the confidence (`lexical.hidden_links`:
a link hiding a member stays below 0.9) and, through `link_evidence` (plain `LinkEvidence` the
pipeline attaches to an alignment), by the `omission` and `partial` checks of the scorer.
Both read the same `DocFeatures` as the lexical cost, so the evidence is what the aligner saw.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from aligner.align.features import DocFeatures, FeatureWeights, extract
from aligner.model import Glossary, Link, LinkEvidence

_WORD = re.compile(r"[A-Za-z]+(?:'[a-z]+)?")

MARGIN = 0.0
"""Support no more than this above chance is no evidence at all (a member with anchors below it
is always unsupported). This and the thresholds below were chosen by leave-one-set-out
cross-validation (bench/omission_cv.py, which says when they differ from its choice)."""

CHANCE_SAMPLE = 64
"""Other-side sentences (evenly spaced) a sentence's chance support is measured against: all of
an abstract's, a sample of a book's (the median barely moves, and memory stays O(n))."""


class DocEvidence:
    """Per-sentence anchor sets of one document, and each sentence's chance support (computed
    when first asked: only members of the links judged need it)."""

    def __init__(self, feats: DocFeatures):
        self.weight = feats.weight
        self.en_sets = [frozenset(t.tolist()) for t in feats.en_types]
        self.zh_sets = [frozenset(t.tolist()) for t in feats.zh_types]
        self.en_norm = np.array([self.weight[t].sum() for t in feats.en_types])
        self.zh_norm = np.array([self.weight[t].sum() for t in feats.zh_types])
        self._en_chance: dict[int, float] = {}
        self._zh_chance: dict[int, float] = {}

    def weight_of(self, types: frozenset[int]) -> float:
        return float(self.weight[list(types)].sum()) if types else 0.0

    def en_chance(self, i: int) -> float:
        """Median share of EN ``i``'s anchor weight that one other ZH sentence evidences (most
        sentences of a document are unrelated to any one sentence)."""
        got = self._en_chance.get(i)
        if got is None:
            got = self._en_chance[i] = self._chance(self.en_sets[i], self.en_norm[i],
                                                    self.zh_sets)
        return got

    def zh_chance(self, j: int) -> float:
        got = self._zh_chance.get(j)
        if got is None:
            got = self._zh_chance[j] = self._chance(self.zh_sets[j], self.zh_norm[j],
                                                    self.en_sets)
        return got

    def _chance(self, types: frozenset[int], norm: float, others: list[frozenset[int]]) -> float:
        if not norm or not others:
            return 0.0
        n = len(others)
        picks = range(n) if n <= CHANCE_SAMPLE else sorted(
            {round(k * (n - 1) / (CHANCE_SAMPLE - 1)) for k in range(CHANCE_SAMPLE)})
        return float(np.median([self.weight_of(types & others[k]) / norm for k in picks]))


def doc_evidence(feats: DocFeatures) -> DocEvidence:
    return DocEvidence(feats)


@dataclass(frozen=True)
class Member:
    """One sentence of a link and how well the link's other side evidences it."""

    side: str  # "en" or "zh"
    index: int  # sentence index in its side
    support: float  # share of its anchor weight found on the other side of the link
    chance: float  # share an unrelated sentence of the document finds
    norm: float  # its anchor weight (0: nothing to judge by)

    @property
    def margin(self) -> float:
        return self.support - self.chance


def members(ev: DocEvidence, en: Sequence[int], zh: Sequence[int]) -> list[Member]:
    """Every sentence of a link with both sides non-empty, judged on its own."""
    if not en or not zh:
        return []
    zh_types = frozenset().union(*(ev.zh_sets[j] for j in zh))
    en_types = frozenset().union(*(ev.en_sets[i] for i in en))
    out = []
    for i in en:
        norm = float(ev.en_norm[i])
        got = ev.weight_of(ev.en_sets[i] & zh_types)
        out.append(Member("en", i, got / norm if norm else 0.0, ev.en_chance(i), norm))
    for j in zh:
        norm = float(ev.zh_norm[j])
        got = ev.weight_of(ev.zh_sets[j] & en_types)
        out.append(Member("zh", j, got / norm if norm else 0.0, ev.zh_chance(j), norm))
    return out


# --- a link's verdict -----------------------------------------------------------------------------

LENGTH_GAIN = 0.1
"""A member is also unsupported when its support is below `WEAK_MARGIN` above chance and the
link's length fits better without it by more than this (|log length ratio| shrinks)."""
WEAK_MARGIN = 0.2
PARTIAL_SHORT = 0.4
"""`partial`: one side shorter than the document's length norm predicts by more than this (log
ratio; 0.4 ≈ 1.5 times) while its counterpart's anchors are found no more than
`PARTIAL_MARGIN` above chance."""
PARTIAL_MARGIN = 0.3
PARTIAL_LONG = 0.8
"""The same for the Chinese side saying more (Chinese longer than the norm predicts)."""
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
            margin = m.margin
            if m.side == "en":
                without = abs(_log_fit(z, e - float(feats.en_len[m.index]), ratio))
            else:
                without = abs(_log_fit(z - float(feats.zh_len[m.index]), e, ratio))
            if (m.norm > 0 and margin < MARGIN) or (
                fit - without > LENGTH_GAIN and margin < WEAK_MARGIN
            ):
                hidden.append(m)
    x = _log_fit(z, e, ratio)
    partial = None
    en_margin = min((m.margin for m in ms if m.side == "en"), default=1.0)
    zh_margin = min((m.margin for m in ms if m.side == "zh"), default=1.0)
    if e < PARTIAL_MIN_EN:
        pass
    elif x < -PARTIAL_SHORT and en_margin < PARTIAL_MARGIN:
        partial = "en"
    elif x > PARTIAL_LONG and zh_margin < PARTIAL_MARGIN:
        partial = "zh"
    zh_types = frozenset().union(*(ev.zh_sets[j] for j in zh))
    unmatched: list[str] = []
    if feats.keys:
        for i in en:
            for t in feats.en_types[i].tolist():
                if t not in zh_types and feats.keys[t] not in unmatched:
                    unmatched.append(feats.keys[t])
    return LinkVerdict(tuple(hidden), partial, tuple(unmatched), tuple(ms))


SHIFT_MARGIN = 0.2
"""A link is `weak` when every sentence of it is found no more than this above chance: next to
a link hiding a member, a sentence deleted before a merge often shifts its neighbour's
translation into the orphan's place (`score/omission.py` reports it too)."""


def link_evidence(
    en: Sequence[str],
    zh: Sequence[str],
    links: Sequence[Link],
    glossary: Glossary | None = None,
) -> list[LinkEvidence | None]:
    """Per link of an alignment (any method's): hidden members, a partial side and the English
    anchors the Chinese lacks, as plain `LinkEvidence` (None for null links). Uses the lexical
    aligner's features (CC-CEDICT, numbers, Latin tokens, the glossary's terms)."""
    from aligner.align.dictionary import en_zh_index

    if not en or not zh:
        return [None for _ in links]
    feats = extract(en, zh, dictionary=en_zh_index(), glossary=glossary,
                    weights=FeatureWeights())
    return evidence_of(feats, doc_evidence(feats), doc_ratio(feats), links,
                       _labels(feats, en, glossary))


def evidence_of(
    feats: DocFeatures,
    ev: DocEvidence,
    ratio: float,
    links: Sequence[Link],
    labels: dict[str, str] | None = None,
) -> list[LinkEvidence | None]:
    """`link_evidence` from features already extracted (bench/omission_cv.py re-judges the
    same documents under many thresholds)."""
    out: list[LinkEvidence | None] = []
    for link in links:
        verdict = judge(feats, ev, link.en, link.zh, ratio)
        if verdict is None:
            out.append(None)
            continue
        out.append(LinkEvidence(
            hidden=tuple((m.side, m.index) for m in verdict.hidden),
            partial=verdict.partial,
            unmatched=_readable(verdict.en_unmatched, labels or {}),
            weak=all(m.margin < SHIFT_MARGIN for m in verdict.members),
        ))
    return out


def _labels(feats: DocFeatures, en: Sequence[str], glossary: Glossary | None) -> dict[str, str]:
    """Anchor key -> what a reader recognises: the number, the Latin token, the glossary's
    English term, the first English word with that stem."""
    from aligner.align.text import stem
    from aligner.normalize import normalise

    labels: dict[str, str] = {}
    terms = list(glossary) if glossary is not None else []
    for key in feats.keys:
        if key.startswith(("#n:", "#l:", "#w:", "#s:")):
            labels[key] = key[3:]
        elif key == "#h":
            labels[key] = "(heading)"
        elif key.startswith("#g:"):
            k = int(key[3:])
            labels[key] = terms[k].en if k < len(terms) else key
    for text in en:
        for w in _WORD.findall(normalise(text)):
            labels.setdefault(stem(w.lower()), w)
    return labels


def _readable(keys: Sequence[str], labels: dict[str, str]) -> tuple[str, ...]:
    """Numbers, Latin tokens and terms first (they must survive translation), then words."""
    strong = [labels.get(k, k) for k in keys if k.startswith("#")]
    words = [labels.get(k, k) for k in keys if not k.startswith("#")]
    return tuple(dict.fromkeys(strong + words))
