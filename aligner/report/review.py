"""Per-link review notes for the formats that carry them (XLIFF, xlsx): the glossary term
statuses and QA findings of each link, from the pipeline's `ReviewedDocument` (the writers only
render; `aligner.cli.common.writer_for` reviews the alignments on the way in)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from aligner.model import Alignment, Finding

if TYPE_CHECKING:
    from aligner.pipeline import ReviewedDocument
    from aligner.score.terms import TermHit

SEVERITY_ORDER = {"error": 3, "warning": 2, "info": 1}
TERM_ORDER = {"forbidden": 4, "missing": 3, "variant": 2, "ok": 1}


@dataclass(slots=True)
class LinkNotes:
    terms: list[TermHit] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    def worst_term(self) -> str | None:
        return max((t.status for t in self.terms), key=lambda s: TERM_ORDER.get(s, 0),
                   default=None)

    def worst_severity(self) -> str | None:
        return max((f.severity for f in self.findings),
                   key=lambda s: SEVERITY_ORDER.get(s, 0), default=None)


@dataclass(slots=True)
class Unreviewed:
    """A bare `Alignment` given to a review writer: its links with no terms or findings (the
    writers render; reviewing is the pipeline's job, `aligner.cli.common.writer_for`)."""

    alignment: Alignment
    terms: list[TermHit] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)


def reviewed(
    items: Iterable[ReviewedDocument | Alignment],
) -> Iterator[ReviewedDocument | Unreviewed]:
    """Reviewed documents as given; a bare `Alignment` as `Unreviewed`."""
    for item in items:
        yield Unreviewed(item) if isinstance(item, Alignment) else item


def link_notes(item: ReviewedDocument | Unreviewed) -> dict[int, LinkNotes]:
    notes: dict[int, LinkNotes] = defaultdict(LinkNotes)
    for hit in item.terms:
        notes[hit.link].terms.append(hit)
    for finding in item.findings:
        notes[finding.link].findings.append(finding)
    return notes


def term_text(hit: TermHit) -> str:
    found = f" as {hit.zh_found}" if hit.zh_found else ""
    return f"{hit.status}: {hit.term}{found} (approved {hit.approved})"


def finding_text(finding: Finding) -> str:
    return f"{finding.severity} {finding.check}: {finding.message}"
