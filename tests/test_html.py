"""The HTML report as a document: self-contained, escaped, anchored, highlighted. (The browser
checks are in test_html_browser.py.)"""

from __future__ import annotations

import io
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from html_fixtures import HOSTILE_EN, SCORES, reviewed

from aligner.cli import main
from aligner.report import FORMATS
from aligner.report.html import anchor_id, highlight, render_report


class Collector(HTMLParser):
    """Tags, ids, hrefs/srcs and text, as a browser's parser sees them."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.ids: list[str] = []
        self.urls: list[str] = []
        self.marks: list[tuple[str, str]] = []
        self.text: list[str] = []
        self._mark: str | None = None

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        a = dict(attrs)
        if "id" in a:
            self.ids.append(a["id"])
        for name in ("href", "src", "action", "srcset"):
            if name in a:
                self.urls.append(a[name])
        if tag == "mark":
            self._mark = a.get("class", "")

    def handle_endtag(self, tag):
        if tag == "mark":
            self._mark = None

    def handle_data(self, data):
        self.text.append(data)
        if self._mark is not None:
            self.marks.append((self._mark, data))


@pytest.fixture(scope="module")
def page() -> str:
    return render_report([reviewed(), reviewed("second/doc")], title="Test <report>")


@pytest.fixture(scope="module")
def parsed(page) -> Collector:
    c = Collector()
    c.feed(page)
    return c


def test_page_is_self_contained(page, parsed):
    assert "<script" not in parsed.tags and "iframe" not in parsed.tags
    external = [u for u in parsed.urls if not (u.startswith("#") or u.startswith("data:"))]
    assert external == []
    assert not re.search(r"(https?:)?//[a-z]", page.split("<body>")[1], re.I)
    assert "@import" not in page and "url(" not in page
    assert "<style>" in page and '<meta charset="utf-8">' in page


def test_record_markup_is_shown_as_text_never_as_tags(page, parsed):
    assert "img" not in parsed.tags
    assert HOSTILE_EN in "".join(parsed.text)
    assert "&lt;script&gt;" in page
    assert "Test &lt;report&gt;" in page


def test_summary_links_point_to_existing_sanitised_anchors(parsed):
    anchors = [u for u in parsed.urls if u.startswith("#doc-")]
    assert len(anchors) == 2
    for href in anchors:
        assert href[1:] in parsed.ids
        assert re.fullmatch(r"#doc-[A-Za-z0-9_.-]+", href)
    assert len(set(parsed.ids)) == len(parsed.ids)


def test_anchor_ids_are_unique_even_when_ids_sanitise_alike():
    taken: set[str] = set()
    assert anchor_id("a b", taken) == "doc-a-b"
    assert anchor_id("a/b", taken) == "doc-a-b-2"
    assert anchor_id("", taken) == "doc-x"


def test_terms_are_highlighted_by_status_on_both_sides(parsed):
    marks = set(parsed.marks)
    assert ("ok", "off-the-shelf") in marks and ("ok", "即用型") in marks
    assert ("forbidden", "Natural killer") in marks and ("forbidden", "自然杀手") in marks
    assert ("variant", "immunotherapy") in marks and ("variant", "免疫疗法") in marks
    assert ("missing", "Adoptive cell therapy") in marks  # nothing to mark in the Chinese


def test_legend_names_every_status(page):
    legend = page[page.index('class="legend"'):]
    for status in ("ok", "variant", "forbidden", "missing"):
        assert f'<mark class="{status}">{status}</mark>' in legend


def test_low_confidence_links_are_marked_and_bars_scale(page):
    low_rows = re.findall(r'<tr id="[^"]+-link-(\d+)" class="low[^"]*">', page)
    assert [int(i) for i in low_rows] == [i for i, s in enumerate(SCORES) if s < 0.5] * 2
    assert 'style="width:95%"' in page and 'style="width:30%"' in page


def test_findings_are_listed_under_their_link(page):
    row = re.search(r'-link-3" class="low[^"]*">.*?</tr>', page).group(0)
    assert "numbers" in row and "95" in row


def test_term_problems_are_in_the_findings_column_and_error_rows_are_marked(page):
    rows = re.findall(r'<tr id="[^"]+-link-\d+"[^>]*>.*?</tr>', page)
    forbidden = [r for r in rows if "term-forbidden" in r]
    missing = [r for r in rows if "term-missing" in r]
    assert forbidden and missing  # term problems listed like QA findings
    assert all('class="low problem"' in r or 'class="problem"' in r for r in forbidden)
    assert not any("problem" in r.split(">", 1)[0] for r in rows
                   if "term-forbidden" not in r and 'li class="error"' not in r)


def test_highlight_prefers_the_longer_term_and_ignores_width_and_case():
    out = highlight("CAR-T and ＣＡＲ", [("CAR", "ok", "t"), ("car-t", "variant", "t")])
    assert out == ('<mark class="variant" title="t">CAR-T</mark> and '
                   '<mark class="ok" title="t">ＣＡＲ</mark>')


def test_html_is_a_registered_writer():
    stream = io.StringIO()
    stats = FORMATS["html"].writer([reviewed("one")], stream)
    assert stats.documents == 1 and stats.links == len(SCORES)
    assert stream.getvalue().startswith("<!DOCTYPE html>")


def test_report_command_writes_the_page(tmp_path, capsys):
    seed = tmp_path / "seed.txt"
    from html_fixtures import EN, ZH

    seed.write_text(" ".join(EN[:4]) + "\n" + "".join(ZH[:4]) + "\n", encoding="utf-8")
    out = tmp_path / "report.html"
    assert main(["report", str(seed), "-o", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    assert 'href="#doc-seed"' in page and 'id="doc-seed"' in page
    assert "1 document(s)" in capsys.readouterr().err


def test_report_command_on_bad_input_exits_2(tmp_path, capsys):
    assert main(["report", str(tmp_path / "nope.txt"), "-o", str(tmp_path / "r.html")]) == 2
    assert "nope.txt" in capsys.readouterr().err
    assert not (tmp_path / "r.html").exists()


def test_align_html_highlights_the_glossary_given_and_none_by_default(tmp_path):
    glossary = tmp_path / "terms.csv"
    glossary.write_text("en,zh\nreview,综述\n", encoding="utf-8")  # not in the shipped glossary
    seed = str(Path(__file__).resolve().parents[1] / "seeds" / "000_c7586fac1e89b2ba.txt")
    with_terms, shipped = tmp_path / "with.html", tmp_path / "shipped.html"
    plain = tmp_path / "plain.html"
    assert main(["align", seed, "-f", "html", "-o", str(with_terms), "--glossary",
                 str(glossary)]) == 0
    assert main(["align", seed, "-f", "html", "-o", str(shipped), "--glossary",
                 "cell-therapy"]) == 0
    assert main(["align", seed, "-f", "html", "-o", str(plain)]) == 0
    assert "<mark" not in plain.read_text(encoding="utf-8").split("</header>")[1].split(
        '<ul class="legend">')[0] + plain.read_text(encoding="utf-8").split("<tbody>")[-1]
    assert re.search(r'<mark class="ok"[^>]*>综述</mark>', with_terms.read_text(encoding="utf-8"))
    assert "CAR-iNK</mark>" not in with_terms.read_text(encoding="utf-8")
    assert ">综述</mark>" not in shipped.read_text(encoding="utf-8")
    assert "CAR-iNK</mark>" in shipped.read_text(encoding="utf-8")
