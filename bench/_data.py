"""Where the bench scripts find the evaluation data, and how they skip without it.

The data lives outside the repository and is never copied into it: ``$ALIGNER_DATA``, else
``../shared/data`` next to the checkout. Every script skips with the same message and exit
status 0 when it is absent, so a fresh clone or CI without the data runs them harmlessly.
Scripts run as ``python bench/NAME.py``, which puts this folder on ``sys.path``.
"""

from __future__ import annotations

import os
from pathlib import Path


def data_dir() -> Path:
    env = os.environ.get("ALIGNER_DATA")
    return Path(env) if env else Path(__file__).resolve().parents[2] / "shared" / "data"


def missing(script: str, *needed: str) -> bool:
    """Whether the data folder, or any of the `needed` paths under it, is absent; says so (the
    caller then returns 0)."""
    root = data_dir()
    absent = [root] if not root.is_dir() else [root / n for n in needed if not (root / n).exists()]
    if absent:
        print(f"{script}: skipped: {absent[0]} not found (set ALIGNER_DATA)")
    return bool(absent)
