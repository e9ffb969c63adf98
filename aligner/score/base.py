"""The one small contract every scorer follows (modelled on sacrebleu's `metrics/base.py`).

A scorer is built once (compiling whatever is costly: a glossary matcher, sacrebleu metric
objects), then applied to any number of alignments. Every result carries a `signature`: a string
saying how it was computed (scorer, settings, package version), so a number can be reproduced or
compared with another only when their signatures agree.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from aligner.model import Alignment

R = TypeVar("R")


@dataclass(frozen=True, slots=True)
class Signature:
    """`name` plus ordered settings, printed sacrebleu-style: `terms|n:28|version:0.1.0`."""

    name: str
    settings: tuple[tuple[str, Any], ...] = field(default_factory=tuple)

    def __str__(self) -> str:
        return "|".join([self.name, *(f"{k}:{v}" for k, v in self.settings)])


class Scorer(ABC, Generic[R]):
    """Build once, score many: `score(alignment)` per document, `score_corpus` over many."""

    name: str = "scorer"

    @abstractmethod
    def signature(self) -> Signature:
        """How this scorer computes (settings that change the numbers)."""

    @abstractmethod
    def score(self, alignment: Alignment) -> R:
        """Score one aligned document."""

    def score_corpus(self, alignments: Iterable[Alignment]) -> list[R]:
        return [self.score(a) for a in alignments]


def package_version() -> str:
    from aligner.version import __version__

    return __version__
