"""Links as CSV or TSV the way spreadsheets and pandas write them: the `csv` module's `excel`
and `excel-tab` dialects, one link per row with a header.

A field holding the delimiter, a quote or a line break is quoted (`"..."`, inner quotes
doubled), which Excel, LibreOffice, pandas (`read_csv(sep="\\t")`) and `aligner`'s own readers
understand; nothing is backslash-escaped. Hard-wrapped line breaks are joined
(`aligner.report.linebreaks`) unless kept, so a row is normally one line for `cut`/`awk`.
Text cells that a spreadsheet would evaluate as a formula (starting with `=`, `+`, `-`, `@`)
get a leading `'` (`aligner.safe`) unless `raw_cells` is set.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import TextIO

from aligner.model import LINK_COLUMNS, Alignment
from aligner.report.linebreaks import join_line_breaks
from aligner.report.stats import WriteStats
from aligner.safe import cell

COLUMNS = list(LINK_COLUMNS)


def indices(idx: tuple[int, ...]) -> str:
    """`(3, 4)` -> `3,4`; an empty side (1-0 / 0-1 link) is an empty field."""
    return ",".join(map(str, idx))


def write_delimited(
    alignments: Iterable[Alignment], stream: TextIO, *, dialect: str = "excel-tab",
    raw_cells: bool = False, keep_line_breaks: bool = False,
) -> WriteStats:
    writer = csv.writer(stream, dialect=dialect, lineterminator="\n")
    # the csv module quotes a field holding "\n" but not one holding a lone "\r" when rows end
    # in "\n"; such (rare) rows are written fully quoted so no reader splits them
    quoted = csv.writer(stream, dialect=dialect, lineterminator="\n", quoting=csv.QUOTE_ALL)
    stats = WriteStats()
    writer.writerow(COLUMNS)

    def text(value: str) -> str:
        return cell(join_line_breaks(value, keep=keep_line_breaks), raw=raw_cells)

    for alignment in alignments:
        stats.documents += 1
        doc = cell(alignment.doc.id, raw=raw_cells)
        for i, (link, en_text, zh_text) in enumerate(alignment.pairs()):
            row = [doc, str(i), link.kind, indices(link.en), indices(link.zh),
                   f"{link.score:.4f}", text(en_text), text(zh_text)]
            (quoted if any("\r" in field for field in row) else writer).writerow(row)
            stats.links += 1
    return stats


def write_tsv(alignments: Iterable[Alignment], stream: TextIO, **options) -> WriteStats:
    """Tab-separated (`excel-tab` dialect)."""
    return write_delimited(alignments, stream, dialect="excel-tab", **options)


def write_csv(alignments: Iterable[Alignment], stream: TextIO, **options) -> WriteStats:
    """Comma-separated (`excel` dialect)."""
    return write_delimited(alignments, stream, dialect="excel", **options)
