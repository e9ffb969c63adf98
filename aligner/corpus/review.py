"""Many documents through the whole pipeline: read, align (in workers if asked), score.

What `snapshot`, `check`, `report` and the notebook run over their inputs. Alignment runs in
the corpus engine (N processes with ``jobs``), scoring in this process with the same
`Pipeline`, so the result is the one `Pipeline.review` gives document by document.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from aligner.corpus.engines import Item, run_records
from aligner.corpus.record import ProcessOptions
from aligner.model import AlignerError
from aligner.pipeline import Pipeline, ReviewedDocument


def review_records(
    items: Iterable[Item], pipeline: Pipeline, *, unique: bool = True, jobs: int = 1
) -> Iterator[ReviewedDocument]:
    """Review every record of `items` (documents, or readers' errors); the first unreadable
    one raises.

    Drift checks and reports must not skip a record silently: a document missing from the
    comparison would look like a removed one. `unique` rejects two records with one id
    (a baseline is keyed by id); a report can show both. `jobs` > 1 (0: one per CPU)
    aligns in worker processes through the corpus engine; scoring stays here.
    """
    options = ProcessOptions(pipeline.config, score_terms=False)
    seen: dict[str, str] = {}
    for result in run_records(items, options, jobs=jobs):
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
        yield pipeline.score(result.alignment)


def review_paths(
    paths: Iterable[str], pipeline: Pipeline, *, unique: bool = True, jobs: int = 1,
    exclude: Iterable[str] = (),
) -> Iterator[ReviewedDocument]:
    """`review_records` over every record under `paths` (files, corpora, directories)."""
    from aligner.read import iter_documents

    return review_records(iter_documents(list(paths), exclude=exclude), pipeline,
                          unique=unique, jobs=jobs)
