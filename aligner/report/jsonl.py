"""One JSON object per link (`Alignment.to_records` schema), UTF-8 kept readable."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TextIO

from aligner.model import Alignment
from aligner.report.stats import WriteStats


def write_jsonl(alignments: Iterable[Alignment], stream: TextIO) -> WriteStats:
    stats = WriteStats()
    for alignment in alignments:
        stats.documents += 1
        for record in alignment.to_records():
            stream.write(json.dumps(record, ensure_ascii=False) + "\n")
            stats.links += 1
    return stats
