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
from aligner.report.html import write_html
from aligner.report.jsonl import write_jsonl
from aligner.report.parquet import write_parquet
from aligner.report.stats import WriteStats
from aligner.report.table import write_table
from aligner.report.tmx import write_tmx
from aligner.report.tsv import write_tsv

# `writer(alignments, stream, **options) -> WriteStats`; the HTML page takes the pipeline's
# ReviewedDocuments instead of bare alignments (it shows terms and findings)
Writer = Callable[..., WriteStats]


@dataclass(frozen=True, slots=True)
class Format:
    name: str
    writer: Writer
    binary: bool = False
    description: str = ""


FORMATS: dict[str, Format] = {}
WRITERS: dict[str, Writer] = {}


def register(name: str, writer: Writer, *, binary: bool = False, description: str = "") -> None:
    FORMATS[name] = Format(name, writer, binary, description)
    WRITERS[name] = writer


register("table", write_table, description="side-by-side table for a terminal")
register("tsv", write_tsv, description="one link per line, tab-separated, with a header")
register("jsonl", write_jsonl, description="one JSON object per link")
register("tmx", write_tmx, description="TMX 1.4 translation memory (pairs only)")
register("html", write_html,
         description="self-contained HTML review page (side by side, terms, findings)")
register("parquet", write_parquet, binary=True,
         description="Parquet, one row per link (pyarrow; for pandas/DuckDB/Spark)")

__all__ = [
    "FORMATS",
    "WRITERS",
    "Format",
    "WriteStats",
    "register",
    "to_dataframe",
    "write_jsonl",
    "write_table",
    "write_tmx",
    "write_tsv",
]
