"""`aligner snapshot` / `aligner check` end to end on the seed: the issue's "done when" scenario
(snapshot, edit a Chinese term in a copy, check fails naming document, link and term;
unchanged passes), exit codes, thresholds from pyproject and flags, and the CI outputs."""

from __future__ import annotations

import json
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from aligner.cli import main

SEED = Path(__file__).resolve().parents[1] / "seeds" / "000_c7586fac1e89b2ba.txt"
DOC = SEED.stem


@pytest.fixture
def work(tmp_path, monkeypatch):
    """A project folder with a copy of the seed under `texts/` and its approved baseline, made
    with the shipped example glossary named in the project's [tool.aligner]."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pyproject.toml").write_text('[tool.aligner]\nglossary = "cell-therapy"\n',
                                             encoding="utf-8")
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    (tmp_path / "texts").mkdir()
    shutil.copy(SEED, tmp_path / "texts" / SEED.name)
    assert main(["snapshot", "texts", "-o", "aligner-baseline.json"]) == 0
    return tmp_path


def edit_seed(work: Path, old: str = "即用型", new: str = "现成") -> None:
    path = work / "texts" / SEED.name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def link_with(baseline: dict, needle: str) -> int:
    record = baseline["documents"][DOC]
    for i, link in enumerate(record["links"]):
        if needle in "".join(record["zh"][j] for j in link["zh"]):
            return i
    raise AssertionError(f"{needle} not in any link")


def test_snapshot_records_alignment_chinese_terms_and_findings(work):
    data = json.loads((work / "aligner-baseline.json").read_text(encoding="utf-8"))
    assert data["aligner_baseline"] == 1 and data["glossary"] == "cell-therapy"
    record = data["documents"][DOC]
    assert {"en", "zh", "links", "terms", "findings", "confidence"} <= set(record)
    assert any("即用型" in s for s in record["zh"])
    assert {"term": "off-the-shelf", "status": "ok"}.items() <= next(
        t for t in record["terms"] if t["term"] == "off-the-shelf").items()


def test_snapshot_is_byte_identical_when_repeated(work):
    first = (work / "aligner-baseline.json").read_bytes()
    assert main(["snapshot", "texts", "-o", "again.json"]) == 0
    assert (work / "again.json").read_bytes() == first


def test_unchanged_translations_pass(work, capsys):
    assert main(["check", "texts", "--baseline", "aligner-baseline.json"]) == 0
    assert "no drift in 1 document(s)" in capsys.readouterr().out


def test_edited_term_fails_naming_document_link_and_term(work, capsys):
    baseline = json.loads((work / "aligner-baseline.json").read_text(encoding="utf-8"))
    link = link_with(baseline, "即用型")
    edit_seed(work)
    assert main(["check", "texts", "--baseline", "aligner-baseline.json"]) == 1
    out = capsys.readouterr().out
    assert f"FAIL: {DOC}" in out
    assert f"link {link} (" in out and "即用型 → 现成" in out
    assert f'link {link} (' in out and 'term "off-the-shelf" was ok (即用型), now missing' in out


def test_summary_and_junit_files_for_ci(work):
    edit_seed(work)
    code = main(["check", "texts", "--summary", "summary.md", "--junit", "report.xml"])
    assert code == 1
    md = (work / "summary.md").read_text(encoding="utf-8")
    assert md.startswith("## ❌") and f"`{DOC}`" in md and "off-the-shelf" in md
    root = ET.parse(work / "report.xml").getroot()
    (case,) = root.iter("testcase")
    assert case.get("name") == DOC and case.find("failure") is not None


def test_summary_is_appended_to_the_github_step_summary(work, monkeypatch):
    summary = work / "step-summary.md"
    summary.write_text("earlier step\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    assert main(["check", "texts", "--summary", str(summary)]) == 0
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("earlier step\n") and "## ✅ aligner check" in text


def test_thresholds_in_pyproject_tolerate_the_edit_and_flags_override_them(work):
    edit_seed(work)
    (work / "pyproject.toml").write_text(
        "[tool.aligner.check]\nmax_changed_links = 1\nmax_new_term_errors = 1\n"
        "max_confidence_drop = 1.0\n", encoding="utf-8")
    assert main(["check", "texts"]) == 0
    assert main(["check", "texts", "--max-new-term-errors", "0"]) == 1


def test_config_with_a_wrong_type_exits_2_with_one_line(work, capsys):
    (work / "pyproject.toml").write_text('[tool.aligner.check]\nmin_chrf = "high"\n',
                                         encoding="utf-8")
    assert main(["check", "texts"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "pyproject.toml" in err and "min_chrf" in err


def test_explicit_config_file_is_used(work):
    edit_seed(work)
    (work / "ci.toml").write_text(
        "[tool.aligner.check]\nmin_chrf = 50\nmax_new_term_errors = 5\n"
        "max_confidence_drop = 1.0\n", encoding="utf-8")
    assert main(["check", "texts", "--config", "ci.toml"]) == 0  # a 3-character edit: chrF > 50


def test_removed_document_fails_and_added_one_too(work, capsys):
    other = work / "other"
    other.mkdir()
    shutil.copy(SEED, other / "another.txt")
    assert main(["check", "other"]) == 1
    out = capsys.readouterr().out
    assert "another" in out and "added" in out and DOC in out and "removed" in out
    assert main(["check", "other", "--allow-added-documents", "--allow-removed-documents"]) == 0


@pytest.mark.parametrize(
    ("setup", "args", "message"),
    [
        (lambda w: (w / "aligner-baseline.json").write_text("{", encoding="utf-8"),
         [], "not valid JSON"),
        (lambda w: (w / "aligner-baseline.json").write_text(
            '{"aligner_baseline": 99, "documents": {}}', encoding="utf-8"), [], "format 99"),
        (lambda w: None, ["--baseline", "missing.json"], "baseline not found"),
        (lambda w: (w / "texts" / "bad.txt").write_text("only English here.\n"), [], "bad.txt"),
    ],
)
def test_could_not_run_exits_2(work, capsys, setup, args, message):
    setup(work)
    assert main(["check", "texts", *args]) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1 and "Traceback" not in err


def test_negative_threshold_flag_is_rejected(work):
    with pytest.raises(SystemExit) as info:
        main(["check", "texts", "--max-changed-links", "-1"])
    assert info.value.code == 2


def test_glossary_recorded_in_baseline_is_reused_by_check(work, capsys):
    (work / "g.csv").write_text("en,zh\noff-the-shelf,现成\n", encoding="utf-8")
    assert main(["snapshot", "texts", "--glossary", "g.csv", "-o", "b.json"]) == 0
    assert json.loads((work / "b.json").read_text())["glossary"] == "g.csv"
    # with this glossary 即用型 is the *missing* term, so editing to 现成 is no term regression
    edit_seed(work)
    assert main(["check", "texts", "-b", "b.json"]) == 1
    out = capsys.readouterr().out
    assert "Chinese changed" in out and "was ok" not in out


def test_baseline_from_another_aligner_version_warns(work, capsys):
    path = work / "aligner-baseline.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["aligner_version"] = "0.0.1"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert main(["check", "texts"]) == 0
    assert "made with aligner 0.0.1" in capsys.readouterr().err


def test_parallel_snapshot_equals_serial(work):
    assert main(["snapshot", "texts", "-o", "parallel.json", "--jobs", "2"]) == 0
    assert (work / "parallel.json").read_bytes() == (work / "aligner-baseline.json").read_bytes()


def test_a_waiver_next_to_the_baseline_accepts_a_new_finding(work, capsys):
    edit_seed(work, "美国 FDA", "美国 FBA")
    tolerate = ["--max-changed-links", "5", "--max-new-term-errors", "5"]  # only findings fail
    assert main(["check", "texts", "--baseline", "aligner-baseline.json", *tolerate]) == 1
    assert "new QA finding" in capsys.readouterr().out
    (work / "aligner-baseline.waivers.csv").write_text(
        "doc,check,text,link,who,why\n*,acronym,FDA,,ann,a company name in this text\n",
        encoding="utf-8")
    assert main(["check", "texts", "--baseline", "aligner-baseline.json", *tolerate]) == 0
    assert "accepted by waivers" in capsys.readouterr().err
