"""Progress of a corpus run: a tqdm bar on a terminal, sparse parseable lines otherwise.

A bar redrawn in a log file or a CI console is noise, and a silent hour-long job looks hung, so
when stderr is not a terminal we print one line every `interval` seconds in a fixed shape a
script can parse::

    progress: 12000 records, 1530/s, 3 failed, eta 41s
"""

from __future__ import annotations

import contextlib
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any


class Progress:
    """Counts records as they are written and shows the rate (and ETA when the total is known)."""

    def __init__(
        self,
        total: int | None = None,
        stream: IO[str] | None = None,
        *,
        enabled: bool = True,
        interval: float = 10.0,
        tty: bool | None = None,
    ):
        self.stream = stream or sys.stderr
        self.total = total
        self.enabled = enabled
        self.interval = interval
        self.count = 0
        self.failed = 0
        self.started = time.perf_counter()
        self._last_line = self.started
        self._bar: Any = None
        is_tty = tty if tty is not None else _isatty(self.stream)
        if enabled and is_tty:
            from tqdm import tqdm

            self._bar = tqdm(
                total=total, unit="rec", file=self.stream, smoothing=0.05, dynamic_ncols=True,
                mininterval=0.5,
            )

    def update(self, records: int = 1, failed: int = 0) -> None:
        self.count += records
        self.failed += failed
        if not self.enabled:
            return
        if self._bar is not None:
            self._bar.update(records)
            if failed:
                self._bar.set_postfix(failed=self.failed, refresh=False)
            return
        now = time.perf_counter()
        if now - self._last_line >= self.interval:
            self._last_line = now
            print(self.line(now), file=self.stream, flush=True)

    @property
    def elapsed(self) -> float:
        return time.perf_counter() - self.started

    def rate(self, now: float | None = None) -> float:
        seconds = (now or time.perf_counter()) - self.started
        return self.count / seconds if seconds > 0 else 0.0

    def line(self, now: float | None = None) -> str:
        rate = self.rate(now)
        text = f"progress: {self.count} records, {rate:.0f}/s, {self.failed} failed"
        if self.total and rate > 0:
            text += f", eta {max(0.0, (self.total - self.count) / rate):.0f}s"
        return text

    @contextlib.contextmanager
    def paused(self) -> Iterator[None]:
        """Clear the bar while something else prints to the terminal, then redraw it below, so
        an error line never lands in the middle of the bar."""
        if self._bar is None:
            yield
            return
        from tqdm import tqdm

        with tqdm.external_write_mode(file=self.stream):
            yield

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
            self._bar = None


def _isatty(stream: IO[str]) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def count_records(paths: list[str], limit_bytes: int = 2_000_000_000) -> int | None:
    """The number of records in `paths` when it is cheap to know, for the ETA; else None.

    Counted only for plain JSONL/TSV corpora (newlines, read in 1 MiB blocks: ~1 s per GB),
    never for gzip or directories, whose count costs as much as reading them. An estimate: a
    TSV header or a blank line counts as one record.
    """
    total = 0
    for name in paths:
        path = Path(name)
        lowered = path.name.lower()
        if not lowered.endswith((".jsonl", ".tsv")) or not path.is_file():
            return None
        if path.stat().st_size > limit_bytes:
            return None
        with path.open("rb") as f:
            last = b"\n"
            while block := f.read(1 << 20):
                total += block.count(b"\n")
                last = block[-1:]
            total += last != b"\n"
    return total or None
