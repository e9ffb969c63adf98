"""XLIFF 1.2 and 2.1, the exchange format of CAT tools (Trados, memoQ, OmegaT, Weblate).

One `<file>` per document (`original` = the document id), one unit per link, in link order,
links with an empty side included (a translator must see the sentence nobody translated). Each
unit carries what a reviewer needs next to the segment:

- XLIFF 1.2: `<note from="aligner">` with the link kind and confidence, one note per glossary
  term and per QA finding (`priority` 1 for errors); `approved="no"`, `state="needs-review-
  translation"` when the link has a finding or a low confidence, else `state="translated"`.
- XLIFF 2.1: the same as `<mda:metadata>` (Metadata module: kind, confidence, term statuses)
  and `<notes>` (QA findings, `category="qa"`); segment `state="initial"` / `"translated"`.

`aligner score review.xlf` reads a corrected file back (`aligner.read.cat`). Written as it
goes; text is XML-escaped with invalid characters dropped, hard-wrapped line breaks joined
(`aligner.report.linebreaks`) unless kept.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, TextIO

from aligner.model import Alignment
from aligner.report.linebreaks import join_line_breaks
from aligner.report.review import LinkNotes, finding_text, link_notes, reviewed, term_text
from aligner.report.stats import WriteStats
from aligner.safe import xml_attr, xml_escape

XLIFF12_NS = "urn:oasis:names:tc:xliff:document:1.2"
XLIFF2_NS = "urn:oasis:names:tc:xliff:document:2.0"
MDA_NS = "urn:oasis:names:tc:xliff:metadata:2.0"
LOW_CONFIDENCE = 0.5  # as the HTML report: below it a link needs review

if TYPE_CHECKING:
    from aligner.pipeline import ReviewedDocument


def _version() -> str:
    from aligner import __version__

    return __version__


def _needs_review(score: float, notes: LinkNotes, low: float) -> bool:
    return score < low or bool(notes.findings) or notes.worst_term() in (
        "forbidden", "missing")


def write_xliff(
    documents: Iterable[ReviewedDocument | Alignment],
    stream: TextIO,
    *,
    version: str = "1.2",
    low: float = LOW_CONFIDENCE,
    keep_line_breaks: bool = False,
    en_lang: str = "en",
    zh_lang: str = "zh",
) -> WriteStats:
    if version not in ("1.2", "2.1"):
        raise ValueError(f"XLIFF version {version!r}: 1.2 or 2.1")
    """Documents reviewed by the pipeline (`writer_for` does it; a bare Alignment is written
    without notes); a link below `low` confidence is marked for review."""
    stats = WriteStats()
    v2 = version == "2.1"
    stream.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    if v2:
        stream.write(f'<xliff xmlns="{XLIFF2_NS}" xmlns:mda="{MDA_NS}" version="2.1" '
                     f'srcLang="{xml_attr(en_lang)}" trgLang="{xml_attr(zh_lang)}">\n')
    else:
        stream.write(f'<xliff xmlns="{XLIFF12_NS}" version="1.2">\n')
    for n, item in enumerate(reviewed(documents)):
        alignment = item.alignment
        stats.documents += 1
        by_link = link_notes(item)
        doc = xml_attr(alignment.doc.id)
        if v2:
            stream.write(f'  <file id="f{n}" original="{doc}">\n')
        else:
            stream.write(
                f'  <file original="{doc}" source-language="{xml_attr(en_lang)}" '
                f'target-language="{xml_attr(zh_lang)}" datatype="plaintext">\n'
                f'    <header><tool tool-id="aligner" tool-name="aligner" '
                f'tool-version="{xml_attr(_version())}"/></header>\n    <body>\n')
        for i, (link, en_text, zh_text) in enumerate(alignment.pairs()):
            en = xml_escape(join_line_breaks(en_text, keep=keep_line_breaks))
            zh = xml_escape(join_line_breaks(zh_text, keep=keep_line_breaks))
            notes = by_link.get(i, LinkNotes())
            review = _needs_review(link.score, notes, low)
            if v2:
                stream.write(_unit_v2(i, link.kind, link.score, en, zh, notes, review))
            else:
                stream.write(_unit_v12(i, link.kind, link.score, en, zh, notes, review,
                                       en_lang, zh_lang))
            stats.links += 1
        stream.write("  </file>\n" if v2 else "    </body>\n  </file>\n")
    stream.write("</xliff>\n")
    return stats


def _unit_v12(i: int, kind: str, score: float, en: str, zh: str, notes: LinkNotes,
              review: bool, en_lang: str, zh_lang: str) -> str:
    state = "needs-review-translation" if review else "translated"
    out = [f'      <trans-unit id="{i}" approved="no">\n',
           f'        <source xml:lang="{xml_attr(en_lang)}">{en}</source>\n',
           f'        <target xml:lang="{xml_attr(zh_lang)}" state="{state}">{zh}</target>\n',
           f'        <note from="aligner" annotates="general">link {kind}, '
           f'confidence {score:.4f}</note>\n']
    for hit in notes.terms:
        priority = 1 if hit.status in ("forbidden", "missing") else 5
        out.append(f'        <note from="aligner-terms" priority="{priority}">'
                   f"{xml_escape(term_text(hit))}</note>\n")
    for finding in notes.findings:
        priority = 1 if finding.severity == "error" else 3
        out.append(f'        <note from="aligner-qa" priority="{priority}">'
                   f"{xml_escape(finding_text(finding))}</note>\n")
    out.append("      </trans-unit>\n")
    return "".join(out)


def _unit_v2(i: int, kind: str, score: float, en: str, zh: str, notes: LinkNotes,
             review: bool) -> str:
    out = [f'    <unit id="u{i}">\n',
           '      <mda:metadata><mda:metaGroup category="aligner">'
           f'<mda:meta type="kind">{kind}</mda:meta>'
           f'<mda:meta type="confidence">{score:.4f}</mda:meta>']
    for hit in notes.terms:
        out.append(f'<mda:meta type="term-{hit.status}">{xml_escape(term_text(hit))}</mda:meta>')
    out.append("</mda:metaGroup></mda:metadata>\n")
    if notes.findings:
        out.append("      <notes>")
        for finding in notes.findings:
            priority = 1 if finding.severity == "error" else 3
            out.append(f'<note category="qa" priority="{priority}">'
                       f"{xml_escape(finding_text(finding))}</note>")
        out.append("</notes>\n")
    state = "initial" if review else "translated"
    out.append(f'      <segment state="{state}"><source>{en}</source>'
               f"<target>{zh}</target></segment>\n    </unit>\n")
    return "".join(out)


def write_xliff2(documents: Iterable[ReviewedDocument | Alignment], stream: TextIO,
                 **options: Any) -> WriteStats:
    """XLIFF 2.1 (`-f xliff2`)."""
    return write_xliff(documents, stream, version="2.1", **options)
