"""Which records a baseline covers, remembered in the baseline itself.

`aligner snapshot translations/` records ``"inputs": ["translations"]`` (relative to the
baseline file), so `aligner check` and a re-snapshot need no paths: the pre-commit hook and a
CI step then check exactly the approved records, and never pick up `requirements.txt` or a
`README.txt` lying next to them.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from aligner.model import AlignerError


def relative_inputs(paths: Sequence[str], baseline_path: Path) -> list[str]:
    """`paths` as POSIX paths relative to the baseline's folder (absolute when on another
    drive), so the baseline means the same from any working directory."""
    base = baseline_path.resolve().parent
    out = []
    for path in paths:
        target = Path(path).resolve()
        try:
            out.append(Path(os.path.relpath(target, base)).as_posix())
        except ValueError:  # another drive on Windows
            out.append(target.as_posix())
    return out


def recorded_inputs(baseline: dict[str, Any], baseline_path: Path) -> list[str]:
    """The inputs a baseline was made from, as paths usable from the working directory."""
    inputs = baseline.get("inputs")
    if not inputs:
        raise AlignerError("the baseline records no inputs (made by an older aligner): name "
                           "the records to check, or re-run `aligner snapshot RECORD_OR_DIR`",
                           path=str(baseline_path))
    if not (isinstance(inputs, list) and all(isinstance(p, str) for p in inputs)):
        raise AlignerError("'inputs' must be a list of paths", path=str(baseline_path))
    base = baseline_path.parent
    return [str(base / p) if not Path(p).is_absolute() else p for p in inputs]
