"""Sentence alignment: monotonic DP over link types, with pluggable costs.

`align_sentences` is the lexical aligner (length, numbers, Latin tokens, glossary, CC-CEDICT);
`aligner.align.dp` is the search every aligner shares (`monotonic_align` over a window,
`banded_align`, `guided_align` for coarse-to-fine).
"""

from __future__ import annotations

from aligner.align.dp import CostFn, LinkType, NoPathError, banded_align, monotonic_align
from aligner.align.lexical import align_sentences

__all__ = [
    "CostFn",
    "LinkType",
    "NoPathError",
    "align_sentences",
    "banded_align",
    "monotonic_align",
]
