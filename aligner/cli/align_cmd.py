"""`aligner align`: read records, align their sentences, write the links.

Streams: each record is read, aligned and written before the next is read, so a corpus of any
size runs in constant memory and the first links appear at once.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterable, Iterator

from aligner.cli.common import (
    INPUTS_HELP,
    KEEP_LINE_BREAKS_HELP,
    RAW_CELLS_HELP,
    Tally,
    add_glossary_options,
    add_input_options,
    add_method_option,
    check_method,
    choose_format,
    confidence_value,
    config_from_args,
    documents,
    error,
    export_writer,
    note,
    open_output,
    readable,
    refuse_binary_to_terminal,
    warn_document,
)
from aligner.cli.corpus_cmd import EPILOG as SCALE_EPILOG
from aligner.cli.corpus_cmd import add_scale_options, run_scaled, wants_corpus_runner
from aligner.model import AlignerError, Alignment, Document, InputError
from aligner.pipeline import Pipeline
from aligner.report.confident import Dropped

EPILOG = INPUTS_HELP + """
output format: --format, else from the -o extension (.tsv .csv .jsonl .tmx .xlf .xlsx .parquet
.html), else `table` when stdout is a terminal and `tsv` when it is a pipe or file. TMX holds
only links with both sides (1-0 / 0-1 links are counted on stderr). XLIFF (1.2; xliff2: 2.1)
and xlsx carry each link's confidence, glossary terms and QA findings for reviewers and CAT
tools; parquet and xlsx are binary and never written to a terminal.
TSV/CSV are quoted as Excel and pandas quote them and safe to open in a spreadsheet: a text
cell starting with = + - @ gets a leading ' so it shows as text and never runs as a formula
(--raw-cells writes it unchanged; JSONL, TMX and HTML are never altered). Line breaks inside a
sentence are joined in tsv/csv/tmx/xliff/xlsx (--keep-line-breaks keeps them).

exit status: 0 every record aligned; 2 if any record or file could not be read (the others
are still written, each problem is reported as `aligner: error: FILE [id]: ...`).
Doubtful input (Traditional Chinese, unbalanced or swapped sides) is aligned with
`aligner: warning: FILE: ...` on stderr (-q hides warnings).

examples:
  aligner align seeds/000_c7586fac1e89b2ba.txt
  aligner align seeds/ --format jsonl -o links.jsonl
  aligner align --en abstract.en.txt --zh abstract.zh.txt
  aligner align --en en.txt --zh zh.txt --presplit --format tmx -o memory.tmx
  aligner align --en en.txt --zh zh.txt --method semantic --encoder use
  aligner align corpus.jsonl.gz --glossary terms.csv --format tsv | cut -f1,7,8
  aligner align records/ --glossary cell-therapy -o review.xlf      # then: aligner score review.xlf
  aligner align memory.tmx --min-score 0.5 -o kept.tmx             # QA an existing memory
"""


def register(sub: argparse._SubParsersAction) -> None:
    from aligner.report import FORMATS

    parser = sub.add_parser(
        "align",
        help="align the English and Chinese sentences of records",
        description="Align the English and Chinese sentences of bilingual records and write "
        "the links (English sentence indices <-> Chinese sentence indices, with a score).",
        epilog=EPILOG + "\n" + SCALE_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_input_options(parser)
    parser.add_argument("-f", "--format", choices=sorted(FORMATS), default=None,
                        help="output format (default: table on a terminal, else tsv)")
    parser.add_argument("-o", "--output", metavar="FILE", help="write here instead of stdout")
    add_glossary_options(parser)
    add_method_option(parser)

    parser.add_argument("--raw-cells", action="store_true", help=RAW_CELLS_HELP)
    parser.add_argument("--keep-line-breaks", action="store_true", help=KEEP_LINE_BREAKS_HELP)
    parser.add_argument("--min-score", type=confidence_value, metavar="X",
                        help="write only links with a confidence of at least X (0-1); the "
                        "others are counted on stderr")
    parser.add_argument("-q", "--quiet", action="store_true", help="do not print warnings")
    add_scale_options(parser)  # --jobs, --engine, --errors...: see aligner/cli/corpus_cmd.py
    parser.set_defaults(func=run, parser=parser)


def aligned(
    items: Iterable[Document | InputError], tally: Tally, pipeline: Pipeline, *, quiet: bool,
) -> Iterator[Alignment]:
    """Align each readable record; report unreadable ones and go on."""
    for item in readable(items, tally):
        warn_document(item, quiet=quiet)
        try:
            alignment = pipeline.align(item)
        except AlignerError as problem:
            error(problem)
            tally.failed += 1
            continue
        tally.ok += 1
        yield alignment


def run(args: argparse.Namespace) -> int:
    from aligner.report import FORMATS

    fmt = choose_format(args.format, args.output)
    if fmt not in FORMATS:
        args.parser.error(f"format {fmt!r} is not available (choose from {', '.join(FORMATS)})")
    pipeline = Pipeline(config_from_args(args, method=args.method))
    check_method(pipeline.config.method, pipeline.config.encoder)
    refuse_binary_to_terminal(fmt, args.output, FORMATS[fmt].binary)
    items = documents(args)
    if wants_corpus_runner(args):
        return run_scaled(args, items, fmt, pipeline)
    tally = Tally()
    dropped = Dropped()
    with open_output(args.output, binary=FORMATS[fmt].binary) as stream:
        stats = export_writer(fmt, args, pipeline, dropped)(
            aligned(items, tally, pipeline, quiet=args.quiet), stream,
        )
    if args.min_score is not None:
        note(f"--min-score {args.min_score:g}: left out {dropped.links} link(s) below it",
             quiet=args.quiet)
    if stats.skipped:
        note(f"{fmt}: left out {stats.skipped} link(s) with one side empty (1-0 / 0-1)",
             quiet=args.quiet)
    if tally.failed:
        if tally.ok:  # a summary helps only when some records went through
            note(f"{tally.failed} record(s) failed, {tally.ok} aligned", quiet=args.quiet)
        return 2
    return 0
