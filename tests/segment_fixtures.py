"""Shared by the segmentation tests: the offsets invariant every segmenter must keep."""

from __future__ import annotations

from aligner.model import Sentence


def assert_offsets_invariant(text: str, sentences: list[Sentence]) -> None:
    """Sentences index the original text, are stripped and ordered, and cover every
    non-whitespace character exactly once."""
    pos = 0
    for s in sentences:
        assert s.text, s
        assert text[s.start : s.end] == s.text
        assert s.text == s.text.strip()
        assert s.start >= pos
        assert text[pos : s.start].strip() == ""
        pos = s.end
    assert text[pos:].strip() == ""
