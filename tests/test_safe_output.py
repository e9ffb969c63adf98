"""Outputs are safe to open: spreadsheet cells never start a formula (unless --raw-cells), TMX
and JUnit XML parse with a strict parser whatever the record text, file names derived from
record ids stay inside their folder, and the HTML report and notebook show markup as text."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from test_property_pipeline import mixed_text

from aligner.cli import main
from aligner.model import Alignment, Document, Link, Sentence, Term
from aligner.report.tmx import write_tmx
from aligner.report.tsv import COLUMNS, write_tsv
from aligner.safe import (
    FORMULA_START,
    neutralise_cell,
    path_inside,
    restore_cell,
    safe_file_name,
    strip_invalid_xml,
)
from aligner.score.glossary import read_csv, write_csv

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "000_c7586fac1e89b2ba.txt"

text = st.one_of(st.text(max_size=80), mixed_text,
                 st.sampled_from(["=HYPERLINK(\"http://x\")", "+1", "-2+3", "@SUM(A1)",
                                  "\t=1", "\r=1", "'=1", "=", "\x00\x01\ufffe\ud800"]))


def alignment_of(doc_id: str, en: list[str], zh: list[str]) -> Alignment:
    """A 1-1 alignment over the given sentences (the empty ones left out of the text)."""
    def side(parts):
        sentences, pos = [], 0
        for part in parts:
            sentences.append(Sentence(part, pos, pos + len(part)))
            pos += len(part) + 1
        return "\n".join(parts), sentences

    en_text, en_s = side(en)
    zh_text, zh_s = side(zh)
    n = max(len(en), len(zh))
    links = [Link((i,) if i < len(en) else (), (i,) if i < len(zh) else (), 0.5)
             for i in range(n)]
    return Alignment(Document(doc_id, en_text, zh_text), en_s, zh_s, links)


# --- TSV / CSV ---------------------------------------------------------------------------------

@given(text, st.lists(text, min_size=1, max_size=4), st.lists(text, min_size=1, max_size=4))
def test_tsv_cells_never_start_a_formula_and_read_back_to_the_text(doc_id, en, zh):
    out = io.StringIO()
    write_tsv([alignment_of(doc_id, en, zh)], out, keep_line_breaks=True)
    rows = list(csv.reader(io.StringIO(out.getvalue(), newline=""), dialect="excel-tab"))
    assert rows[0] == COLUMNS
    for cells, (e, z) in zip(rows[1:], zip(en, zh, strict=False), strict=False):
        assert len(cells) == len(COLUMNS)
        for cell in cells:
            assert not cell.startswith(FORMULA_START), cell
        assert restore_cell(cells[0]) == doc_id
        assert restore_cell(cells[6]) == e
        assert restore_cell(cells[7]) == z


def test_raw_cells_leaves_tsv_text_alone():
    out = io.StringIO()
    write_tsv([alignment_of("=id", ["=1+1"], ["@SUM(A1)"])], out, raw_cells=True)
    assert list(csv.reader(io.StringIO(out.getvalue()), dialect="excel-tab"))[1][6:] == [
        "=1+1", "@SUM(A1)"]


@given(st.lists(st.tuples(text, text, text), max_size=5))
def test_glossary_csv_neutralises_formulas_and_reads_back_the_same_terms(rows):
    terms = [Term(en.strip() or "x", zh.strip() or "y", note=note) for en, zh, note in rows]
    written = write_csv(terms)
    for record in csv.reader(io.StringIO(written)):
        assert not any(cell.startswith(FORMULA_START) for cell in record)
    if terms and all("|" not in t.en + t.zh for t in terms):
        back = read_csv(written)
        lf = lambda t: t.replace("\r\n", "\n").replace("\r", "\n")  # noqa: E731
        assert {t.en.casefold() for t in back} == {lf(t.en).strip().casefold() for t in terms}


@pytest.fixture
def formula_record(tmp_path) -> Path:
    record = tmp_path / "formula.jsonl"
    record.write_text(json.dumps({
        "id": "=cmd|' /C calc'!A0",
        "en": ["=HYPERLINK(\"http://evil\",\"click\") was observed.", "+1 more patient."],
        "zh": ["=HYPERLINK(\"http://evil\",\"点击\")被观察到。", "另有+1名患者。"],
    }, ensure_ascii=False) + "\n", encoding="utf-8")
    return record


def test_align_tsv_neutralises_formula_cells_and_raw_cells_keeps_them(formula_record, tmp_path,
                                                                      capsys):
    safe, raw = tmp_path / "safe.tsv", tmp_path / "raw.tsv"
    assert main(["align", str(formula_record), "-o", str(safe)]) == 0
    assert main(["align", str(formula_record), "-o", str(raw), "--raw-cells"]) == 0
    first = list(csv.reader(safe.open(encoding="utf-8", newline=""), dialect="excel-tab"))[1]
    assert first[0] == "'=cmd|' /C calc'!A0" and first[6].startswith("'=HYPERLINK")
    raw_first = list(csv.reader(raw.open(encoding="utf-8", newline=""), dialect="excel-tab"))[1]
    assert raw_first[0].startswith("=cmd") and raw_first[6].startswith("=HYPERLINK")


def test_align_jsonl_and_tmx_are_never_altered(formula_record, tmp_path):
    out = tmp_path / "o.jsonl"
    assert main(["align", str(formula_record), "-o", str(out)]) == 0
    first = json.loads(out.read_text(encoding="utf-8").splitlines()[0])
    assert first["doc"].startswith("=cmd") and first["en_text"].startswith("=HYPERLINK")


def test_score_tsv_neutralises_formula_cells(formula_record, tmp_path):
    out = tmp_path / "terms.tsv"
    main(["score", str(formula_record), "-f", "tsv", "--table", "terms", "-o", str(out)])
    for row in out.read_text(encoding="utf-8").splitlines():
        assert not any(c.startswith(("=", "+", "@")) for c in row.split("\t")), row


def test_corpus_runner_tsv_neutralises_too(formula_record, tmp_path):
    out = tmp_path / "o.tsv"
    assert main(["align", str(formula_record), "--jobs", "1", "-o", str(out), "-q"]) == 0
    assert out.read_text(encoding="utf-8").splitlines()[1].startswith("'=cmd")


def test_neutralise_and_restore_are_inverse():
    for cell in ["=1", "+1", "-1", "@x", "\tx", "\rx", "plain", "'=1", "", "'"]:
        assert restore_cell(neutralise_cell(cell)) == cell


# --- XML ---------------------------------------------------------------------------------------

@given(text, st.lists(text, min_size=1, max_size=4), st.lists(text, min_size=1, max_size=4))
def test_tmx_parses_strictly_and_keeps_every_valid_character(doc_id, en, zh):
    out = io.StringIO()
    write_tmx([alignment_of(doc_id, en, zh)], out, include_unpaired=True, keep_line_breaks=True)
    root = ET.fromstring(out.getvalue().encode("utf-8"))  # expat: strict XML 1.0
    segs = [s.text or "" for s in root.iter("seg")]
    expected = [strip_invalid_xml(t) for pair in zip(en, zh, strict=False) for t in pair]
    assert segs[:len(expected)] == expected
    assert all(tu.get("tuid").startswith(strip_invalid_xml(doc_id)) for tu in root.iter("tu"))


def test_junit_parses_strictly_with_control_characters_in_ids(tmp_path, capsys):
    corpus = tmp_path / "c.jsonl"
    corpus.write_text(json.dumps({"id": "bad\x01id\x1f<&>", "en": "The cells were activated.",
                                  "zh": "细胞被激活。"}) + "\n", encoding="utf-8")
    baseline, junit = tmp_path / "b.json", tmp_path / "junit.xml"
    assert main(["snapshot", str(corpus), "-o", str(baseline)]) == 0
    os.chdir(tmp_path)
    main(["check", str(corpus), "-b", str(baseline), "--junit", str(junit)])
    root = ET.fromstring(junit.read_bytes())
    assert root.find(".//testcase").get("name") == "badid<&>"


# --- paths -------------------------------------------------------------------------------------

HOSTILE_IDS = ["../../etc/x", "/etc/passwd", "a\x00b", "..", ".", "", "C:\\win\\x", "~/x",
               "a/../../b", ".hidden", "con", "\u2025/\uff0e\uff0e/x"]


@pytest.mark.parametrize("record_id", HOSTILE_IDS)
def test_file_name_from_a_hostile_record_id_stays_in_its_folder(tmp_path, record_id):
    target = path_inside(tmp_path, record_id)
    assert target.parent == tmp_path.resolve()
    assert "\x00" not in target.name and not target.name.startswith(".")


@given(st.text(max_size=60))
def test_file_name_from_any_record_id_stays_in_its_folder(record_id):
    name = safe_file_name(record_id)
    assert name and "/" not in name and "\\" not in name and "\x00" not in name
    assert not name.startswith(".") and len(name) <= 120
    assert Path("/base", name).resolve().parent == Path("/base").resolve()


def test_part_files_are_named_by_position_not_by_record_id(tmp_path):
    corpus = tmp_path / "c.jsonl"
    corpus.write_text("".join(
        json.dumps({"id": rid, "en": "The cells were activated.", "zh": "细胞被激活。"}) + "\n"
        for rid in HOSTILE_IDS), encoding="utf-8")
    out = tmp_path / "parts"
    main(["align", str(corpus), "--jobs", "1", "--batch-size", "4", "-f", "jsonl",
          "-o", f"{out}/", "-q"])
    assert sorted(p.name for p in out.iterdir()) == ["part-00000.jsonl", "part-00001.jsonl",
                                                     "part-00002.jsonl"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["c.jsonl", "parts"]


# --- HTML --------------------------------------------------------------------------------------

class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: set[str] = set()
        self.attrs: set[str] = set()

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        self.attrs.update(name for name, _ in attrs)


@given(text, st.lists(text, min_size=1, max_size=3), st.lists(text, min_size=1, max_size=3))
def test_html_report_of_any_text_has_only_its_own_tags(doc_id, en, zh):
    from aligner.pipeline import Pipeline
    from aligner.report.html import render_report

    page = render_report([Pipeline().score(alignment_of(doc_id, en, zh))])
    parser = _Tags()
    parser.feed(page)
    own = {"html", "head", "meta", "link", "title", "style", "body", "header", "h1", "h2", "p",
           "section", "table", "thead", "tbody", "tr", "th", "td", "a", "span", "b", "ul", "li",
           "mark", "small", "div", "nav", "caption", "code", "br", "em", "strong", "details",
           "summary", "i"}
    assert parser.tags <= own, parser.tags - own
    assert not any(a.startswith("on") for a in parser.attrs)
    assert "<script" not in page.lower()


HOSTILE_RECORD = """\
Department of Oncology, Example University Hospital, Guangzhou, China.
Nat Med. 2023 Jan 5;29(1):123-130. doi: 10.1000/xyz.
The off-the-shelf <script>document.title="pwned"</script> CAR-NK product was approved by the FDA. \
Patients <img src=x onerror="document.title='pwned'"> responded well in the trial.
该即用型<script>document.title="pwned"</script>CAR-NK产品已获FDA批准，用于治疗复发或难治性\
血液系统恶性肿瘤患者。患者<img src=x onerror="document.title='pwned'">在试验中反应良好，\
未观察到严重的不良反应事件，总体缓解率较高且持续时间较长。
"""


def test_notebook_shows_hostile_record_text_as_text_in_a_browser(tmp_path, monkeypatch):
    """Every HTML output of the executed notebook, put in one page: no script runs."""
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    pytest.importorskip("ipykernel")
    from browser import require_browser, visit

    require_browser()
    record = tmp_path / "hostile.txt"
    record.write_text(HOSTILE_RECORD, encoding="utf-8")
    monkeypatch.setenv("ALIGNER_RECORDS", str(record))
    notebook = ROOT / "notebooks" / "review.ipynb"
    nb = nbformat.read(notebook, as_version=4)
    nbclient.NotebookClient(nb, timeout=180, kernel_name="python3",
                            resources={"metadata": {"path": str(notebook.parent)}}).execute()
    html_outputs = [o["data"]["text/html"] for c in nb.cells if c.cell_type == "code"
                    for o in c.get("outputs", []) if "text/html" in o.get("data", {})]
    joined = "\n".join(html_outputs)
    assert "pwned" in joined  # the hostile text is shown...
    assert "<script>document" not in joined and "<img src=x" not in joined  # ...as text
    page = tmp_path / "notebook.html"
    page.write_text(f"<!doctype html><html><head><meta charset='utf-8'><title>Notebook check"
                    f"</title></head><body>{joined}</body></html>", encoding="utf-8")
    seen = visit(page)
    assert seen.title == "Notebook check"
    assert seen.page_errors == []


# --- Markdown (GitHub step summaries, PR comments render HTML inside Markdown) ------------------

def test_markdown_summaries_show_record_markup_as_text(tmp_path, monkeypatch):
    corpus = tmp_path / "c.jsonl"
    rid = "<img src=x onerror=alert(1)>|x"
    corpus.write_text(json.dumps({"id": rid, "en": "The FDA approved it <b>today</b>.",
                                  "zh": "FDA今天<b>批准</b>了它。"}) + "\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    baseline, summary, scored = tmp_path / "b.json", tmp_path / "summary.md", tmp_path / "s.md"
    assert main(["snapshot", str(corpus), "-o", str(baseline)]) == 0
    corpus.write_text(json.dumps({"id": rid, "en": "The FDA approved it <b>today</b>.",
                                  "zh": "FDA昨天<b>批准</b>了它。"}) + "\n", encoding="utf-8")
    assert main(["check", str(corpus), "-b", str(baseline), "--summary", str(summary)]) == 1
    main(["score", str(corpus), "-f", "md", "-o", str(scored)])
    for page in (summary.read_text(encoding="utf-8"), scored.read_text(encoding="utf-8")):
        outside_code = re.sub(r"(`+).*?\1", "", page)  # code spans show HTML as text
        assert "<img" not in outside_code and "<b>" not in outside_code
        assert "onerror=alert(1)" in page  # the id is shown, as text
