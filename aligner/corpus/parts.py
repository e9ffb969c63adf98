"""Output written per partition by the workers themselves: ``DIR/part-00000.jsonl``, ...

Why: on a cluster, sending every alignment back to one machine to be written makes that
machine the bottleneck; with parts, each worker writes the batch it processed and sends back
only counts and the failed records. Part `k` holds the records ``k*batch_size ..
(k+1)*batch_size - 1`` of the input, so concatenating the parts in name order gives the input
order, whatever the engine and the number of workers. The directory must be reachable by every
worker under the same path (a shared file system on a real cluster).

Each part is written to a temporary name and renamed when complete, so a part file that exists
is whole. Formats with a header or a root element (TSV, TMX) repeat it in every part.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from aligner.corpus.engines import Batch, Item, map_batches
from aligner.corpus.progress import Progress
from aligner.corpus.record import ProcessOptions, RecordResult, process
from aligner.corpus.summary import RunSummary
from aligner.model import AlignerError
from aligner.outfile import atomic_output


@dataclass(slots=True)
class PartResult:
    """What a worker sends back for one part: where it wrote, its counts, its failures."""

    path: str
    summary: RunSummary
    errors: list[dict[str, Any]] = field(default_factory=list)
    warnings: list[tuple[str, str | None, str]] = field(default_factory=list)


def part_name(number: int, fmt: str) -> str:
    return f"part-{number:05d}.{'txt' if fmt == 'table' else fmt}"


def write_part(
    batch: Batch, options: ProcessOptions, fmt: str, directory: str, batch_size: int
) -> PartResult:
    """Process one batch and write its alignments to its part file (runs on a worker)."""
    from aligner.report import FORMATS

    number = batch[0][0] // batch_size
    final = Path(directory) / part_name(number, fmt)
    summary = RunSummary()
    result = PartResult(str(final), summary)

    def alignments() -> Iterable[Any]:
        for index, item in batch:
            record = process(item, options, index)
            summary.add(record)
            result.warnings += [(record.id, record.source, w) for w in record.warnings]
            if record.alignment is None:
                result.errors.append(record.error_record())
            else:
                yield record.alignment

    items: Iterable[Any] = alignments()
    if fmt == "html":  # the page shows terms and findings: the pipeline reviews, it renders
        from aligner.corpus.record import pipeline_for

        pipeline = pipeline_for(options.config)
        items = (pipeline.score(a) for a in items)
    with atomic_output(final, "part file", binary=FORMATS[fmt].binary) as stream:
        summary.wrote(FORMATS[fmt].writer(items, stream))
    return result


def run_parts(
    items: Iterable[Item],
    fmt: str,
    directory: str | Path,
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
    client: Any = None,
) -> RunSummary:
    """Like `run_corpus`, but each batch is written by its worker as one part file in
    `directory` (created if needed). Failed records are reported here, in input order."""
    from aligner.corpus.engines import DEFAULT_BATCH_SIZE

    directory = Path(directory)
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise AlignerError(f"cannot create output directory ({error.strerror or error})",
                           path=str(directory)) from None
    stale = sorted(directory.glob("part-*"))
    if stale:
        raise AlignerError(f"already holds {len(stale)} part file(s) ({stale[0].name}, ...); "
                           "remove them or choose another directory", path=str(directory))
    size = batch_size or DEFAULT_BATCH_SIZE[engine]
    options = options or ProcessOptions()
    summary = RunSummary(errors_path=errors_path)
    progress = progress or Progress(enabled=False)
    try:
        for _, part in map_batches(items, write_part, options, fmt, str(directory), size,
                                   engine=engine, jobs=jobs, scheduler=scheduler,
                                   batch_size=size, client=client):
            summary.merge(part.summary)
            for record_id, source, message in part.warnings:
                if on_warning:
                    on_warning(RecordResult(-1, record_id, source, warnings=[message]))
            for row in part.errors:
                if errors is not None:
                    errors.write(json.dumps(row, ensure_ascii=False) + "\n")
                if on_error:
                    on_error(RecordResult(row["index"], row["id"], row["source"],
                                          error=row["error"]))
            progress.update(part.summary.processed, failed=part.summary.failed)
    finally:
        progress.close()
        summary.seconds = progress.elapsed
    return summary
