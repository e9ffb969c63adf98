"""A side-by-side table for reading an alignment on a terminal (80-120+ columns).

Columns are sized by display width (CJK counts double) and long sentences wrap inside their
column, so English and Chinese stay level however long either side is.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterable
from typing import TextIO

from aligner.model import Alignment
from aligner.report.stats import WriteStats
from aligner.report.width import pad, wrap
from aligner.safe import terminal_text

MIN_WIDTH, MAX_WIDTH = 60, 160
_GAP = "  "
# "#", kind and score columns ("  0 1-1   0.89"), then a gap before each text column
_LEAD = 15
_FIXED = _LEAD + 2 * len(_GAP)


def terminal_width(default: int = 100) -> int:
    return max(MIN_WIDTH, min(MAX_WIDTH, shutil.get_terminal_size((default, 24)).columns))


def render(alignment: Alignment, width: int) -> str:
    """One document as a table of at most `width` columns."""
    text_width = max(20, width - _FIXED)
    en_width = text_width * 11 // 20  # English needs a little more room than the Chinese
    zh_width = text_width - en_width
    doc = alignment.doc
    title = (
        f"{terminal_text(doc.id)}  {len(alignment.links)} links, {len(alignment.en)} EN / "
        f"{len(alignment.zh)} ZH sentences"
    )
    out = [title, "─" * min(width, max(len(title), 40)),
           f"{'#':>3} {'kind':<5} {'score':<5}{_GAP}{pad('English', en_width)}{_GAP}Chinese"]
    for i, (link, en_text, zh_text) in enumerate(alignment.pairs()):
        en_lines = wrap(terminal_text(en_text), en_width) if link.en else ["—"]
        zh_lines = wrap(terminal_text(zh_text), zh_width) if link.zh else ["—"]
        for row in range(max(len(en_lines), len(zh_lines))):
            en = en_lines[row] if row < len(en_lines) else ""
            zh = zh_lines[row] if row < len(zh_lines) else ""
            lead = f"{i:>3} {link.kind:<5} {link.score:<5.2f}" if row == 0 else " " * _LEAD
            out.append(f"{lead}{_GAP}{pad(en, en_width)}{_GAP}{zh}".rstrip())
    return "\n".join(out) + "\n"


def write_table(
    alignments: Iterable[Alignment], stream: TextIO, *, width: int | None = None
) -> WriteStats:
    width = width or terminal_width()
    stats = WriteStats()
    for alignment in alignments:
        if stats.documents:
            stream.write("\n")
        stream.write(render(alignment, width))
        stats.documents += 1
        stats.links += len(alignment.links)
    return stats
