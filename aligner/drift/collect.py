"""Run documents through the pipeline and the scorers, keeping what a review needs.

`snapshot`, `check`, the HTML report and the notebook all look at the same three things per
document: the alignment, the glossary term statuses per link and the QA findings. Computing
them in one place keeps the baseline and the current state comparable by construction.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from aligner.model import AlignerError, Alignment, Document, Finding, Glossary
from aligner.score.glossary import load_glossary  # noqa: F401 - where the notebook finds it

if TYPE_CHECKING:
    from aligner.score.terms import TermHit


@dataclass(slots=True)
class Reviewed:
    """Everything a review shows about one document.

    `findings` are the QA checks' findings (numbers, acronyms, brackets...); term problems are
    in `terms` only, so a term that went missing is not counted twice.
    """

    alignment: Alignment
    terms: list[TermHit] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    @property
    def doc(self) -> Document:
        return self.alignment.doc

    def confidence(self) -> float:
        links = self.alignment.links
        return sum(link.score for link in links) / len(links) if links else 1.0


class Reviewer:
    """The pipeline plus the scorers (`aligner.score.Scorers`), built once for many documents.

    `glossary=None` checks no terms (an empty glossary), unlike `Scorers`, whose default is the
    shipped glossary: `aligner.score.glossary.load_glossary` is where the default is chosen.
    """

    def __init__(self, glossary: Glossary | None = None):
        from aligner.score import Scorers

        self.glossary = glossary
        self.scorers = Scorers(glossary if glossary is not None else Glossary([]))

    def review(self, doc: Document) -> Reviewed:
        """Align and score one document (what `review_paths` does per record)."""
        from aligner.pipeline import align_document

        return self.score(align_document(doc, glossary=self.glossary))

    def score(self, alignment: Alignment) -> Reviewed:
        """Terms and QA findings of an alignment made elsewhere (a writer, the notebook)."""
        scores = self.scorers.score(alignment)
        findings = [f for f in scores.checks.findings if not f.check.startswith("term")]
        return Reviewed(alignment=alignment, terms=list(scores.terms.hits), findings=findings)

    def review_paths(
        self, paths: Iterable[str | Path], *, unique: bool = True, jobs: int = 1
    ) -> Iterator[Reviewed]:
        """Read every record under `paths` and review it; the first unreadable one raises.

        Drift checks and reports must not skip a record silently: a document missing from the
        comparison would look like a removed one. `unique` rejects two records with one id
        (a baseline is keyed by id); a report can show both. `jobs` > 1 (0: one per CPU)
        aligns in worker processes through the corpus engine; scoring stays here.
        """
        from aligner.corpus import ProcessOptions, run_records
        from aligner.read import iter_documents

        options = ProcessOptions(glossary=self.glossary, score_terms=False)
        seen: dict[str, str] = {}
        for result in run_records(iter_documents(list(paths)), options, jobs=jobs):
            if result.alignment is None:
                raise AlignerError(result.error or "could not be aligned",
                                   path=result.source, record=result.id or None)
            doc = result.alignment.doc
            if unique and doc.id in seen:
                raise AlignerError(
                    f"duplicate document id {doc.id!r} (also in {seen[doc.id]})",
                    path=doc.source,
                )
            seen[doc.id] = doc.source or "<input>"
            yield self.score(result.alignment)
