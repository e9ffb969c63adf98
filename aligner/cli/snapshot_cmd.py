"""`aligner snapshot`: record the approved state of the translations for `aligner check`."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from aligner.cli.common import add_glossary_options, add_jobs_option, glossary_from_args
from aligner.drift.inputs import recorded_inputs, relative_inputs
from aligner.model import AlignerError

DEFAULT_BASELINE = "aligner-baseline.json"


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "snapshot",
        help="record the approved alignment, Chinese, terms and QA results as a baseline",
        description="Record, for each document, its alignment, its Chinese sentences and its "
        "term and QA results in a stable JSON (sorted keys, one block per document) to commit "
        "next to the translations. `aligner check` compares later versions with it.",
    )
    p.add_argument("paths", nargs="*", metavar="RECORD_OR_DIR",
                   help="records, corpora or folders (default: the inputs the existing "
                   "baseline was made from)")
    p.add_argument("-o", "--output", default=DEFAULT_BASELINE,
                   help=f"baseline file to write (default: {DEFAULT_BASELINE})")
    add_glossary_options(p)
    add_jobs_option(p)
    p.set_defaults(func=run)


def glossary_label(path: str | None, no_glossary: bool, baseline: Path) -> str | None:
    """How the baseline remembers its glossary: a path relative to the baseline, `default`
    for the shipped one, None for none, so `check` reuses it from any working directory."""
    if no_glossary:
        return None
    if path is None:
        return "default"
    target = Path(path).resolve()
    try:
        return Path(os.path.relpath(target, baseline.resolve().parent)).as_posix()
    except ValueError:  # another drive on Windows
        return target.as_posix()


def _previous_inputs(output: Path) -> list[str]:
    from aligner.drift import load_baseline

    if not output.exists():
        raise AlignerError("no baseline yet: name the records to approve "
                           "(aligner snapshot RECORD_OR_DIR ...)", path=str(output))
    return recorded_inputs(load_baseline(output), output)


def run(args: argparse.Namespace) -> int:
    from aligner.drift import build_baseline, dump_baseline
    from aligner.drift.collect import Reviewer

    glossary = glossary_from_args(args)
    reviewer = Reviewer(glossary)
    output = Path(args.output)
    paths = args.paths or _previous_inputs(output)
    baseline = build_baseline(
        reviewer.review_paths(paths, jobs=args.jobs),
        glossary=glossary_label(args.glossary, args.no_glossary, output),
    )
    baseline["inputs"] = relative_inputs(paths, output)  # `aligner check` needs no paths
    dump_baseline(baseline, output)
    n = len(baseline["documents"])
    print(f"aligner snapshot: wrote {n} document(s) to {output}", file=sys.stderr)
    return 0
