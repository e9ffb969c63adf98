"""Where the work runs: in this process, in a local process pool, or on a Dask cluster.

`map_batches` cuts the record stream into numbered batches, runs a task on each where the
engine says, and yields the results in input order. It reads the input lazily: at most
`window × batch_size` records are in flight at once, so memory stays flat however long the
corpus is. (`multiprocessing.Pool.imap` would keep order too, but its feeder thread drains the
whole input iterator into the task queue as fast as it can: a million-record corpus would sit
in memory. A bounded window of futures gives the same order with back-pressure.)

`run_records` is `map_batches` with the per-record `process`, yielding `RecordResult`s.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from itertools import islice
from typing import Any, Protocol, TypeVar

from aligner.corpus.record import ProcessOptions, RecordResult, process, process_batch, unpack
from aligner.model import AlignerError, Document, InputError
from aligner.outfile import RunAborted

Item = Document | InputError
Batch = list[tuple[int, Item]]
R = TypeVar("R")

DEFAULT_BATCH_SIZE = {"local": 64, "dask": 256}
ENGINES = ("local", "dask")


R_co = TypeVar("R_co", covariant=True)


class _Future(Protocol[R_co]):  # concurrent.futures.Future and distributed.Future alike
    def result(self) -> R_co: ...


class _Done:
    """An already computed result, so the serial engine fits the same window."""

    def __init__(self, value: Any):
        self.value = value

    def result(self) -> Any:
        return self.value


def batches(items: Iterable[Item], size: int) -> Iterator[Batch]:
    """Numbered records in lists of `size`, pulled from `items` only as each batch is needed."""
    numbered = enumerate(items)
    while batch := list(islice(numbered, size)):
        yield batch


def ordered_window(
    work: Iterator[Batch], submit: Callable[[Batch], _Future[R]], window: int
) -> Iterator[tuple[Batch, R]]:
    """Submit batches keeping at most `window` in flight; yield (batch, result) in order.

    The oldest batch is waited for first, so order is the input's whatever finishes first; the
    workers stay busy on the younger batches while the caller handles the oldest one's results.
    """
    pending: deque[tuple[Batch, _Future[R]]] = deque()
    for batch in work:
        pending.append((batch, submit(batch)))
        if len(pending) >= window:
            batch, future = pending.popleft()
            yield batch, future.result()
    while pending:
        batch, future = pending.popleft()
        yield batch, future.result()


@contextlib.contextmanager
def local_pool(jobs: int) -> Iterator[ProcessPoolExecutor]:
    """`jobs` worker processes started by a fork server, not by forking this process: forking
    a process that runs threads (tqdm's monitor, a Dask client, the caller's own) can deadlock
    a child, and fresh workers load only what they use."""
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
    pool = ProcessPoolExecutor(max_workers=jobs, mp_context=context,
                               initializer=exit_with_parent, initargs=(os.getpid(),))
    try:
        yield pool
    except BaseException:
        # interrupted, or the consumer failed: do not wait for the batches in flight (a long
        # record would hold Ctrl-C / SIGTERM up); stop the workers now
        pool.shutdown(wait=False, cancel_futures=True)
        for worker in list((getattr(pool, "_processes", None) or {}).values()):
            with contextlib.suppress(Exception):
                worker.terminate()
        raise
    pool.shutdown(wait=True)


PARENT_POLL_SECONDS = 1.0


def exit_with_parent(parent: int) -> None:
    """Pool initializer: the worker ends itself when the process that started the run is gone
    (SIGKILLed, or died before shutting the pool down). Without this, workers, the fork server
    and the resource tracker stay alive forever (~180 MB). Polls from a daemon thread: the
    worker's own parent is the fork server, so PR_SET_PDEATHSIG would watch the wrong process."""
    import threading
    import time

    def alive() -> bool:
        try:
            os.kill(parent, 0)
        except ProcessLookupError:
            return False
        except PermissionError:  # pragma: no cover - the pid was reused by another user
            return False
        return _state(parent) not in ("Z", "X")  # a zombie is dead too

    def watch() -> None:
        while alive():
            time.sleep(PARENT_POLL_SECONDS)
        os._exit(1)

    threading.Thread(target=watch, name="aligner-parent-watch", daemon=True).start()


def _state(pid: int) -> str:
    """The one-letter process state on Linux ('R', 'S', 'Z', ...); '' elsewhere."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            return f.read().rsplit(b")", 1)[1].split()[0].decode()
    except (OSError, IndexError):
        return ""


@contextlib.contextmanager
def dask_client(scheduler: str | None, jobs: int) -> Iterator[Any]:
    """A client of the scheduler at `scheduler` (``tcp://host:8786``), or of a local cluster of
    `jobs` single-threaded worker processes started for the run and closed after it."""
    try:
        from distributed import Client, LocalCluster
    except ImportError as error:  # pragma: no cover - depends on the install
        raise AlignerError(
            "the dask engine needs the 'scale' extra: pip install 'aligner-enzh[scale]'"
        ) from error
    if scheduler:
        try:
            client = Client(scheduler, timeout="10s")
        except OSError as error:  # includes TimeoutError
            raise AlignerError(f"cannot reach the Dask scheduler ({error})",
                               path=scheduler) from error
        with client:
            yield client
        return
    cluster = LocalCluster(n_workers=jobs, threads_per_worker=1, processes=True,
                           dashboard_address=":0", silence_logs=40)
    with cluster, Client(cluster) as client:
        yield client


def map_batches(
    items: Iterable[Item],
    task: Callable[..., R],
    *args: Any,
    engine: str = "local",
    jobs: int = 1,
    scheduler: str | None = None,
    batch_size: int | None = None,
    client: Any = None,
) -> Iterator[tuple[Batch, R]]:
    """`task(batch, *args)` for each batch of `items`, run by `engine`; results in order.

    ``engine="local"`` with one job runs in this process (no pool to start, easiest to debug
    and profile). `client` lets a caller (a notebook, the tests) reuse a `distributed.Client`.
    The task and its arguments must pickle; each worker builds costly state (dictionary,
    jieba, the glossary's matcher) once, lazily, and keeps it for every later batch.
    """
    if engine not in ENGINES:
        raise AlignerError(f"unknown engine {engine!r} (choose from {', '.join(ENGINES)})")
    if jobs < 0:
        raise AlignerError(f"--jobs must be 0 (all CPUs) or more, not {jobs}")
    jobs = jobs or os.cpu_count() or 1
    size = batch_size or DEFAULT_BATCH_SIZE[engine]
    work = batches(items, size)
    if engine == "local" and jobs == 1:
        return ordered_window(work, lambda batch: _Done(task(batch, *args)), window=1)
    return _pooled(work, task, args, engine, jobs, scheduler, client)


def _pooled(
    work: Iterator[Batch], task: Callable[..., R], args: tuple[Any, ...], engine: str,
    jobs: int, scheduler: str | None, client: Any,
) -> Iterator[tuple[Batch, R]]:
    if engine == "local":
        try:
            with local_pool(jobs) as pool:
                yield from ordered_window(work, lambda b: pool.submit(task, b, *args), 2 * jobs)
        except BrokenProcessPool as error:
            raise RunAborted(f"a worker process died ({error}); out of memory? Every record "
                             "written before it is whole") from None
        return
    with contextlib.ExitStack() as stack:
        if client is None:
            client = stack.enter_context(dask_client(scheduler, jobs))
        from distributed import KilledWorker  # after dask_client: it says which extra is missing

        workers = len(client.scheduler_info().get("workers", {})) or jobs
        try:
            yield from ordered_window(
                work, lambda b: client.submit(task, b, *args, pure=False), 2 * workers
            )
        except KilledWorker as error:
            raise RunAborted(f"Dask workers died running a batch ({error}); see the worker "
                             "logs (out of memory, or aligner not installed there?)") from None


def run_records(
    items: Iterable[Item],
    options: ProcessOptions | None = None,
    *,
    jobs: int = 1,
    engine: str = "local",
    scheduler: str | None = None,
    batch_size: int | None = None,
    client: Any = None,
) -> Generator[RecordResult, None, None]:
    """Process a stream of records with the chosen engine; `RecordResult`s in input order.

    ``jobs=0`` means one worker per CPU. In this process records are processed one by one;
    elsewhere they travel in batches and come back packed (see `record.pack`). Workers start
    fresh (fork server), so a script that calls this with ``jobs > 1`` needs the usual
    ``if __name__ == "__main__":`` guard; notebooks and the CLI need nothing.
    """
    options = options or ProcessOptions()
    if engine == "local" and jobs == 1:
        return (process(item, options, index) for index, item in enumerate(items))
    mapped = map_batches(items, process_batch, options, engine=engine, jobs=jobs,
                         scheduler=scheduler, batch_size=batch_size, client=client)
    return (
        unpack(index, item, packed)
        for batch, results in mapped
        for (index, item), packed in zip(batch, results, strict=True)
    )
