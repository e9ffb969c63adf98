"""The corpus-scale options of `aligner align`: --jobs, --engine, --scheduler, --errors, --summary.

Why options on `align` and not a separate command: a corpus is aligned exactly like one record,
with the same inputs, formats and glossary; only where the work runs and how progress and
failures are reported change. `align_cmd` adds these options and hands the run here when any
of them is given; without them `align` keeps its plain serial loop.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
from collections.abc import Iterable
from pathlib import Path

from aligner.cli.common import (
    SPREADSHEET_FORMATS,
    create,
    error,
    export_writer,
    note,
    open_output,
    place,
    warn,
    write_file,
)
from aligner.corpus import ENGINES, ProcessOptions, Progress, RecordResult, run_corpus
from aligner.corpus.parts import run_parts
from aligner.corpus.progress import count_records
from aligner.model import AlignerError, Document, InputError
from aligner.pipeline import Pipeline

EPILOG = """\
corpus scale (any of these options runs the corpus runner):
  --jobs N          N worker processes (0: one per CPU); output order is the input's whatever N
  --engine dask     run on a Dask cluster: --scheduler tcp://HOST:8786, or without it a local
                    cluster of --jobs workers; `aligner` must be installed on every worker
  -o DIR/           one part file per batch (part-00000.jsonl, ...), written by the workers
                    themselves (on a cluster: a directory every worker can reach); the parts
                    in name order are the input order
  --errors FILE     failed records as JSON lines {"index","id","source","error"}; the run goes
                    on and the exit status is 2 if any record failed
  progress          a bar (records/s, ETA) when stderr is a terminal, else a line every 10 s:
                    `progress: 12000 records, 1530/s, 3 failed, eta 41s`; -q hides it
  examples:
    aligner align corpus.jsonl.gz --jobs 2 --errors failed.jsonl -o links.parquet
    aligner align records/ --engine dask --scheduler tcp://10.0.0.5:8786 -f jsonl -o out.jsonl
"""


def add_scale_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("corpus scale")
    group.add_argument("-j", "--jobs", type=int, default=None, metavar="N",
                       help="worker processes (0: one per CPU; default 1)")
    group.add_argument("--engine", choices=ENGINES, default=None,
                       help="local processes (default) or a Dask cluster")
    group.add_argument("--scheduler", metavar="ADDRESS",
                       help="Dask scheduler address, e.g. tcp://host:8786 (implies --engine dask)")
    group.add_argument("--errors", metavar="FILE",
                       help="write failed records here (JSON lines with the record id)")
    group.add_argument("--summary", metavar="FILE",
                       help="write the run's counts and speed here as JSON")
    group.add_argument("--batch-size", type=int, default=None, metavar="N",
                       help="records per task sent to a worker (default 64 local, 256 Dask)")
    group.add_argument("--progress-interval", type=float, default=10.0, metavar="SECONDS",
                       help="seconds between progress lines when stderr is not a terminal")


def wants_corpus_runner(args: argparse.Namespace) -> bool:
    return _is_directory(getattr(args, "output", None)) or any(
        getattr(args, name, None) is not None
        for name in ("jobs", "engine", "scheduler", "errors", "summary", "batch_size")
    )


def _is_directory(output: str | None) -> bool:
    """`-o DIR/` (trailing slash, or an existing directory) asks for one part file per batch."""
    return output is not None and output != "" and (
        output.endswith(("/", os.sep)) or Path(output).is_dir())


def run_scaled(
    args: argparse.Namespace, items: Iterable[Document | InputError], fmt: str,
    pipeline: Pipeline,
) -> int:
    """Run `items` through the corpus runner and write `fmt` to -o; return the exit status."""
    from aligner.report import FORMATS

    engine = args.engine or ("dask" if args.scheduler else "local")
    if args.scheduler and engine != "dask":
        raise AlignerError("--scheduler needs --engine dask", path=args.scheduler)
    jobs = 1 if args.jobs is None and engine == "local" else (args.jobs or 0)
    if args.batch_size is not None and args.batch_size < 1:
        raise AlignerError(f"--batch-size must be at least 1, not {args.batch_size}")
    options = ProcessOptions(pipeline.config, score_terms=pipeline.glossary is not None)
    total = None if args.quiet else count_records(getattr(args, "inputs", None) or [])
    progress = Progress(total, enabled=not args.quiet, interval=args.progress_interval)

    def on_error(result: RecordResult) -> None:
        if errors is None:
            with progress.paused():
                error(place(result.source, result.id) + f": {result.error}")

    def on_warning(result: RecordResult) -> None:
        with progress.paused():
            for message in result.warnings:
                warn(f"{place(result.source, result.id)}: {message}", quiet=args.quiet)

    with contextlib.ExitStack() as files:
        errors = (files.enter_context(create(args.errors, "errors file", keep_partial=True))
                  if args.errors else None)
        common = dict(jobs=jobs, engine=engine, scheduler=args.scheduler,
                      batch_size=args.batch_size, errors=errors, errors_path=args.errors,
                      on_error=on_error, on_warning=on_warning, progress=progress)
        if _is_directory(args.output):
            if getattr(args, "raw_cells", False) and fmt in SPREADSHEET_FORMATS:
                raise AlignerError("--raw-cells is not available for part files (-o DIR/); "
                                   "write one file instead", path=args.output)
            for flag, name in (("min_score", "--min-score"),
                               ("keep_line_breaks", "--keep-line-breaks")):
                if getattr(args, flag, None) not in (None, False):
                    raise AlignerError(f"{name} is not available for part files (-o DIR/); "
                                       "write one file instead", path=args.output)
            summary = run_parts(items, fmt, args.output, options, **common)
        else:
            from aligner.report.confident import Dropped

            dropped = Dropped()
            with open_output(args.output, binary=FORMATS[fmt].binary) as stream:
                writer = export_writer(fmt, args, pipeline, dropped)
                summary = run_corpus(items, writer, stream, options, **common)
            if getattr(args, "min_score", None) is not None:
                note(f"--min-score {args.min_score:g}: left out {dropped.links} link(s) below it",
                     quiet=args.quiet)
    if args.summary:
        write_file(args.summary, json.dumps(summary.as_dict(), indent=2) + "\n", "summary")
    note(summary.text(), quiet=args.quiet)
    return 2 if summary.failed else 0


