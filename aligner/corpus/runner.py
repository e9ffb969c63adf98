"""A corpus run from records to a written output: engine, writer, errors file, progress, summary.

The writer is any streaming writer of the report registry (``write(alignments, stream)``); it
is handed a generator, so each alignment is written as soon as its batch is back and nothing
holds the corpus. Failed records never reach the writer: they go to the errors file (one JSON
object per line, with the record id) or to `on_error`, and are counted in the summary.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import IO, Any

from aligner.corpus.engines import Item, run_records
from aligner.corpus.progress import Progress
from aligner.corpus.record import ProcessOptions, RecordResult
from aligner.model import Alignment

Writer = Callable[[Iterable[Alignment], Any], Any]


@dataclass(slots=True)
class RunSummary:
    """Counts of a run; `processed == aligned + failed` always (nothing is dropped)."""

    processed: int = 0
    aligned: int = 0
    failed: int = 0
    links: int = 0
    kinds: Counter[str] = field(default_factory=Counter)
    terms: Counter[str] = field(default_factory=Counter)
    warnings: int = 0
    seconds: float = 0.0
    errors_path: str | None = None

    @property
    def rate(self) -> float:
        return self.processed / self.seconds if self.seconds > 0 else 0.0

    def add(self, result: RecordResult) -> None:
        self.processed += 1
        self.warnings += len(result.warnings)
        if result.alignment is None:
            self.failed += 1
            return
        self.aligned += 1
        self.links += len(result.alignment.links)
        self.kinds.update(link.kind for link in result.alignment.links)
        self.terms.update(result.terms)

    def as_dict(self) -> dict[str, Any]:
        return {
            "processed": self.processed, "aligned": self.aligned, "failed": self.failed,
            "links": self.links, "link_kinds": dict(sorted(self.kinds.items())),
            "terms": dict(sorted(self.terms.items())), "warnings": self.warnings,
            "seconds": round(self.seconds, 3), "records_per_second": round(self.rate, 1),
            "errors_file": self.errors_path,
        }

    def text(self) -> str:
        """The one-paragraph summary printed at the end of a run."""
        parts = [
            f"{self.processed} records processed: {self.aligned} aligned, {self.failed} failed",
            f"{self.links} links ({', '.join(f'{k} {n}' for k, n in sorted(self.kinds.items()))})"
            if self.links else "0 links",
        ]
        if self.terms:
            total = sum(self.terms.values())
            ok = self.terms.get("ok", 0)
            parts.append(f"terms {ok}/{total} approved ({100 * ok / total:.1f}%)")
        parts.append(f"{self.seconds:.1f} s, {self.rate:.0f} records/s")
        if self.failed and self.errors_path:
            parts.append(f"errors in {self.errors_path}")
        return "; ".join(parts)


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

    def alignments() -> Iterator[Alignment]:
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
        write(stream, out)
    finally:
        stream.close()
        progress.close()
        summary.seconds = progress.elapsed
    return summary
