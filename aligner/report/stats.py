"""What a writer wrote, so the CLI can say e.g. how many unpaired links TMX left out."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(slots=True)
class WriteStats:
    documents: int = 0
    links: int = 0
    skipped: int = 0  # links left out by the format (TMX: 1-0 / 0-1 links)
