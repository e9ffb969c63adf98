"""A per-record time budget in corpus mode: a record that runs too long fails alone.

Why: one pathological record (a pattern some rule handles in super-linear time, a record far
larger than any other) must not stall a run of a million records, least of all a `--jobs` run
where the pool waits for it forever. After `record_seconds()` the record is abandoned with a
one-line error and goes to the errors file like any failed record; the run goes on.

Uses SIGALRM, so it applies where records run on a process's main thread (the serial runner
and the local pool's workers); Dask runs tasks on threads, where Dask's own timeouts apply.
"""

from __future__ import annotations

import contextlib
import os
import signal
import threading
from collections.abc import Iterator

from aligner.model import AlignerError

RECORD_SECONDS_ENV = "ALIGNER_RECORD_SECONDS"
RECORD_SECONDS = 300.0  # a 4 MiB record aligns in well under a minute


class RecordTimeout(AlignerError):
    """The record used up its time budget."""


def record_seconds() -> float:
    """`ALIGNER_RECORD_SECONDS` (0 turns the budget off), else `RECORD_SECONDS`."""
    raw = os.environ.get(RECORD_SECONDS_ENV, "").strip()
    if not raw:
        return RECORD_SECONDS
    try:
        value = float(raw)
    except ValueError:
        value = -1.0
    if not 0 <= value < 10**9:
        raise AlignerError(f"must be a number of seconds (0: no limit), not {raw!r}",
                           path=f"${RECORD_SECONDS_ENV}")
    return value


@contextlib.contextmanager
def time_budget(seconds: float) -> Iterator[None]:
    """Raise `RecordTimeout` in the block once `seconds` have passed (0: never)."""
    if (not seconds or not hasattr(signal, "setitimer")
            or threading.current_thread() is not threading.main_thread()):
        yield
        return

    def expired(signum: int, frame: object) -> None:
        # Re-arm first: an exception raised while the interpreter runs a GC callback or a
        # __del__ is printed and dropped, and the record would run on unbounded. Firing again
        # until the exception reaches the record's code makes the budget hold.
        signal.setitimer(signal.ITIMER_REAL, 0.05)
        raise RecordTimeout(f"took over {seconds:g} s, the per-record time budget "
                            f"(${RECORD_SECONDS_ENV}); skipped")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
