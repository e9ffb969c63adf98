"""Output that is safe to open: spreadsheet cells that cannot run formulas, XML a strict parser
accepts, file names derived from record ids that stay inside their directory.

Record text comes from outside (publishing systems, web pages, other tools) and our outputs are
opened in spreadsheets, CAT tools and browsers, so every writer puts record text through one of
these functions instead of deciding again on its own.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

# A spreadsheet (Excel, LibreOffice, Google Sheets) evaluates a cell starting with one of these as
# a formula: `=HYPERLINK(...)`, `+cmd|' /C calc'!A0`, `@SUM(...)`. Tab and CR are in the OWASP
# list too: some importers strip them and then evaluate what follows.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
QUOTE = "'"


def neutralise_cell(text: str) -> str:
    """`=1+2` -> `'=1+2`: the leading apostrophe makes a spreadsheet show the cell as text (it is
    not displayed). A cell already starting with `'` gets one too, so that `restore_cell` can
    tell the two apart (`'=1` -> `''=1`). Other cells are returned unchanged."""
    return QUOTE + text if text.startswith((*FORMULA_START, QUOTE)) else text


def restore_cell(text: str) -> str:
    """Undo `neutralise_cell` (for readers of our own CSV/TSV, e.g. a mined glossary); a cell
    that `neutralise_cell` would not have written (`'t Hooft`) is left as it is."""
    if text.startswith(QUOTE) and text[1:].startswith((*FORMULA_START, QUOTE)):
        return text[1:]
    return text


def cell(text: str, *, raw: bool = False) -> str:
    return text if raw else neutralise_cell(text)


# characters XML 1.0 forbids (C0 controls other than tab/newline/CR, surrogates, U+FFFE/F):
# a strict parser rejects the whole file for one of them
_INVALID_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def strip_invalid_xml(text: str) -> str:
    """`text` without the characters XML 1.0 cannot carry, even as character references."""
    return _INVALID_XML.sub("", text)


def xml_escape(text: str) -> str:
    """Text escaped for XML content and double-quoted attributes, invalid characters removed.

    CR is written `&#13;`: a parser turns a literal CR (or CRLF) into LF, so the segment read
    back would differ from the record's text."""
    return (
        strip_invalid_xml(text)
        .replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("\r", "&#13;")
    )


def xml_attr(text: str) -> str:
    """`xml_escape` for an attribute value: tab and newline as references too, since a parser
    turns them into spaces in attributes (attribute-value normalisation)."""
    return xml_escape(text).replace("\t", "&#9;").replace("\n", "&#10;")


def md_cell(text: str) -> str:
    """Text for a Markdown table cell: one line, `|` escaped, and `&`, `<`, `>` as entities so
    that record text holding HTML (which GitHub renders inside Markdown: a step summary, a PR
    comment) shows as text instead of becoming tags."""
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        .replace("|", "\\|").replace("\r\n", " ").replace("\n", " ").replace("\r", " ")
    )


_UNSAFE_NAME = re.compile(r"[^\w.-]+")
MAX_NAME = 120


def safe_file_name(record_id: str, *, fallback: str = "record") -> str:
    """A file name made from a record id that cannot leave its directory or be hidden:
    separators, `..`, NUL and other specials become `_`, leading dots are dropped, the length
    is bounded. Different ids may map to one name: callers that need uniqueness add a counter."""
    name = unicodedata.normalize("NFKC", record_id)
    name = _UNSAFE_NAME.sub("_", name).strip("._ ")[:MAX_NAME].strip("._ ")
    return name or fallback


def path_inside(directory: str | Path, name: str) -> Path:
    """`directory / safe_file_name(name)`, checked to resolve inside `directory`."""
    base = Path(directory).resolve()
    target = (base / safe_file_name(name)).resolve()
    if target.parent != base:  # pragma: no cover - safe_file_name leaves no separator
        raise ValueError(f"{name!r} would be written outside {base}")
    return target
