"""Corpora with one record per line: JSONL (optionally gzipped) and TSV.

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


def _lines(path: Path) -> Iterator[tuple[int, str] | InputError]:
    """(line number, text) of the non-blank lines, or InputErrors (file-level ones end it)."""
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


_UNESCAPE = {"t": "\t", "n": "\n", "r": "\r", "\\": "\\"}


def unescape_tsv(field: str) -> str:
    r"""Undo the TSV writer's escaping (`\t`, `\n`, `\r`, `\\`); other backslashes stay."""
    if "\\" not in field:
        return field
    out: list[str] = []
    i = 0
    while i < len(field):
        ch = field[i]
        if ch == "\\" and i + 1 < len(field) and field[i + 1] in _UNESCAPE:
            out.append(_UNESCAPE[field[i + 1]])
            i += 2
        else:
            out.append(ch)
            i += 1
    return "".join(out)


def iter_tsv(path: str | Path) -> Iterator[Item]:
    """Records `id<TAB>en<TAB>zh`; an optional header naming the columns (any order, extra
    columns kept in `meta`)."""
    path = Path(path)
    where = str(path)
    columns: list[str] | None = None
    for item in _lines(path):
        if isinstance(item, InputError):
            yield item
            continue
        number, line = item
        fields = line.split("\t")
        if columns is None:
            names = [f.strip().lower() for f in fields]
            if {"id", "en", "zh"} <= set(names):
                columns = names
                continue
            columns = ["id", "en", "zh"]
        if len(fields) < 3 or len(fields) < len(columns):
            yield InputError(
                f"expected {len(columns)} tab-separated fields ({', '.join(columns)}), "
                f"found {len(fields)}",
                path=where,
                record=f"line {number}",
            )
            continue
        row = {name: unescape_tsv(value) for name, value in zip(columns, fields, strict=False)}
        meta = {k: v for k, v in row.items() if k not in ("id", "en", "zh")}
        rid = row["id"].strip() or f"{path.name.split('.')[0]}:{number}"
        try:
            yield make_document(
                id=rid, en=row["en"], zh=row["zh"], source=where, meta=meta, record=rid
            )
        except InputError as error:
            yield error
