"""`aligner report`: one static HTML page to review the alignment, terms and findings."""

from __future__ import annotations

import argparse
import sys

from aligner.cli.common import (
    INPUTS_HELP,
    add_glossary_options,
    add_input_options,
    add_jobs_option,
    add_method_option,
    check_method,
    confidence_value,
    config_from_args,
    documents,
    open_output,
)

DEFAULT_REPORT = "report.html"


def register(sub: argparse._SubParsersAction) -> None:
    from aligner.config import LOW_CONFIDENCE

    p = sub.add_parser(
        "report",
        help="write a self-contained HTML review page (EN and ZH side by side)",
        description="Write one static HTML page (inline CSS, no script, no network): a summary "
        "table linking to each document, then English and Chinese side by side per link with "
        "glossary terms highlighted by status, confidence bars and QA findings.",
        epilog=INPUTS_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_input_options(p)
    p.add_argument("-o", "--output", default=DEFAULT_REPORT,
                   help=f"HTML file to write, - for stdout (default: {DEFAULT_REPORT})")
    p.add_argument("--title", default="Alignment review", help="page title")
    p.add_argument("--low-confidence", type=confidence_value, default=None, metavar="X",
                   help=f"mark links whose confidence is below X (default {LOW_CONFIDENCE:g}, "
                   "or low_confidence in [tool.aligner])")
    add_glossary_options(p)
    add_method_option(p)
    add_jobs_option(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from aligner.corpus import review_records
    from aligner.pipeline import Pipeline
    from aligner.report.html import render_report

    config = config_from_args(args, method=args.method, low_confidence=args.low_confidence)
    check_method(config.method, config.encoder)
    pipeline = Pipeline(config)
    reviewed = list(review_records(documents(args), pipeline, unique=False, jobs=args.jobs))
    page = render_report(reviewed, title=args.title, low=config.low_confidence)
    with open_output(args.output) as stream:
        stream.write(page)
    if args.output != "-":
        links = sum(len(r.alignment.links) for r in reviewed)
        print(f"aligner report: {len(reviewed)} document(s), {links} link(s) → {args.output}",
              file=sys.stderr)
    return 0
