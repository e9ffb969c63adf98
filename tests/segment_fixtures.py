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


# Repeating units that once made a segmenter backtrack exponentially or rescan quadratically
# (issue 11), shared by tests/test_segment_linear.py (a time bound) and
# bench/segment_eval.py --adversarial (time per MB).
ADVERSARIAL_UNITS: dict[str, str] = {
    "dots": ".",
    "exclamations": "!",
    "interrobangs": "?!",
    "dot leaders": "Contents" + "." * 60 + "12\n",
    "quoted questions": '"Really?!?!?!" ',
    "spaced dots": ". ",
    "spaced question marks": "? ",
    "closers after stops": '.)"',
    "spaces": " ",
    "newlines": "\n",
    "spaces and newlines": "   \n",
    "open brackets": "(",
    "open bracket and stops": "(? ",
    "close brackets": ")",
    "bullets": "• ",
    "same list marker": "1) Xx. ",
    "letter list marker": "a. Xx. ",
    "initials": "A. B. ",
    "abbreviations": "e.g. X ",
    "short sentences": "Word. ",
    "ellipses": "…",
    "chinese stops": "。",
    "chinese spaced ellipses": "…… ",
    "legend labels": "Fig. 1. (a) Cells. (B) n = 4. *P < 0.05. ",
}


def adversarial_text(unit: str, size: int) -> str:
    """`unit` repeated to about `size` characters, between ordinary sentence text."""
    return "Start " + unit * max(1, size // len(unit)) + " end. Then more text follows."
