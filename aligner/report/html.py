"""A static, self-contained HTML review page: English and Chinese side by side, per link.

One file with inline CSS and no script, no external URL (not even a font or a favicon), so it
can be attached to a ticket, opened offline or archived as a CI artifact and look the same.
A per-document summary table at the top links to each document (`#doc-<id>`); each link row
shows the two texts with glossary terms highlighted by status, a confidence bar and the QA
findings of that link.

Every piece of record text goes through `html.escape`: records come from outside and may
contain markup, which must show as text and never run.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, TextIO

from aligner.model import Finding
from aligner.report.stats import WriteStats

if TYPE_CHECKING:
    from aligner.pipeline import ReviewedDocument as Reviewed
    from aligner.score.terms import TermHit

LOW_CONFIDENCE = 0.5  # links below this are marked for a reviewer's attention
# a report of more documents than this shows each document's links collapsed (`<details>`),
# and every section is laid out only when scrolled to (`content-visibility`): a 1,000-record
# page stays quick to open, with the summary first
COLLAPSE_AFTER = 20

STATUS_LABELS = {
    "ok": "approved term",
    "variant": "accepted variant",
    "forbidden": "forbidden rendering",
    "missing": "term missing in Chinese",
}

# (background, underline) per term status; the notebook uses the same colours
TERM_COLOURS = {
    "ok": ("#c9f2d0", "#1e7b34"),
    "variant": ("#fff0b3", "#9a7400"),
    "forbidden": ("#ffc9c9", "#b3261e"),
    "missing": ("#e6dcff", "#5b3cc4"),
}

_VARS = " ".join(f"--{s}:{bg}; --{s}-b:{line};" for s, (bg, line) in TERM_COLOURS.items())

CSS = """
:root { """ + _VARS + """ --line:#d8dde3; --muted:#5f6b76; }
* { box-sizing: border-box; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Noto Sans CJK SC",
  "PingFang SC", "Microsoft YaHei", sans-serif; margin: 0; padding: 24px 32px; color: #1d2329;
  background: #f6f8fa; }
h1 { margin: 0 0 4px; font-size: 24px; }
h2 { margin: 0 0 6px; font-size: 19px; }
.meta, .source { color: var(--muted); margin: 0 0 12px; font-size: 13px; }
section.doc { content-visibility: auto; contain-intrinsic-size: auto 400px; }
details > summary { cursor: pointer; color: var(--muted); font-size: 13px; margin: 0 0 6px; }
section { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 16px 20px;
  margin: 0 0 20px; }
table { border-collapse: collapse; width: 100%; }
th, td { border-bottom: 1px solid var(--line); padding: 6px 8px; vertical-align: top;
  text-align: left; }
th { background: #eef1f4; font-weight: 600; font-size: 13px; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
table.links td.en, table.links td.zh { width: 42%; }
table.links td.zh { font-size: 16px; }
tr.low td { background: #fff6e5; }
tr.low td.idx::after { content: " ⚠"; color: #b25e00; }
tr.omission td { background: #fde7e9; }
tr.omission td.idx { border-left: 4px solid #b3261e; }
td.idx { white-space: nowrap; color: var(--muted); font-size: 13px; }
.kind { display: block; font-size: 11px; }
.bar { display: inline-block; width: 80px; height: 10px; background: #e3e7eb; border-radius: 5px;
  overflow: hidden; vertical-align: middle; margin-right: 6px; }
.bar > span { display: block; height: 100%; background: #2f81f7; }
tr.low .bar > span { background: #e36209; }
mark { border-radius: 3px; padding: 0 2px; border-bottom: 2px solid; color: inherit; }
mark.ok { background: var(--ok); border-color: var(--ok-b); }
mark.variant { background: var(--variant); border-color: var(--variant-b); }
mark.forbidden { background: var(--forbidden); border-color: var(--forbidden-b); }
td.zh mark.forbidden { text-decoration: line-through; }
mark.missing { background: var(--missing); border-color: var(--missing-b); }
.legend { display: flex; flex-wrap: wrap; gap: 14px; font-size: 13px; margin: 12px 0 0;
  padding: 0; list-style: none; }
ul.findings { margin: 4px 0 0; padding-left: 18px; font-size: 13px; }
ul.findings li.error { color: #b3261e; }
ul.findings li.warning { color: #8a5a00; }
ul.findings li.accepted { color: #6a737d; text-decoration: line-through; }
tr.problem td.idx { border-left: 4px solid #b3261e; }
tr.problem td { background: #fdecea; }
.warnings { color: #8a5a00; font-size: 13px; }
.pill { display: inline-block; min-width: 22px; padding: 0 6px; border-radius: 10px;
  text-align: center; font-size: 12px; margin-right: 2px; }
.pill.ok { background: var(--ok); } .pill.variant { background: var(--variant); }
.pill.forbidden { background: var(--forbidden); } .pill.missing { background: var(--missing); }
a { color: #0b5cad; }
.top { font-size: 13px; float: right; }
"""


def anchor_id(doc_id: str, taken: set[str]) -> str:
    """`doc-<id>` made safe for an HTML id and a URL fragment, unique within the page."""
    base = "doc-" + (re.sub(r"[^A-Za-z0-9_.-]+", "-", doc_id).strip("-") or "x")
    anchor, n = base, 2
    while anchor in taken:
        anchor, n = f"{base}-{n}", n + 1
    taken.add(anchor)
    return anchor


def highlight(text: str, spans: Sequence[tuple[str, str, str]]) -> str:
    """Escape `text`, wrapping every occurrence of each needle in `<mark class=status>`.

    `spans` are (needle, status, tooltip); longer needles win where they overlap, so `CAR-T`
    is marked rather than the `CAR` inside it. Matching ignores case and width (`（` = `(`).
    """
    norm, origin = _searchable(text)
    found: list[tuple[int, int, str, str]] = []
    for needle, status, title in sorted(spans, key=lambda s: -len(s[0])):
        key = _searchable(needle)[0]
        if not key:
            continue
        hit = norm.find(key)
        while hit != -1:
            start, end = origin[hit], origin[hit + len(key) - 1] + 1
            if all(end <= s or start >= e for s, e, _, _ in found):
                found.append((start, end, status, title))
            hit = norm.find(key, hit + len(key))
    found.sort()
    out, pos = [], 0
    for start, end, status, title in found:
        out.append(html.escape(text[pos:start]))
        out.append(f'<mark class="{status}" title="{html.escape(title)}">'
                   f"{html.escape(text[start:end])}</mark>")
        pos = end
    out.append(html.escape(text[pos:]))
    return "".join(out)


def _searchable(text: str) -> tuple[str, list[int]]:
    """`text` folded char by char (NFKC + casefold, as the term matcher compares), with the
    index in `text` each folded char came from, so a match maps back to the original."""
    from aligner.normalize import nfkc

    out: list[str] = []
    origin: list[int] = []
    for i, ch in enumerate(text):
        folded = nfkc(ch).casefold()
        out.append(folded)
        origin.extend([i] * len(folded))
    return "".join(out), origin


def term_spans(hits: Sequence[TermHit]) -> tuple[list[tuple[str, str, str]], list]:
    """(English, Chinese) needles for `highlight` from one link's term hits: a missing term
    is marked on the English only, there being nothing to mark in the Chinese."""
    en, zh = [], []
    for h in hits:
        title = f"{h.term} → {h.approved}: {STATUS_LABELS.get(h.status, h.status)}"
        if h.status != "ok" and h.zh_found:
            title += f" (found {h.zh_found})"
        en.append((h.en_match, h.status, title))
        if h.zh_found:
            zh.append((h.zh_found, h.status, title))
    return en, zh


def _bar(score: float) -> str:
    pct = max(0.0, min(1.0, score)) * 100
    return (f'<span class="bar" role="img" aria-label="confidence {score:.2f}">'
            f'<span style="width:{pct:.0f}%"></span></span>{score:.2f}')


def _findings_list(findings: Sequence[Finding]) -> str:
    if not findings:
        return ""
    items = "".join(
        f'<li class="{"accepted" if f.accepted else html.escape(f.severity)}">'
        f"<b>{html.escape(f.check)}</b>: {html.escape(f.message)}"
        + (f" <i>(accepted: {html.escape(f.accepted)})</i>" if f.accepted else "")
        + "</li>"
        for f in findings
    )
    return f'<ul class="findings">{items}</ul>'


def link_findings(reviewed: Reviewed) -> dict[int, list[Finding]]:
    """Per link, the QA findings and the term problems (forbidden, missing), so the Findings
    column and the counts show everything a reviewer should look at."""
    out: dict[int, list[Finding]] = {}
    for f in [*reviewed.findings, *map(_term_finding, reviewed.terms)]:
        if f is not None:
            out.setdefault(f.link, []).append(f)
    return out


def _term_finding(h: TermHit) -> Finding | None:
    """A term problem as the scorers word it (`TermReport.findings`): forbidden is an error,
    missing a warning; the report layer renders values and imports no stage."""
    if h.status == "forbidden":
        return Finding(h.doc, h.link, "term-forbidden", f"{h.term!r} rendered with forbidden "
                       f"{h.zh_found!r} (approved {h.approved!r})", h.zh_found, "error")
    if h.status == "missing":
        return Finding(h.doc, h.link, "term-missing", f"{h.term!r} ({h.en_match!r}) not "
                       f"rendered as {h.approved!r} or an accepted variant", h.en_match,
                       "warning")
    return None


def _has_problem(findings: Sequence[Finding]) -> bool:
    return any(f.severity == "error" and not f.accepted for f in findings)


def _status_counts(hits: Sequence[TermHit]) -> dict[str, int]:
    counts = dict.fromkeys(STATUS_LABELS, 0)
    for h in hits:
        counts[h.status] = counts.get(h.status, 0) + 1
    return counts


def _pills(counts: dict[str, int]) -> str:
    return "".join(
        f'<span class="pill {s}" title="{STATUS_LABELS[s]}">{counts.get(s, 0)}</span>'
        for s in STATUS_LABELS
    )


def legend() -> str:
    items = "".join(
        f'<li><mark class="{s}">{s}</mark> {html.escape(label)}</li>'
        for s, label in STATUS_LABELS.items()
    )
    low = (f'<li><span class="bar"><span style="width:100%;background:#e36209"></span></span>'
           f"confidence below {LOW_CONFIDENCE:g} (row marked ⚠)</li>")
    return f'<ul class="legend">{items}{low}</ul>'


OMISSION_CHECKS = ("omission", "partial")


def document_section(reviewed: Reviewed, anchor: str, low: float = LOW_CONFIDENCE,
                     *, collapsed: bool = False) -> str:
    """One document's links; `collapsed` puts the table in a closed `<details>` (long reports:
    the browser lays out only what is opened; an in-page link to a row opens it)."""
    alignment = reviewed.alignment
    doc = alignment.doc
    hits_by_link: dict[int, list[TermHit]] = {}
    for h in reviewed.terms:
        hits_by_link.setdefault(h.link, []).append(h)
    findings_by_link = link_findings(reviewed)

    rows = []
    for i, (link, en, zh) in enumerate(alignment.pairs()):
        en_spans, zh_spans = term_spans(hits_by_link.get(i, []))
        classes = [c for c, on in (("low", link.score < low),
                                   ("problem", _has_problem(findings_by_link.get(i, []))),
                                   ("omission", any(f.check in OMISSION_CHECKS
                                                    for f in findings_by_link.get(i, []))))
                   if on]
        cls = f' class="{" ".join(classes)}"' if classes else ""
        rows.append(
            f'<tr id="{anchor}-link-{i}"{cls}><td class="idx">{i}'
            f'<span class="kind">{link.kind}</span></td>'
            f'<td class="en" lang="en">{highlight(en, en_spans)}</td>'
            f'<td class="zh" lang="zh-Hans">{highlight(zh, zh_spans)}'
            f"{_findings_list(findings_by_link.get(i, []))}</td>"
            f'<td class="num">{_bar(link.score)}</td></tr>'
        )
    source = f'<p class="source">{html.escape(doc.source)}</p>' if doc.source else ""
    warnings = "".join(f'<p class="warnings">⚠ {html.escape(w)}</p>' for w in doc.warnings)
    table = ('<table class="links"><thead><tr><th>#</th><th>English</th><th>中文</th>'
             '<th class="num">Confidence</th></tr></thead><tbody>' + "".join(rows)
             + "</tbody></table>")
    if collapsed:
        n_low = sum(link.score < low for link in alignment.links)
        table = (f"<details><summary>{len(alignment.links)} links, {n_low} low-confidence, "
                 f"{len(reviewed.findings)} findings</summary>{table}</details>")
    return (
        f'<section class="doc" id="{anchor}"><a class="top" href="#summary">↑ summary</a>'
        f"<h2>{html.escape(doc.id)}</h2>{source}{warnings}" + table + "</section>"
    )


def summary_row(reviewed: Reviewed, anchor: str, low: float = LOW_CONFIDENCE) -> str:
    links = reviewed.alignment.links
    n_low = sum(1 for link in links if link.score < low)
    return (
        f'<tr><td><a href="#{anchor}">{html.escape(reviewed.doc.id)}</a></td>'
        f'<td class="num">{len(links)}</td>'
        f'<td class="num">{_bar(reviewed.confidence())}</td>'
        f'<td class="num">{n_low}</td>'
        f"<td>{_pills(_status_counts(reviewed.terms))}</td>"
        f'<td class="num">{sum(map(len, link_findings(reviewed).values()))}</td></tr>'
    )


def render_report(
    reviewed: Iterable[Reviewed], *, title: str = "Alignment review", low: float = LOW_CONFIDENCE
) -> str:
    """The whole page as one string (documents are rendered as they come, summary first)."""
    from aligner.version import __version__

    taken: set[str] = {"summary"}
    rows, sections = [], []
    n_docs = n_links = 0
    items = list(reviewed)
    collapsed = len(items) > COLLAPSE_AFTER
    for item in items:
        anchor = anchor_id(item.doc.id, taken)
        rows.append(summary_row(item, anchor, low))
        sections.append(document_section(item, anchor, low, collapsed=collapsed))
        n_docs += 1
        n_links += len(item.alignment.links)
    summary = (
        '<section id="summary"><h2>Summary</h2>'
        "<table><thead><tr><th>Document</th><th class=\"num\">Links</th>"
        '<th class="num">Mean confidence</th><th class="num">Low-confidence links</th>'
        "<th>Terms (ok / variant / forbidden / missing)</th><th class=\"num\">Findings</th>"
        "</tr></thead><tbody>" + "".join(rows) + "</tbody></table>" + legend() + "</section>"
    )
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<link rel="icon" href="data:,">'
        f"<title>{html.escape(title)}</title><style>{CSS}</style></head><body>"
        f"<header><h1>{html.escape(title)}</h1><p class=\"meta\">{n_docs} document(s), "
        f"{n_links} link(s) · aligner {html.escape(__version__)}</p></header>"
        + summary
        + "".join(sections)
        + "</body></html>\n"
    )


def write_html(
    reviewed: Iterable[Reviewed], stream: TextIO, *, low: float = LOW_CONFIDENCE
) -> WriteStats:
    """The writer-registry entry: one page of documents reviewed by the pipeline
    (`aligner.pipeline.Pipeline.score`; the CLI's `writer_for` does it). It renders the terms
    and findings it is given and runs no scorer itself.

    The page needs every document before it can write the summary at its top, so it is
    assembled in memory (text only: fine for review-sized inputs, not for a million links).
    """
    stats = WriteStats()
    items = []
    for item in reviewed:
        stats.documents += 1
        stats.links += len(item.alignment.links)
        items.append(item)
    stream.write(render_report(items, low=low))
    return stats
