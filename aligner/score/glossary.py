"""Glossary readers: the CSV users keep, OmegaT's tab-separated glossary, and TBX.

One entry point, `read_glossary(path)`, picks the reader from the extension. Every reader returns
`aligner.model.Glossary` so the scorers never care where the terms came from.

TBX is parsed with `xml.etree` rather than translate-toolkit: the toolkit reads only the old
`martif` dialect (it fails on TBX v3's `<tbx>`/`conceptEntry`), and pulls in lxml for what is a
thirty-line walk over `termEntry/langSet/tig/term`. This reader handles both dialects and the
ISO 12620 status notes (preferred / admitted / deprecated) that map onto approved / variant /
forbidden.

The shipped glossary lives in the package (`aligner/data/glossary.csv`, what `default_glossary`
reads, so it works after a non-editable install); `data/glossary.csv` in the repository is the
user-facing copy, and a test keeps the two identical. Edit `data/glossary.csv`, then copy it.
"""

from __future__ import annotations

import csv
import io
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from importlib import resources
from pathlib import Path

from aligner.model import Glossary, InputError, Term
from aligner.safe import neutralise_cell, restore_cell

SHIPPED = "glossary.csv"
CSV_FIELDS = ("en", "zh", "variants", "forbidden", "note")
# translate-toolkit's csv2tbx layout, accepted as a synonym of en,zh,note
_ALIASES = {"source": "en", "target": "zh", "comment": "note", "notes": "note",
            # vendor term lists (TICO-19's terminologies): sourceString,targetString,description
            "sourcestring": "en", "targetstring": "zh", "description": "note"}
# `可传染 : 有传染性`: a target cell holding alternatives, the first one approved
_ALTERNATIVES = re.compile(r"\s+[:：]\s+|\s*；\s*")


def read_glossary(path: str | Path) -> Glossary:
    """Read a glossary, choosing the format from the extension (.csv, .tsv/.txt/.utf8, .tbx)."""
    p = Path(path)
    suffix = p.suffix.lower()
    readers = {".csv": read_csv, ".tsv": read_omegat, ".txt": read_omegat, ".utf8": read_omegat,
               ".tab": read_omegat, ".tbx": read_tbx, ".xml": read_tbx}
    if suffix not in readers:
        raise InputError(
            f"unknown glossary format {suffix or '(no extension)'!r}: expected .csv, .tsv or .tbx",
            path=str(p),
        )
    text = _read_text(p)
    if suffix == ".tsv" and _is_babelon(text):
        return read_babelon(text, source=str(p))
    return readers[suffix](text, source=str(p))


def default_glossary() -> Glossary:
    """The cell-therapy glossary shipped inside the package."""
    text = resources.files("aligner").joinpath("data", SHIPPED).read_text(encoding="utf-8")
    return read_csv(text, source=f"aligner/data/{SHIPPED}")


def _read_text(p: Path) -> str:
    """The glossary's text, through the readers' decoding (binary, gzip and non-UTF-8 input get
    the same named-encoding messages as records)."""
    from aligner.read.textfile import decode_text

    try:
        data = p.read_bytes()
    except FileNotFoundError:
        raise InputError("glossary file not found", path=str(p)) from None
    except OSError as error:
        raise InputError(f"cannot read glossary ({error.strerror})", path=str(p)) from None
    if not data.strip():
        raise InputError("glossary is empty", path=str(p))
    return decode_text(data, str(p))


_NOTE = re.compile(r"\s*\[[^\]]*\]")  # `[when referring the generic virus group]`
_GLOSS = re.compile(r"\s*[(（]\s*[A-Za-z][A-Za-z0-9\- ]*[)）]\s*$")  # `新冠肺炎 (COVID-19)`


def _target_form(cell: str) -> str:
    """A vendor target without its English usage note or bracketed acronym gloss: what the
    translation must contain."""
    form = _NOTE.sub("", cell).strip()
    bare = _GLOSS.sub("", form).strip()
    return bare or form


def _split(cell: str | None) -> tuple[str, ...]:
    return tuple(part.strip() for part in (cell or "").split("|") if part.strip())


def read_csv(text: str, *, source: str | None = None) -> Glossary:
    """CSV with a header row: `en,zh` required; `variants`, `forbidden` (`|`-separated), `note`
    optional; other columns (e.g. `count` from `aligner terms mine`) are ignored."""
    reader = csv.reader(io.StringIO(text))
    rows = [row for row in reader if any(cell.strip() for cell in row)]
    if not rows:
        raise InputError("glossary is empty", path=source)
    header = [_ALIASES.get(h.strip().lower(), h.strip().lower()) for h in rows[0]]
    if "en" not in header or "zh" not in header:
        raise InputError(
            f"glossary header must name columns 'en' and 'zh' (found {','.join(rows[0])!r})",
            path=source,
        )
    col = {name: header.index(name) for name in CSV_FIELDS if name in header}

    def get(row: list[str], name: str) -> str:
        i = col.get(name)
        return restore_cell(row[i].strip()) if i is not None and i < len(row) else ""

    terms = []
    for line, row in enumerate(rows[1:], start=2):
        en, zh = get(row, "en"), get(row, "zh")
        if not en or not zh:
            raise InputError("both 'en' and 'zh' must be filled", path=source,
                             record=f"line {line}")
        zh, *alternatives = [z for z in map(_target_form, _ALTERNATIVES.split(zh)) if z] or [zh]
        terms.append(
            Term(en, zh, _unique((*alternatives, *_split(get(row, "variants")))),
                 _split(get(row, "forbidden")), get(row, "note"))
        )
    return Glossary(_merge(terms), source=source)


def read_omegat(text: str, *, source: str | None = None) -> Glossary:
    """OmegaT glossary: `term<TAB>translation[<TAB>comment]`, `#` comment lines, no header.

    OmegaT allows one source term on several lines; the first translation is taken as approved
    and the later ones as variants.
    """
    terms = []
    for line_no, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cells = [c.strip() for c in line.split("\t")]
        if len(cells) < 2 or not cells[0] or not cells[1]:
            raise InputError("expected 'term<TAB>translation[<TAB>comment]'", path=source,
                             record=f"line {line_no}")
        terms.append(Term(cells[0], cells[1], note=cells[2] if len(cells) > 2 else ""))
    if not terms:
        raise InputError("glossary is empty", path=source)
    return Glossary(_merge(terms), source=source)


_BABELON_COLUMNS = ("source_value", "translation_value")


def _is_babelon(text: str) -> bool:
    header = text.split("\n", 1)[0].split("\t")
    return all(c in header for c in _BABELON_COLUMNS)


def read_babelon(text: str, *, source: str | None = None) -> Glossary:
    """A Babelon translation table (TSV with `source_value`, `translation_value`, optionally
    `translation_status`, `subject_id`; the Human Phenotype Ontology ships its Chinese labels
    so). Rows whose status is not OFFICIAL/empty become variants of the official label."""
    lines = text.splitlines()
    header = lines[0].split("\t")
    col = {name: header.index(name) for name in header}
    terms = []
    for line_no, line in enumerate(lines[1:], start=2):
        if not line.strip():
            continue
        cells = line.split("\t")
        if len(cells) < len(header):
            raise InputError(f"expected {len(header)} tab-separated columns", path=source,
                             record=f"line {line_no}")
        en, zh = cells[col["source_value"]].strip(), cells[col["translation_value"]].strip()
        if not en or not zh:
            continue
        note = cells[col["subject_id"]].strip() if "subject_id" in col else ""
        terms.append(Term(en, zh, note=note))
    if not terms:
        raise InputError("glossary is empty", path=source)
    return Glossary(_merge(terms), source=source)


def _merge(terms: Iterable[Term]) -> list[Term]:
    """One Term per English term (case-insensitive): later rows add variants and forbidden forms."""
    merged: dict[str, Term] = {}
    for t in terms:
        key = t.en.casefold()
        old = merged.get(key)
        if old is None:
            merged[key] = t
            continue
        variants = _unique(old.variants + ((t.zh,) if t.zh != old.zh else ()) + t.variants)
        merged[key] = Term(old.en, old.zh, variants, _unique(old.forbidden + t.forbidden),
                           old.note or t.note)
    return list(merged.values())


def _unique(items: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))


# --- TBX -------------------------------------------------------------------------------------

_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_PREFERRED = {"preferredterm-admn-sts", "preferredterm", "preferred"}
_DEPRECATED = {"deprecatedterm-admn-sts", "deprecatedterm", "supersededterm-admn-sts",
               "supersededterm", "deprecated", "superseded"}


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _children(elem: ET.Element, *names: str) -> list[ET.Element]:
    return [c for c in elem if _local(c.tag) in names]


def read_tbx(text: str, *, source: str | None = None) -> Glossary:
    """TBX, old `martif` (TBX 2008, what translate-toolkit writes) or TBX v3 (`conceptEntry`)."""
    try:
        root = ET.fromstring(text.encode("utf-8"))
    except ET.ParseError as error:
        raise InputError(f"not well-formed TBX/XML ({error})", path=source) from None
    entries = [e for e in root.iter() if _local(e.tag) in ("termEntry", "conceptEntry")]
    terms = []
    for entry in entries:
        by_lang: dict[str, list[tuple[str, str]]] = {"en": [], "zh": []}
        notes = []
        for lang_set in _children(entry, "langSet", "langSec"):
            lang = (lang_set.get(_XML_LANG) or lang_set.get("lang") or "").lower()[:2]
            for group in lang_set.iter():
                if _local(group.tag) not in ("tig", "ntig", "termSec"):
                    continue
                term_el = next((e for e in group.iter() if _local(e.tag) == "term"), None)
                if term_el is None or not "".join(term_el.itertext()).strip():
                    continue
                status = ""
                for note in group.iter():
                    if _local(note.tag) == "termNote" and note.get("type") in (
                        "administrativeStatus", "normativeAuthorization"):
                        status = (note.text or "").strip().lower()
                # csv2tbx writes the target as `xx` unless told: any non-English is the target
                key = lang if lang in ("en", "zh") else "other"
                by_lang.setdefault(key, []).append(("".join(term_el.itertext()).strip(), status))
        for e in entry.iter():
            if _local(e.tag) in ("note", "descrip") and e.text and e.text.strip():
                notes.append(e.text.strip())
        zh = by_lang["zh"] or by_lang.get("other", [])
        if not by_lang["en"] or not zh:
            continue
        approved = [t for t, s in zh if s in _PREFERRED] or [t for t, s in zh if s not in
                                                             _DEPRECATED][:1]
        if not approved:
            continue
        variants = tuple(t for t, s in zh if t != approved[0] and s not in _DEPRECATED)
        forbidden = tuple(t for t, s in zh if s in _DEPRECATED)
        for en, status in by_lang["en"]:
            if status in _DEPRECATED:
                continue
            terms.append(Term(en, approved[0], variants, forbidden, "; ".join(notes)))
    if not terms:
        raise InputError("no English–Chinese term pairs found in TBX", path=source)
    return Glossary(_merge(terms), source=source)


def write_csv(terms: Iterable[Term], extra: dict[str, list[object]] | None = None) -> str:
    """The CSV this module reads, with optional extra columns (the miner adds `count`).

    Cells a spreadsheet would run as a formula get a leading `'`; `read_csv` removes it."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    extra = extra or {}
    writer.writerow([*CSV_FIELDS, *extra])
    for i, t in enumerate(terms):
        cells = [t.en, t.zh, "|".join(t.variants), "|".join(t.forbidden), t.note]
        # a bare CR would be written unquoted (the writer only quotes its own line end) and
        # break the row: line ends become "\n", which the writer quotes
        cells = [c.replace("\r\n", "\n").replace("\r", "\n") for c in cells]
        writer.writerow([*map(neutralise_cell, cells), *(col[i] for col in extra.values())])
    return out.getvalue()
