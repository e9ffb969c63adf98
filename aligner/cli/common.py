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

from aligner.config import GLOSSARY_DEFAULT_HELP, METHODS, Config, load_config
from aligner.model import AlignerError, Alignment, Document, Glossary, InputError, one_line
from aligner.pipeline import Pipeline

INPUTS_HELP = """\
inputs (the same for every command that reads records):
  RECORD        a seed-format record (.txt: affiliations, citation, English and Chinese
                abstracts, related citations; parts are found by content)
  CORPUS        .jsonl / .jsonl.gz (one {"id", "en", "zh", "meta"?} per line; en/zh a string
                or a list of pre-split sentences) or .tsv (id<TAB>en<TAB>zh, header optional)
  DIR           every *.txt, *.jsonl[.gz], *.tsv[.gz] below it, recursively, in sorted order,
                minus hidden files and --exclude GLOB (repeatable; matched against the path
                below DIR and each folder or file name in it)
  -             standard input (a record, or a JSONL/TSV corpus, told apart by content)
  --en/--zh     two plain-text files, one per language (--presplit: one sentence per line;
                either may be - for standard input)
"""


def add_input_options(p: argparse.ArgumentParser) -> None:
    """RECORD_OR_DIR... | --en FILE --zh FILE [--presplit], and --exclude GLOB: how every
    command names its records (read back by `documents`)."""
    p.add_argument("inputs", nargs="*", metavar="RECORD_OR_DIR",
                   help="seed records, corpora (.jsonl[.gz], .tsv), directories, - for stdin")
    p.add_argument("--en", metavar="FILE", help="English text file (with --zh)")
    p.add_argument("--zh", metavar="FILE", help="Chinese text file (with --en)")
    p.add_argument("--presplit", action="store_true",
                   help="--en/--zh files hold one sentence per line (blank lines ignored)")
    p.add_argument("--exclude", action="append", default=[], metavar="GLOB",
                   help="leave out files matching GLOB when walking a directory (repeatable)")
    p.set_defaults(parser=p)


def documents(args: argparse.Namespace) -> Iterable[Document | InputError]:
    """The records the input options name, lazily (`Document`, or `InputError` per bad one)."""
    from aligner.read import iter_documents

    parser = args.parser
    if args.en or args.zh:
        if args.inputs:
            parser.error("give either RECORD_OR_DIR arguments or --en/--zh, not both")
        if not (args.en and args.zh):
            parser.error("--en and --zh go together")
        if args.en == args.zh == "-":
            parser.error("--en - and --zh - cannot both read standard input")
        return _pair(args.en, args.zh, args.presplit)
    if args.presplit:
        parser.error("--presplit applies to --en/--zh files")
    if not args.inputs:
        parser.error("no records: give RECORD_OR_DIR arguments (- for stdin) or --en/--zh files")
    return iter_documents(args.inputs, exclude=args.exclude)


def _pair(en: str, zh: str, presplit: bool) -> Iterator[Document | InputError]:
    from aligner.read import read_pair

    try:
        yield read_pair(en, zh, presplit=presplit)
    except InputError as problem:
        yield problem


def add_glossary_options(p: argparse.ArgumentParser, default: str = GLOSSARY_DEFAULT_HELP) -> None:
    """`--glossary FILE|NAME | --no-glossary` and `--config PYPROJECT`, read back by
    `config_from_args`."""
    g = p.add_mutually_exclusive_group()
    g.add_argument("--glossary", metavar="FILE",
                   help="glossary (.csv en,zh[,variants,forbidden,note], OmegaT .tsv, .tbx), "
                   f"used as alignment anchors and to check terms; {default}")
    g.add_argument("--no-glossary", action="store_true",
                   help="no glossary, even if [tool.aligner] names one")
    p.add_argument("--config", metavar="PYPROJECT",
                   help="TOML file with [tool.aligner] (default: the nearest pyproject.toml "
                   "above the current directory)")


def config_from_args(args: argparse.Namespace, **flags: Any) -> Config:
    """The run's `Config`: these flags over `[tool.aligner]` over the defaults."""
    glossary: Any = {}
    if getattr(args, "no_glossary", False):
        glossary = {"glossary": None}
    elif getattr(args, "glossary", None):
        glossary = {"glossary": args.glossary}
    return load_config(pyproject=getattr(args, "config", None), **glossary, **flags)


def glossary_from_args(args: argparse.Namespace) -> Glossary | None:
    """The glossary the flags and [tool.aligner] choose (None: none)."""
    return config_from_args(args).glossary


def add_jobs_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("-j", "--jobs", type=int, default=1, metavar="N",
                   help="align in N worker processes (0: one per CPU; default 1)")


# -o FILE with one of these extensions picks the format when --format is not given
EXTENSION_FORMATS = {".tsv": "tsv", ".jsonl": "jsonl", ".json": "jsonl", ".tmx": "tmx",
                     ".txt": "table", ".parquet": "parquet", ".html": "html"}


def choose_format(explicit: str | None, output: str | None, stdout: IO[str] | None = None) -> str:
    """--format if given; else from -o's extension; else `table` on a terminal, `tsv` in a
    pipe (what `cut`, `awk` and spreadsheets want)."""
    if explicit:
        return explicit
    if output and output != "-":
        return EXTENSION_FORMATS.get(Path(output).suffix.lower(), "tsv")
    stream = stdout or sys.stdout
    return "table" if stream.isatty() else "tsv"


RAW_CELLS_HELP = ("write text cells as they are; by default a cell starting with = + - @ gets a "
                  "leading ' so spreadsheets show it as text instead of running it as a formula")


def writer_for(fmt: str, pipeline: Pipeline | None = None, *, raw_cells: bool = False) -> Any:
    """The registered writer of `fmt`, told whether to neutralise spreadsheet formulas (only
    the spreadsheet formats take the option; JSONL, TMX and HTML are never altered). The HTML
    page shows terms and findings: its alignments are reviewed by `pipeline` (the run's
    glossary and checks) on the way in, so the writer only renders."""
    import functools

    from aligner.report import FORMATS

    writer = FORMATS[fmt].writer
    if fmt in SPREADSHEET_FORMATS and raw_cells:
        return functools.partial(writer, raw_cells=True)
    if fmt == "html":
        reviewer = pipeline or Pipeline()

        def write_reviewed(alignments: Iterable[Alignment], stream: IO[str]) -> Any:
            return writer((reviewer.score(a) for a in alignments), stream,
                          low=reviewer.config.low_confidence)

        return write_reviewed
    return writer


def add_method_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--method", choices=METHODS, default=None,
                   help="lexical (length + anchors; the default, or `method` in "
                   "[tool.aligner]), semantic (sentence embeddings, needs aligner[semantic]; "
                   "cached in ~/.cache/aligner), auto (semantic where lexical is unsure)")


def check_method(method: str) -> None:
    """One error up front when the semantic extra is missing, not one per record."""
    if method == "semantic":
        from aligner.align.semantic import require_semantic

        require_semantic()


SPREADSHEET_FORMATS = ("tsv",)


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
