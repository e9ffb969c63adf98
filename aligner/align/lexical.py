"""The lexical sentence aligner: length + numbers + Latin anchors + glossary + CC-CEDICT, by DP.

``align_sentences(en, zh)`` extracts per-sentence features once (`features.extract`), then runs
the DP with `costs.LexicalCost`, recomputing pair scores only for the window of each try, and
turns link costs into confidences (`confidence.link_confidence`).

Windows: short documents use a diagonal band that doubles while the path touches its edge
(`dp.banded_align`). From `COARSE_FROM` sentences a side, the document is first aligned as
blocks of ~8 sentences, and the sentence-level search runs in a narrow window around that
coarse path (`dp.guided_align`): the Bible pair drifts 129 sentences off its diagonal, which a
band would pay for on every row.

Small documents (abstracts, up to `SMALL_UP_TO` sentences a side) take `small_align` instead:
the same band search over costs tabulated once for the whole grid, several times faster there
and with the same links.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from aligner.align import members
from aligner.align.confidence import link_confidence
from aligner.align.costs import CostParams, LexicalCost, grid_costs
from aligner.align.dp import AlignedLink, banded_align, guided_align, table_align
from aligner.align.features import DocFeatures, FeatureWeights, coarsen, extract
from aligner.model import Glossary, Link


def align_sentences(
    en: list[str],
    zh: list[str],
    *,
    glossary: Glossary | None = None,
    use_dictionary: bool = True,
    params: CostParams | None = None,
    weights: FeatureWeights | None = None,
    band_width: int | None = None,
) -> list[Link]:
    """Links covering every sentence of ``en`` and ``zh`` once, in order, with confidences.

    ``use_dictionary=False`` skips CC-CEDICT (length, numbers, Latin tokens and glossary only);
    the dictionary index is otherwise loaded once per process (~0.05 s from the disk cache).
    """
    params = params or CostParams()
    dictionary = None
    if use_dictionary and en and zh:
        from aligner.align.dictionary import en_zh_index

        dictionary = en_zh_index()
    feats = extract(
        en, zh, dictionary=dictionary, glossary=glossary, weights=weights or FeatureWeights()
    )
    return links_from_path(align_features(feats, params, band_width), feats)


def align_features(
    feats: DocFeatures, params: CostParams, band_width: int | None = None
) -> list[AlignedLink]:
    """The cheapest path for one document's features: `small_align` up to `SMALL_UP_TO`
    sentences a side, else `general_align`; both give the same links (up to exact ties)."""
    n, m = len(feats.en_len), len(feats.zh_len)
    if n and m and max(n, m) <= SMALL_UP_TO:
        return small_align(feats, params, band_width)
    return general_align(feats, params, band_width)


def general_align(
    feats: DocFeatures, params: CostParams, band_width: int | None = None
) -> list[AlignedLink]:
    """Any size: costs computed window by window (`LexicalCost`), coarse-to-fine from
    `COARSE_FROM` sentences a side."""
    n, m = len(feats.en_len), len(feats.zh_len)
    cost = _with_members(LexicalCost(feats, params), feats)
    if min(n, m) >= COARSE_FROM and band_width is None:
        corners = coarse_corners(feats, params)
        return guided_align(n, m, cost, params.link_types, corners, on_band=cost.set_window)
    return banded_align(n, m, cost, params.link_types, width=band_width, on_band=cost.set_window)


def _with_members(cost: LexicalCost, feats: DocFeatures) -> LexicalCost | members.MemberCost:
    """A merge must be earned (`members.py`): each merged sentence needs its own evidence."""
    if not members.MEMBER_COST:
        return cost
    return members.MemberCost(cost, feats, members.MEMBER_COST)


SMALL_UP_TO = 50  # sentences per side up to which `small_align` tabulates the whole grid
COARSE_FROM = 400  # sentences per side from which coarse-to-fine beats one wide band
COARSE_EN = 8  # EN sentences per coarse unit


def small_align(
    feats: DocFeatures, params: CostParams, band_width: int | None = None
) -> list[AlignedLink]:
    """The banded search of `align_sentences`, for documents of up to `SMALL_UP_TO` sentences.

    Why a separate path: on abstracts (~10 sentences a side) the general path spends most of
    its time in numpy call overhead, rebuilding windowed pair scores and searching rows a dozen
    cells wide. Here every link cost is tabulated once over the whole grid
    (`costs.grid_costs`) and the search runs over plain lists (`dp.table_align`), with the same
    band, band doubling and tie-breaking, so the links are the same as `general_align`'s
    (tests/test_align_fast.py; identical on every document of bench/align_eval.py and on 2,000
    synthetic abstracts). Costs agree to ~1e-14, not bit for bit (block sums are added in
    another order), so where two different paths cost exactly the same (repeated sentences)
    the two searches may break the tie differently.
    """
    n, m = len(feats.en_len), len(feats.zh_len)
    tables = grid_costs(feats, params)
    if members.MEMBER_COST:
        tables = members.add_member_costs(tables, feats, members.MEMBER_COST)
    types = params.link_types

    def search(lo: np.ndarray, hi: np.ndarray) -> list[AlignedLink]:
        return table_align(n, m, tables, types, lo, hi)

    return banded_align(n, m, _no_cost, types, width=band_width, search=search)


def _no_cost(a: int, b: int, i: int, js: np.ndarray) -> np.ndarray:
    raise AssertionError("small_align searches tabulated costs only")


def coarse_corners(feats: DocFeatures, params: CostParams) -> list[tuple[int, int]]:
    """Corners of an alignment of ~8-sentence blocks, in fine (sentence) coordinates."""
    n, m = len(feats.en_len), len(feats.zh_len)
    k_en = COARSE_EN
    k_zh = max(1, round(COARSE_EN * m / n))
    coarse = coarsen(feats, k_en, k_zh)
    cost = LexicalCost(coarse, params)
    types = [(1, 1), (2, 1), (1, 2), (1, 0), (0, 1)]
    raw = banded_align(len(coarse.en_len), len(coarse.zh_len), cost, types, on_band=cost.set_window)
    corners = []
    i = j = 0
    for e, z, _ in raw:
        i, j = i + len(e), j + len(z)
        corners.append((min(i * k_en, n), min(j * k_zh, m)))
    return corners


def links_from_path(raw: Sequence[AlignedLink], feats: DocFeatures | None = None) -> list[Link]:
    """Links with confidences; with ``feats``, a merged link hiding a member that has no
    evidence of being translated in it is capped below 0.9 (`confidence.link_confidence`)."""
    hidden = hidden_links(raw, feats) if feats is not None else set()
    return [
        Link(en, zh, link_confidence(len(en), len(zh), c, hidden=k in hidden))
        for k, (en, zh, c) in enumerate(raw)
    ]


def hidden_links(raw: Sequence[AlignedLink], feats: DocFeatures) -> set[int]:
    """Indices of merged links with a member the other side gives no evidence for."""
    from aligner.align.evidence import doc_evidence, doc_ratio, judge

    merged = [k for k, (en, zh, _) in enumerate(raw) if en and zh and len(en) + len(zh) > 2]
    if not merged:
        return set()
    ev, ratio = doc_evidence(feats), doc_ratio(feats)
    out = set()
    for k in merged:
        verdict = judge(feats, ev, raw[k][0], raw[k][1], ratio)
        if verdict is not None and verdict.hidden:
            out.add(k)
    return out
