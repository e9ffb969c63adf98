"""The HTML report in a real headless Chromium: it loads without console errors or network
requests, a screenshot is not blank, hostile record text does not run, in-page links work.
Skipped with a message where chromium (or the playwright driver) is not installed."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from browser import distinct_colours, require_browser, visit
from html_fixtures import reviewed

from aligner.config import Config
from aligner.corpus import review_paths
from aligner.pipeline import Pipeline
from aligner.report.html import render_report
from aligner.score import default_glossary

SEED = Path(__file__).resolve().parents[1] / "seeds" / "000_c7586fac1e89b2ba.txt"
TITLE = "Browser check"


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> Path:
    require_browser()
    folder = tmp_path_factory.mktemp("report")
    shutil.copy(SEED, folder / SEED.name)
    pipeline = Pipeline(Config(glossary=default_glossary()))
    items = [*review_paths([str(folder / SEED.name)], pipeline), reviewed()]
    page = folder / "report.html"
    page.write_text(render_report(items, title=TITLE), encoding="utf-8")
    return page


@pytest.fixture(scope="module")
def seen(report):
    return visit(report, click_first='#summary a[href^="#doc-"]')


def test_page_loads_without_console_errors(seen):
    assert seen.page_errors == []
    assert [m for m in seen.console if m[0] in ("error", "warning")] == []


def test_page_makes_no_network_request(seen, report):
    assert seen.requests == [report.resolve().as_uri()]


def test_hostile_record_text_does_not_run(seen):
    assert seen.title == TITLE  # the fixture's <script>/<img onerror> would set it to "pwned"


def test_screenshot_is_not_blank(seen):
    assert seen.screenshot[:8] == b"\x89PNG\r\n\x1a\n"
    colours, commonest = distinct_colours(seen.screenshot)
    assert colours > 50  # text, highlights, bars: a blank or error page has a handful
    assert commonest < 0.9


def test_summary_link_jumps_to_its_document(seen):
    jump = seen.after_click
    assert jump["href"].startswith("#doc-") and jump["hash"] == jump["href"]
    assert jump["top"] is not None and abs(jump["top"]) < 5  # the section is at the top
