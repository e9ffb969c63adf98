"""Output written per partition by the workers themselves: ``DIR/part-00000.jsonl``, ...

Why: on a cluster, sending every alignment back to one machine to be written makes that
machine the bottleneck; with parts, each worker writes the batch it processed and sends back
only counts and the failed records. Part `k` holds the records ``k*batch_size ..
(k+1)*batch_size - 1`` of the input, so concatenating the parts in name order gives the input
order, whatever the engine and the number of workers. The directory must be reachable by every
worker under the same path (a shared file system on a real cluster).

Each part is written to a temporary name and renamed when complete, so a part file that exists
is whole. Formats with a header or a root element (TSV, TMX) repeat it in every part.

Resuming (`--resume`): after each part, its worker also records what it sends back (counts,
failed records, warnings) in ``DIR/.aligner-run/part-NNNNN.json``, next to ``run.json`` (what
the run was asked to do). A rerun with `resume=True` checks it is the same run, replays the
recorded results of the parts that are complete and processes only the others, so the parts,
the summary and the errors file come out as an uninterrupted run's. The state directory is
removed when the run completes: a finished directory holds only its parts.
"""

from __future__ import annotations

import contextlib
import json
import shutil
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


STATE_DIR = ".aligner-run"


def part_name(number: int, fmt: str) -> str:
    return f"part-{number:05d}.{'txt' if fmt == 'table' else fmt}"


def _state_path(directory: str | Path, number: int) -> Path:
    return Path(directory) / STATE_DIR / f"part-{number:05d}.json"


def _save_state(result: PartResult, path: Path) -> None:
    state = {"path": Path(result.path).name, "summary": result.summary.as_dict(),
             "errors": result.errors, "warnings": result.warnings}
    with atomic_output(path, "run state") as stream:
        json.dump(state, stream, ensure_ascii=False)


def _load_state(directory: str | Path, number: int, fmt: str) -> PartResult | None:
    """The recorded result of a complete part, or None (part or record missing, unreadable)."""
    final = Path(directory) / part_name(number, fmt)
    try:
        state = json.loads(_state_path(directory, number).read_text(encoding="utf-8"))
        if state["path"] != final.name or not final.is_file():
            return None
        counts = state["summary"]
        summary = RunSummary(
            processed=counts["processed"], aligned=counts["aligned"], failed=counts["failed"],
            links=counts["links"], warnings=counts["warnings"],
            not_written=counts["links_not_written"],
        )
        summary.kinds.update(counts["link_kinds"])
        summary.terms.update(counts["terms"])
        warnings = [(w[0], w[1], w[2]) for w in state["warnings"]]
        return PartResult(str(final), summary, list(state["errors"]), warnings)
    except (OSError, ValueError, KeyError, TypeError, IndexError):
        return None


def write_part(
    batch: Batch, options: ProcessOptions, fmt: str, directory: str, batch_size: int,
    resume: bool = False,
) -> PartResult:
    """Process one batch and write its alignments to its part file (runs on a worker); with
    `resume`, a part already complete is not redone: its recorded result is returned."""
    from aligner.report import FORMATS

    number = batch[0][0] // batch_size
    if resume:
        done = _load_state(directory, number, fmt)
        if done is not None:
            return done
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
    _save_state(result, _state_path(directory, number))
    return result


def _check_run(directory: Path, run: dict[str, Any], resume: bool) -> None:
    """Refuse to mix runs: without `resume` the directory must hold no parts; with it, the
    recorded run must be this one (same inputs, format, batch size and options)."""
    stale = sorted(directory.glob("part-*"))
    state = directory / STATE_DIR / "run.json"
    if not resume:
        if stale:
            hint = (" (an interrupted run: add --resume to finish it)" if state.is_file()
                    else "")
            raise AlignerError(f"already holds {len(stale)} part file(s) ({stale[0].name}, "
                               f"...); remove them or choose another directory{hint}",
                               path=str(directory))
    else:
        try:
            recorded = json.loads(state.read_text(encoding="utf-8"))
        except FileNotFoundError:
            if stale:
                raise AlignerError("nothing to resume: the part files here carry no record of "
                                   "an unfinished run (a completed run?)",
                                   path=str(directory)) from None
            recorded = run  # nothing done yet: a fresh start
        except (OSError, ValueError) as error:
            raise AlignerError(f"cannot read the run state {state} ({error})",
                               path=str(directory)) from None
        if recorded != run:
            changed = sorted(k for k in set(run) | set(recorded) if run.get(k) != recorded.get(k))
            raise AlignerError("--resume: this is not the interrupted run (changed: "
                               f"{', '.join(changed)}); rerun it as it was, or start afresh in "
                               "an empty directory", path=str(directory))
        for temporary in directory.glob(".part-*.tmp"):  # a killed writer's leftovers
            with contextlib.suppress(OSError):
                temporary.unlink()
    (directory / STATE_DIR).mkdir(exist_ok=True)
    with atomic_output(state, "run state") as stream:
        json.dump(run, stream, ensure_ascii=False, sort_keys=True)


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
    resume: bool = False,
    run: dict[str, Any] | None = None,
) -> RunSummary:
    """Like `run_corpus`, but each batch is written by its worker as one part file in
    `directory` (created if needed). Failed records are reported here, in input order.

    `resume`: finish an interrupted run into the same directory (see the module doc); `run`
    describes the run (inputs, options) so that a resume can check it is the same one."""
    from aligner.corpus.engines import DEFAULT_BATCH_SIZE

    directory = Path(directory)
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise AlignerError(f"cannot create output directory ({error.strerror or error})",
                           path=str(directory)) from None
    size = batch_size or DEFAULT_BATCH_SIZE[engine]
    _check_run(directory, {**(run or {}), "format": fmt, "batch_size": size}, resume)
    options = options or ProcessOptions()
    summary = RunSummary(errors_path=errors_path)
    progress = progress or Progress(enabled=False)
    try:
        for _, part in map_batches(items, write_part, options, fmt, str(directory), size,
                                   resume, engine=engine, jobs=jobs, scheduler=scheduler,
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
    # complete: nothing left to resume, the directory holds only its parts
    with contextlib.suppress(OSError):
        shutil.rmtree(directory / STATE_DIR)
    return summary
