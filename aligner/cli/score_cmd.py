"""`aligner score`: align records, then report terminology, QA findings and agreement."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from aligner.cli.align_cmd import aligned
from aligner.cli.common import (
    INPUTS_HELP,
    RAW_CELLS_HELP,
    Tally,
    add_glossary_options,
    add_input_options,
    add_method_option,
    check_method,
    config_from_args,
    documents,
    open_output,
    warn,
)
from aligner.model import Document, InputError

if TYPE_CHECKING:
    from aligner.pipeline import ReviewedDocument
    from aligner.score import CorpusScore
from aligner.report.scores import FORMATS, WRITERS, ScoreOutput

EPILOG = INPUTS_HELP + """

another version (agreement: BLEU tok=zh, chrF, TER asian_support, with sacrebleu signatures):
  --against RECORD_OR_DIR   records holding the other version; documents are matched by id and
                            only their Chinese is used (aligned to this record's English)
  --against-zh FILE         a plain UTF-8 Chinese text: the other version of the one record scored

output: --format text (default: a readable summary), json (everything), tsv (one row per
finding; --table terms|agreement for term hits or agreement spans), md (a Markdown report).

--fail-on LIST   exit 1 when a finding of these kinds exists: term statuses `forbidden`,
                 `missing`; checks `numbers`, `acronym`, `untranslated`, `brackets`,
                 `length-ratio`, `omission` (a sentence with no counterpart, alone or hidden
                 in a merged link), `partial` (one side says clearly more); `error` (any
                 error-severity finding); `any`. `empty-link` is the old name of `omission`.

exit status: 0 scored; 1 --fail-on matched; 2 unreadable input or glossary.

examples:
  aligner score seeds/000_c7586fac1e89b2ba.txt --glossary cell-therapy
  aligner score corpus.jsonl --glossary terms.tbx --format md -o report.md
  aligner score new/ --against approved/ --format json
  aligner score record.txt --against-zh machine_translation.txt
  aligner score records/ --fail-on forbidden,numbers,acronym
  aligner score records/ --fail-on omission,partial --format tsv -o omissions.tsv
"""


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "score",
        help="check terminology, numbers, acronyms and agreement with another version",
        description="Align records and score the translation: glossary terms (ok / variant / "
        "forbidden / missing, term accuracy, inconsistencies), QA checks on each link, and "
        "BLEU/chrF/TER against another version.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_input_options(parser)
    add_glossary_options(parser)
    add_method_option(parser)
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--against", metavar="RECORD_OR_DIR",
                       help="other version(s), matched by document id")
    group.add_argument("--against-zh", metavar="FILE",
                       help="other version as plain Chinese text (one record only)")
    parser.add_argument("--metrics", metavar="LIST", default=None,
                        help="agreement metrics (default bleu,chrf,ter, or metrics in "
                        "[tool.aligner]; TER is the slow one)")
    parser.add_argument("-f", "--format", choices=FORMATS, default="text")
    parser.add_argument("--table", choices=("findings", "terms", "agreement"),
                        default="findings", help="what --format tsv lists (default findings)")
    parser.add_argument("--checks", metavar="LIST",
                        help="comma-separated QA checks to run (default: all, or checks in "
                        "[tool.aligner])")
    parser.add_argument("--fail-on", metavar="LIST", default="",
                        help="exit 1 if findings of these kinds exist (see below)")
    parser.add_argument("--waivers", metavar="CSV",
                        help="accepted findings (doc,check,text,link,who,why): reported as "
                             "accepted, never fail --fail-on")
    parser.add_argument("-o", "--output", metavar="FILE", help="write here instead of stdout")
    parser.add_argument("--raw-cells", action="store_true", help=RAW_CELLS_HELP + " (tsv)")
    parser.add_argument("-q", "--quiet", action="store_true", help="do not print warnings")
    parser.set_defaults(func=run, parser=parser)


def _other_versions(args: argparse.Namespace) -> dict[str, Document | str] | str | None:
    if args.against_zh:
        from aligner.read.textfile import read_text

        return read_text(args.against_zh)
    if not args.against:
        return None
    from aligner.read import iter_documents

    out: dict[str, Document | str] = {}
    for item in iter_documents([args.against]):
        if isinstance(item, InputError):
            raise item
        out[item.id] = item
    return out


def _other_version(
    doc: Document, others: dict[str, Document | str] | str | None, args: argparse.Namespace,
    *, first: bool,
) -> Document | str | None:
    """What `doc` is compared with: the --against-zh text (one record only), or its namesake
    under --against, with a warning when there is none or its English differs."""
    if others is None:
        return None
    if isinstance(others, str):
        if not first:
            raise InputError("--against-zh compares one record; give --against "
                             "RECORD_OR_DIR for several", path=args.against_zh)
        return others
    against = others.get(doc.id)
    if against is None:
        warn(f"{doc.id}: not in {args.against}; no agreement scores", quiet=args.quiet)
    elif isinstance(against, Document) and against.en.strip() and (
            " ".join(against.en.split()) != " ".join(doc.en.split())):
        warn(f"{doc.id}: English differs in {against.source or args.against}; "
             "its Chinese is aligned to this record's English", quiet=args.quiet)
    return against


def run(args: argparse.Namespace) -> int:
    from aligner.pipeline import Pipeline
    from aligner.score import CHECKS

    checks = [c.strip() for c in args.checks.split(",") if c.strip()] if args.checks else None
    if checks and set(checks) - set(CHECKS):
        args.parser.error(f"unknown checks {sorted(set(checks) - set(CHECKS))}; "
                          f"known: {', '.join(CHECKS)}")
    fail_on = {x.strip() for x in args.fail_on.split(",") if x.strip()}
    if "empty-link" in fail_on:  # the old name of `omission`
        fail_on = (fail_on - {"empty-link"}) | {"omission"}
    known = {"forbidden", "missing", "error", "any", *CHECKS}
    if fail_on - known:
        args.parser.error(f"unknown --fail-on kinds {sorted(fail_on - known)}")
    if args.table == "agreement" and args.format == "tsv" and not (
            args.against or args.against_zh):
        args.parser.error("--table agreement needs --against or --against-zh")
    metrics = None
    if args.metrics is not None:
        metrics = [m.strip() for m in args.metrics.split(",") if m.strip()]
        if not metrics or set(metrics) - {"bleu", "chrf", "ter"}:
            args.parser.error("--metrics takes a comma-separated subset of bleu,chrf,ter")
    pipeline = Pipeline(config_from_args(args, method=args.method, checks=checks,
                                         metrics=metrics))
    check_method(pipeline.config.method, pipeline.config.encoder)
    others = _other_versions(args)
    if args.waivers:
        from aligner.score.waivers import read_waivers

        pipeline.scorers.waivers = read_waivers(args.waivers)
    tally = Tally()
    reviewed: list[ReviewedDocument] = []
    for alignment in aligned(documents(args), tally, pipeline, quiet=args.quiet):
        against = _other_version(alignment.doc, others, args, first=not reviewed)
        reviewed.append(pipeline.score(alignment, against))
    corpus = pipeline.combine(reviewed)
    output = ScoreOutput(args.table, args.raw_cells, args.output)
    with open_output(args.output) as stream:
        WRITERS[args.format](corpus, stream, output)
    if tally.failed:
        return 2
    if fail_on and _matches(corpus, fail_on):
        return 1
    return 0


def _matches(corpus: CorpusScore, fail_on: set[str]) -> bool:
    for f in corpus.findings:
        if f.accepted:
            continue
        kind = f.check.removeprefix("term-")
        if "any" in fail_on or kind in fail_on or (f.severity == "error" and "error" in fail_on):
            return True
    return False
