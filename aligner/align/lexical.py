"""The lexical sentence aligner: length + numbers + Latin anchors + glossary + CC-CEDICT, by DP.

``align_sentences(en, zh)`` extracts per-sentence features once (`features.extract`), then runs
the DP with `costs.LexicalCost`, recomputing pair scores only for the window of each try, and
turns link costs into confidences (`confidence.link_confidence`).

Windows: short documents use a diagonal band that doubles while the path touches its edge
(`dp.banded_align`). From `COARSE_FROM` sentences a side, the document is first aligned as
blocks of ~8 sentences, and the sentence-level search runs in a narrow window around that
coarse path (`dp.guided_align`): the Bible pair drifts 129 sentences off its diagonal, which a
band would pay for on every row.
"""

from __future__ import annotations

from collections.abc import Sequence

from aligner.align.confidence import link_confidence
from aligner.align.costs import CostParams, LexicalCost
from aligner.align.dp import banded_align, guided_align
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
    cost = LexicalCost(feats, params)
    n, m = len(en), len(zh)
    if min(n, m) >= COARSE_FROM and band_width is None:
        corners = coarse_corners(feats, params)
        raw = guided_align(n, m, cost, params.link_types, corners, on_band=cost.set_window)
    else:
        raw = banded_align(n, m, cost, params.link_types, width=band_width, on_band=cost.set_window)
    return links_from_path(raw)


COARSE_FROM = 400  # sentences per side from which coarse-to-fine beats one wide band
COARSE_EN = 8  # EN sentences per coarse unit


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


def links_from_path(raw: Sequence[tuple[tuple[int, ...], tuple[int, ...], float]]) -> list[Link]:
    return [Link(en, zh, link_confidence(len(en), len(zh), c)) for en, zh, c in raw]
