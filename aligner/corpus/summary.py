"""The counts of a corpus run, mergeable so that parts processed elsewhere add up."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from aligner.corpus.record import RecordResult


@dataclass(slots=True)
class RunSummary:
    """Counts of a run; `processed == aligned + failed` always (nothing is dropped)."""

    processed: int = 0
    aligned: int = 0
    failed: int = 0
    links: int = 0
    kinds: Counter[str] = field(default_factory=Counter)
    terms: Counter[str] = field(default_factory=Counter)
    warnings: int = 0
    not_written: int = 0  # links the format leaves out (TMX: 1-0 / 0-1), still counted here
    seconds: float = 0.0
    errors_path: str | None = None

    @property
    def rate(self) -> float:
        return self.processed / self.seconds if self.seconds > 0 else 0.0

    def add(self, result: RecordResult) -> None:
        self.processed += 1
        self.warnings += len(result.warnings)
        if result.alignment is None:
            self.failed += 1
            return
        self.aligned += 1
        self.links += len(result.alignment.links)
        self.kinds.update(link.kind for link in result.alignment.links)
        self.terms.update(result.terms)

    def merge(self, other: RunSummary) -> None:
        """Add the counts of a part processed elsewhere (a worker writing its own file)."""
        self.processed += other.processed
        self.aligned += other.aligned
        self.failed += other.failed
        self.links += other.links
        self.kinds.update(other.kinds)
        self.terms.update(other.terms)
        self.warnings += other.warnings
        self.not_written += other.not_written

    def wrote(self, stats: Any) -> None:
        """Take note of what the writer left out (its `WriteStats.skipped`), so that it is said."""
        self.not_written += getattr(stats, "skipped", 0) or 0

    def as_dict(self) -> dict[str, Any]:
        return {
            "processed": self.processed, "aligned": self.aligned, "failed": self.failed,
            "links": self.links, "link_kinds": dict(sorted(self.kinds.items())),
            "terms": dict(sorted(self.terms.items())), "warnings": self.warnings,
            "links_not_written": self.not_written,
            "seconds": round(self.seconds, 3), "records_per_second": round(self.rate, 1),
            "errors_file": self.errors_path,
        }

    def text(self) -> str:
        """The one-paragraph summary printed at the end of a run."""
        parts = [
            f"{self.processed} records processed: {self.aligned} aligned, {self.failed} failed",
            f"{self.links} links ({', '.join(f'{k} {n}' for k, n in sorted(self.kinds.items()))})"
            if self.links else "0 links",
        ]
        if self.not_written:
            parts.append(f"{self.not_written} one-sided links not written by the format")
        if self.terms:
            total = sum(self.terms.values())
            ok = self.terms.get("ok", 0)
            parts.append(f"terms {ok}/{total} approved ({100 * ok / total:.1f}%)")
        parts.append(f"{self.seconds:.1f} s, {self.rate:.0f} records/s")
        if self.failed and self.errors_path:
            parts.append(f"errors in {self.errors_path}")
        return "; ".join(parts)
