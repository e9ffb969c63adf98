"""Helpers shared by the commands: shared options, output opening, format choice, warnings
and errors.

Kept here so every command words its messages the same way
(`aligner: warning: FILE [id]: ...`, `aligner: error: FILE [id]: ...`) and treats `-o` and
`--format` alike.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from aligner.model import AlignerError, Document, Glossary, InputError, one_line


def add_glossary_options(
    p: argparse.ArgumentParser, default: str = "the glossary shipped with aligner"
) -> None:
    """`--glossary FILE | --no-glossary`, read back by `glossary_from_args`."""
    g = p.add_mutually_exclusive_group()
    g.add_argument("--glossary", metavar="FILE",
                   help=f"glossary (.csv, .tsv, .tbx); default: {default}")
    g.add_argument("--no-glossary", action="store_true", help="check no terms")


def glossary_from_args(args: argparse.Namespace) -> Glossary | None:
    """None for --no-glossary, else --glossary FILE or the shipped glossary."""
    from aligner.score.glossary import load_glossary

    return None if args.no_glossary else load_glossary(args.glossary)


def add_jobs_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("-j", "--jobs", type=int, default=1, metavar="N",
                   help="align in N worker processes (0: one per CPU; default 1)")


# -o FILE with one of these extensions picks the format when --format is not given
EXTENSION_FORMATS = {".tsv": "tsv", ".csv": "csv", ".jsonl": "jsonl", ".json": "jsonl",
                     ".tmx": "tmx", ".txt": "table", ".parquet": "parquet", ".html": "html",
                     ".xlf": "xliff", ".xliff": "xliff", ".xlsx": "xlsx"}


def choose_format(explicit: str | None, output: str | None, stdout: IO[str] | None = None) -> str:
    """--format if given; else from -o's extension; else `table` on a terminal, `tsv` in a
    pipe (what `cut`, `awk` and spreadsheets want)."""
    if explicit:
        return explicit
    if output and output != "-":
        return EXTENSION_FORMATS.get(Path(output).suffix.lower(), "tsv")
    stream = stdout or sys.stdout
    return "table" if stream.isatty() else "tsv"


def refuse_binary_to_terminal(fmt: str, output: str | None, binary: bool,
                              stdout: IO[str] | None = None) -> None:
    """A binary format (parquet, xlsx) is never dumped on a terminal: one line, exit 2."""
    stream = stdout or sys.stdout
    if binary and (not output or output == "-") and stream.isatty():
        raise AlignerError(f"{fmt} is binary: write it to a file with -o FILE, or pipe it",
                           path="<stdout>")


RAW_CELLS_HELP = ("write text cells as they are; by default a cell starting with = + - @ gets a "
                  "leading ' so spreadsheets show it as text instead of running it as a formula")
KEEP_LINE_BREAKS_HELP = ("keep line breaks inside a sentence in tsv/csv/tmx/xliff/xlsx output; "
                         "by default hard-wrapped lines are joined (CAT tools import a break as "
                         "a broken segment; JSONL and Parquet always keep the original text)")


def writer_for(fmt: str, *, raw_cells: bool = False, glossary: Glossary | None = None,
               keep_line_breaks: bool = False) -> Any:
    """The registered writer of `fmt` with the options it takes (`WRITER_OPTIONS`): whether
    to neutralise spreadsheet formulas (only the spreadsheet formats; JSONL, TMX and HTML are
    never altered), which glossary to show (the user's, not always the shipped one), whether to
    keep hard-wrapped line breaks."""
    import functools

    from aligner.report import FORMATS, WRITER_OPTIONS

    wanted = {"raw_cells": raw_cells, "glossary": glossary, "keep_line_breaks": keep_line_breaks}
    accepted = WRITER_OPTIONS.get(fmt, frozenset())
    options = {k: v for k, v in wanted.items() if k in accepted and v not in (None, False)}
    writer = FORMATS[fmt].writer
    return functools.partial(writer, **options) if options else writer


SPREADSHEET_FORMATS = ("tsv", "csv")


def _utf8_stdout(binary: bool) -> IO[Any]:
    if binary:
        return sys.stdout.buffer
    if (sys.stdout.encoding or "").lower().replace("-", "") != "utf8":
        with contextlib.suppress(AttributeError, ValueError):
            sys.stdout.reconfigure(encoding="utf-8")  # type: ignore[union-attr]
    return sys.stdout


def create(path: str, what: str = "output", *, binary: bool = False,
           append: bool = False) -> IO[Any]:
    """`path` opened for writing (text: UTF-8, "\\n" newlines); a file that cannot be opened
    is a one-line error naming `what` the command meant to write there."""
    mode = ("a" if append else "w") + ("b" if binary else "")
    try:
        if binary:
            return open(path, mode)
        return open(path, mode, encoding="utf-8", newline="\n")
    except OSError as error:
        raise AlignerError(f"cannot write {what} ({error.strerror or error})", path=path) from None


def write_file(path: str, text: str, what: str, *, append: bool = False) -> None:
    """`text` written to `path`; failing to open or to write (a full disk) is one line."""
    try:
        with create(path, what, append=append) as handle:
            handle.write(text)
    except OSError as error:
        raise AlignerError(f"cannot write {what} ({error.strerror or error})", path=path) from None


@contextlib.contextmanager
def open_output(path: str | None, *, binary: bool = False) -> Iterator[IO[Any]]:
    """The stream for -o (UTF-8, "\\n" newlines), or stdout for None / "-" (left open)."""
    if not path or path == "-":
        stream = _utf8_stdout(binary)
        yield stream
        stream.flush()
        return
    with create(path, binary=binary) as handle:
        yield handle


def place(source: str | None, record_id: str | None) -> str:
    """`FILE` for a record that is a whole file, `FILE [id]` for a record inside a corpus."""
    name = source or "<input>"
    if record_id and not (source and Path(source).stem == record_id):
        return f"{name} [{record_id}]"
    return name


def where(doc: Document) -> str:
    return place(doc.source, doc.id)


def warn(message: str, *, quiet: bool = False) -> None:
    if not quiet:
        print(f"aligner: warning: {one_line(message)}", file=sys.stderr)


def warn_document(doc: Document, *, quiet: bool = False) -> None:
    for warning in doc.warnings:
        warn(f"{where(doc)}: {warning}", quiet=quiet)


def error(problem: AlignerError | str) -> None:
    """An error that does not stop the run (a bad record in a corpus)."""
    print(f"aligner: error: {one_line(str(problem))}", file=sys.stderr)


def note(message: str, *, quiet: bool = False) -> None:
    if not quiet:
        print(f"aligner: {message}", file=sys.stderr)


@dataclass(slots=True)
class Tally:
    ok: int = 0
    failed: int = 0


def readable(items: Iterable[Document | InputError], tally: Tally) -> Iterator[Document]:
    """The documents among what a reader yielded: an unreadable record is reported and counted
    in `tally.failed`, and the run goes on to the next one."""
    for item in items:
        if isinstance(item, InputError):
            error(item)
            tally.failed += 1
        else:
            yield item
