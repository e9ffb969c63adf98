"""Sentence segmentation: English (Punkt + biomedical rules) and Chinese (punctuation rules).

Both return `Sentence`s whose offsets index the original text, so nothing is altered or lost.
"""

from __future__ import annotations

from aligner.model import Sentence
from aligner.segment.chinese import segment_zh
from aligner.segment.english import segment_en

__all__ = ["segment", "segment_en", "segment_zh"]


def segment(text: str, lang: str) -> list[Sentence]:
    if lang == "en":
        return segment_en(text)
    if lang == "zh":
        return segment_zh(text)
    raise ValueError(f"unsupported language {lang!r} (expected 'en' or 'zh')")
