"""The shipped CI examples stay in step with the CLI: every command they run parses, and the
thresholds snippet is a valid [tool.aligner.check] table."""

from __future__ import annotations

import shlex
from pathlib import Path

import pytest

from aligner.cli import build_parser
from aligner.drift import Thresholds, load_thresholds

ROOT = Path(__file__).resolve().parents[1]
yaml = pytest.importorskip("yaml", reason="PyYAML is needed to read the example YAML files")


def parses(command: str) -> None:
    argv = shlex.split(command.replace('"$GITHUB_STEP_SUMMARY"', "summary.md"))
    assert argv[0] == "aligner"
    args = build_parser().parse_args(argv[1:])
    assert callable(args.func)


def test_workflow_runs_check_with_summary_and_junit():
    workflow = yaml.safe_load((ROOT / "examples" / "github-actions.yml").read_text())
    steps = workflow["jobs"]["aligner-check"]["steps"]
    runs = [s["run"].strip() for s in steps if "run" in s and "aligner " in s["run"]]
    check = next(r for r in runs if r.startswith("aligner check"))
    assert '--summary "$GITHUB_STEP_SUMMARY"' in check and "--junit" in check
    for command in runs:
        parses(command)


def test_pre_commit_hooks_run_valid_commands():
    hooks = {h["id"]: h for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())}
    assert hooks["aligner-check"]["entry"] == "aligner check"
    for hook in hooks.values():
        parses(hook["entry"] + " " + shlex.join(hook["args"]))


def test_thresholds_example_is_valid_and_not_the_defaults():
    example = ROOT / "examples" / "pyproject-thresholds.toml"
    thresholds = load_thresholds(example)
    assert thresholds.min_chrf == 90.0 and thresholds != Thresholds()
