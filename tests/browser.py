"""Headless Chromium for the HTML report tests, through Playwright's Python driver.

Playwright drives Debian's `chromium` (`executable_path`), so nothing is downloaded
(`playwright install` is never run). The tests skip, saying why, when either is absent.
"""

from __future__ import annotations

import io
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pytest

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
FLAGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


def chromium_path() -> str | None:
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


def require_browser() -> str:
    path = chromium_path()
    if path is None:
        pytest.skip("chromium is not installed (Debian: apt-get install -y chromium); "
                    "the HTML report browser checks are skipped")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        pytest.skip("the playwright Python package is not installed (pip install playwright; "
                    "no `playwright install` needed)")
    return path


@dataclass
class Visit:
    """What a headless visit of a page saw."""

    title: str
    console: list[tuple[str, str]] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    screenshot: bytes = b""
    after_click: dict = field(default_factory=dict)


def visit(page_path: Path, *, click_first: str | None = None, width: int = 1200,
          height: int = 900) -> Visit:
    """Open `page_path` from a file:// URL, record console messages, page errors and network
    requests, screenshot it, optionally click the first element matching a CSS selector."""
    from playwright.sync_api import sync_playwright

    executable = require_browser()
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=executable, args=FLAGS, headless=True)
        try:
            page = browser.new_page(viewport={"width": width, "height": height})
            result = Visit(title="")
            page.on("console", lambda m: result.console.append((m.type, m.text)))
            page.on("pageerror", lambda e: result.page_errors.append(str(e)))
            page.on("request", lambda r: result.requests.append(r.url))
            page.goto(page_path.resolve().as_uri(), wait_until="load")
            result.title = page.title()
            result.screenshot = page.screenshot()
            if click_first:
                target = page.locator(click_first).first
                href = target.get_attribute("href") or ""
                target.click()
                page.wait_for_timeout(100)
                result.after_click = page.evaluate(
                    """(href) => {
                        const el = document.getElementById(href.slice(1));
                        return {hash: location.hash, scrollY: window.scrollY,
                                top: el ? el.getBoundingClientRect().top : null};
                    }""",
                    href,
                )
                result.after_click["href"] = href
            return result
        finally:
            browser.close()


def distinct_colours(png: bytes) -> tuple[int, float]:
    """(number of distinct colours, share of the commonest colour) of a PNG screenshot."""
    from PIL import Image

    image = Image.open(io.BytesIO(png)).convert("RGB")
    colours = image.getcolors(maxcolors=1 << 24) or []
    total = image.width * image.height
    return len(colours), max(count for count, _ in colours) / total
