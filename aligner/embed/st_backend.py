"""A local sentence-transformers model (LaBSE on disk, a GPU box) plugged in by path.

sentence-transformers and torch are not dependencies of `aligner`: they are imported only when
this backend is asked for, and their absence is a one-line `InputError`, not a traceback.
Loading is offline by construction: the path must be a model directory already on disk.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from aligner.embed.base import normalise
from aligner.model import InputError


class SentenceTransformerEncoder:
    def __init__(self, path: str, *, batch_size: int = 32) -> None:
        model_dir = Path(path).expanduser()
        if not model_dir.is_dir():
            raise InputError("no such model directory (give a local sentence-transformers "
                             "model; nothing is downloaded)", path=path)
        self.path = model_dir
        self.batch_size = batch_size
        self.name = f"st:{model_dir.name}:{_fingerprint(model_dir)}"
        self._model = None
        self.dim = self._load().get_sentence_embedding_dimension() or 0

    def _load(self):
        if self._model is None:
            try:
                from sentence_transformers import SentenceTransformer
            except ImportError as error:
                raise InputError(
                    "sentence-transformers is not installed: pip install sentence-transformers",
                    path=str(self.path),
                ) from error
            try:
                self._model = SentenceTransformer(str(self.path), local_files_only=True)
            except Exception as error:  # the library raises many types for a bad directory
                raise InputError(f"cannot load model: {error}".splitlines()[0],
                                 path=str(self.path)) from error
        return self._model

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        texts = list(texts)
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        vectors = self._load().encode(
            texts, batch_size=self.batch_size, show_progress_bar=False,
            convert_to_numpy=True, normalize_embeddings=True,
        )
        return normalise(vectors)


def _fingerprint(model_dir: Path) -> str:
    """Short hash of the weight files' names, sizes and mtimes: a retrained model in the same
    directory gets a new cache key without hashing gigabytes."""
    h = hashlib.sha256()
    for f in sorted(model_dir.rglob("*")):
        if f.is_file() and f.suffix in {".bin", ".safetensors", ".json", ".onnx"}:
            st = f.stat()
            h.update(f"{f.relative_to(model_dir)}:{st.st_size}:{int(st.st_mtime)}".encode())
    return h.hexdigest()[:12]
