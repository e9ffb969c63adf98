"""`aligner snapshot`: record the approved state of the translations for `aligner check`."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from aligner.cli.common import (
    INPUTS_HELP,
    add_glossary_options,
    add_input_options,
    add_jobs_option,
    add_method_option,
    check_method,
    config_from_args,
    documents,
)
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
        epilog=INPUTS_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_input_options(p)
    p.add_argument("-o", "--output", default=DEFAULT_BASELINE,
                   help=f"baseline file to write (default: {DEFAULT_BASELINE})")
    add_glossary_options(p)
    add_method_option(p)
    add_jobs_option(p)
    p.set_defaults(func=run)


def glossary_label(name: str | None, baseline: Path) -> str | None:
    """How the baseline remembers its glossary: a path relative to the baseline, a built-in
    name (`cell-therapy`), None for none, so `check` reuses it from any working directory."""
    from aligner.config import BUILTIN_GLOSSARIES

    if name is None:
        return None
    if name in BUILTIN_GLOSSARIES and not Path(name).exists():
        return name
    target = Path(name).resolve()
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
    from aligner.corpus import review_records
    from aligner.drift import build_baseline, dump_baseline
    from aligner.pipeline import Pipeline

    config = config_from_args(args, method=args.method)
    check_method(config.method, config.encoder)
    output = Path(args.output)
    if not (args.inputs or args.en or args.zh):  # re-approve what the baseline covers
        args.inputs = _previous_inputs(output)
    baseline = build_baseline(
        review_records(documents(args), Pipeline(config), jobs=args.jobs),
        glossary=glossary_label(config.glossary_name, output),
    )
    if args.inputs and not (args.en or args.zh):  # `aligner check` then needs no paths
        baseline["inputs"] = relative_inputs(args.inputs, output)
    dump_baseline(baseline, output)
    n = len(baseline["documents"])
    print(f"aligner snapshot: wrote {n} document(s) to {output}", file=sys.stderr)
    return 0
