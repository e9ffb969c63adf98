"""Drift checks for CI: snapshot an approved state, compare the current translations with it.

`snapshot` records, per document, the approved alignment, the Chinese sentences and the term
and QA results in a stable JSON (see `baseline`); `compare` pairs the current documents with
it and lists what moved (see `drift`); `Thresholds` decide which movement fails the build (see
`config`); `output` renders the verdict for a terminal, a pull-request comment or a JUnit
consumer. The CLI commands `aligner snapshot` and `aligner check` are thin shells over these.
"""

from __future__ import annotations

from aligner.drift.baseline import (
    BASELINE_FORMAT,
    build_baseline,
    document_record,
    dump_baseline,
    load_baseline,
)
from aligner.drift.compare import DocDrift, LinkChange, NewFinding, TermRegression, compare
from aligner.drift.config import Thresholds, find_pyproject, load_thresholds
from aligner.drift.output import render_junit, render_markdown, render_table

__all__ = [
    "BASELINE_FORMAT",
    "DocDrift",
    "LinkChange",
    "NewFinding",
    "TermRegression",
    "Thresholds",
    "build_baseline",
    "compare",
    "document_record",
    "dump_baseline",
    "find_pyproject",
    "load_baseline",
    "load_thresholds",
    "render_junit",
    "render_markdown",
    "render_table",
]
