"""The verdict of `aligner check` for three readers: a terminal, a pull request, a CI server.

All three render the same `DocDrift` list and `Thresholds`, and all name the document, the
link (by index and English sentence) and the term, so a failure can be found from any of them.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence

from aligner.drift.compare import CONFIDENCE_NOISE, DocDrift
from aligner.drift.config import Thresholds
from aligner.safe import md_cell, strip_invalid_xml, terminal_text


def detail_lines(drift: DocDrift) -> list[str]:
    """One line per thing that moved, most specific first: links, terms, findings."""
    lines = []
    if drift.state == "added":
        lines.append("document is new (not in the baseline)")
    if drift.state == "removed":
        lines.append("document is in the baseline but not in the input")
    for key in drift.en_changed:
        lines.append(f"{key}: English changed since the baseline")
    for c in drift.changed_links:
        lines.append(
            f"link {c.link} ({c.key}): Chinese changed, chrF {c.chrf:.1f} vs approved: "
            f"{c.describe_edits()}"
        )
    for t in drift.term_regressions:
        now = f"{t.status} ({t.current})" if t.current and t.status != "missing" else t.status
        lines.append(
            f'link {t.link} ({t.key}): term "{t.term}" was ok ({t.approved}), now {now}'
        )
    for f in drift.new_findings:
        text = f" [{f.text}]" if f.text else ""
        lines.append(f"link {f.link} ({f.key}): new {f.check} finding: {f.message}{text}")
    if drift.confidence_drop >= CONFIDENCE_NOISE:
        lines.append(
            f"alignment confidence {drift.confidence_before:.3f} → {drift.confidence_after:.3f}"
        )
    return lines


def summary_line(drifts: Sequence[DocDrift], thresholds: Thresholds) -> str:
    failed = sum(1 for d in drifts if d.failures(thresholds))
    moved = sum(1 for d in drifts if d.has_drift)
    if failed:
        return f"{failed} of {len(drifts)} document(s) drifted beyond thresholds"
    if moved:
        return f"{moved} of {len(drifts)} document(s) changed, all within thresholds"
    return f"no drift in {len(drifts)} document(s)"


def _confidence(d: DocDrift) -> str:
    if d.confidence_before is None and d.confidence_after is None:
        return "-"
    before = "-" if d.confidence_before is None else f"{d.confidence_before:.3f}"
    after = "-" if d.confidence_after is None else f"{d.confidence_after:.3f}"
    return before if before == after else f"{before} → {after}"


def _row(d: DocDrift, thresholds: Thresholds) -> list[str]:
    result = "FAIL" if d.failures(thresholds) else ("ok" if not d.has_drift else "within")
    return [d.doc, d.state, str(len(d.changed_links)), str(len(d.term_regressions)),
            str(len(d.new_findings)), _confidence(d), result]


HEADER = ["document", "state", "changed links", "terms not ok", "new findings", "confidence",
          "result"]


def render_table(drifts: Sequence[DocDrift], thresholds: Thresholds) -> str:
    """The terse terminal view: a table, then details of every document that moved."""
    rows = [HEADER] + [_row(d, thresholds) for d in drifts]
    widths = [max(len(r[i]) for r in rows) for i in range(len(HEADER))]
    out = ["  ".join(cell.ljust(w) for cell, w in zip(r, widths, strict=True)).rstrip()
           for r in rows]
    for d in drifts:
        if not d.has_drift:
            continue
        failures = d.failures(thresholds)
        where = f" ({d.source})" if d.source else ""
        out.append("")
        out.append(f"{'FAIL' if failures else 'within thresholds'}: {d.doc}{where}")
        out.extend(f"  {line}" for line in detail_lines(d))
        out.extend(f"  ✗ {reason}" for reason in failures)
    out.append("")
    out.append(f"aligner check: {summary_line(drifts, thresholds)}")
    return "\n".join(out) + "\n"


def _md_code(text: str, *, in_table: bool = False) -> str:
    """A code span (HTML inside is shown as text): its fence is longer than any backtick run
    in `text`, so a record id full of backticks cannot close it early."""
    if not text:
        return "∅"
    text = terminal_text(" ".join(text.splitlines()))  # a code span shows ESC raw too
    if in_table:
        text = text.replace("|", "\\|")
    fence = "`" * (max((len(run) for run in re.findall("`+", text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def render_markdown(drifts: Sequence[DocDrift], thresholds: Thresholds) -> str:
    """A pull-request comment / GitHub step summary: verdict, table, then per-document detail."""
    failed = any(d.failures(thresholds) for d in drifts)
    icon = "❌" if failed else "✅"
    out = [f"## {icon} aligner check: {summary_line(drifts, thresholds)}", ""]
    out.append("| " + " | ".join(h.capitalize() for h in HEADER) + " |")
    out.append("|" + "---|" * len(HEADER))
    for d in drifts:
        row = _row(d, thresholds)
        cells = [_md_code(row[0], in_table=True), *map(md_cell, row[1:])]
        out.append("| " + " | ".join(cells) + " |")
    for d in drifts:
        if not d.has_drift:
            continue
        failures = d.failures(thresholds)
        out += ["", f"### {'❌' if failures else '⚠️'} {_md_code(d.doc)}" + (
            f" ({md_cell(d.source)})" if d.source else ""), ""]
        out += [f"- **Fails:** {reason}" for reason in failures]
        for c in d.changed_links:
            out.append(f"- **link {c.link}** ({c.key}), chrF {c.chrf:.1f}: " + "; ".join(
                f"{_md_code(a)} → {_md_code(b)}" for a, b in c.edits[:5]))
            out.append(f"  - approved: {md_cell(c.approved)}")
            out.append(f"  - current: {md_cell(c.current)}")
        for t in d.term_regressions:
            now = f"{t.status} ({_md_code(t.current)})" if t.current else t.status
            out.append(f"- **link {t.link}** ({t.key}): term **{md_cell(t.term)}** was ok "
                       f"({_md_code(t.approved)}), now {now}")
        for f in d.new_findings:
            out.append(f"- **link {f.link}** ({f.key}): new `{f.check}` finding: "
                       f"{md_cell(f.message)}")
        if d.state in ("added", "removed") or d.en_changed or d.confidence_drop >= CONFIDENCE_NOISE:
            for line in detail_lines(d):
                if not line.startswith("link "):
                    out.append(f"- {md_cell(line)}")
    out += ["", "<details><summary>Thresholds</summary>", ""]
    out += [f"- `{name}` = {value!r}" for name, value in _threshold_items(thresholds)]
    out += ["", "</details>", ""]
    return "\n".join(out)


def _threshold_items(thresholds: Thresholds) -> list[tuple[str, object]]:
    names = ["min_chrf", "max_changed_links", "max_new_term_errors", "max_new_findings",
             "max_confidence_drop", "allow_added_documents", "allow_removed_documents"]
    return [(n, getattr(thresholds, n)) for n in names]


def render_junit(drifts: Sequence[DocDrift], thresholds: Thresholds) -> str:
    """JUnit XML, one test case per document (failed = drift beyond thresholds)."""
    failures = sum(1 for d in drifts if d.failures(thresholds))
    suites = ET.Element("testsuites", name="aligner check", tests=str(len(drifts)),
                        failures=str(failures), errors="0")
    suite = ET.SubElement(suites, "testsuite", name="aligner check", tests=str(len(drifts)),
                          failures=str(failures), errors="0", skipped="0")
    for d in drifts:
        attrs = {"classname": "aligner.drift", "name": d.doc}
        if d.source:
            attrs["file"] = d.source
        case = ET.SubElement(suite, "testcase", attrs)
        reasons = d.failures(thresholds)
        details = "\n".join(detail_lines(d))
        if reasons:
            failure = ET.SubElement(case, "failure", message="; ".join(reasons), type="drift")
            failure.text = details
        elif details:
            ET.SubElement(case, "system-out").text = "within thresholds:\n" + details
    ET.indent(suites, space=" ")
    # ElementTree escapes markup but keeps characters XML 1.0 forbids (a control character in
    # a record id or text): strict JUnit parsers would reject the whole report
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + strip_invalid_xml(
        ET.tostring(suites, encoding="unicode")) + "\n"
