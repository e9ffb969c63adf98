"""Display width of text on a terminal, where CJK characters take two columns.

`len()` is wrong for a table that mixes English and Chinese: a Chinese sentence of 20
characters fills 40 columns, so columns padded by `len` drift apart.
"""

from __future__ import annotations

import re
import unicodedata


def char_width(ch: str) -> int:
    if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def display_width(text: str) -> int:
    return sum(char_width(ch) for ch in text)


def pad(text: str, width: int) -> str:
    return text + " " * max(0, width - display_width(text))


# a token is a run of spaces, one wide character (CJK text breaks anywhere between characters)
# or a run of narrow non-space characters (an English word, `CAR-T`, `(iPSC)`)
_TOKEN = re.compile(r"\s+|[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f"
                    r"\uff00-\uff60\uffe0-\uffe6\U00020000-\U0003fffd]|[^\s]+?(?=\s|[\u2e80-\ua4cf"
                    r"\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60]|$)")
# characters that must not start a line (Chinese line-breaking rules)
_NO_LINE_START = set("，。、；：？！）》」』】〕”’,.;:?!)%")


def _hard_split(token: str, width: int) -> list[str]:
    pieces, current, used = [], "", 0
    for ch in token:
        w = char_width(ch)
        if used + w > width and current:
            pieces.append(current)
            current, used = "", 0
        current += ch
        used += w
    if current:
        pieces.append(current)
    return pieces


def wrap(text: str, width: int) -> list[str]:
    """Lines of at most `width` columns; breaks at spaces, or between CJK characters."""
    text = " ".join(text.split())  # newlines and tabs would break the table
    if not text:
        return [""]
    lines: list[str] = []
    line, used = "", 0
    for token in _TOKEN.findall(text):
        if token.isspace():
            if line:
                line, used = line + " ", used + 1
            continue
        w = display_width(token)
        if used + w <= width:
            line, used = line + token, used + w
            continue
        if token[0] in _NO_LINE_START and line.rstrip() and len(line.rstrip()) > 1:
            # carry the last character over so the punctuation does not start a line
            body = line.rstrip()
            lines.append(body[:-1])
            line, used = body[-1], display_width(body[-1])
            if used + w <= width:
                line, used = line + token, used + w
                continue
        if line.strip():
            lines.append(line.rstrip())
        line, used = "", 0
        for piece in _hard_split(token, width):
            if used:
                lines.append(line)
            line, used = piece, display_width(piece)
    if line.strip():
        lines.append(line.rstrip())
    return lines or [""]
