"""The one path a document takes: segment (unless pre-split) -> align -> score.

`Pipeline(config)` is built once per run from a `Config` and turns each `Document` into a
`ReviewedDocument`: the alignment, the glossary term hits, the QA findings and, when another
version is given, the agreement with it. Every consumer calls it: each CLI command, the corpus
worker (in this process, a pool or Dask), `snapshot`/`check`, the HTML report, the notebook and
agreement's "other version". They cannot disagree about a document because none of them
orchestrates the stages itself; writers only render the values this returns.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import TYPE_CHECKING

from aligner.config import METHODS, Config
from aligner.model import AlignerError, Alignment, Document, Finding, Glossary, InputError, Sentence
from aligner.segment import segment_en, segment_zh

if TYPE_CHECKING:
    from aligner.score import CorpusScore, DocumentScore, Scorers
    from aligner.score.agreement import Agreement
    from aligner.score.terms import TermHit

__all__ = ["METHODS", "Config", "Pipeline", "ReviewedDocument", "align_document",
           "score_corpus", "score_document", "sentences_of"]


def sentences_of(doc: Document) -> tuple[list[Sentence], list[Sentence]]:
    en = doc.en_sentences if doc.en_sentences is not None else segment_en(doc.en)
    zh = doc.zh_sentences if doc.zh_sentences is not None else segment_zh(doc.zh)
    return en, zh


def align_document(
    doc: Document, *, glossary: Glossary | None = None, method: str = "lexical",
    encoder: str | None = None,
) -> Alignment:
    """Segment (unless pre-split) and align one document: the stage sequence itself.

    `glossary` terms serve as alignment anchors. `encoder` names the sentence encoder of the
    semantic/auto methods (``e5``, ``use``, ``e5+use``, ``st:/path``;
    `aligner.embed.get_encoder`); None is the default one. `Pipeline.align` calls this with the
    run's config; call it directly for an alignment without scoring.
    """
    en, zh = sentences_of(doc)
    check_sentence_count(doc, len(en), len(zh))
    if method not in METHODS:
        raise ValueError(f"unknown alignment method {method!r}")
    en_texts, zh_texts = [s.text for s in en], [s.text for s in zh]
    if method == "lexical":
        from aligner.align import align_sentences

        links = align_sentences(en_texts, zh_texts, glossary=glossary)
    else:  # embeddings: imported here so the lexical path never loads them
        from aligner.align.semantic import align_auto, align_semantic

        align = align_semantic if method == "semantic" else align_auto
        links = align(en_texts, zh_texts, glossary=glossary, encoder=encoder)
    alignment = Alignment(doc=doc, en=en, zh=zh, links=links, method=method)
    alignment.validate()
    return alignment


@dataclass(slots=True)
class ReviewedDocument:
    """Everything a review shows about one document: a plain value, rendered by writers.

    `score` is the scorers' full report (term report with accuracy and signature, QA checks,
    agreement). `findings` are the QA checks' findings (numbers, acronyms, brackets...); term
    problems are in `terms` only, so a term that went missing is not counted twice there;
    `all_findings` adds the term findings (what `aligner score` lists).
    """

    alignment: Alignment
    score: DocumentScore

    @property
    def doc(self) -> Document:
        return self.alignment.doc

    @property
    def terms(self) -> list[TermHit]:
        return list(self.score.terms.hits)

    @property
    def findings(self) -> list[Finding]:
        return [f for f in self.score.checks.findings if not f.check.startswith("term")]

    @property
    def all_findings(self) -> list[Finding]:
        return self.score.findings

    @property
    def agreement(self) -> Agreement | None:
        return self.score.agreement

    def confidence(self) -> float:
        """Mean link confidence (1.0 for a document without links)."""
        links = self.alignment.links
        return sum(link.score for link in links) / len(links) if links else 1.0


class Pipeline:
    """Built once from a `Config`; `review(doc)` per document. Costly state (the glossary's
    compiled matcher, sacrebleu objects) is built on first use and kept."""

    def __init__(self, config: Config | None = None) -> None:
        self.config = config or Config()
        self._scorers: Scorers | None = None

    @property
    def glossary(self) -> Glossary | None:
        return self.config.glossary

    @property
    def scorers(self) -> Scorers:
        if self._scorers is None:
            from aligner.score import Scorers

            checks = None if self.config.checks is None else list(self.config.checks)
            self._scorers = Scorers(self.glossary or Glossary([]), checks, self.config.metrics)
        return self._scorers

    def align(self, doc: Document) -> Alignment:
        """Segment and align with the config's glossary (as anchors), method and encoder."""
        return align_document(doc, glossary=self.glossary, method=self.config.method,
                              encoder=self.config.encoder)

    def other_version(self, alignment: Alignment, other: str | Document | Alignment) -> Alignment:
        """Another Chinese version aligned to `alignment`'s English sentences, the same way."""
        if isinstance(other, Alignment):
            return other
        from aligner.score.agreement import version_document

        return self.align(version_document(alignment, other))

    def score(
        self, alignment: Alignment, against: str | Document | Alignment | None = None
    ) -> ReviewedDocument:
        """Review an alignment (made by `align`); `against` is another Chinese version."""
        other = None if against is None else self.other_version(alignment, against)
        self.attach_evidence(alignment)
        return ReviewedDocument(alignment, self.scorers.score(alignment, other))

    def attach_evidence(self, alignment: Alignment) -> None:
        """Each link's per-sentence evidence (`Alignment.evidence`), which the `omission` and
        `partial` checks read, unless computed already or those checks are not run."""
        checks = self.config.checks
        if alignment.evidence is not None or (
            checks is not None and not {"omission", "partial"} & set(checks)
        ):
            return
        from aligner.align.evidence import link_evidence

        alignment.evidence = link_evidence(
            [s.text for s in alignment.en], [s.text for s in alignment.zh], alignment.links,
            self.glossary,
        )

    def review(
        self, doc: Document, against: str | Document | Alignment | None = None
    ) -> ReviewedDocument:
        """Align and score one document: the whole path."""
        return self.score(self.align(doc), against)

    def term_counts(self, alignment: Alignment) -> dict[str, int]:
        """Term-status counts (ok / variant / forbidden / missing) of an alignment; {} without
        a glossary."""
        if not self.glossary:
            return {}
        counts = self.scorers.terms.score(alignment).counts
        return {status: n for status, n in counts.items() if n}

    def combine(self, reviewed: list[ReviewedDocument]) -> CorpusScore:
        """The corpus view (terms merged across documents, corpus-level agreement)."""
        return self.scorers.combine([r.score for r in reviewed])


def score_document(
    alignment: Alignment, glossary: Glossary | None = None,
    against: str | Document | Alignment | None = None,
) -> DocumentScore:
    """Score one aligned document (no glossary unless given); `against` is another Chinese
    version of the same English: text, a Document, or an Alignment of it."""
    return Pipeline(Config(glossary=glossary)).score(alignment, against).score


def score_corpus(
    alignments: list[Alignment] | tuple[Alignment, ...], glossary: Glossary | None = None,
    against: dict[str, str | Document | Alignment] | None = None,
) -> CorpusScore:
    """Score every document; `against` maps document ids to their other version."""
    pipeline = Pipeline(Config(glossary=glossary))
    others = against or {}
    return pipeline.combine([pipeline.score(a, others.get(a.doc.id)) for a in alignments])


MAX_SENTENCES_ENV = "ALIGNER_MAX_SENTENCES"
#: sentences per side of one record. The byte limit alone does not bound memory: 4 MiB of tiny
#: sentences made one record take 3.9 GB. The longest real documents (a book, the Bible pair's
#: 6,300 verses) stay well below.
MAX_SENTENCES = 50_000


def max_sentences() -> int:
    raw = os.environ.get(MAX_SENTENCES_ENV, "").strip()
    if not raw:
        return MAX_SENTENCES
    if not raw.isdigit() or int(raw) < 1:
        raise AlignerError(f"must be a positive whole number, not {raw!r}",
                           path=f"${MAX_SENTENCES_ENV}")
    return int(raw)


def check_sentence_count(doc: Document, n_en: int, n_zh: int) -> None:
    """One-line error (the record fails, the run goes on) for a record with more sentences on
    a side than `max_sentences()`: alignment memory grows with the sentence counts."""
    limit = max_sentences()
    for side, n in (("English", n_en), ("Chinese", n_zh)):
        if n > limit:
            raise InputError(f"{n} {side} sentences, over the limit of {limit} per record "
                             f"(alignment memory grows with them): split the record, or raise "
                             f"${MAX_SENTENCES_ENV}", path=doc.source, record=doc.id)
