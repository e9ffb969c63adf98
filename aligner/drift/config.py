"""Drift thresholds: defaults, then `[tool.aligner.check]` in the user's pyproject, then flags.

The defaults are strict (any real change fails) because a baseline is an *approved* state:
loosening is a deliberate project decision written down in pyproject.toml, where reviewers
see it.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from aligner.config import find_pyproject, read_tool_table
from aligner.model import AlignerError


@dataclass(frozen=True, slots=True)
class Thresholds:
    """What a document may change before `aligner check` fails it (all limits per document).

    A changed link whose chrF against the approved Chinese is at least `min_chrf` counts as
    cosmetic (chrF ignores whitespace, so 100 means "only spacing changed") and is reported but
    not counted against `max_changed_links`.
    """

    min_chrf: float = 100.0
    max_changed_links: int = 0
    max_new_term_errors: int = 0
    max_new_findings: int = 0
    max_confidence_drop: float = 0.05
    allow_added_documents: bool = False
    allow_removed_documents: bool = False
    glossary: str | None = None

    def with_overrides(self, **values: Any) -> Thresholds:
        """Flags win over the file; `None` means the flag was not given."""
        return replace(self, **{k: v for k, v in values.items() if v is not None})


_TYPES: dict[str, tuple[type, ...]] = {
    "min_chrf": (int, float),
    "max_changed_links": (int,),
    "max_new_term_errors": (int,),
    "max_new_findings": (int,),
    "max_confidence_drop": (int, float),
    "allow_added_documents": (bool,),
    "allow_removed_documents": (bool,),
    "glossary": (str,),
}
_TYPE_NAMES = {int: "an integer", float: "a number", bool: "true or false", str: "a string"}


def load_thresholds(config: str | Path | None = None) -> Thresholds:
    """Thresholds from `config` (or the nearest pyproject.toml); defaults when there is none.

    The file is read by `aligner.config.read_tool_table`, the one reader of `[tool.aligner]`.
    A `glossary` given in the file is resolved relative to the file, so the check behaves the
    same from any working directory.
    """
    path = Path(config) if config is not None else find_pyproject()
    if path is None:
        return Thresholds()
    where = str(path)
    table = read_tool_table(path).get("check", {})
    if not isinstance(table, dict):
        raise AlignerError("[tool.aligner.check] must be a table", path=where)
    values = validate_table(table, where)
    if "glossary" in values:
        values["glossary"] = str((path.parent / values["glossary"]).resolve())
    return Thresholds(**values)


def validate_table(table: dict[str, Any], where: str) -> dict[str, Any]:
    known = {f.name for f in fields(Thresholds)}
    values: dict[str, Any] = {}
    for key, value in table.items():
        if key not in known:
            raise AlignerError(
                f"[tool.aligner.check] unknown key {key!r} (known: {', '.join(sorted(known))})",
                path=where,
            )
        types = _TYPES[key]
        # bool is a subclass of int in Python, but `max_changed_links = true` is a mistake
        if not isinstance(value, types) or (isinstance(value, bool) and bool not in types):
            raise AlignerError(
                f"[tool.aligner.check] {key} must be {_TYPE_NAMES[types[-1]]}, "
                f"got {value!r}",
                path=where,
            )
        if isinstance(value, int | float) and not isinstance(value, bool) and value < 0:
            raise AlignerError(f"[tool.aligner.check] {key} must not be negative", path=where)
        if key == "min_chrf" and isinstance(value, int | float) and value > 100:
            raise AlignerError("[tool.aligner.check] min_chrf is at most 100", path=where)
        values[key] = float(value) if float in types and isinstance(value, int | float) else value
    return values
