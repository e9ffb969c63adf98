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


def _needs_quote(text: str) -> bool:
    # `"=HYPERLINK(""https://…"",""open"")"`: a quote-aware reader (Excel, LibreOffice, pandas)
    # strips the CSV quotes first and then sees a formula, so look past leading double quotes
    return text.startswith((*FORMULA_START, QUOTE)) or (
        text.startswith('"') and text.lstrip('"').startswith(FORMULA_START))


def neutralise_cell(text: str) -> str:
    """`=1+2` -> `'=1+2`: the leading apostrophe makes a spreadsheet show the cell as text (it is
    not displayed). A cell already starting with `'` gets one too, so that `restore_cell` can
    tell the two apart (`'=1` -> `''=1`). Other cells are returned unchanged."""
    return QUOTE + text if _needs_quote(text) else text


def restore_cell(text: str) -> str:
    """Undo `neutralise_cell` (for readers of our own CSV/TSV, e.g. a mined glossary); a cell
    that `neutralise_cell` would not have written (`'t Hooft`) is left as it is."""
    if text.startswith(QUOTE) and _needs_quote(text[1:]):
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


# Markdown syntax that would turn record text into live content in a pull-request comment or
# a step summary: links and images (`[x](url)`, `![](https://…/pixel.png)` loads a tracking
# pixel), emphasis and code marks; backslash-escaped, so they show as typed
_MD_SPECIAL = re.compile(r"([\\`*_\[\]!~])")
# `@someone` notifies that user, `https://…` becomes a link: a word joiner (U+2060, invisible)
# after `@` and in `://` keeps the text as it reads but stops GitHub from acting on it
_MENTION = re.compile(r"@(?=[A-Za-z0-9])")
_SCHEME = re.compile(r"(?<=[A-Za-z]):(?=//)")
WORD_JOINER = "\u2060"


def md_cell(text: str) -> str:
    """Text for a Markdown table cell: one line, `|` escaped, and `&`, `<`, `>` as entities so
    that record text holding HTML (which GitHub renders inside Markdown: a step summary, a PR
    comment) shows as text instead of becoming tags; links, images, emphasis and @mentions
    are neutralised too, and control characters shown as escapes."""
    text = terminal_text(text)
    text = _MD_SPECIAL.sub(r"\\\1", text)
    text = _MENTION.sub("@" + WORD_JOINER, _SCHEME.sub(":" + WORD_JOINER, text))
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        .replace("|", "\\|").replace("\r\n", " ").replace("\n", " ").replace("\r", " ")
    )


# C0 controls but tab and newline (ESC starts ANSI/OSC sequences: window title, hyperlinks,
# clearing the screen; CR and BS overwrite what was printed), DEL, C1 controls (0x9b is a
# one-byte CSI), and the bidirectional overrides that reorder what a reader sees
_TERMINAL_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _visible(match: re.Match[str]) -> str:
    code = ord(match.group(0))
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def terminal_text(text: str) -> str:
    """Record text safe to print on a terminal: control characters written as visible escapes
    (`\\x1b`), tab and newline kept. Record text and ids come from outside and must never
    drive the terminal (`ESC]0;title BEL`, `ESC]8;;url`, `ESC[2J`)."""
    return _TERMINAL_UNSAFE.sub(_visible, text)


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
