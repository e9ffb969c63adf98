"""Many documents' links as one pandas DataFrame (one row per link)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from aligner.model import LINK_COLUMNS, Alignment

if TYPE_CHECKING:
    import pandas as pd

COLUMNS = list(LINK_COLUMNS)


def to_dataframe(alignments: Iterable[Alignment]) -> pd.DataFrame:
    """Rows are built first and the frame once: concatenating a frame per document is
    quadratic over a corpus."""
    import pandas as pd  # lazy: ~0.5 s import

    rows = [row for alignment in alignments for row in alignment.link_rows()]
    return pd.DataFrame(rows, columns=COLUMNS)
