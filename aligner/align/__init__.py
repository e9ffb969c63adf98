"""Sentence alignment: monotonic DP over link types, with pluggable costs."""

from __future__ import annotations

from aligner.align.lexical import align_sentences

__all__ = ["align_sentences"]
