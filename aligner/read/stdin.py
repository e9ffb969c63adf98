"""`-` as an input: standard input, read once, as a record or a corpus.

Every command that reads records takes `-` for standard input (`cat rec.txt | aligner align -`,
`aligner align --en - --zh zh.txt`). The bytes are read once and kept, so asking for them twice
(a size check, then the decode) does not find an empty stream the second time. Which reader
applies is decided from the content, there being no file name: a first character `{` is a JSONL
corpus, a first line with two tabs a TSV corpus, anything else one seed-format record.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

from aligner.model import Document, InputError

STDIN = "-"
STDIN_NAME = "<stdin>"
_CACHE: list[bytes] = []


def is_stdin(path: str | Path) -> bool:
    return str(path) == STDIN


def stdin_bytes(limit: int) -> bytes:
    """Standard input, read on first use and then remembered: at most `limit` + 1 bytes, so
    the caller can refuse an input over `limit` without reading the rest."""
    if not _CACHE:
        stream = sys.stdin.buffer if sys.stdin is not None else None
        if stream is None:
            raise InputError("standard input is closed", path=STDIN_NAME)
        _CACHE.append(stream.read(limit + 1))
    return _CACHE[0]


def reset() -> None:
    """Forget what was read (tests run several commands in one process)."""
    _CACHE.clear()


def stdin_suffix(data: bytes) -> str:
    """The file suffix whose reader fits `data`: .jsonl, .tsv, else .txt (a seed record)."""
    head = data.lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"{"):
        return ".jsonl"
    if head.split(b"\n", 1)[0].count(b"\t") >= 2:
        return ".tsv"
    return ".txt"


def iter_stdin(
    reader_for: Callable[[Path], Iterator[Document | InputError]], read: Callable[[], bytes]
) -> Iterator[Document | InputError]:
    """The records on standard input (`read()` returns its bytes, size-checked), through the
    reader its content asks for; documents and errors name `<stdin>`, never the spool file the
    reader was given."""
    try:
        data = read()
    except InputError as error:
        error.path = STDIN_NAME
        error.args = (error.message,)
        yield error
        return
    fd, name = tempfile.mkstemp(prefix="aligner-stdin-", suffix=stdin_suffix(data))
    try:
        with os.fdopen(fd, "wb") as spool:
            spool.write(data)
        for item in reader_for(Path(name)):
            if isinstance(item, InputError):
                item.path = STDIN_NAME
                item.args = (item.message,)
            else:
                item.source = STDIN_NAME
                if item.id == Path(name).stem:
                    item.id = "stdin"
            yield item
    finally:
        os.unlink(name)
