"""Readers: files on disk -> `Document`s.

- `read_path(path)`: one record (a seed-format `.txt`, or a corpus file holding one record).
- `read_pair(en, zh, presplit=False)`: a record given as two files, one per language.
- `iter_documents(paths, exclude=())`: anything (records, corpora, directories, recursively, in
  sorted order, minus the `exclude` globs; `-` is standard input), lazily, yielding
  `Document | InputError` so one bad record never stops a corpus run. This is the one directory
  walker: every command reads its inputs through it.

Formats are chosen by file name: `*.jsonl`, `*.tsv`, `*.csv` (each optionally `.gz`) are
corpora, `*.tmx` translation memories and `*.xlf`/`*.xliff` CAT exchange files (see
`aligner.read.cat`); any other file is a seed-format record (see `aligner.read.seed`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from fnmatch import fnmatchcase
from pathlib import Path, PurePosixPath

from aligner.model import Document, InputError
from aligner.read.cat import iter_tmx, iter_xliff
from aligner.read.corpus import iter_csv, iter_jsonl, iter_tsv
from aligner.read.pair import read_pair
from aligner.read.seed import parse_seed
from aligner.read.stdin import STDIN, is_stdin, iter_stdin
from aligner.read.textfile import read_bytes, read_text

__all__ = [
    "CORPUS_SUFFIXES",
    "excluded",
    "iter_documents",
    "read_pair",
    "read_path",
    "read_seed",
]

CORPUS_SUFFIXES = {".jsonl": iter_jsonl, ".jsonl.gz": iter_jsonl, ".tsv": iter_tsv,
                   ".tsv.gz": iter_tsv, ".csv": iter_csv, ".csv.gz": iter_csv,
                   ".tmx": iter_tmx, ".xlf": iter_xliff, ".xliff": iter_xliff}
# what a directory walk picks up (a plain `.gz` or a `.md` next to the records is not a record)
RECORD_SUFFIXES = (".txt", *CORPUS_SUFFIXES)


def _corpus_reader(path: Path):  # noqa: ANN202 - returns one of the iter_* functions
    name = path.name.lower()
    for suffix, reader in CORPUS_SUFFIXES.items():
        if name.endswith(suffix):
            return reader
    return None


def read_seed(path: str | Path) -> Document:
    """One seed-format record; its id is the file stem (`000_c7586fac1e89b2ba`)."""
    return parse_seed(read_text(path), id=Path(path).stem, source=str(path))


def read_path(path: str | Path) -> Document:
    """Exactly one record from `path`; raises InputError on any problem."""
    p = Path(path)
    if p.is_dir():
        raise InputError("is a directory; use iter_documents to read every record in it",
                         path=str(path))
    reader = _corpus_reader(p)
    if reader is None:
        return read_seed(path)
    items = reader(p)
    first = next(items, None)
    if isinstance(first, InputError):
        raise first
    if first is None:  # pragma: no cover - _lines always yields a record or an error
        raise InputError("no records", path=str(path))
    if next(items, None) is not None:
        raise InputError("holds more than one record; use iter_documents to read a corpus",
                         path=str(path))
    return first


def excluded(relative: str, patterns: Iterable[str]) -> bool:
    """Whether a path (relative to the directory walked, `/`-separated) matches an --exclude
    glob: the whole path (`drafts/*.txt`), any folder or file name in it (`drafts`, `*.bak.txt`),
    or any leading part of it (`drafts/old`). `*` does not stop at `/` (fnmatch semantics)."""
    parts = PurePosixPath(relative).parts
    prefixes = ["/".join(parts[: i + 1]) for i in range(len(parts))]
    return any(fnmatchcase(candidate, pattern)
               for pattern in patterns for candidate in (*parts, *prefixes))


def _walk(directory: Path, exclude: Iterable[str] = ()) -> Iterator[Path]:
    """Record files under `directory`, recursively, sorted, hidden files and folders and
    `exclude` globs skipped."""
    patterns = [p.rstrip("/") for p in exclude]
    found = [
        p
        for p in directory.rglob("*")
        if p.is_file()
        and p.name.lower().endswith(RECORD_SUFFIXES)
        and not any(part.startswith(".") for part in p.relative_to(directory).parts)
        and not excluded(p.relative_to(directory).as_posix(), patterns)
    ]
    yield from sorted(found, key=lambda p: p.relative_to(directory).as_posix())


def _iter_file(path: Path) -> Iterator[Document | InputError]:
    reader = _corpus_reader(path)
    if reader is not None:
        yield from reader(path)
        return
    try:
        yield read_seed(path)
    except InputError as error:
        yield error


def iter_documents(
    paths: Iterable[str | Path], exclude: Iterable[str] = ()
) -> Iterator[Document | InputError]:
    """Every record in `paths`, one at a time; problems are yielded, never raised.

    `-` is standard input (a seed record, or a JSONL/TSV corpus, told apart by content).
    `exclude` globs leave files out of a directory walk (see `excluded`); a file named
    explicitly is always read.
    """
    exclude = list(exclude)
    for path in paths:
        if is_stdin(path):
            yield from iter_stdin(_iter_file, lambda: read_bytes(STDIN))
            continue
        p = Path(path)
        if p.is_dir():
            empty = True
            for file in _walk(p, exclude):
                empty = False
                yield from _iter_file(file)
            if empty:
                yield InputError(
                    "directory holds no records (*.txt, *.jsonl[.gz], *.tsv, *.csv, *.tmx, *.xlf)"
                    + (" outside --exclude" if exclude else ""), path=str(path)
                )
        elif not p.exists():
            yield InputError("no such file or directory", path=str(path))
        else:
            yield from _iter_file(p)
