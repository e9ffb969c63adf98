"""Drift comparison, thresholds, baseline validation and the three outputs, on records built
here (no pipeline run), so each behaviour is pinned down on its own."""

from __future__ import annotations

import copy
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from aligner.drift import (
    Thresholds,
    compare,
    dump_baseline,
    find_pyproject,
    load_baseline,
    load_thresholds,
    render_junit,
    render_markdown,
    render_table,
)
from aligner.drift.baseline import dumps_baseline, link_keys
from aligner.drift.compare import default_chrf
from aligner.model import AlignerError


def record(**changes) -> dict:
    """A small approved document: three 1-1 links, one term, one finding."""
    base = {
        "source": "docs/a.txt",
        "method": "lexical",
        "en": ["The drug is off-the-shelf.", "It was approved in 2020.", "It works."],
        "zh": ["该药物是即用型产品。", "它于2020年获批。", "它有效。"],
        "links": [
            {"en": [0], "zh": [0], "score": 0.9},
            {"en": [1], "zh": [1], "score": 0.8},
            {"en": [2], "zh": [2], "score": 0.7},
        ],
        "terms": [{"link": 0, "term": "off-the-shelf", "status": "ok", "found": "即用型",
                   "approved": "即用型"}],
        "findings": [{"link": 2, "check": "length-ratio", "message": "short", "text": "",
                      "severity": "warning"}],
        "confidence": 0.8,
    }
    base.update(changes)
    return base


def edited(rec: dict, **changes) -> dict:
    new = copy.deepcopy(rec)
    new.update(changes)
    return new


STRICT = Thresholds()


@pytest.fixture(scope="module")
def chrf():
    return default_chrf()


def test_identical_documents_show_no_drift(chrf):
    (drift,) = compare({"a": record()}, {"a": record()}, chrf)
    assert drift.state == "same"
    assert drift.failures(STRICT) == []


def test_changed_chinese_is_reported_with_chrf_and_the_edit(chrf):
    new = edited(record(), zh=["该药物是现成产品。", "它于2020年获批。", "它有效。"])
    (drift,) = compare({"a": record()}, {"a": new}, chrf)
    (change,) = drift.changed_links
    assert change.link == 0 and change.key == "en 0"
    assert 0 < change.chrf < 100
    assert change.edits == (("即用型", "现成"),)
    assert drift.failures(STRICT)


def test_whitespace_only_change_is_cosmetic_under_default_min_chrf(chrf):
    new = edited(record(), zh=["该药物是 即用型 产品。", "它于2020年获批。", "它有效。"])
    (drift,) = compare({"a": record()}, {"a": new}, chrf)
    assert len(drift.changed_links) == 1 and drift.changed_links[0].chrf == 100
    assert drift.failures(STRICT) == []
    assert drift.failures(Thresholds(min_chrf=100.01)) != []  # stricter than chrF can measure


def test_min_chrf_lets_small_edits_through_and_stops_big_ones(chrf):
    small = edited(record(), zh=["该药物是即用型的产品。", "它于2020年获批。", "它有效。"])
    big = edited(record(), zh=["完全不同的句子。", "它于2020年获批。", "它有效。"])
    lenient = Thresholds(min_chrf=60)
    (d_small,) = compare({"a": record()}, {"a": small}, chrf)
    (d_big,) = compare({"a": record()}, {"a": big}, chrf)
    assert d_small.changed_links[0].chrf >= 60 and d_small.failures(lenient) == []
    assert d_big.changed_links[0].chrf < 60 and d_big.failures(lenient) != []


def test_links_pair_by_english_when_the_chinese_is_relinked(chrf):
    # the aligner now merges Chinese 1 and 2 into one link: same text, no change
    new = edited(record(), links=[
        {"en": [0], "zh": [0], "score": 0.9},
        {"en": [1, 2], "zh": [1, 2], "score": 0.75},
    ])
    (drift,) = compare({"a": record()}, {"a": new}, chrf)
    # the merged link's Chinese differs from each approved link's alone
    assert [c.key for c in drift.changed_links] == ["en 1", "en 2"]
    assert drift.changed_links[0].current == "它于2020年获批。它有效。"


def test_term_that_was_ok_and_became_missing_is_a_regression(chrf):
    new = edited(record(), terms=[{"link": 0, "term": "off-the-shelf", "status": "missing",
                                   "found": "", "approved": "即用型"}])
    (drift,) = compare({"a": record()}, {"a": new}, chrf)
    (reg,) = drift.term_regressions
    assert (reg.term, reg.approved, reg.status, reg.key) == ("off-the-shelf", "即用型", "missing",
                                                             "en 0")
    assert any("term" in r for r in drift.failures(STRICT))
    assert drift.failures(Thresholds(max_new_term_errors=1, max_changed_links=9)) == []


def test_term_that_became_a_variant_is_reported_with_the_new_rendering(chrf):
    new = edited(record(), terms=[{"link": 0, "term": "off-the-shelf", "status": "variant",
                                   "found": "通用型", "approved": "即用型"}])
    (drift,) = compare({"a": record()}, {"a": new}, chrf)
    assert [(r.status, r.current) for r in drift.term_regressions] == [("variant", "通用型")]


def test_term_no_longer_in_the_english_is_reported_as_gone(chrf):
    new = edited(record(), terms=[])
    (drift,) = compare({"a": record()}, {"a": new}, chrf)
    assert [r.status for r in drift.term_regressions] == ["gone"]


def test_only_new_findings_count(chrf):
    new_finding = {"link": 1, "check": "numbers", "message": "2020 missing", "text": "2020",
                   "severity": "error"}
    new = edited(record(), findings=[*record()["findings"], new_finding])
    (drift,) = compare({"a": record()}, {"a": new}, chrf)
    assert [(f.check, f.link) for f in drift.new_findings] == [("numbers", 1)]
    (same,) = compare({"a": record()}, {"a": record()}, chrf)
    assert same.new_findings == []


def test_confidence_drop_beyond_threshold_fails(chrf):
    new = edited(record(), confidence=0.7)
    (drift,) = compare({"a": record()}, {"a": new}, chrf)
    assert drift.confidence_drop == pytest.approx(0.1)
    assert drift.failures(STRICT) and "confidence" in drift.failures(STRICT)[0]
    assert drift.failures(Thresholds(max_confidence_drop=0.2)) == []


def test_changed_or_dropped_english_is_reported_not_crashed_on(chrf):
    shorter = edited(record(), en=["The drug is ready to use.", "It was approved in 2020."],
                     zh=["该药物是即用型产品。", "它于2020年获批。"],
                     links=[{"en": [0], "zh": [0], "score": 0.9}, {"en": [1], "zh": [1],
                                                                     "score": 0.8}])
    (drift,) = compare({"a": record()}, {"a": shorter}, chrf)
    assert drift.en_changed == ["en 0", "en 2"]
    assert [(c.key, c.current) for c in drift.changed_links] == [("en 2", "")]
    assert "English changed" in render_table([drift], STRICT)


def test_confidence_rounding_noise_is_not_drift(chrf):
    (drift,) = compare({"a": record()}, {"a": edited(record(), confidence=0.7996)}, chrf)
    assert drift.state == "same"
    assert "confidence" not in render_table([drift], STRICT).split("\n", 2)[2]


def test_added_and_removed_documents_fail_unless_allowed(chrf):
    drifts = compare({"old": record()}, {"new": record()}, chrf)
    assert [(d.doc, d.state) for d in drifts] == [("new", "added"), ("old", "removed")]
    assert all(d.failures(STRICT) for d in drifts)
    allow = Thresholds(allow_added_documents=True, allow_removed_documents=True)
    assert not any(d.failures(allow) for d in drifts)


def test_chinese_only_links_are_keyed_by_the_english_they_follow():
    links = [{"en": [0], "zh": [0]}, {"en": [], "zh": [1]}, {"en": [1, 2], "zh": [2]}]
    assert link_keys(links) == ["en 0", "zh 1 after en 0", "en 1-2"]


# --- baseline file ---------------------------------------------------------------------------

def baseline(docs: dict) -> dict:
    return {"aligner_baseline": 1, "aligner_version": "0", "glossary": None, "documents": docs}


def test_baseline_json_is_sorted_and_round_trips(tmp_path):
    path = tmp_path / "b.json"
    dump_baseline(baseline({"b": record(), "a": record()}), path)
    text = path.read_text(encoding="utf-8")
    assert text.index('"a"') < text.index('"b"')
    assert "即用型" in text  # readable Chinese, not \\u escapes
    assert load_baseline(path)["documents"]["a"] == record()
    assert dumps_baseline(json.loads(text)) == text


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "not valid JSON"),
        ('{"documents": {}}', "not an aligner baseline"),
        ('{"aligner_baseline": 2, "documents": {}}', "format 2 is not supported"),
        ('{"aligner_baseline": 1, "documents": []}', "'documents' must be an object"),
        ('{"aligner_baseline": 1, "documents": {"a": {"en": [], "zh": [], '
         '"links": [{"en": [5], "zh": [], "score": 1}]}}}', "malformed link"),
    ],
)
def test_bad_baseline_is_a_one_line_error_naming_the_file(tmp_path, content, message):
    path = tmp_path / "b.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(AlignerError) as info:
        load_baseline(path)
    assert message in str(info.value) and str(path) in str(info.value)
    assert "\n" not in str(info.value)


def test_missing_baseline_says_how_to_create_one(tmp_path):
    with pytest.raises(AlignerError, match="aligner snapshot"):
        load_baseline(tmp_path / "nope.json")


# --- thresholds from pyproject ---------------------------------------------------------------

def test_thresholds_default_to_strict_without_a_pyproject(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    if find_pyproject() is not None:
        pytest.skip("a pyproject.toml above the temporary directory")
    assert load_thresholds() == Thresholds()
    assert Thresholds().max_changed_links == 0 and Thresholds().max_new_term_errors == 0


def test_thresholds_are_read_from_the_nearest_pyproject(tmp_path, monkeypatch):
    (tmp_path / "pyproject.toml").write_text(
        "[tool.aligner.check]\nmin_chrf = 80\nmax_changed_links = 2\n"
        'glossary = "terms/g.csv"\n', encoding="utf-8")
    sub = tmp_path / "a" / "b"
    sub.mkdir(parents=True)
    monkeypatch.chdir(sub)
    t = load_thresholds()
    assert (t.min_chrf, t.max_changed_links, t.max_new_term_errors) == (80.0, 2, 0)
    assert t.glossary == str((tmp_path / "terms" / "g.csv").resolve())
    assert t.with_overrides(max_changed_links=0, min_chrf=None).max_changed_links == 0
    assert t.with_overrides(min_chrf=None).min_chrf == 80.0


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('max_changed_links = "3"', "max_changed_links must be an integer"),
        ("max_changed_links = true", "max_changed_links must be an integer"),
        ("max_new_term_errors = 1.5", "max_new_term_errors must be an integer"),
        ('min_chrf = "high"', "min_chrf must be a number"),
        ("min_chrf = 120", "min_chrf is at most 100"),
        ("max_new_findings = -1", "must not be negative"),
        ("allow_added_documents = 1", "must be true or false"),
        ("max_changed = 1", "unknown key 'max_changed'"),
        ("max_changed_links = ", "invalid TOML"),
    ],
)
def test_bad_threshold_config_is_a_one_line_error(tmp_path, line, message):
    path = tmp_path / "pyproject.toml"
    path.write_text(f"[tool.aligner.check]\n{line}\n", encoding="utf-8")
    with pytest.raises(AlignerError) as info:
        load_thresholds(path)
    assert message in str(info.value) and str(path) in str(info.value)
    assert "\n" not in str(info.value)


# --- outputs ---------------------------------------------------------------------------------

@pytest.fixture
def drifts(chrf):
    new = edited(
        record(),
        zh=["该药物是现成产品。", "它于2020年获批。", "它有效。"],
        terms=[{"link": 0, "term": "off-the-shelf", "status": "missing", "found": "",
                "approved": "即用型"}],
    )
    return compare({"a": record(), "same": record(), "gone": record()},
                   {"a": new, "same": record()}, chrf)


def test_table_names_document_link_and_term(drifts):
    out = render_table(drifts, STRICT)
    assert "FAIL: a (docs/a.txt)" in out
    assert "link 0 (en 0): Chinese changed" in out and "即用型 → 现成" in out
    assert 'term "off-the-shelf" was ok (即用型), now missing' in out
    assert "2 of 3 document(s) drifted beyond thresholds" in out


def test_markdown_summary_has_verdict_table_and_details(drifts):
    md = render_markdown(drifts, STRICT)
    assert md.startswith("## ❌ aligner check:")
    assert "| `a` | changed |" in md and "| `same` | same |" in md
    assert "term **off-the-shelf** was ok (`即用型`), now missing" in md
    assert "`即用型` → `现成`" in md
    passing = render_markdown([d for d in drifts if d.doc == "same"], STRICT)
    assert passing.startswith("## ✅")


def test_junit_has_one_test_case_per_document_and_fails_the_drifted(drifts):
    root = ET.fromstring(render_junit(drifts, STRICT))
    cases = {c.get("name"): c for c in root.iter("testcase")}
    assert set(cases) == {"a", "same", "gone"}
    assert root.get("tests") == "3" and root.get("failures") == "2"
    failure = cases["a"].find("failure")
    assert failure is not None and "off-the-shelf" in failure.text
    assert cases["same"].find("failure") is None


def test_baseline_documents_block_has_no_timestamp(tmp_path):
    path = tmp_path / "b.json"
    dump_baseline(baseline({"a": record()}), path)
    keys = set(json.loads(path.read_text())["documents"]["a"])
    assert not any("time" in k or "date" in k for k in keys)
    assert Path(path).read_text().endswith("}\n")


def _record(en: list[str], zh: list[str]) -> dict:
    return {"en": en, "zh": zh, "terms": [], "findings": [],
            "links": [{"en": [i], "zh": [i], "score": 1.0} for i in range(len(en))]}


def test_deleting_one_sentence_reports_that_link_only_and_edits_are_words():
    from aligner.drift.compare import compare_document, default_chrf

    en = ["First point.", "Second point.", "Third point.", "Fourth point."]
    zh = ["第一点。", "第二点，共1204例。", "第三点。", "第四点。"]
    old = _record(en, zh)
    new = _record([en[0], en[1], en[3]], [zh[0], "第二点，共1240例。", zh[3]])
    drift = compare_document("d", old, new, default_chrf())
    assert [c.key for c in drift.changed_links] == ["en 1", "en 2"]
    second, third = drift.changed_links
    assert second.edits == (("1204", "1240"),)  # one word, not `∅ → 4; 4 → ∅`
    assert third.current == "" and drift.en_changed == ["en 2"]
