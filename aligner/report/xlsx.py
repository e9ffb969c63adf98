"""Excel review workbook (`-f xlsx`, openpyxl): what publishers' reviewers open.

Sheet `links`: one row per link of every document (a `doc` column, so one sheet serves a whole
corpus), the two texts, the confidence, the glossary terms and QA findings of the link. The
header row is frozen and filtered; text columns are sized for CJK text (a Chinese character is
about two Latin ones wide) and wrap. Colours: the Chinese cell by its worst term status (the HTML
report's colours), the findings cell by its worst severity, the confidence cell when below 0.5.
Sheet `documents`: one row per document (links, mean confidence, term counts, findings).

Written in openpyxl's write-only mode, row by row, so a corpus does not sit in memory as cell
objects. Text cells are stored as text (never as formulas, whatever they start with), hard-
wrapped line breaks joined unless kept. Reading back: ``pandas.read_excel(path, "links")``.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from aligner.model import AlignerError, Alignment
from aligner.report.linebreaks import join_line_breaks
from aligner.report.review import LinkNotes, finding_text, link_notes, reviewed, term_text
from aligner.report.stats import WriteStats
from aligner.safe import strip_invalid_xml

if TYPE_CHECKING:
    from aligner.pipeline import ReviewedDocument

COLUMNS = ["doc", "link", "kind", "en", "zh", "score", "en_text", "zh_text", "terms",
           "findings"]
# widths in Excel character units; CJK characters count double, so `zh_text` gets as much room
# as `en_text` for about half as many characters
WIDTHS = {"doc": 22, "link": 6, "kind": 6, "en": 7, "zh": 7, "score": 8, "en_text": 60,
          "zh_text": 60, "terms": 40, "findings": 40}
TERM_FILLS = {"ok": "C9F2D0", "variant": "FFF0B3", "forbidden": "FFC9C9", "missing": "E6DCFF"}
SEVERITY_FILLS = {"error": "FFC9C9", "warning": "FFE2B8", "info": "DCEBFF"}
LOW_FILL = "FFF6E5"
LOW_CONFIDENCE = 0.5
HEADER_FILL = "EEF1F4"
MAX_CELL = 32_767  # Excel's limit for one cell's characters


def _text(value: str) -> str:
    text = strip_invalid_xml(value)
    if len(text) > MAX_CELL:
        raise AlignerError(f"a cell of {len(text)} characters is over Excel's limit of "
                           f"{MAX_CELL}; use another format (tsv, jsonl, parquet)")
    return text


def write_xlsx(
    documents: Iterable[ReviewedDocument | Alignment],
    out: str | Path | IO[Any],
    *,
    low: float = LOW_CONFIDENCE,
    keep_line_breaks: bool = False,
) -> WriteStats:
    """Write the workbook to `out` (a path, or a binary stream / a text stream's buffer).
    Documents come reviewed by the pipeline (`writer_for` does it; a bare Alignment is written
    without notes); a link below `low` confidence is marked."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment as CellAlignment
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    workbook = Workbook(write_only=True)
    links = workbook.create_sheet("links")
    links.freeze_panes = "A2"
    for n, name in enumerate(COLUMNS, start=1):
        links.column_dimensions[get_column_letter(n)].width = WIDTHS[name]
    fills = {colour: PatternFill("solid", start_color=colour) for colour in
             [*TERM_FILLS.values(), *SEVERITY_FILLS.values(), LOW_FILL, HEADER_FILL]}
    wrap = CellAlignment(wrap_text=True, vertical="top")
    top = CellAlignment(vertical="top")
    bold = Font(bold=True)

    def cell(sheet: Any, value: Any, fill: str | None = None, wrapped: bool = False) -> Any:
        c = WriteOnlyCell(sheet, value=_text(value) if isinstance(value, str) else value)
        if isinstance(value, str):
            c.data_type = "s"  # text stays text: "=1+1" is never a formula
        c.alignment = wrap if wrapped else top
        if fill:
            c.fill = fills[fill]
        return c

    def header(sheet: Any, names: list[str]) -> None:
        row = []
        for name in names:
            c = cell(sheet, name, HEADER_FILL)
            c.font = bold
            row.append(c)
        sheet.append(row)

    header(links, COLUMNS)
    stats = WriteStats()
    doc_rows = []
    for item in reviewed(documents):
        alignment = item.alignment
        stats.documents += 1
        by_link = link_notes(item)
        doc = alignment.doc.id
        counts = dict.fromkeys(TERM_FILLS, 0)
        n_findings = 0
        for i, (link, en_text, zh_text) in enumerate(alignment.pairs()):
            ln = by_link.get(i, LinkNotes())
            for hit in ln.terms:
                counts[hit.status] = counts.get(hit.status, 0) + 1
            n_findings += len(ln.findings)
            worst_term, worst_sev = ln.worst_term(), ln.worst_severity()
            links.append([
                cell(links, doc), cell(links, i), cell(links, link.kind),
                cell(links, ",".join(map(str, link.en))),
                cell(links, ",".join(map(str, link.zh))),
                cell(links, round(link.score, 4),
                     LOW_FILL if link.score < low else None),
                cell(links, join_line_breaks(en_text, keep=keep_line_breaks), wrapped=True),
                cell(links, join_line_breaks(zh_text, keep=keep_line_breaks),
                     TERM_FILLS.get(worst_term or ""), wrapped=True),
                cell(links, "\n".join(term_text(t) for t in ln.terms),
                     TERM_FILLS.get(worst_term or ""), wrapped=True),
                cell(links, "\n".join(finding_text(f) for f in ln.findings),
                     SEVERITY_FILLS.get(worst_sev or ""), wrapped=True),
            ])
            stats.links += 1
        scores = [link.score for link in alignment.links]
        doc_rows.append([doc, len(alignment.links),
                         round(sum(scores) / len(scores), 4) if scores else 1.0,
                         *counts.values(), n_findings])
    summary = workbook.create_sheet("documents")
    summary.freeze_panes = "A2"
    summary.column_dimensions["A"].width = WIDTHS["doc"]
    header(summary, ["doc", "links", "mean_confidence", *TERM_FILLS, "findings"])
    for row in doc_rows:
        summary.append([cell(summary, v) for v in row])
    workbook.save(_sink(out))
    return stats


def _sink(out: str | Path | IO[Any]) -> Any:
    import io

    if isinstance(out, str | Path):
        return str(out)
    if isinstance(out, io.TextIOBase):
        out.flush()
        return out.buffer
    return out
