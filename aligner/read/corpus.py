"""Corpora with one record per line: JSONL, TSV and CSV (each optionally gzipped).

Both are read lazily, a line at a time, so a corpus of any size streams through in constant
memory. A bad record is *yielded* as an InputError (path + record id or line) instead of raised,
so the caller reports it and carries on with the next record; only a problem with the file as a
whole (missing, binary, wrong encoding, not gzip) ends the file, again as one yielded error.
"""

from __future__ import annotations

import gzip
import json
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any, cast

from aligner.model import Document, InputError
from aligner.read.records import make_document
from aligner.read.textfile import SNIFF_BYTES, check_prefix, max_record_bytes, too_large

Item = Document | InputError


def _open(path: Path) -> IO[bytes]:
    if path.name.endswith(".gz"):
        return cast(IO[bytes], gzip.open(path, "rb"))
    return path.open("rb")


def _lines(path: Path, *, keep_blank: bool = False) -> Iterator[tuple[int, str] | InputError]:
    """(line number, text) of the non-blank lines (all lines with `keep_blank`: a blank line
    may sit inside a quoted CSV field), or InputErrors (file-level ones end it)."""
    where = str(path)
    try:
        with _open(path) as f:
            head = f.read(SNIFF_BYTES)
            if not head:
                yield InputError("empty file", path=where)
                return
            check_prefix(head, where, final=len(head) < SNIFF_BYTES)
        seen_text = False
        limit = max_record_bytes()
        with _open(path) as f:
            for number, raw in enumerate(_bounded_lines(f, limit), start=1):
                if isinstance(raw, int):  # a line over the limit: its size, already skipped
                    seen_text = True
                    yield too_large(raw, where, f"line {number}")
                    continue
                try:
                    line = raw.decode("utf-8")
                except UnicodeDecodeError:
                    yield InputError("line is not UTF-8", path=where, record=f"line {number}")
                    continue
                if number == 1:
                    line = line.removeprefix("\ufeff")
                line = line.rstrip("\r\n")
                if line.strip():
                    seen_text = True
                    yield number, line
                elif keep_blank:
                    yield number, line
        if not seen_text:
            yield InputError("file has only whitespace, no records", path=where)
    except FileNotFoundError:
        yield InputError("no such file", path=where)
    except InputError as error:
        yield error
    except (gzip.BadGzipFile, zlib.error):
        yield InputError("not a valid gzip file", path=where)
    except EOFError:
        yield InputError("gzip file is truncated", path=where)
    except OSError as error:
        yield InputError(f"cannot read ({error.strerror or error})", path=where)


def _bounded_lines(f: IO[bytes], limit: int) -> Iterator[bytes | int]:
    """The file's lines, except that a line longer than `limit` is skipped without being held
    in memory and its length yielded instead (a 100 MB line costs no more than a short one)."""
    while raw := f.readline(limit + 1):
        if len(raw) <= limit or raw.endswith(b"\n"):
            yield raw
            continue
        size = len(raw)
        while chunk := f.readline(1 << 20):
            size += len(chunk)
            if chunk.endswith(b"\n"):
                break
        yield size


def _sentences_or_text(value: Any, field: str, where: str, record: str) -> str | list[str]:
    if isinstance(value, str):
        return value
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return value
    raise InputError(
        f"field {field!r} must be a string or a list of strings", path=where, record=record
    )


def iter_jsonl(path: str | Path) -> Iterator[Item]:
    """Records `{"id", "en", "zh", "meta"?}` (`doc_id` accepted for `id`), one per line."""
    path = Path(path)
    where = str(path)
    for item in _lines(path):
        if isinstance(item, InputError):
            yield item
            continue
        number, line = item
        at = f"line {number}"
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as error:
            yield InputError(f"malformed JSON ({error.msg} at column {error.colno})",
                             path=where, record=at)
            continue
        except RecursionError:  # `[[[[…` 1,000 deep: one bad record, not a dead run
            yield InputError("JSON nested too deeply to be a record", path=where, record=at)
            continue
        if not isinstance(rec, dict):
            yield InputError("expected a JSON object per line", path=where, record=at)
            continue
        rid = rec.get("id", rec.get("doc_id"))
        rid = f"{path.name.split('.')[0]}:{number}" if rid is None else str(rid)
        try:
            missing = [k for k in ("en", "zh") if k not in rec]
            if missing:
                raise InputError(f"missing field {missing[0]!r}", path=where, record=rid)
            meta = rec.get("meta") or {}
            if not isinstance(meta, dict):
                raise InputError("field 'meta' must be an object", path=where, record=rid)
            yield make_document(
                id=rid,
                en=_sentences_or_text(rec["en"], "en", where, rid),
                zh=_sentences_or_text(rec["zh"], "zh", where, rid),
                source=where,
                meta=meta,
                record=rid,
            )
        except InputError as error:
            yield error


def _rows(path: Path, dialect: str) -> Iterator[tuple[int, list[str]] | InputError]:
    """(first line number, fields) of each non-blank row, read by the `csv` module in
    `dialect`, so a quoted field holding tabs, commas, quotes or line breaks (as Excel and
    pandas write them) is one field. Lines go through `_lines`' checks first (encoding, size
    limit, gzip); a bad line becomes an error and the rows go on after it."""
    import csv

    pending: list[InputError] = []
    numbers: list[int] = []

    def feed() -> Iterator[str]:
        for item in _lines(path, keep_blank=True):
            if isinstance(item, InputError):
                pending.append(item)
                yield "\n"  # a blank line: ends a row, and is skipped itself
                continue
            number, line = item
            numbers.append(number)
            yield line + "\n"

    csv.field_size_limit(max(csv.field_size_limit(), max_record_bytes()))
    reader = csv.reader(feed(), dialect=dialect)
    while True:
        try:
            fields = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            yield InputError(f"malformed row ({error})", path=str(path),
                             record=f"line {numbers[-1] if numbers else 1}")
            continue
        yield from pending
        pending.clear()
        if any(field.strip() for field in fields):
            first = numbers[-1] - fields_lines(fields) if numbers else 1
            yield max(first, 1), fields
    yield from pending


def fields_lines(fields: list[str]) -> int:
    """How many line breaks a row's quoted fields hold (its first line = last - this)."""
    return sum(field.count("\n") for field in fields)


def iter_tsv(path: str | Path) -> Iterator[Item]:
    """Records `id<TAB>en<TAB>zh` (the `excel-tab` dialect: quoted fields as Excel and pandas
    write them); an optional header naming the columns (any order, extra columns kept in
    `meta`)."""
    return _iter_delimited(path, "excel-tab", "tab-separated")


def iter_csv(path: str | Path) -> Iterator[Item]:
    """Records `id,en,zh` in the `excel` dialect; header as for `iter_tsv`."""
    return _iter_delimited(path, "excel", "comma-separated")


def _iter_delimited(path: str | Path, dialect: str, kind: str) -> Iterator[Item]:
    path = Path(path)
    where = str(path)
    columns: list[str] | None = None
    for item in _rows(path, dialect):
        if isinstance(item, InputError):
            yield item
            continue
        number, fields = item
        if columns is None:
            names = [f.strip().lower().removeprefix("\ufeff") for f in fields]
            if {"id", "en", "zh"} <= set(names):
                columns = names
                continue
            columns = ["id", "en", "zh"]
        if len(fields) < 3 or len(fields) < len(columns):
            yield InputError(
                f"expected {len(columns)} {kind} fields ({', '.join(columns)}), "
                f"found {len(fields)}",
                path=where,
                record=f"line {number}",
            )
            continue
        row = dict(zip(columns, fields, strict=False))
        meta = {k: v for k, v in row.items() if k not in ("id", "en", "zh")}
        rid = row["id"].strip() or f"{path.name.split('.')[0]}:{number}"
        try:
            yield make_document(
                id=rid, en=row["en"], zh=row["zh"], source=where, meta=meta, record=rid
            )
        except InputError as error:
            yield error
