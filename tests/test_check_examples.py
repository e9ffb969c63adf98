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
    from aligner import load_config

    config = load_config(pyproject=example)  # the [tool.aligner] table loads as shipped too
    assert config.glossary is not None and len(config.glossary) > 0


def test_baseline_remembers_its_inputs_so_check_needs_no_paths(tmp_path, monkeypatch, capsys):
    import json
    import shutil

    from aligner.cli import main

    (tmp_path / "translations").mkdir()
    shutil.copy(ROOT / "seeds" / "000_c7586fac1e89b2ba.txt", tmp_path / "translations")
    (tmp_path / "requirements.txt").write_text("numpy\n")  # never read: not an input
    monkeypatch.chdir(tmp_path)
    assert main(["snapshot", "translations", "-o", "aligner-baseline.json"]) == 0
    baseline = json.loads((tmp_path / "aligner-baseline.json").read_text())
    assert baseline["inputs"] == ["translations"]
    assert main(["check", "--baseline", "aligner-baseline.json"]) == 0
    assert main(["snapshot", "-o", "aligner-baseline.json"]) == 0  # re-approve, same inputs
    # from another directory the recorded inputs resolve against the baseline's folder
    (tmp_path / "sub").mkdir()
    monkeypatch.chdir(tmp_path / "sub")
    assert main(["check", "--baseline", "../aligner-baseline.json"]) == 0
    del baseline["inputs"]
    (tmp_path / "old.json").write_text(json.dumps(baseline))
    capsys.readouterr()
    assert main(["check", "--baseline", "../old.json"]) == 2
    assert "records no inputs" in capsys.readouterr().err
    assert main(["snapshot", "-o", "../none.json"]) == 2
    assert "no baseline yet" in capsys.readouterr().err
