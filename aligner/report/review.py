"""Per-link review notes for the formats that carry them (XLIFF, xlsx): the glossary term
statuses and QA findings of each link, computed the way the HTML report computes them."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from aligner.model import Alignment, Finding, Glossary

if TYPE_CHECKING:
    from aligner.score.terms import TermHit

SEVERITY_ORDER = {"error": 3, "warning": 2, "info": 1}
TERM_ORDER = {"forbidden": 4, "missing": 3, "variant": 2, "ok": 1}


@dataclass(slots=True)
class LinkNotes:
    terms: list[TermHit] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    def worst_term(self) -> str | None:
        return max((t.status for t in self.terms), key=TERM_ORDER.__getitem__, default=None)

    def worst_severity(self) -> str | None:
        return max((f.severity for f in self.findings),
                   key=lambda s: SEVERITY_ORDER.get(s, 0), default=None)


class Notes:
    """Builds the scorers once (compiled glossary), then notes per alignment."""

    def __init__(self, glossary: Glossary | None = None):
        from aligner.drift.collect import Reviewer
        from aligner.score.glossary import default_glossary

        self._reviewer = Reviewer(glossary if glossary is not None else default_glossary())

    def of(self, alignment: Alignment) -> dict[int, LinkNotes]:
        reviewed = self._reviewer.score(alignment)
        notes: dict[int, LinkNotes] = defaultdict(LinkNotes)
        for hit in reviewed.terms:
            notes[hit.link].terms.append(hit)
        for finding in reviewed.findings:
            notes[finding.link].findings.append(finding)
        return notes


def term_text(hit: TermHit) -> str:
    found = f" as {hit.zh_found}" if hit.zh_found else ""
    return f"{hit.status}: {hit.term}{found} (approved {hit.approved})"


def finding_text(finding: Finding) -> str:
    return f"{finding.severity} {finding.check}: {finding.message}"
