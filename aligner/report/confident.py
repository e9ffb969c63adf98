"""`--min-score`: keep only confident links in an export (a corpus builder's first filter).

Each alignment is passed on with its links below the threshold left out. Sentence indices
(`en`, `zh`) are the original ones, so every kept link is still identified; only the running
`link` number of the writers counts kept links. The result is for export only: it no longer
covers every sentence, so it is never fed back to a scorer.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from aligner.model import Alignment


@dataclass(slots=True)
class Dropped:
    links: int = 0


def confident(alignments: Iterable[Alignment], min_score: float,
              dropped: Dropped | None = None) -> Iterator[Alignment]:
    for alignment in alignments:
        kept = [link for link in alignment.links if link.score >= min_score]
        if dropped is not None:
            dropped.links += len(alignment.links) - len(kept)
        if len(kept) == len(alignment.links):
            yield alignment
            continue
        yield Alignment(doc=alignment.doc, en=alignment.en, zh=alignment.zh, links=kept,
                        method=alignment.method)


def filtering(writer: Callable[..., Any], min_score: float | None,
              dropped: Dropped) -> Callable[..., Any]:
    """`writer` that sees only links scoring at least `min_score` (unchanged for None)."""
    if min_score is None:
        return writer

    def write(alignments: Iterable[Alignment], stream: Any) -> Any:
        return writer(confident(alignments, min_score, dropped), stream)

    return write
