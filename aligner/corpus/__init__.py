"""Corpus scale: stream records through the pipeline on one core, N processes or a Dask cluster.

    from aligner.corpus import run_records, ProcessOptions
    for result in run_records(iter_documents(["corpus.jsonl.gz"]), jobs=2):
        ...  # RecordResult, in input order: .alignment or .error

`run_corpus` adds a streaming writer, an errors file, progress and a summary (the CLI uses it);
`run_parts` has each worker write its own part file instead (``aligner align ... -o DIR/``).
"""

from __future__ import annotations

from aligner.corpus.engines import ENGINES, map_batches, run_records
from aligner.corpus.parts import run_parts
from aligner.corpus.progress import Progress
from aligner.corpus.record import ProcessOptions, RecordResult, process, process_batch
from aligner.corpus.review import review_paths, review_records
from aligner.corpus.runner import run_corpus
from aligner.corpus.summary import RunSummary

__all__ = [
    "ENGINES",
    "ProcessOptions",
    "Progress",
    "RecordResult",
    "RunSummary",
    "process",
    "map_batches",
    "process_batch",
    "review_paths",
    "review_records",
    "run_corpus",
    "run_parts",
    "run_records",
]
