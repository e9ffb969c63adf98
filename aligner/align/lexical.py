"""The lexical sentence aligner: length + numbers + Latin anchors + glossary + CC-CEDICT, by DP.

``align_sentences(en, zh)`` extracts per-sentence features once (`features.extract`), then runs the
banded DP (`dp.banded_align`) with `costs.LexicalCost`, recomputing pair scores only for the
window of each try, and turns link costs into confidences (`confidence.link_confidence`).
"""

from __future__ import annotations

from collections.abc import Sequence

from aligner.align.confidence import link_confidence
from aligner.align.costs import CostParams, LexicalCost
from aligner.align.dp import banded_align
from aligner.align.features import FeatureWeights, extract
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
    raw = banded_align(
        len(en), len(zh), cost, params.link_types, width=band_width, on_band=cost.set_window
    )
    return links_from_path(raw, cost)


def links_from_path(
    raw: Sequence[tuple[tuple[int, ...], tuple[int, ...], float]], cost: LexicalCost
) -> list[Link]:
    return [Link(en, zh, link_confidence(en, zh, c, cost)) for en, zh, c in raw]
