"""A corpus run from records to a written output: engine, writer, errors file, progress, summary.

The writer is any streaming writer of the report registry (``write(alignments, stream)``); it
is handed a generator, so each alignment is written as soon as its batch is back and nothing
holds the corpus. Failed records never reach the writer: they go to the errors file (one JSON
object per line, with the record id) or to `on_error`, and are counted in the summary.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Generator, Iterable
from typing import IO, Any

from aligner.corpus.engines import Item, run_records
from aligner.corpus.progress import Progress
from aligner.corpus.record import ProcessOptions, RecordResult
from aligner.corpus.summary import RunSummary
from aligner.model import Alignment

Writer = Callable[[Iterable[Alignment], Any], Any]


def run_corpus(
    items: Iterable[Item],
    write: Writer,
    out: Any,
    options: ProcessOptions | None = None,
    *,
    jobs: int = 1,
    engine: str = "local",
    scheduler: str | None = None,
    batch_size: int | None = None,
    errors: IO[str] | None = None,
    errors_path: str | None = None,
    on_error: Callable[[RecordResult], None] | None = None,
    on_warning: Callable[[RecordResult], None] | None = None,
    progress: Progress | None = None,
) -> RunSummary:
    """Process `items` and stream the alignments to `write(…, out)`; return the counts.

    Each failed record is written to `errors` (JSONL) when given, and passed to `on_error`
    (the CLI prints it when there is no errors file).
    """
    summary = RunSummary(errors_path=errors_path)
    progress = progress or Progress(enabled=False)
    results = run_records(
        items, options, jobs=jobs, engine=engine, scheduler=scheduler, batch_size=batch_size
    )

    def alignments() -> Generator[Alignment, None, None]:
        for result in results:
            summary.add(result)
            if result.warnings and on_warning:
                on_warning(result)
            if result.alignment is None:
                if errors is not None:
                    errors.write(json.dumps(result.error_record(), ensure_ascii=False) + "\n")
                if on_error:
                    on_error(result)
                progress.update(1, failed=1)
                continue
            progress.update(1)
            yield result.alignment

    stream = alignments()
    try:
        summary.wrote(write(stream, out))
    finally:
        stream.close()
        results.close()  # shuts the pool or the Dask cluster down now, even after an error
        progress.close()
        summary.seconds = progress.elapsed
    return summary
