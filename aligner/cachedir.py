"""The one directory where aligner keeps what it computes once and reuses across runs: the
CC-CEDICT index, sentence embeddings, a native encoder build.

One function for all of them, so the same variable moves (or a test isolates) every cache.
"""

from __future__ import annotations

import os
from pathlib import Path

# both names are documented; the first one set wins
CACHE_VARIABLES = ("ALIGNER_CACHE", "ALIGNER_CACHE_DIR")


def cache_dir() -> Path:
    """``$ALIGNER_CACHE`` or ``$ALIGNER_CACHE_DIR``, else ``$XDG_CACHE_HOME/aligner``, else
    ``~/.cache/aligner``."""
    for var in CACHE_VARIABLES:
        if os.environ.get(var):
            return Path(os.environ[var]).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "aligner"
