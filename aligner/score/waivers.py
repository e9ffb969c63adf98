"""Accepted findings: a reviewer's "this one is fine", kept in a file next to the baseline.

A waiver file is a CSV a reviewer edits (and a repository reviews)::

    doc,check,text,link,who,why
    nejm-1,acronym,HR,,li.wei,"风险比 is how this journal writes HR"
    *,numbers,24,,li.wei,"24/7 is an idiom here"

`doc` is a document id or `*` (every document); `check` a check name (`acronym`,
`term-missing`, ...); `text` the finding's text as reported (the acronym, the numbers, the
term), empty for any; `link` a link index, empty for any (links move when a sentence is added,
so the text is the steadier key). `who` and `why` are required: an accepted finding says who
accepted it and why.

An accepted finding stays in every report, marked (`Finding.accepted`, "who: why"), but no
longer fails `score --fail-on` or counts as new in `check`. `aligner check` reads
`<baseline>.waivers.csv` next to the baseline when it exists; both commands take `--waivers`.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from aligner.model import Finding, InputError

REQUIRED = ("doc", "check", "who", "why")


@dataclass(frozen=True, slots=True)
class Waiver:
    doc: str
    check: str
    text: str
    link: int | None
    who: str
    why: str

    def matches(self, doc: str, link: int, check: str, text: str) -> bool:
        return (self.doc in ("*", doc) and self.check == check
                and (not self.text or self.text == text)
                and (self.link is None or self.link == link))


def waivers_path(baseline: str | Path) -> Path:
    """Where `check` looks for the waivers of a baseline: `<baseline>.waivers.csv`."""
    p = Path(baseline)
    return p.with_name(p.stem + ".waivers.csv")


def read_waivers(path: str | Path) -> list[Waiver]:
    """Read a waiver file; a bad file is a one-line `InputError` naming the line."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputError("waiver file not found", path=str(p)) from None
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(f"cannot read waiver file ({error})", path=str(p)) from None
    return parse_waivers(text, source=str(p))


def parse_waivers(text: str, *, source: str | None = None) -> list[Waiver]:
    reader = csv.DictReader(io.StringIO(text))
    header = {h.strip() for h in reader.fieldnames or ()}
    rows = list(reader)
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise InputError(f"waiver file needs columns {', '.join(REQUIRED)} (missing "
                         f"{', '.join(missing)})", path=source)
    out = []
    for line, row in enumerate(rows, start=2):
        cells = {k: (v or "").strip() for k, v in row.items() if k}
        for c in REQUIRED:
            if not cells.get(c):
                raise InputError(f"'{c}' must be filled (an accepted finding says who "
                                 "accepted it and why)", path=source, record=f"line {line}")
        link = cells.get("link", "")
        if link and not link.isdigit():
            raise InputError(f"'link' must be a link index or empty, not {link!r}",
                             path=source, record=f"line {line}")
        out.append(Waiver(cells["doc"], cells["check"], cells.get("text", ""),
                          int(link) if link else None, cells["who"], cells["why"]))
    return out


def accept(findings: Iterable[Finding], waivers: list[Waiver]) -> list[Finding]:
    """The findings, those a waiver matches marked accepted ("who: why")."""
    out = []
    for f in findings:
        w = next((w for w in waivers if w.matches(f.doc, f.link, f.check, f.text)), None)
        out.append(replace(f, accepted=f"{w.who}: {w.why}") if w else f)
    return out
