"""Scorers for aligned documents: terminology, QA checks and agreement with another version.

`Scorers(glossary, checks, metrics).score(alignment, against=None)` runs them all and returns
a `DocumentScore` (`against`: another version's Alignment; `aligner.pipeline.Pipeline` aligns a
plain-text version first); each scorer is also usable on its own (`TermScorer`, `CheckScorer`,
`AgreementScorer`) and every result converts to a pandas DataFrame. Build a `Scorers` once and
reuse it over a corpus: it holds the compiled glossary and the sacrebleu objects.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from aligner.model import Alignment, Finding, Glossary
from aligner.score.agreement import (
    METRICS,
    Agreement,
    AgreementScorer,
    version_document,
)
from aligner.score.base import Scorer, Signature
from aligner.score.glossary import default_glossary, read_glossary
from aligner.score.mine import mine, mined_csv
from aligner.score.qa import CHECKS, CheckReport, CheckScorer, findings_dataframe
from aligner.score.terms import TermHit, TermReport, TermScorer, merge_reports
from aligner.score.waivers import Waiver, accept, read_waivers

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "CHECKS",
    "Agreement",
    "AgreementScorer",
    "CheckReport",
    "CheckScorer",
    "CorpusScore",
    "DocumentScore",
    "Scorer",
    "Scorers",
    "Signature",
    "TermHit",
    "TermReport",
    "TermScorer",
    "default_glossary",
    "mine",
    "mined_csv",
    "read_glossary",
    "read_waivers",
    "score_corpus",
    "score_document",
    "version_document",
]


@dataclass(slots=True)
class DocumentScore:
    """Everything the scorers say about one aligned document."""

    doc: str
    links: int
    terms: TermReport
    checks: CheckReport
    agreement: Agreement | None = None
    waivers: list[Waiver] = field(default_factory=list)

    @property
    def findings(self) -> list[Finding]:
        """QA findings plus forbidden/missing terms, in link order, without duplicates: a
        verbatim term (`FDA`) dropped from the Chinese is reported once, by the acronym check."""
        acronym_texts = {(f.link, t) for f in self.checks.findings if f.check == "acronym"
                         for t in f.text.split(", ")}
        term_findings = [f for f in self.terms.findings()
                         if not (f.check == "term-missing" and (f.link, f.text) in acronym_texts)]
        found = sorted(self.checks.findings + term_findings, key=lambda f: f.link)
        return accept(found, self.waivers) if self.waivers else found

    def summary(self) -> dict[str, object]:
        out: dict[str, object] = {"doc": self.doc, "links": self.links,
                                  "terms": self.terms.summary(),
                                  "checks": self.checks.counts(),
                                  "checks_signature": self.checks.signature}
        if self.agreement is not None:
            out["agreement"] = self.agreement.summary()
        return out

    def findings_dataframe(self) -> pd.DataFrame:
        return findings_dataframe(self.findings)


@dataclass(slots=True)
class CorpusScore:
    documents: list[DocumentScore]
    terms: TermReport
    agreement: Agreement | None = None
    findings: list[Finding] = field(default_factory=list)

    @property
    def links(self) -> int:
        return sum(d.links for d in self.documents)

    def summary(self) -> dict[str, object]:
        counts: dict[str, int] = {}
        for f in self.findings:
            counts[f.check] = counts.get(f.check, 0) + 1
        out: dict[str, object] = {"documents": len(self.documents), "links": self.links,
                                  "terms": self.terms.summary(), "findings": counts}
        if self.agreement is not None:
            out["agreement"] = self.agreement.summary()
        return out

    def findings_dataframe(self) -> pd.DataFrame:
        return findings_dataframe(self.findings)

    def terms_dataframe(self) -> pd.DataFrame:
        return self.terms.to_dataframe()

    def agreement_dataframe(self) -> pd.DataFrame | None:
        return self.agreement.to_dataframe() if self.agreement is not None else None


class Scorers:
    """The scorers built once for a run: compiled glossary, checks, sacrebleu objects."""

    def __init__(self, glossary: Glossary | None = None, checks: list[str] | None = None,
                 metrics: Iterable[str] = METRICS):
        self.glossary = glossary if glossary is not None else Glossary([])
        self.terms = TermScorer(self.glossary)
        self.checks = CheckScorer(self.glossary, checks)
        self.metrics = tuple(metrics)
        self.waivers: list[Waiver] = []  # accepted findings, marked in every DocumentScore
        self._agreement: AgreementScorer | None = None

    @property
    def agreement(self) -> AgreementScorer:
        if self._agreement is None:  # sacrebleu import + metric construction: only when used
            self._agreement = AgreementScorer(self.metrics)
        return self._agreement

    def score(self, alignment: Alignment, against: Alignment | None = None) -> DocumentScore:
        """Terms, QA checks and, given another version's alignment of the same English,
        agreement. (Aligning a version given as text is the pipeline's job.)"""
        if against is not None and not isinstance(against, Alignment):
            raise TypeError("Scorers.score compares with an Alignment; align another version "
                            "with aligner.pipeline.Pipeline.other_version first")
        agreement = None if against is None else self.agreement.score_pair(alignment, against)
        return DocumentScore(alignment.doc.id, len(alignment.links),
                             self.terms.score(alignment), self.checks.score(alignment),
                             agreement, self.waivers)

    def combine(self, docs: list[DocumentScore]) -> CorpusScore:
        """The corpus view of documents scored by `score`: terms merged (inconsistencies across
        documents), corpus-level agreement, every finding. The term signature is this run's
        even when no document was scored."""
        terms = merge_reports(d.terms for d in docs)
        terms.signature = str(self.terms.signature())
        agreements = [d.agreement for d in docs if d.agreement is not None]
        agreement = self.agreement.score_corpus(agreements) if agreements else None
        return CorpusScore(docs, terms, agreement, [f for d in docs for f in d.findings])


def score_document(alignment: Alignment, glossary: Glossary | None = None,
                   against: Alignment | None = None) -> DocumentScore:
    """Score one aligned document (no glossary unless given); `against` is an Alignment of
    another version (`aligner.score_document` also takes plain text)."""
    return Scorers(glossary).score(alignment, against)


def score_corpus(alignments: Iterable[Alignment], glossary: Glossary | None = None,
                 against: dict[str, Alignment] | None = None,
                 scorers: Scorers | None = None) -> CorpusScore:
    """Score every document; `against` maps document ids to their other version's Alignment."""
    scorers = scorers or Scorers(glossary)
    return scorers.combine([scorers.score(a, (against or {}).get(a.doc.id)) for a in alignments])
