"""One record in, one result out: the unit of work every engine (serial, process pool, Dask) runs.

`process` is a pure function of its arguments, and both it and its arguments pickle, so the
three engines cannot disagree about how a record is handled: they differ only in where the
function runs. Costly state (the glossary's compiled matcher, jieba, CC-CEDICT) is built lazily
once per process by the modules that own it, or cached here by value, never shipped per record.
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from aligner.config import Config
from aligner.corpus.budget import record_seconds, time_budget
from aligner.model import (
    AlignerError,
    Alignment,
    Document,
    Glossary,
    InputError,
    Link,
    Sentence,
)
from aligner.pipeline import Pipeline


@dataclass(frozen=True, slots=True)
class ProcessOptions:
    """Everything a worker needs besides the record. Kept small: it travels with every batch.

    `config` is the run's `Config`: the worker builds (once per process) the same `Pipeline`
    the parent would, so a record gets the same links in any engine. `score_terms` adds the
    term-status counts to each result (the config's glossary; nothing without one).
    """

    config: Config = field(default_factory=Config)
    score_terms: bool = True

    @property
    def glossary(self) -> Glossary | None:
        return self.config.glossary


@dataclass(slots=True)
class RecordResult:
    """What became of one input record: an alignment (and term counts), or the reason it failed.

    `index` is the record's position in the input stream; engines use it to keep output in
    input order whatever the number of workers.
    """

    index: int
    id: str
    source: str | None = None
    alignment: Alignment | None = None
    terms: dict[str, int] = field(default_factory=dict)
    error: str | None = None
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.alignment is not None

    def error_record(self) -> dict[str, Any]:
        """The errors file's schema: one JSON object per failed record."""
        return {"index": self.index, "id": self.id, "source": self.source, "error": self.error}


def process(item: Document | InputError, options: ProcessOptions, index: int = 0) -> RecordResult:
    """Align (and term-score) one record; never raises for a bad record.

    A reader's `InputError` passes straight through as a failed result, so an unreadable record
    is reported in order with the others. An unexpected exception is also turned into a failed
    result (labelled as internal) rather than ending a run of a million records: nothing is
    dropped silently, and the message says it is a bug to report.
    """
    if isinstance(item, AlignerError):
        return RecordResult(
            index, item.record or "", item.path, error=item.problem or str(item)
        )
    doc = item
    try:
        pipeline = pipeline_for(options.config)
        budget = record_seconds()
        if budget:
            warm_up(pipeline)
        with time_budget(budget):
            alignment = pipeline.align(doc)
    except AlignerError as error:
        return RecordResult(index, doc.id, doc.source, error=error.problem, warnings=doc.warnings)
    except Exception as error:  # noqa: BLE001 - a bug on one record must not end the corpus run
        problem = f"internal error ({type(error).__name__}: {error}); please report it"
        return RecordResult(index, doc.id, doc.source, error=problem, warnings=doc.warnings)
    terms: dict[str, int] = {}
    if options.score_terms:
        terms = pipeline.term_counts(alignment)
    return RecordResult(
        index, doc.id, doc.source, alignment=alignment, terms=terms, warnings=doc.warnings
    )


def process_batch(
    batch: Sequence[tuple[int, Document | InputError]], options: ProcessOptions
) -> list[Packed]:
    """The task shipped to a worker: a batch, so that IPC and scheduling cost per record stay
    small next to the alignment itself. Results come back packed (see `pack`)."""
    return [pack(process(item, options, index)) for index, item in batch]


# A result as it crosses a process boundary: sentence spans instead of sentence texts, tuples
# instead of dataclasses, and no copy of the document (the sender still holds it). Pickling a
# full `RecordResult` costs ~210 µs and 3.4 kB per abstract; this ~15 µs and 0.3 kB.
Span = tuple[int, int] | tuple[int, int, str]
Packed = tuple[
    list[Span] | None, list[Span] | None, list[tuple[tuple[int, ...], tuple[int, ...], float]],
    str, dict[str, int], str | None, list[str],
]


def _spans(sentences: list[Sentence], text: str) -> list[Span]:
    # The model promises text[start:end] == sentence.text; carry the text if a stage broke it.
    return [
        (s.start, s.end) if text[s.start:s.end] == s.text else (s.start, s.end, s.text)
        for s in sentences
    ]


def _sentences(spans: list[Span], text: str) -> list[Sentence]:
    return [
        Sentence(span[2] if len(span) == 3 else text[span[0]:span[1]], span[0], span[1])
        for span in spans
    ]


def pack(result: RecordResult) -> Packed:
    a = result.alignment
    if a is None:
        return (None, None, [], "", result.terms, result.error, result.warnings)
    links = [(link.en, link.zh, link.score) for link in a.links]
    return (
        _spans(a.en, a.doc.en), _spans(a.zh, a.doc.zh), links, a.method, result.terms,
        None, a.doc.warnings,
    )


def unpack(index: int, item: Document | InputError, packed: Packed) -> RecordResult:
    """Rebuild the worker's result around the document this process already holds."""
    en, zh, links, method, terms, error, warnings = packed
    if isinstance(item, AlignerError):
        return process(item, ProcessOptions(), index)
    if en is None or zh is None:
        return RecordResult(index, item.id, item.source, error=error, warnings=warnings)
    item.warnings = warnings
    alignment = Alignment(
        item, _sentences(en, item.en), _sentences(zh, item.zh),
        [Link(e, z, score) for e, z, score in links], method,
    )
    return RecordResult(
        index, item.id, item.source, alignment=alignment, terms=terms, warnings=warnings
    )


def term_counts(alignment: Alignment, glossary: Glossary) -> dict[str, int]:
    """Term-status counts (ok / variant / forbidden / missing) for one alignment."""
    return pipeline_for(Config(glossary=glossary)).term_counts(alignment)


_WARM: set[int] = set()


def warm_up(pipeline: Pipeline) -> None:
    """Build a pipeline's lazy state (CC-CEDICT index, jieba, Punkt, the glossary matcher) on
    a two-sentence document before the first record's time budget starts: a budget spent on
    the one-off setup would fail the first record and, by interrupting the setup, the next."""
    if id(pipeline) in _WARM:
        return
    _WARM.add(id(pipeline))
    from aligner.read.records import make_document

    with contextlib.suppress(Exception):
        pipeline.align(make_document(id="warm-up", en="The drug was approved. It works.",
                                     zh="该药物获得批准。它有效。", source="<warm-up>"))


_PIPELINES: dict[tuple[Any, ...], Pipeline] = {}
_LAST: list[Any] = [None, None]  # [config object, its pipeline]: the common case, no hashing


def pipeline_for(config: Config) -> Pipeline:
    """The config's pipeline (with its compiled glossary matcher), built once per process.

    Keyed by the config's value, not its identity: every batch unpickles a fresh copy of the
    options in a worker, and compiling the matcher per batch would cost more than the batch.
    Within a batch the same object comes back, so identity is checked first (hashing every term
    per record cost ~10% of term scoring).
    """
    if _LAST[0] is config:
        return _LAST[1]
    glossary = config.glossary
    key = (None if glossary is None else (glossary.source, tuple(glossary.terms)),
           config.method, config.checks, config.metrics)
    pipeline = _PIPELINES.get(key)
    if pipeline is None:
        if len(_PIPELINES) >= 8:
            _PIPELINES.clear()
        pipeline = _PIPELINES[key] = Pipeline(config)
    _LAST[:] = [config, pipeline]
    return pipeline
