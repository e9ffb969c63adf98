"""A long HTML report stays quick to open: the summary first, each document's links collapsed
past `COLLAPSE_AFTER` documents, sections laid out only when scrolled to."""

from __future__ import annotations

from aligner import Alignment, Document, Link, Pipeline, Sentence
from aligner.report.html import COLLAPSE_AFTER, render_report


def reviewed(n: int) -> list:
    pipeline = Pipeline()
    out = []
    for k in range(n):
        en, zh = "The cells were washed twice.", "细胞洗涤两次。"
        doc = Document(f"d{k}", en, zh)
        out.append(pipeline.score(Alignment(doc, [Sentence(en, 0, len(en))],
                                            [Sentence(zh, 0, len(zh))], [Link((0,), (0,), 0.9)])))
    return out


def test_short_report_shows_every_table_open():
    page = render_report(reviewed(3))
    assert "<details>" not in page and page.count('<table class="links">') == 3


def test_long_report_collapses_each_document_after_the_summary():
    n = COLLAPSE_AFTER + 5
    page = render_report(reviewed(n))
    assert page.count("<details><summary>1 links, 0 low-confidence") == n
    assert page.index('id="summary"') < page.index('<section class="doc"')
    assert page.count('<a href="#d') == n  # the summary still links every document
    assert "content-visibility: auto" in page
