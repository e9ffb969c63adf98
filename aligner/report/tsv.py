"""Tab-separated links, one per line, for spreadsheets and `cut`/`awk`.

Text fields are escaped (`\\t`, `\\n`, `\\r`, `\\\\`) so every link stays on one line with the
same number of columns; `aligner.read.corpus.unescape_tsv` undoes it. Text cells that a
spreadsheet would evaluate as a formula (starting with `=`, `+`, `-`, `@`) get a leading `'`
(`aligner.safe`) unless `raw_cells` is set.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TextIO

from aligner.model import Alignment
from aligner.report.stats import WriteStats
from aligner.safe import cell

COLUMNS = ["doc", "link", "kind", "en", "zh", "score", "en_text", "zh_text"]

_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def escape(text: str) -> str:
    return text.translate(_ESCAPES)


def indices(idx: tuple[int, ...]) -> str:
    """`(3, 4)` -> `3,4`; an empty side (1-0 / 0-1 link) is an empty field."""
    return ",".join(map(str, idx))


def write_tsv(
    alignments: Iterable[Alignment], stream: TextIO, *, raw_cells: bool = False
) -> WriteStats:
    stats = WriteStats()
    stream.write("\t".join(COLUMNS) + "\n")
    for alignment in alignments:
        stats.documents += 1
        doc = cell(escape(alignment.doc.id), raw=raw_cells)
        for i, (link, en_text, zh_text) in enumerate(alignment.pairs()):
            row = [doc, str(i), link.kind, indices(link.en), indices(link.zh),
                   f"{link.score:.4f}", cell(escape(en_text), raw=raw_cells),
                   cell(escape(zh_text), raw=raw_cells)]
            stream.write("\t".join(row) + "\n")
            stats.links += 1
    return stats
