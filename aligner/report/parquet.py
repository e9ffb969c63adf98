"""Parquet export: one row per link, written in row groups as alignments stream in.

For analysis of whole corpora (pandas, DuckDB, Spark, Dask read it directly). The columns are
the TSV export's, typed: `en`/`zh` are lists of sentence indices, `score` a float. Rows are
buffered only up to one row group, so memory stays flat on any corpus size.
"""

from __future__ import annotations

import contextlib
import io
from collections.abc import Iterable
from pathlib import Path
from typing import IO, Any

from aligner.model import LINK_COLUMNS, AlignerError, Alignment
from aligner.report.stats import WriteStats

COLUMNS = list(LINK_COLUMNS)
ROW_GROUP_LINKS = 50_000


def schema() -> Any:
    import pyarrow as pa

    return pa.schema([
        ("doc", pa.string()),
        ("link", pa.int32()),
        ("kind", pa.string()),
        ("en", pa.list_(pa.int32())),
        ("zh", pa.list_(pa.int32())),
        ("score", pa.float64()),
        ("en_text", pa.string()),
        ("zh_text", pa.string()),
    ])


def write_parquet(
    alignments: Iterable[Alignment],
    out: str | Path | IO[Any],
    *,
    row_group_links: int = ROW_GROUP_LINKS,
) -> WriteStats:
    """Write every link of `alignments` to `out`; say how many documents and links.

    `out` is a path, a binary file, or a text stream with a binary `.buffer` (stdout, or what
    the CLI opened for ``-o``): Parquet is binary, so text is written through to its buffer.
    """
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as error:  # pragma: no cover - depends on the install
        raise AlignerError(
            "Parquet output needs pyarrow: pip install 'aligner-enzh[scale]'"
        ) from error

    sink = _binary_sink(out)
    columns: dict[str, list[Any]] = {name: [] for name in COLUMNS}
    stats = WriteStats()
    table_schema = schema()
    with pq.ParquetWriter(sink, table_schema, compression="zstd") as writer:

        def flush() -> None:
            if columns["doc"]:
                writer.write_table(pa.table(columns, schema=table_schema))
                for values in columns.values():
                    values.clear()

        whole = 0  # rows of the documents buffered whole
        try:
            for alignment in alignments:
                whole = len(columns["doc"])
                _add(columns, alignment, stats)
                whole = len(columns["doc"])
                if whole >= row_group_links:
                    flush()
                    whole = 0
        except BaseException:
            # interrupted (Ctrl-C, SIGTERM, a dead worker): the documents already buffered whole
            # become a last row group, and the writer's footer makes the file readable
            for values in columns.values():
                del values[whole:]
            with contextlib.suppress(Exception):
                flush()
            raise
        flush()
    if isinstance(sink, io.IOBase) and not sink.closed:
        sink.flush()
    return stats


def _add(columns: dict[str, list[Any]], alignment: Alignment, stats: WriteStats) -> None:
    stats.documents += 1
    for i, (link, en_text, zh_text) in enumerate(alignment.pairs()):
        columns["doc"].append(alignment.doc.id)
        columns["link"].append(i)
        columns["kind"].append(link.kind)
        columns["en"].append(list(link.en))
        columns["zh"].append(list(link.zh))
        columns["score"].append(round(link.score, 4))
        columns["en_text"].append(en_text)
        columns["zh_text"].append(zh_text)
        stats.links += 1


def _binary_sink(out: str | Path | IO[Any]) -> Any:
    if isinstance(out, str | Path):
        return str(out)
    if isinstance(out, io.TextIOBase):
        out.flush()  # anything already written as text must precede the Parquet bytes
        return out.buffer
    return out
