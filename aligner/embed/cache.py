"""On-disk embedding cache: vectors keyed by (encoder name, hash of the text), in one SQLite file.

Embedding is the whole cost of semantic alignment (the DP takes seconds where the encoder takes
minutes), so a rerun over unchanged text must not embed again. SQLite gives atomic batches
(an interrupted run keeps what it finished), safe concurrent readers and writers across
processes (WAL), and one file to delete. Vectors are stored as raw float32 bytes.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import sys
import warnings
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from aligner.cachedir import cache_dir
from aligner.embed.base import Encoder

_LOOKUP_CHUNK = 500  # SQLite's default limit on bound parameters is 999


def text_key(text: str) -> bytes:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).digest()


NORM_TOLERANCE = 1e-3  # encoders return L2-normalised vectors (see embed/base.py)


def valid_vector(blob: bytes, dim: int) -> np.ndarray | None:
    """The stored vector if it can be the encoder's output: `dim` float32 values, all finite,
    unit norm. A corrupted or planted row (a flipped byte, NaN, a wrong size, zeros) would
    otherwise give wrong link scores silently; None makes the caller embed the text again."""
    if not isinstance(blob, bytes) or len(blob) != 4 * dim:
        return None  # also a row from a differently sized model
    vec = np.frombuffer(blob, dtype=np.float32)
    if not np.isfinite(vec).all():
        return None
    if abs(float(np.linalg.norm(vec.astype(np.float64))) - 1.0) > NORM_TOLERANCE:
        return None
    return vec


class EmbeddingStore:
    """A (model, text hash) -> vector table. Opened lazily; unusable storage disables itself
    with one warning rather than failing the alignment."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or cache_dir() / "embeddings.sqlite"
        self._db: sqlite3.Connection | None = None
        self._pid = os.getpid()
        self.disabled = False
        self.rejected = 0  # stored vectors that failed `valid_vector`, re-embedded
        self._warned = False

    def _conn(self) -> sqlite3.Connection | None:
        if self._db is not None and self._pid != os.getpid():
            self._db = None  # a connection must not cross a fork: open our own
        if self._db is None and not self.disabled:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                db = sqlite3.connect(self.path, timeout=60)
                db.execute("PRAGMA journal_mode=WAL")
                db.execute(
                    "CREATE TABLE IF NOT EXISTS vectors (model TEXT NOT NULL, key BLOB NOT NULL,"
                    " vec BLOB NOT NULL, PRIMARY KEY (model, key)) WITHOUT ROWID"
                )
                db.commit()
                self._db = db
                self._pid = os.getpid()
            except (OSError, sqlite3.Error) as error:
                warnings.warn(f"{self.path}: embedding cache disabled ({error})", stacklevel=2)
                self.disabled = True
        return self._db

    def get(self, model: str, keys: Sequence[bytes], dim: int) -> dict[bytes, np.ndarray]:
        db = self._conn()
        found: dict[bytes, np.ndarray] = {}
        if db is None:
            return found
        unique = list(dict.fromkeys(keys))
        for start in range(0, len(unique), _LOOKUP_CHUNK):
            chunk = unique[start : start + _LOOKUP_CHUNK]
            marks = ",".join("?" * len(chunk))
            rows = db.execute(
                f"SELECT key, vec FROM vectors WHERE model = ? AND key IN ({marks})",
                [model, *chunk],
            )
            for key, blob in rows:
                vec = valid_vector(blob, dim)
                if vec is None:
                    self.rejected += 1
                else:
                    found[key] = vec
        if self.rejected and not self._warned:
            self._warned = True
            warnings.warn(f"{self.path}: {self.rejected} cached embedding(s) failed the check "
                          "(size, finite values, unit norm) and are embedded again", stacklevel=2)
        return found

    def put(self, model: str, items: Sequence[tuple[bytes, np.ndarray]]) -> None:
        db = self._conn()
        if db is None or not items:
            return
        try:
            with db:
                db.executemany(
                    "INSERT OR REPLACE INTO vectors (model, key, vec) VALUES (?, ?, ?)",
                    [(model, key, np.asarray(v, dtype=np.float32).tobytes()) for key, v in items],
                )
        except sqlite3.Error as error:
            warnings.warn(f"{self.path}: could not write embeddings ({error})", stacklevel=2)

    def count(self, model: str | None = None) -> int:
        db = self._conn()
        if db is None:
            return 0
        if model is None:
            return db.execute("SELECT COUNT(*) FROM vectors").fetchone()[0]
        return db.execute("SELECT COUNT(*) FROM vectors WHERE model = ?", (model,)).fetchone()[0]


class CachedEncoder:
    """Wraps an encoder: looks every text up first, embeds only the misses (deduplicated,
    longest first so batches hold similar lengths), in batches, with a progress bar on a
    terminal, writing each batch as soon as it is done."""

    def __init__(
        self,
        inner: Encoder,
        store: EmbeddingStore | None = None,
        *,
        batch_size: int = 64,
        progress: bool | None = None,
    ) -> None:
        self.inner = inner
        self.store = store or EmbeddingStore()
        self.batch_size = batch_size
        self.progress = progress
        self.hits = 0
        self.misses = 0

    @property
    def name(self) -> str:
        return self.inner.name

    @property
    def dim(self) -> int:
        return self.inner.dim

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        texts = list(texts)
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        if not texts:
            return out
        keys = [text_key(t) for t in texts]
        found = self.store.get(self.name, keys, self.dim)
        missing: dict[bytes, str] = {}
        for key, text in zip(keys, texts, strict=True):
            if key not in found:
                missing.setdefault(key, text)
        self.hits += len(texts) - sum(1 for k in keys if k not in found)
        self.misses += len(missing)
        if missing:
            found.update(self._embed(missing))
        for row, key in enumerate(keys):
            out[row] = found[key]
        return out

    def _embed(self, missing: dict[bytes, str]) -> dict[bytes, np.ndarray]:
        from tqdm import tqdm

        order = sorted(missing, key=lambda k: len(missing[k]), reverse=True)
        disable = (not sys.stderr.isatty()) if self.progress is None else not self.progress
        done: dict[bytes, np.ndarray] = {}
        with tqdm(total=len(order), desc="embedding", unit="sent", disable=disable,
                  leave=False) as bar:
            for start in range(0, len(order), self.batch_size):
                batch = order[start : start + self.batch_size]
                vectors = self.inner.encode([missing[k] for k in batch])
                items = list(zip(batch, vectors, strict=True))
                self.store.put(self.name, items)
                done.update(items)
                bar.update(len(batch))
        return done
