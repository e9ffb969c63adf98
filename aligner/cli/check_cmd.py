"""`aligner check`: compare the current translations with the approved baseline.

Exit codes: 0 no drift beyond thresholds, 1 drift beyond thresholds, 2 could not run (bad
input, baseline or config).
"""

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
    warn,
    write_file,
)
from aligner.cli.snapshot_cmd import DEFAULT_BASELINE
from aligner.model import AlignerError


def _non_negative(kind: type):  # noqa: ANN202 - an argparse type function
    def parse(text: str) -> int | float:
        try:
            value = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a valid {kind.__name__}") from None
        if value < 0:
            raise argparse.ArgumentTypeError(f"{text!r} must not be negative")
        return value

    return parse


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "check",
        help="compare with the approved baseline; exit 1 on drift beyond thresholds",
        description="Compare the current translations with the baseline written by "
        "`aligner snapshot`: changed Chinese per link (with chrF against the approved version), "
        "terms no longer ok, new QA findings, documents added or removed, alignment confidence "
        "that fell. Thresholds come from [tool.aligner.check] in pyproject.toml (the nearest "
        "one above the current directory, or --config); flags override them.",
        epilog=INPUTS_HELP + "\nexit codes: 0 no drift beyond thresholds, 1 drift beyond "
        "thresholds, 2 could not run (bad input, baseline or config)",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_input_options(p)
    p.add_argument("-b", "--baseline", default=DEFAULT_BASELINE,
                   help=f"baseline written by `aligner snapshot` (default: {DEFAULT_BASELINE})")
    add_glossary_options(p, "default: [tool.aligner.check] glossary, else the one the "
                         "baseline was made with")
    add_method_option(p)
    add_jobs_option(p)
    p.add_argument("--summary", metavar="FILE",
                   help="write a Markdown summary (appended when FILE is $GITHUB_STEP_SUMMARY)")
    p.add_argument("--junit", metavar="FILE", help="write JUnit XML, one test case per document")
    p.add_argument("--waivers", metavar="CSV",
                   help="accepted findings (doc,check,text,link,who,why) that never count as "
                        "new; default: <baseline>.waivers.csv next to the baseline, if present")
    t = p.add_argument_group("thresholds (override [tool.aligner.check])")
    t.add_argument("--min-chrf", type=_non_negative(float), metavar="X",
                   help="changes scoring chrF >= X against the approved Chinese are not counted "
                   "(default 100: only whitespace changes are free)")
    t.add_argument("--max-changed-links", type=_non_negative(int), metavar="N",
                   help="changed links allowed per document (default 0)")
    t.add_argument("--max-new-term-errors", type=_non_negative(int), metavar="N",
                   help="terms that were ok and no longer are, per document (default 0)")
    t.add_argument("--max-new-findings", type=_non_negative(int), metavar="N",
                   help="new QA findings per document (default 0)")
    t.add_argument("--max-confidence-drop", type=_non_negative(float), metavar="X",
                   help="how far a document's mean link confidence may fall (default 0.05)")
    t.add_argument("--allow-added-documents", action="store_true", default=None,
                   help="documents not in the baseline do not fail the check")
    t.add_argument("--allow-removed-documents", action="store_true", default=None,
                   help="baseline documents absent from the input do not fail the check")
    p.set_defaults(func=run)


def glossary_name(args: argparse.Namespace, config_glossary: str | None,
                  baseline: dict, baseline_path: Path) -> tuple[bool, str | None]:
    """(given, name): flag, then [tool.aligner.check], then what the baseline was made with
    (so the terms compare); given=False when none of them says (then [tool.aligner] does)."""
    if args.no_glossary:
        return True, None
    if args.glossary:
        return True, args.glossary
    if config_glossary:
        return True, config_glossary
    if "glossary" not in baseline:
        return False, None
    label = baseline["glossary"]
    if label is None:
        return True, None
    if label == "default":  # baselines written before the default became "none"
        return True, "cell-therapy"
    from aligner.config import BUILTIN_GLOSSARIES

    if (isinstance(label, str) and label in BUILTIN_GLOSSARIES
            and not (baseline_path.parent / label).exists()):
        return True, label
    path = baseline_glossary_path(label, baseline_path)
    _readable_glossary(path, baseline_path)
    return True, str(path)


def _readable_glossary(path: Path, baseline_path: Path) -> None:
    """Load the glossary a baseline names once, up front: a loader's message may quote the
    file, so say only what failed."""
    from aligner.config import resolve_glossary

    try:
        resolve_glossary(path)
    except AlignerError as error:
        raise AlignerError(f"the glossary it names ({path.name}) cannot be read as a glossary "
                           f"({'not found' if not path.exists() else 'not a glossary file'})",
                           path=str(baseline_path)) from error


def project_root(baseline_path: Path) -> Path:
    """The project a baseline belongs to: the nearest folder above it holding `.git` or
    `pyproject.toml`, else the baseline's own folder."""
    start = baseline_path.resolve().parent
    for folder in (start, *start.parents):
        if (folder / ".git").exists() or (folder / "pyproject.toml").exists():
            return folder
    return start


def baseline_glossary_path(label: object, baseline_path: Path) -> Path:
    """The glossary a baseline names, which must be a relative path inside the baseline's
    project: a baseline comes with a pull request, and its `glossary` field must not make
    `check` open (and quote from) any file on the machine."""
    where = str(baseline_path)
    if not isinstance(label, str) or not label or Path(label).is_absolute():
        raise AlignerError("'glossary' must be \"default\", null or a path relative to the "
                           "baseline", path=where)
    root = project_root(baseline_path)
    target = (baseline_path.resolve().parent / label).resolve()
    if not target.is_relative_to(root):
        raise AlignerError(f"'glossary' points outside the project ({root}); give --glossary "
                           "to check with a glossary stored elsewhere", path=where)
    return target


def _apply_waivers(drifts: list, path: str | None, baseline_path: Path) -> int:
    """Drop accepted findings from each document's new findings; how many were dropped."""
    from aligner.score.waivers import read_waivers, waivers_path

    default = waivers_path(baseline_path)
    if path is None and not default.exists():
        return 0
    waivers = read_waivers(path or default)
    dropped = 0
    for d in drifts:
        kept = [f for f in d.new_findings
                if not any(w.matches(d.doc, f.link, f.check, f.text) for w in waivers)]
        dropped += len(d.new_findings) - len(kept)
        d.new_findings = kept
    return dropped


def run(args: argparse.Namespace) -> int:
    if args.min_chrf is not None and args.min_chrf > 100:
        raise AlignerError("--min-chrf is at most 100", path="<command line>")
    from aligner.corpus import review_records
    from aligner.drift import (
        compare,
        document_record,
        load_baseline,
        load_thresholds,
        render_junit,
        render_markdown,
        render_table,
    )
    from aligner.pipeline import Pipeline

    thresholds = load_thresholds(args.config).with_overrides(
        min_chrf=args.min_chrf,
        max_changed_links=args.max_changed_links,
        max_new_term_errors=args.max_new_term_errors,
        max_new_findings=args.max_new_findings,
        max_confidence_drop=args.max_confidence_drop,
        allow_added_documents=args.allow_added_documents,
        allow_removed_documents=args.allow_removed_documents,
    )
    baseline_path = Path(args.baseline)
    baseline = load_baseline(baseline_path)
    from aligner.version import __version__

    if baseline.get("aligner_version") not in (None, __version__):
        warn(f"{baseline_path}: made with aligner {baseline['aligner_version']}, this is "
             f"{__version__}; alignment or term changes may come from the tool, not the "
             "translation")
    given, name = glossary_name(args, thresholds.glossary, baseline, baseline_path)
    config = config_from_args(args, method=args.method)
    if given:
        config = config.with_glossary(name)
    check_method(config.method, config.encoder)
    if not (args.inputs or args.en or args.zh):  # the records the baseline was made from
        from aligner.drift.inputs import recorded_inputs

        args.inputs = recorded_inputs(baseline, baseline_path)
    reviewed = review_records(documents(args), Pipeline(config), jobs=args.jobs)
    current = {r.doc.id: document_record(r) for r in reviewed}
    drifts = compare(baseline["documents"], current)
    waived = _apply_waivers(drifts, args.waivers, baseline_path)
    if waived:
        warn(f"{waived} new finding(s) accepted by waivers, not counted")

    from aligner.safe import terminal_text

    sys.stdout.write(terminal_text(render_table(drifts, thresholds)))
    if args.summary:
        append = os.environ.get("GITHUB_STEP_SUMMARY") == args.summary
        write_file(args.summary, render_markdown(drifts, thresholds), "summary", append=append)
    if args.junit:
        write_file(args.junit, render_junit(drifts, thresholds), "JUnit XML")
    return 1 if any(d.failures(thresholds) for d in drifts) else 0
