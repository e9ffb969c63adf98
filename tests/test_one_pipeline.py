"""Every command, and the notebook's loader, sees a document the same way: the same records
through `align`, `align --jobs 2`, `score`, `snapshot`, `check`, `report` and
`aligner.corpus.review_paths` give identical links and identical findings, all equal to what
`Pipeline.review` gives directly (issue 10's "done when")."""

from __future__ import annotations

import io
import json
import shutil
import sys
from pathlib import Path

import pytest

import aligner
from aligner.cli import main
from aligner.config import Config, load_config
from aligner.corpus import review_paths
from aligner.pipeline import Pipeline
from aligner.read import iter_documents, stdin
from aligner.report.html import render_report

SEED = Path(__file__).resolve().parents[1] / "seeds" / "000_c7586fac1e89b2ba.txt"


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A project whose pyproject.toml names the shipped example glossary, with the seed and
    an edited copy of it (a forbidden term, a changed number, a dropped acronym) under
    `texts/`: records with term hits and QA findings."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pyproject.toml").write_text('[tool.aligner]\nglossary = "cell-therapy"\n',
                                             encoding="utf-8")
    texts = tmp_path / "texts"
    texts.mkdir()
    shutil.copy(SEED, texts / "a.txt")
    text = SEED.read_text(encoding="utf-8")
    for old, new in (("即用型", "现成的"), ("六种", "七种"), ("FDA", "药监局")):
        assert old in text
        text = text.replace(old, new, 1)
    (texts / "b.txt").write_text(text, encoding="utf-8")
    return tmp_path


def expected(project: Path) -> dict[str, dict]:
    pipeline = Pipeline(load_config())
    out = {}
    for doc in iter_documents([project / "texts"]):
        assert not isinstance(doc, aligner.InputError)
        r = pipeline.review(doc)
        out[doc.id] = {
            "links": [(list(link.en), list(link.zh)) for link in r.alignment.links],
            "findings": sorted((f.link, f.check, f.message) for f in r.findings),
            "all_findings": sorted((f.link, f.check, f.message) for f in r.all_findings),
            "terms": sorted((t.link, t.term, t.status) for t in r.terms),
        }
    return out


def links_of_jsonl(text: str) -> dict[str, list]:
    out: dict[str, list] = {}
    for line in text.splitlines():
        row = json.loads(line)
        out.setdefault(row["doc"], []).append((row["en"], row["zh"]))
    return out


def test_the_reference_has_terms_links_and_findings_to_compare(project):
    want = expected(project)
    assert set(want) == {"a", "b"}
    assert want["b"]["findings"] and want["b"]["terms"]
    assert any(c == "term-forbidden" for _, c, _ in want["b"]["all_findings"])


@pytest.mark.parametrize("extra", [[], ["--jobs", "2"]], ids=["serial", "jobs2"])
def test_align_gives_the_pipeline_s_links(project, capsys, extra):
    assert main(["align", "texts", "-f", "jsonl", *extra]) == 0
    got = links_of_jsonl(capsys.readouterr().out)
    assert got == {doc: v["links"] for doc, v in expected(project).items()}


def test_align_of_en_zh_files_and_of_stdin_gives_the_same_links(project, capsys, monkeypatch):
    want = expected(project)["a"]["links"]
    doc = next(iter(iter_documents([project / "texts" / "a.txt"])))
    (project / "a.en.txt").write_text(doc.en, encoding="utf-8")
    (project / "a.zh.txt").write_text(doc.zh, encoding="utf-8")
    assert main(["align", "--en", "a.en.txt", "--zh", "a.zh.txt", "-f", "jsonl"]) == 0
    assert list(links_of_jsonl(capsys.readouterr().out).values()) == [want]
    stdin.reset()
    data = (project / "texts" / "a.txt").read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))
    assert main(["align", "-", "-f", "jsonl"]) == 0
    stdin.reset()
    assert list(links_of_jsonl(capsys.readouterr().out).values()) == [want]


def test_score_reports_the_pipeline_s_findings(project, capsys):
    assert main(["score", "texts", "-f", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    got: dict[str, list] = {}
    for f in data["findings"]:
        got.setdefault(f["doc"], []).append((f["link"], f["check"], f["message"]))
    want = expected(project)
    assert {d: sorted(v) for d, v in got.items()} == {
        d: v["all_findings"] for d, v in want.items() if v["all_findings"]}
    assert data["summary"]["links"] == sum(len(v["links"]) for v in want.values())


def test_snapshot_holds_the_pipeline_s_links_terms_findings_and_check_passes(project):
    assert main(["snapshot", "texts", "-o", "base.json"]) == 0
    documents = json.loads((project / "base.json").read_text(encoding="utf-8"))["documents"]
    for doc, want in expected(project).items():
        record = documents[doc]
        assert [(link["en"], link["zh"]) for link in record["links"]] == want["links"]
        assert sorted((f["link"], f["check"], f["message"])
                      for f in record["findings"]) == want["findings"]
        assert sorted((t["link"], t["term"], t["status"]) for t in record["terms"]) == \
            want["terms"]
    assert main(["check", "texts", "-b", "base.json"]) == 0
    assert main(["check", "texts", "-b", "base.json", "--jobs", "2"]) == 0


def test_report_and_the_notebook_loader_render_the_pipeline_s_review(project):
    assert main(["report", "texts", "-o", "page.html", "--title", "T"]) == 0
    pipeline = Pipeline(load_config())
    reviewed = [pipeline.review(doc) for doc in iter_documents(["texts"])]
    assert (project / "page.html").read_text(encoding="utf-8") == render_report(
        reviewed, title="T")
    loaded = list(review_paths(["texts"], pipeline, unique=False))  # the notebook's loader
    assert render_report(loaded, title="T") == render_report(reviewed, title="T")
    assert main(["align", "texts", "-f", "html", "-o", "align.html"]) == 0
    body = (project / "align.html").read_text(encoding="utf-8").split("</header>", 1)[1]
    assert body == render_report(reviewed).split("</header>", 1)[1]


def test_agreement_aligns_the_other_version_with_the_run_s_pipeline(project):
    pipeline = Pipeline(load_config())
    doc = next(iter(iter_documents(["texts/a.txt"])))
    alignment = pipeline.align(doc)
    other = pipeline.other_version(alignment, doc.zh)
    assert other.links == alignment.links
    assert pipeline.score(alignment, doc.zh).agreement.chrf == pytest.approx(100)


def test_no_glossary_is_the_default_everywhere(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert load_config().glossary is None
    assert Config().glossary is None and Pipeline().glossary is None
    assert load_config(glossary="cell-therapy").glossary_name == "cell-therapy"
    assert len(load_config(glossary="cell-therapy").glossary or []) > 0
