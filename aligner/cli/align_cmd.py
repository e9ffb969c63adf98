"""`aligner align`: read records, align their sentences, write the links.

Streams: each record is read, aligned and written before the next is read, so a corpus of any
size runs in constant memory and the first links appear at once.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterable, Iterator

from aligner.cli.common import (
    RAW_CELLS_HELP,
    Tally,
    choose_format,
    error,
    note,
    open_output,
    readable,
    warn_document,
    writer_for,
)
from aligner.cli.corpus_cmd import EPILOG as SCALE_EPILOG
from aligner.cli.corpus_cmd import add_scale_options, run_scaled, wants_corpus_runner
from aligner.model import AlignerError, Alignment, Document, Glossary, InputError

EPILOG = """\
inputs:
  RECORD        a seed-format record (.txt: affiliations, citation, English and Chinese
                abstracts, related citations; parts are found by content)
  CORPUS        .jsonl / .jsonl.gz (one {"id", "en", "zh", "meta"?} per line; en/zh a string
                or a list of pre-split sentences) or .tsv (id<TAB>en<TAB>zh, header optional)
  DIR           every *.txt, *.jsonl[.gz], *.tsv[.gz] below it, recursively, in sorted order
  --en/--zh     two plain-text files, one per language (--presplit: one sentence per line)

output format: --format, else from the -o extension (.tsv .jsonl .tmx), else `table` when
stdout is a terminal and `tsv` when it is a pipe or file. TMX holds only links with both sides
(1-0 / 0-1 links are counted on stderr).
TSV is safe to open in a spreadsheet: a text cell starting with = + - @ gets a leading ' so it
shows as text and never runs as a formula (--raw-cells writes it unchanged; JSONL, TMX and HTML
are never altered).

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
    parser.add_argument("inputs", nargs="*", metavar="RECORD_OR_DIR",
                        help="seed records, corpora (.jsonl[.gz], .tsv) or directories")
    parser.add_argument("--en", metavar="FILE", help="English text file (with --zh)")
    parser.add_argument("--zh", metavar="FILE", help="Chinese text file (with --en)")
    parser.add_argument("--presplit", action="store_true",
                        help="--en/--zh files hold one sentence per line (blank lines ignored)")
    parser.add_argument("-f", "--format", choices=sorted(FORMATS), default=None,
                        help="output format (default: table on a terminal, else tsv)")
    parser.add_argument("-o", "--output", metavar="FILE", help="write here instead of stdout")
    parser.add_argument("--glossary", metavar="FILE",
                        help="term list (.csv en,zh[,...], OmegaT .tsv, .tbx) used as anchors")
    parser.add_argument("--method", choices=["lexical", "semantic", "auto"], default="lexical",
                        help="lexical (length + anchors, default), semantic (sentence embeddings, "
                        "needs aligner[semantic]; cached in ~/.cache/aligner), auto (semantic if "
                        "installed)")
    parser.add_argument("--encoder", metavar="SPEC", default=None,
                        help="sentence encoder of --method semantic/auto: e5 (multilingual-e5-"
                        "small), use (USE multilingual v3), e5+use (both, similarities summed; "
                        "the default), st:/path/to/model (a local sentence-transformers model). "
                        "Vectors are cached per encoder")
    parser.add_argument("--raw-cells", action="store_true", help=RAW_CELLS_HELP)
    parser.add_argument("-q", "--quiet", action="store_true", help="do not print warnings")
    add_scale_options(parser)  # --jobs, --engine, --errors...: see aligner/cli/corpus_cmd.py
    parser.set_defaults(func=run, parser=parser)


def aligned(
    items: Iterable[Document | InputError], tally: Tally, *, glossary: Glossary | None,
    quiet: bool, method: str = "lexical", encoder: str | None = None,
) -> Iterator[Alignment]:
    """Align each readable record; report unreadable ones and go on."""
    from aligner.pipeline import align_document

    for item in readable(items, tally):
        warn_document(item, quiet=quiet)
        try:
            alignment = align_document(item, glossary=glossary, method=method, encoder=encoder)
        except AlignerError as problem:
            error(problem)
            tally.failed += 1
            continue
        tally.ok += 1
        yield alignment


def documents(args: argparse.Namespace) -> Iterable[Document | InputError]:
    from aligner.read import iter_documents, read_pair

    if args.en or args.zh:
        if args.inputs:
            args.parser.error("give either RECORD_OR_DIR arguments or --en/--zh, not both")
        if not (args.en and args.zh):
            args.parser.error("--en and --zh go together")
        return [read_pair(args.en, args.zh, presplit=args.presplit)]
    if args.presplit:
        args.parser.error("--presplit applies to --en/--zh files")
    if not args.inputs:
        args.parser.error("nothing to align: give RECORD_OR_DIR arguments or --en/--zh files")
    return iter_documents(args.inputs)


def run(args: argparse.Namespace) -> int:
    from aligner.report import FORMATS

    fmt = choose_format(args.format, args.output)
    if fmt not in FORMATS:
        args.parser.error(f"format {fmt!r} is not available (choose from {', '.join(FORMATS)})")
    from aligner.score.glossary import load_glossary

    glossary = load_glossary(args.glossary or None, default=False)  # anchors only when asked
    if args.encoder is not None and args.method == "lexical":
        args.parser.error("--encoder applies to --method semantic or auto")
    if args.method in ("semantic", "auto") and args.encoder is not None:
        from aligner.embed import check_encoder_spec

        check_encoder_spec(args.encoder)  # a typo is one error up front, exit 2
    if args.method == "semantic":
        from aligner.align.semantic import require_semantic

        require_semantic(args.encoder)  # one error up front, not one per record
    items = documents(args)
    if wants_corpus_runner(args):
        return run_scaled(args, items, fmt, glossary)
    tally = Tally()
    with open_output(args.output, binary=FORMATS[fmt].binary) as stream:
        stats = writer_for(fmt, raw_cells=args.raw_cells, glossary=glossary)(
            aligned(items, tally, glossary=glossary, quiet=args.quiet, method=args.method,
                    encoder=args.encoder),
            stream,
        )
    if stats.skipped:
        note(f"{fmt}: left out {stats.skipped} link(s) with one side empty (1-0 / 0-1)",
             quiet=args.quiet)
    if tally.failed:
        if tally.ok:  # a summary helps only when some records went through
            note(f"{tally.failed} record(s) failed, {tally.ok} aligned", quiet=args.quiet)
        return 2
    return 0
