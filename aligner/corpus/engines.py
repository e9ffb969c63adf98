"""Where `process` runs: in this process, in a local process pool, or on a Dask cluster.

All three yield `RecordResult`s in input order and read the input lazily: at most
`window × batch_size` records are in flight at once, so memory stays flat however long the
corpus is. (`multiprocessing.Pool.imap` would keep order too, but its feeder thread drains the
whole input iterator into the task queue as fast as it can: a million-record corpus would sit
in memory. A bounded window of futures gives the same order with back-pressure.)
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from itertools import islice
from typing import Any, Protocol

from aligner.corpus.record import (
    Packed,
    ProcessOptions,
    RecordResult,
    process,
    process_batch,
    unpack,
)
from aligner.model import AlignerError, Document, InputError

Item = Document | InputError
Batch = list[tuple[int, Item]]

DEFAULT_BATCH_SIZE = 64
ENGINES = ("local", "dask")


class _Future(Protocol):
    def result(self) -> list[Packed]: ...


def batches(items: Iterable[Item], size: int) -> Iterator[Batch]:
    """Numbered records in lists of `size`, pulled from `items` only as each batch is needed."""
    numbered = enumerate(items)
    while batch := list(islice(numbered, size)):
        yield batch


def ordered_window(
    work: Iterator[Batch], submit: Callable[[Batch], _Future], window: int
) -> Iterator[RecordResult]:
    """Submit batches keeping at most `window` in flight; yield their results in order.

    The oldest batch is waited for first, so order is the input's whatever finishes first; the
    workers stay busy on the younger batches while the caller writes the oldest one's results.
    """
    pending: deque[tuple[Batch, _Future]] = deque()
    for batch in work:
        pending.append((batch, submit(batch)))
        if len(pending) >= window:
            yield from _unpacked(*pending.popleft())
    while pending:
        yield from _unpacked(*pending.popleft())


def _unpacked(batch: Batch, future: _Future) -> Iterator[RecordResult]:
    for (index, item), packed in zip(batch, future.result(), strict=True):
        yield unpack(index, item, packed)


def run_serial(items: Iterable[Item], options: ProcessOptions) -> Iterator[RecordResult]:
    for index, item in enumerate(items):
        yield process(item, options, index)


def run_pool(
    items: Iterable[Item],
    options: ProcessOptions,
    jobs: int,
    batch_size: int = DEFAULT_BATCH_SIZE,
) -> Iterator[RecordResult]:
    """`jobs` worker processes on this machine.

    Workers are started by a fork server, not by forking this process: forking a process that
    runs threads (tqdm's monitor, a Dask client, the caller's own) can deadlock a child, and
    fresh workers load only what they use. The glossary rides along with each batch (it is
    small); each worker compiles its matcher once and caches it.
    """
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
        yield from ordered_window(
            batches(items, batch_size),
            lambda batch: pool.submit(process_batch, batch, options),
            window=2 * jobs,
        )


def run_dask(
    items: Iterable[Item],
    options: ProcessOptions,
    scheduler: str | None = None,
    jobs: int = 2,
    batch_size: int = 256,
    client: Any = None,
) -> Iterator[RecordResult]:
    """Records partitioned into batches across a Dask cluster's workers.

    `scheduler` is the address of a running scheduler (``tcp://host:8786``); without it a local
    cluster of `jobs` single-threaded worker processes is started for the run and closed after.
    `client` lets a caller (a notebook, the tests) reuse an existing `distributed.Client`.
    The package must be importable on every worker (``pip install aligner`` there too).
    """
    try:
        from distributed import Client, LocalCluster
    except ImportError as error:  # pragma: no cover - depends on the install
        raise AlignerError(
            "the dask engine needs the 'scale' extra: pip install 'aligner[scale]'"
        ) from error

    owned: list[Any] = []
    try:
        if client is None:
            if scheduler:
                try:
                    client = Client(scheduler, timeout="10s")
                except OSError as error:
                    raise AlignerError(
                        f"cannot reach the Dask scheduler ({error})", path=scheduler
                    ) from error
            else:
                cluster = LocalCluster(
                    n_workers=jobs, threads_per_worker=1, processes=True,
                    dashboard_address=":0", silence_logs=40,
                )
                owned.append(cluster)
                client = Client(cluster)
            owned.insert(0, client)
        workers = max(1, len(client.scheduler_info().get("workers", {})) or jobs)
        yield from ordered_window(
            batches(items, batch_size),
            lambda batch: client.submit(process_batch, batch, options, pure=False),
            window=2 * workers,
        )
    finally:
        for resource in owned:
            resource.close()


def run_records(
    items: Iterable[Item],
    options: ProcessOptions | None = None,
    *,
    jobs: int = 1,
    engine: str = "local",
    scheduler: str | None = None,
    batch_size: int | None = None,
) -> Iterator[RecordResult]:
    """Process a stream of records with the chosen engine; results in input order.

    ``jobs=0`` means one worker per CPU. ``engine="local"`` with one job runs in this process
    (no pool to start, easiest to debug and profile).
    """
    options = options or ProcessOptions()
    if engine not in ENGINES:
        raise AlignerError(f"unknown engine {engine!r} (choose from {', '.join(ENGINES)})")
    jobs = jobs or os.cpu_count() or 1
    if jobs < 0:
        raise AlignerError(f"--jobs must be 0 (all CPUs) or more, not {jobs}")
    if engine == "dask":
        return run_dask(items, options, scheduler, jobs, batch_size or 256)
    if jobs == 1:
        return run_serial(items, options)
    return run_pool(items, options, jobs, batch_size or DEFAULT_BATCH_SIZE)
