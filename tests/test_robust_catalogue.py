"""Every case of the bad-input catalogue, through every command that reads it: one line on stderr
naming the file (and record or line) and the problem, the documented exit status, no traceback;
in corpus mode the bad records go to the errors file and the good ones are still written."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from robust_catalogue import CATALOGUE, SEED, Case, command_lines, markdown_table

from aligner import __version__
from aligner.cli import main

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def baselines(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("baseline")
    current = folder / "baseline.json"
    assert main(["snapshot", str(SEED), "-o", str(current)]) == 0
    data = json.loads(current.read_text(encoding="utf-8"))
    data["aligner_version"] = "0.0.1"
    old = folder / "old.json"
    old.write_text(json.dumps(data), encoding="utf-8")
    return {"BASELINE": current, "OLD_VERSION_BASELINE": old}


def materialise(case: Case, argv: list[str], tmp_path: Path, baselines: dict[str, Path]):
    """Write the case's files; return the argv with placeholders filled and the FILE path."""
    folder, out = tmp_path / "in", tmp_path / "out"
    folder.mkdir()
    out.mkdir()
    files = case.files()
    for name, data in files.items():
        (folder / name).write_bytes(data)
    file_name = case.extra.get("FILE", next(iter(files), ""))
    file = folder if file_name == "DIR" else folder / file_name
    values = {"FILE": str(file), "DIR": str(folder), "SEED": str(SEED),
              **{k: str(v) for k, v in baselines.items()}}
    filled = []
    for arg in argv:
        if arg in values:
            arg = values[arg]
        elif arg.startswith(("OUT/", "DIR/")):
            arg = str((out if arg.startswith("OUT/") else folder) / arg[4:])
        filled.append(arg)
    return filled, file


RUNS = [
    pytest.param(case, argv, id=f"{case.name}-{label.replace(' ', '-')}",
                 marks=[pytest.mark.slow] if case.slow else [])
    for case in CATALOGUE
    for label, argv in command_lines(case)
]


@pytest.mark.parametrize(("case", "argv"), RUNS)
def test_catalogue_case_gives_its_one_line_message_and_exit_status(
    case, argv, tmp_path, capsys, baselines, monkeypatch
):
    monkeypatch.chdir(tmp_path)  # no pyproject.toml above: thresholds are the defaults
    for name, value in case.env.items():
        monkeypatch.setenv(name, value)
    filled, file = materialise(case, argv, tmp_path, baselines)
    code = main(filled)
    _, err = capsys.readouterr()
    assert code == case.code, err
    assert "Traceback" not in err
    lines = [line for line in err.splitlines() if line.strip()]
    assert all(line.startswith("aligner") for line in lines), err
    if case.kind == "ok":
        assert not [line for line in lines if line.startswith(("aligner: error", "aligner: warn"))]
        return
    prefix = f"aligner: {case.kind}: "
    hits = [line for line in lines if line.startswith(prefix) and case.fragment in line]
    assert hits, f"no {case.kind} containing {case.fragment!r} in:\n{err}"
    if case.kind == "error":
        named = file if case.names_file and (not case.argv or "FILE" in case.argv) else None
        if named is not None:
            assert any(str(named) in line for line in hits), hits
        if case.record:
            assert any(f"[{case.record}]" in line for line in hits), hits


def test_catalogue_has_at_least_the_cases_the_issue_lists():
    names = {case.name for case in CATALOGUE}
    assert {"empty", "whitespace", "english-only", "chinese-only", "swapped", "gb18030", "big5",
            "utf16", "binary", "nul", "markup", "traditional", "long-line", "truncated-gzip",
            "jsonl-malformed", "glossary-empty-entry", "glossary-columns",
            "glossary-duplicates", "baseline-invalid-json", "baseline-version",
            "config-type"} <= names


def test_readme_table_is_the_catalogue():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert markdown_table() in readme, "README table is stale: python tests/robust_catalogue.py"


CORPUS_CASES = [c for c in CATALOGUE
                if c.kind == "error" and "align" in c.commands and c.name != "empty-dir"
                and c.extra.get("FILE") is None and not c.env and not c.slow]


def test_corpus_mode_sends_every_bad_record_to_the_errors_file_and_goes_on(tmp_path):
    """All the reader cases in one folder with good records, aligned by two workers."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    for case in CORPUS_CASES:
        for name, data in case.files().items():
            (folder / f"{case.name}-{name}").write_bytes(data)
    (folder / "zz-seed.txt").write_bytes(SEED.read_bytes())
    errors, out = tmp_path / "errors.jsonl", tmp_path / "out.jsonl"
    code = main(["align", str(folder), "--jobs", "2", "--errors", str(errors), "-f", "jsonl",
                 "-o", str(out), "-q"])
    assert code == 2
    failed = [json.loads(line) for line in errors.read_text(encoding="utf-8").splitlines()]
    for case in CORPUS_CASES:
        mine = [f for f in failed if Path(f["source"]).name.startswith(case.name + "-")]
        assert any(case.fragment in f["error"] for f in mine), (case.name, mine)
        if case.record:
            assert any(f["id"] == case.record for f in mine), (case.name, mine)
    docs = {json.loads(line)["doc"] for line in out.read_text(encoding="utf-8").splitlines()}
    # the good record of each corpus file and the seed made it through
    assert {"good", "zz-seed"} <= docs


@pytest.mark.parametrize("case_name", ["binary", "jsonl-malformed", "config-type", "big5"])
def test_real_process_prints_no_traceback(case_name, tmp_path, baselines):
    case = next(c for c in CATALOGUE if c.name == case_name)
    label, argv = command_lines(case)[0]
    filled, _ = materialise(case, argv, tmp_path, baselines)
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    done = subprocess.run([sys.executable, "-m", "aligner", *filled], capture_output=True,
                          text=True, cwd=tmp_path, env=env, timeout=120)
    assert done.returncode == case.code
    assert "Traceback" not in done.stderr
    assert done.stderr.startswith("aligner: error: ") and case.fragment in done.stderr


def test_version_in_the_table_matches_the_package():
    assert __version__ != "0.0.1"  # the baseline-version case needs a different version
