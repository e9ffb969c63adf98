"""Writers: alignments -> a stream, one function per format, chosen by name.

Every writer has the same contract, ``writer(alignments, stream) -> WriteStats``: it consumes an
iterable of `Alignment`s (possibly a lazy generator over a corpus) and writes as it goes. The CLI
only does ``WRITERS[fmt](alignments, stream)``. A new format is one module plus one
`register(...)` line here; binary formats (parquet) register with ``binary=True`` and receive a
binary stream.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from aligner.report.dataframe import to_dataframe
from aligner.report.html import STATUS_LABELS, TERM_COLOURS, highlight, term_spans, write_html
from aligner.report.jsonl import write_jsonl
from aligner.report.overview import document_overview, worst_links
from aligner.report.parquet import write_parquet
from aligner.report.stats import WriteStats
from aligner.report.table import write_table
from aligner.report.tmx import write_tmx
from aligner.report.tsv import write_csv, write_tsv
from aligner.report.xliff import write_xliff, write_xliff2
from aligner.report.xlsx import write_xlsx

# `writer(alignments, stream, **options) -> WriteStats`; the review formats (`reviewed=True`:
# HTML, XLIFF, xlsx) take the pipeline's ReviewedDocuments instead of bare alignments (they show
# terms and findings) and a `low` confidence threshold
Writer = Callable[..., WriteStats]


@dataclass(frozen=True, slots=True)
class Format:
    name: str
    writer: Writer
    binary: bool = False
    description: str = ""
    reviewed: bool = False


FORMATS: dict[str, Format] = {}
WRITERS: dict[str, Writer] = {}


def register(name: str, writer: Writer, *, binary: bool = False, description: str = "",
             reviewed: bool = False) -> None:
    FORMATS[name] = Format(name, writer, binary, description, reviewed)
    WRITERS[name] = writer


register("table", write_table, description="side-by-side table for a terminal")
register("tsv", write_tsv,
         description="one link per row, tab-separated, with a header (quoted as Excel/pandas do)")
register("csv", write_csv, description="one link per row, comma-separated, with a header")
register("jsonl", write_jsonl, description="one JSON object per link")
register("tmx", write_tmx, description="TMX 1.4 translation memory (pairs only)")
register("html", write_html, reviewed=True,
         description="self-contained HTML review page (side by side, terms, findings)")
register("parquet", write_parquet, binary=True,
         description="Parquet, one row per link (pyarrow; for pandas/DuckDB/Spark)")
register("xliff", write_xliff, reviewed=True,
         description="XLIFF 1.2 for CAT tools, confidence, terms and findings as notes")
register("xliff2", write_xliff2, reviewed=True,
         description="XLIFF 2.1, confidence and terms as metadata, findings as notes")
register("xlsx", write_xlsx, binary=True, reviewed=True,
         description="Excel review workbook (colours by term status and finding severity)")

# options a writer takes beyond (alignments, stream): the CLI passes only these
WRITER_OPTIONS: dict[str, frozenset[str]] = {
    "tsv": frozenset({"raw_cells", "keep_line_breaks"}),
    "csv": frozenset({"raw_cells", "keep_line_breaks"}),
    "tmx": frozenset({"keep_line_breaks"}),
    "xliff": frozenset({"keep_line_breaks"}),
    "xliff2": frozenset({"keep_line_breaks"}),
    "xlsx": frozenset({"keep_line_breaks"}),
}

__all__ = [
    "FORMATS",
    "STATUS_LABELS",
    "TERM_COLOURS",
    "WRITERS",
    "Format",
    "WriteStats",
    "WRITER_OPTIONS",
    "document_overview",
    "highlight",
    "register",
    "term_spans",
    "to_dataframe",
    "write_jsonl",
    "write_table",
    "write_tmx",
    "write_csv",
    "write_tsv",
    "write_xliff",
    "write_xliff2",
    "worst_links",
    "write_xlsx",
]
