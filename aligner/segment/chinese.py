"""Chinese sentence segmentation by punctuation rules (see `rules_zh` for the rules as data).

Text with no Chinese characters at all (an English "Chinese side", a Latin-only line in a
corpus) goes to the English segmenter, which knows Latin abbreviations far better.
Offsets always index the original text.
"""

from __future__ import annotations

import re

from aligner.model import Sentence
from aligner.scripts import CJK_IDEOGRAPH
from aligner.segment.rules_zh import (
    CJK,
    CLOSERS,
    CONTINUERS,
    ELLIPSES,
    ENUMERATION_OPENERS,
    FULL_WIDTH_TERMINALS,
    HALF_WIDTH_TERMINALS,
    LATIN_ABBREVIATIONS,
    TITLE_CLOSE,
    TITLE_OPEN,
)

_TERMINAL = f"[{re.escape(FULL_WIDTH_TERMINALS + HALF_WIDTH_TERMINALS + ELLIPSES)}]"
_CLOSER = f"[{re.escape(CLOSERS)}]"
# A run of terminal marks with the closers (and any further marks) that stick to it: "？”。".
_CLUSTER = re.compile(f"{_TERMINAL}++(?:{_CLOSER}++{_TERMINAL}*+)*+")
_CJK_CHAR = re.compile(f"[{CJK}]")
_IDEOGRAPH = CJK_IDEOGRAPH
# The Latin word before a half-width mark, allowing one space ("vs ." in tokenised text).
_LATIN_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)[^\S\n]?\Z")
_OPENERS, _CLOSERS_BR = "(（[［", ")）]］"
_BRACKET_REACH = 200
# Tried from the start of a run of spaces only, so a long run is scanned once (linear time).
_BLANK_LINE = re.compile(r"(?<![^\S\n])[^\S\n]*+\n[^\S\n]*+\n\s*+")
_CLOSER_CHARS = frozenset(CLOSERS)
_WORD_CHAR = re.compile(r"\w")
_TITLE_REACH = 100  # a 《 that is not closed within this many characters is a stray mark


def _is_cjk(ch: str) -> bool:
    return bool(_CJK_CHAR.match(ch))


def _is_enumerator(text: str, start: int, end: int) -> bool:
    """Is the point at `start` the point of an item number ("：1.收集…；2.分析…")?

    One or two digits (half- or full-width) that open a clause (at the start, or after a
    colon, semicolon, comma, stop, bracket or line break), followed at once by the item's text.
    """
    j = start
    while j > 0 and start - j < 3 and text[j - 1].isdigit():
        j -= 1
    if not 1 <= start - j <= 2 or end >= len(text):
        return False
    if text[end].isspace() or text[end].isdigit() or text[end] in CONTINUERS:
        return False
    return j == 0 or text[j - 1] in ENUMERATION_OPENERS or text[j - 1].isspace()


def _ends_here(text: str, core: str, start: int, end: int, nxt: int) -> bool:
    """Does the punctuation run `core` (at `start`, closers up to `end`) end a sentence?"""
    if core in ".．" and 0 < start and end < len(text) and text[start - 1].isdigit():
        if text[end].isdigit():
            return False  # a decimal point, also in full-width digits: ４．１７
        if _is_enumerator(text, start, end):
            return False
    if any(ch in FULL_WIDTH_TERMINALS for ch in core):
        return True
    ellipsis = sum(ch in ELLIPSES for ch in core)
    if ellipsis:
        if ellipsis >= 2:
            return not ("a" <= text[nxt] <= "z")
        # One "…" is also used in ranges ("1…10"): it ends only before Chinese or a quote.
        return bool(_IDEOGRAPH.match(text[nxt])) or text[nxt] in "“‘「『"
    if core.count(".") >= 3:  # "..." / "......": only the long Chinese-style run ends
        return len(core) >= 6 and not ("a" <= text[nxt] <= "z")
    # Half-width . ! ? only: they end a sentence in Chinese context.
    if end < len(text) and not text[end].isspace() and text[end].isascii() and text[end].isalnum():
        return False  # 3.5, example.com, a.b
    before = text[start - 1] if start else ""
    after = text[nxt]
    if nxt == end and before.isascii() and before.isalpha() and "." not in core:
        return False  # a Latin name with "!" or "?" inside Chinese text: "在Yahoo!工作"
    word = _LATIN_WORD_BEFORE.search(text, max(0, start - 20), start)
    if "." in core and word and (len(word[1]) == 1 or word[1].lower() in LATIN_ABBREVIATIONS):
        return False
    if _inside_brackets(text, start, end):
        return False  # "（－12.5 mmHg vs.－4.1 mmHg）": Latin marks inside brackets never end
    if _is_cjk(after) or (before and _is_cjk(before) and not before.isascii()):
        return True
    # Latin sentence inside Chinese text: "... in vivo. The ..."
    return nxt > end and after.isupper() and word is not None and len(word[1]) >= 2


def _inside_brackets(text: str, start: int, end: int) -> bool:
    """Is `start` inside a bracket opened shortly before and closed shortly after?"""
    depth = 0
    for ch in reversed(text[max(0, start - _BRACKET_REACH) : start]):
        if ch in _CLOSERS_BR:
            depth += 1
        elif ch in _OPENERS:
            if depth == 0:
                break
            depth -= 1
    else:
        return False
    depth = 1
    for ch in text[end : end + _BRACKET_REACH]:
        if ch in _OPENERS:
            depth += 1
        elif ch in _CLOSERS_BR:
            depth -= 1
            if depth == 0:
                return True
    return False


def _boundaries(text: str) -> list[int]:
    """Sentence end positions (after closers), in order."""
    ends: list[int] = [m.start() for m in _BLANK_LINE.finditer(text) if m.start() > 0]
    depth = 0  # open 《 titles before the current position
    pos = 0
    n = len(text)
    has_content = False  # any text but punctuation and space since the last sentence end
    last_end = 0
    for m in _CLUSTER.finditer(text):
        start, end = m.start(), m.end()
        has_content = has_content or not _only_punctuation(text, last_end, start)
        last_end = end
        if TITLE_OPEN in text[pos:start] or TITLE_CLOSE in text[pos:start]:
            for ch in text[pos:start]:
                if ch == TITLE_OPEN:
                    depth += 1
                elif ch == TITLE_CLOSE and depth:
                    depth -= 1
        pos = start
        nxt = end
        while nxt < n and text[nxt].isspace():
            nxt += 1
        if nxt >= n or text[nxt] in CONTINUERS:
            continue
        if depth and TITLE_CLOSE in text[start : end + _TITLE_REACH]:
            continue  # inside 《…》, closed in this run of marks or soon after
        if not has_content:
            continue  # a run of marks opening a sentence ("……患者"), not ending one
        core = "".join(ch for ch in m.group() if ch not in _CLOSER_CHARS)
        if _ends_here(text, core, start, end, nxt):
            ends.append(end)
            has_content = False
    return sorted(set(ends))


def _only_punctuation(text: str, start: int, end: int) -> bool:
    return _WORD_CHAR.search(text, start, end) is None


def segment_zh(text: str) -> list[Sentence]:
    """Split Chinese text into sentences whose offsets index `text` exactly."""
    if not _CJK_CHAR.search(text):
        from aligner.segment.english import segment_en

        return segment_en(text)
    sentences: list[Sentence] = []
    start = 0
    for end in [*_boundaries(text), len(text)]:
        piece = text[start:end]
        stripped = piece.strip()
        if stripped:
            a = start + len(piece) - len(piece.lstrip())
            sentences.append(Sentence(stripped, a, a + len(stripped)))
        start = end
    return sentences


__all__ = ["segment_zh"]
