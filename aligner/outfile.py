"""Every file aligner writes appears under its final name only when it is complete.

Why one helper: a publisher's pipeline or a CI job is cancelled (SIGTERM), runs out of disk or
loses a worker; a writer that opens its final name at once leaves a 0-byte or cut file there
and destroys the previous good one (an approved baseline). Here an output is written to a
temporary file in the same directory (so the rename is atomic on the same file system), synced,
and renamed into place on success. On failure the temporary file is removed, or, for a stream
of whole records interrupted by the user (Ctrl-C, SIGTERM, SIGHUP), kept as ``NAME.partial``
(the finished records, under a name no one mistakes for the real output); one line on stderr
says which. A SIGKILL leaves only a hidden ``.NAME.*.tmp`` and the previous output untouched.

`refuse_overwriting_inputs` is the other half of "an input is never overwritten": it runs
before anything is opened, so `align in.jsonl -o in.jsonl` cannot truncate its input.

Bottom layer: imports only `aligner.model`, so every writer and the CLI can use it.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import sys
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from aligner.model import AlignerError, one_line

PARTIAL_SUFFIX = ".partial"


class RunAborted(AlignerError):
    """The run cannot go on (a worker process died), but every record written so far is
    whole: an output opened with `keep_partial` is kept as ``NAME.partial``."""

    keeps_partial = True


class Interrupted(KeyboardInterrupt):
    """SIGTERM or SIGHUP, raised where Ctrl-C's KeyboardInterrupt would be, so a cancelled
    run cleans up exactly like an interrupted one (outputs, worker pool)."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum


def _say(message: str) -> None:
    with contextlib.suppress(OSError, ValueError):
        print(f"aligner: {one_line(message)}", file=sys.stderr)


def write_error(error: OSError, what: str, path: str) -> AlignerError:
    """A failed write as one line (exit 2); a full disk is named as such."""
    reason = "disk full" if error.errno == errno.ENOSPC else (error.strerror or str(error))
    return AlignerError(f"cannot write {what} ({reason})", path=path)


@contextlib.contextmanager
def atomic_output(
    path: str | os.PathLike[str], what: str = "output", *, binary: bool = False,
    keep_partial: bool = False, append: bool = False,
) -> Iterator[IO[Any]]:
    """A stream whose content becomes `path` only if the block completes.

    `keep_partial`: on an interruption (KeyboardInterrupt, SIGTERM/SIGHUP) keep what was
    written as ``path.partial`` (for streams of whole records: JSONL/TSV lines, Parquet row
    groups); otherwise, and always on an error such as a full disk, nothing is kept.
    `append`: the new content follows the existing file's (GitHub's step summary).
    An OSError is raised as a one-line `AlignerError` (exit 2).
    """
    final = Path(path)
    target = str(final)
    if _special(final):
        yield from _direct(final, what, binary=binary, append=append)
        return
    try:
        fd, temporary = tempfile.mkstemp(prefix=f".{final.name}.", suffix=".tmp",
                                         dir=str(final.parent) or ".")
    except OSError as error:
        raise write_error(error, what, target) from None
    done = False
    try:
        with contextlib.suppress(OSError):
            os.chmod(temporary, _mode_for(final))
        stream: IO[Any] = (os.fdopen(fd, "wb") if binary
                           else os.fdopen(fd, "w", encoding="utf-8", newline="\n"))
        with stream:
            if append:
                with contextlib.suppress(FileNotFoundError), open(final, "rb") as old:
                    raw = stream if binary else stream.buffer  # type: ignore[attr-defined]
                    raw.write(old.read())
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, final)
        done = True
    except OSError as error:
        raise write_error(error, what, target) from None
    except BaseException as error:
        if not (isinstance(error, KeyboardInterrupt) or getattr(error, "keeps_partial", False)):
            raise  # a bad input or a bug: nothing half-written is kept
        partial = target + PARTIAL_SUFFIX
        done = keep_partial and _nonempty(temporary) and _rename(temporary, partial)
        cause = "interrupted" if isinstance(error, KeyboardInterrupt) else "run aborted"
        _say(f"{cause}: {target} not written; the records finished so far are in {partial}"
             if done else f"{cause}: {target} not written (no partial file kept)")
        raise
    finally:
        if not done:
            with contextlib.suppress(OSError):
                os.unlink(temporary)


def _mode_for(final: Path) -> int:
    """The permissions `open(final, "w")` would give: the replaced file's, or 0o666 less the
    umask for a new one (mkstemp's 0o600 would hide a new output from the group)."""
    try:
        return final.stat().st_mode & 0o777
    except OSError:
        pass
    umask = 0o022
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                umask = int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    return 0o666 & ~umask


def _rename(source: str, target: str) -> bool:
    try:
        os.replace(source, target)
    except OSError:
        return False
    return True


def _nonempty(path: str) -> bool:
    try:
        return os.path.getsize(path) > 0
    except OSError:
        return False


def _special(path: Path) -> bool:
    """A device or a pipe (/dev/stdout, /dev/full, `>(gzip > x)`): nothing to rename."""
    try:
        return not stat.S_ISREG(path.stat().st_mode)
    except OSError:
        return False


def _direct(path: Path, what: str, *, binary: bool, append: bool) -> Iterator[IO[Any]]:
    mode = ("a" if append else "w") + ("b" if binary else "")
    try:
        with (open(path, mode) if binary
              else open(path, mode, encoding="utf-8", newline="\n")) as stream:
            yield stream
    except OSError as error:
        raise write_error(error, what, str(path)) from None


def write_atomic(path: str | os.PathLike[str], text: str, what: str = "output", *,
                 append: bool = False) -> None:
    """`text` written to `path` atomically (see `atomic_output`)."""
    with atomic_output(path, what, append=append) as stream:
        stream.write(text)


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        st = path.stat()  # follows symlinks: a link to an input is the input
    except OSError:
        return None
    return st.st_dev, st.st_ino


def refuse_overwriting_inputs(
    outputs: Iterable[tuple[str, str | None]], inputs: Iterable[str | None],
    read_suffixes: tuple[str, ...] = (),
) -> None:
    """One-line error (exit 2) when an output (`(option, path)`) is an input, the same file
    through a symlink or a hard link, or lies inside an input directory where the walker would
    read it back (its name ends with one of `read_suffixes`, or it is a directory of part
    files). Runs before anything is opened or written."""
    sources = [Path(p) for p in inputs if p and p != "-"]
    for option, out in outputs:
        if not out or out == "-" or _special(Path(out)):
            continue
        target = Path(out)
        out_id = _identity(target)
        resolved = target.resolve()
        for source in sources:
            same = out_id is not None and out_id == _identity(source)
            readable = (out.endswith(("/", os.sep)) or target.is_dir()
                        or target.name.lower().endswith(read_suffixes))
            inside = (readable and source.is_dir()
                      and resolved.is_relative_to(source.resolve())
                      and not any(part.startswith(".") for part in
                                  resolved.relative_to(source.resolve()).parts))
            if same or (not source.is_dir() and resolved == source.resolve()):
                raise AlignerError(f"{option} is the input {source} (the same file): refusing to "
                                   "overwrite an input; choose another output name", path=out)
            if inside:
                raise AlignerError(f"{option} is inside the input directory {source}, which is "
                                   "read recursively: the run would read its own output; write "
                                   "it elsewhere", path=out)
