"""The scorers' text normalisation, `aligner.textnorm` (below every stage, so the aligner's
glossary anchors and the scorers read text the same way)."""

from aligner.textnorm import fold, nfkc

__all__ = ["fold", "nfkc"]
