"""`aligner terms mine`: propose glossary entries from the records themselves."""

from __future__ import annotations

import argparse

from aligner.cli.common import (
    INPUTS_HELP,
    Tally,
    add_input_options,
    documents,
    note,
    open_output,
    readable,
)

EPILOG = INPUTS_HELP + """
Proposes entries from two kinds of evidence in each record: a Chinese term followed by a
bracketed acronym (诱导多能干细胞(iPSC)) paired with the English expansion of the same acronym
(induced pluripotent stem cell (iPSC)), and acronyms / gene names kept verbatim in both
languages (FDA, CAR-T, IL-15). Output: glossary CSV (en,zh,variants,forbidden,note,count),
most frequent first, ready to review and append to a glossary (`aligner score --glossary`
ignores the count column).

examples:
  aligner terms mine seeds/ > proposed.csv
  aligner terms mine corpus.jsonl --known data/glossary.csv --min-count 2 -o new_terms.csv
"""


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("terms", help="glossary tools: mine term pairs from records",
                            description="Glossary tools.")
    terms_sub = parser.add_subparsers(dest="terms_command", metavar="ACTION", required=True)
    mine = terms_sub.add_parser(
        "mine", help="propose glossary entries (CSV with counts) from records",
        description="Propose glossary entries from acronym definitions and verbatim Latin "
        "tokens found in both languages of the records.",
        epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    add_input_options(mine)
    mine.add_argument("--known", "--exclude-glossary", metavar="GLOSSARY",
                      help="leave out terms already in this glossary (--exclude GLOB leaves "
                      "out files, as in every command)")
    mine.add_argument("--min-count", type=int, default=1, metavar="N",
                      help="keep pairs seen in at least N records (default 1)")
    mine.add_argument("-o", "--output", metavar="FILE", help="write here instead of stdout")
    mine.add_argument("-q", "--quiet", action="store_true")
    mine.set_defaults(func=run_mine, parser=mine)


def run_mine(args: argparse.Namespace) -> int:
    from aligner.score.glossary import read_glossary
    from aligner.score.mine import mine, mined_csv

    known = read_glossary(args.known) if args.known else None
    tally = Tally()
    mined = mine(readable(documents(args), tally), exclude=known,
                 min_count=args.min_count)
    with open_output(args.output) as stream:
        stream.write(mined_csv(mined))
    note(f"terms mine: {len(mined)} candidate entries", quiet=args.quiet)
    return 2 if tally.failed else 0
