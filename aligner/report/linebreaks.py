"""Hard-wrapped line breaks joined for the formats CAT tools and spreadsheets import.

A sentence of a hard-wrapped input keeps its line breaks (offsets index the original text), and
a `<seg>` or a cell holding them is imported as a broken segment. Exports for those tools join
them: between two Chinese (CJK) characters the break is dropped (Chinese has no spaces), anywhere
else it becomes one space; the whitespace around the break goes with it. JSONL and Parquet keep
the original text and offsets; `keep=True` (`--keep-line-breaks`) keeps the breaks everywhere.
"""

from __future__ import annotations

import re

_BREAK = re.compile(r"[ \t\u3000]*(?:\r\n|[\r\n\u2028\u2029])[ \t\u3000\r\n\u2028\u2029]*")
# ideographs, CJK punctuation and full-width forms: no space is written next to them
_CJK = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]")


def _join(match: re.Match[str]) -> str:
    text = match.string
    before = text[match.start() - 1] if match.start() else ""
    after = text[match.end()] if match.end() < len(text) else ""
    if not before or not after:
        return ""
    if _CJK.match(before) and _CJK.match(after):
        return ""
    return " "


def join_line_breaks(text: str, *, keep: bool = False) -> str:
    """`text` with its line breaks joined (see the module docstring); unchanged if `keep`."""
    if keep or not _BREAK.search(text):
        return text
    return _BREAK.sub(_join, text)
