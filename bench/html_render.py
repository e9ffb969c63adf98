"""How long Chromium takes to open the HTML report of a long corpus, collapsed or not.

Renders N synthetic records (bench/gen_corpus.py, written for this project) with the shipped
glossary, once as the report writes it (documents collapsed past `COLLAPSE_AFTER`, sections
laid out only when scrolled to: `content-visibility`) and once the old way (every table open,
no `content-visibility`), and loads each in Debian's headless chromium through Playwright:
prints the file size and the time from navigation start until the page is loaded, laid out
and painted (the browser's own clock: `performance.now()` two animation frames after load).
Wall-clock figures on a shared machine: indicative only, take the ratio rather than the
absolute.

    python bench/html_render.py [-n 1000]
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

from gen_corpus import generate, load_terms


def load_ms(path: Path, chromium: str) -> float:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1200, "height": 900})
        page.goto(path.as_uri(), wait_until="load", timeout=300_000)
        # after the load event, two animation frames: the page has been laid out and painted
        ms = page.evaluate("() => new Promise(done => requestAnimationFrame(() => "
                           "requestAnimationFrame(() => done(performance.now()))))")
        browser.close()
    return float(ms)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=1000, help="records (default 1000)")
    args = parser.parse_args()
    chromium = next((shutil.which(n) for n in ("chromium", "chromium-browser")
                     if shutil.which(n)), None)
    try:
        import playwright  # noqa: F401
    except ImportError:
        chromium = None
    if chromium is None:
        print("html_render: skipped: needs chromium and the playwright package")
        return 0
    from aligner import Document, Pipeline, load_config
    from aligner.report import html

    pipeline = Pipeline(load_config(glossary="cell-therapy", search=False))
    records = generate(args.n, terms=load_terms())
    reviewed = [pipeline.review(Document(r.id, " ".join(r.en), "".join(r.zh)))
                for r in records]
    out = Path(tempfile.mkdtemp())
    collapsed = out / "collapsed.html"
    collapsed.write_text(html.render_report(reviewed), encoding="utf-8")
    html.COLLAPSE_AFTER, css = 10**9, html.CSS
    html.CSS = css.replace("section.doc { content-visibility: auto; "
                           "contain-intrinsic-size: auto 400px; }", "")
    expanded = out / "expanded.html"
    expanded.write_text(html.render_report(reviewed), encoding="utf-8")
    for name, path in (("all tables open (before)", expanded), ("collapsed (now)", collapsed)):
        ms = load_ms(path, chromium)
        print(f"{args.n} records, {name}: {path.stat().st_size / 2**20:.1f} MiB, "
              f"painted after {ms / 1000:.2f} s")
    shutil.rmtree(out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
