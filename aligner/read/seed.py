"""The seed record format: affiliations, a citation, the English and Chinese abstracts, related
citations, one part per line (see `seeds/000_c7586fac1e89b2ba.txt`).

Parts are recognised by what a line *looks like* (its script, the shape of a citation or an
affiliation), never by its position, because records in the wild drop, repeat and reorder parts:
an abstract in two paragraphs, affiliations after the citation, no related citations at all.
"""

from __future__ import annotations

import re
from typing import Any

from aligner.model import Document, InputError
from aligner.read.validate import add_warnings, refuse_surrogates
from aligner.scripts import count_scripts, language_of

# `Biomed Pharmacother. 2023 Sep;165:115123. doi: 10.1016/j.biopha.2023.115123. Epub 2023 Jul 4.`
# `Nat Med. 2023 Jan 5;29(1):123-130.`   `Front Immunol. 2022 Feb 3;13:823460. eCollection 2022.`
CITATION = re.compile(
    r"^(?P<journal>[A-Z][^;]{0,150}?)\.\s+"
    r"(?P<date>\d{4}(?:\s+[A-Z][a-z]{2}(?:-[A-Z][a-z]{2})?)?(?:\s+\d{1,2})?)"
    r"(?:\s*;\s*(?P<volume>[^:;(.]*)(?:\((?P<issue>[^)]*)\))?(?::(?P<pages>[^.;]+))?)?"
    r"\s*\.(?:\s|$)"
)
# the fields `parse_citation` sets in a record's meta (metadata lines must not overwrite them)
CITATION_FIELDS = {"citation", "journal", "date", "volume", "issue", "pages", "doi", "epub"}
DOI = re.compile(r"\bdoi:\s*(10\.\S+?)\.?(?=\s|$)", re.IGNORECASE)
EPUB = re.compile(r"\bEpub\s+(\d{4}(?:\s+[A-Z][a-z]{2})?(?:\s+\d{1,2})?)")
# `Front Immunol. 2025-5-30`, `Front Immunol. 2022`
RELATED = re.compile(r"^(?P<journal>[A-Z][^;]{0,150}?)\.\s+(?P<date>\d{4}(?:-\d{1,2}){0,2})\.?$")

INSTITUTION_EN = re.compile(
    r"\b(?:Department|Dept|Universit(?:y|ies|é|ät|à|ario|ario)|Hospital|Institutes?|Institut"
    r"|School|College|Cent(?:er|re)|Laborator(?:y|ies)|Faculty|Academy|Clinic|Division|Unit"
    r"|Foundation|Ministry|Inc|Ltd|GmbH|Corporation)\b"
)
INSTITUTION_ZH = re.compile(r"医院|大学|学院|研究所|研究院|研究中心|实验室|科学院|学系|科室")
METADATA_EN = re.compile(
    r"^(?P<key>PMID|PMCID|DOI|Copyright|©|Keywords?|Trial registration|Electronic address)\b",
    re.IGNORECASE,
)
WORD = re.compile(r"[^\W\d_][\w'-]*")

# an affiliation is mostly capitalised words ("Department of Radiation Oncology, Nanfang
# Hospital, ..."); abstract prose, even full of acronyms, stays well below this share
AFFILIATION_MIN_TITLE_SHARE = 0.4
AFFILIATION_MAX_CHARS = 1000


def _title_share(line: str) -> float:
    words = WORD.findall(line)
    if not words:
        return 0.0
    return sum(1 for w in words if w[0].isupper()) / len(words)


def is_affiliation(line: str, lang: str | None) -> bool:
    if lang == "zh":
        return bool(INSTITUTION_ZH.search(line)) and "。" not in line and len(line) < 200
    return (
        len(line) <= AFFILIATION_MAX_CHARS
        and bool(INSTITUTION_EN.search(line))
        and _title_share(line) >= AFFILIATION_MIN_TITLE_SHARE
    )


def parse_citation(line: str) -> dict[str, Any] | None:
    """The fields of a main citation line, or None if the line is not one."""
    m = CITATION.match(line)
    if not m or not (m.group("volume") or DOI.search(line)):
        return None
    fields: dict[str, Any] = {"citation": line, "journal": m.group("journal"),
                              "date": m.group("date")}
    for key in ("volume", "issue", "pages"):
        if m.group(key):
            fields[key] = m.group(key).strip()
    if doi := DOI.search(line):
        fields["doi"] = doi.group(1)
    if epub := EPUB.search(line):
        fields["epub"] = epub.group(1)
    return fields


def classify(line: str) -> str:
    """One of: citation, related, metadata, affiliation, en, zh, other."""
    if count_scripts(line).cjk == 0:
        if parse_citation(line):
            return "citation"
        if RELATED.match(line):
            return "related"
        if METADATA_EN.match(line):
            return "metadata"
    lang = language_of(line)
    if is_affiliation(line, lang):
        return "affiliation"
    return lang or "other"


def parse_seed(text: str, *, id: str, source: str | None = None) -> Document:
    """Split a seed record's text into a Document; InputError if a language is missing."""
    refuse_surrogates(text, field="the text", path=source, record=None)
    en: list[str] = []
    zh: list[str] = []
    meta: dict[str, Any] = {"affiliations": [], "related": []}
    other: list[str] = []
    for raw in text.split("\n"):
        line = raw.strip()
        if not line:
            continue
        kind = classify(line)
        if kind == "en":
            en.append(line)
        elif kind == "zh":
            zh.append(line)
        elif kind == "citation":
            if "citation" in meta:  # a second citation line: keep it, do not overwrite
                meta.setdefault("other_citations", []).append(line)
            else:
                meta.update(parse_citation(line) or {})
        elif kind == "related":
            meta["related"].append(line)
        elif kind == "affiliation":
            meta["affiliations"].append(line)
        elif kind == "metadata":
            key = METADATA_EN.match(line).group("key").lower()  # type: ignore[union-attr]
            if key in CITATION_FIELDS:  # `DOI: ...` next to a citation's doi: keep both
                key = f"{key}_lines"
            meta.setdefault(key, []).append(line)
        else:
            other.append(line)
    if other:
        meta["unclassified"] = other
    if not zh:
        raise InputError("no Chinese part found", path=source)
    if not en:
        raise InputError("no English part found", path=source)
    doc = Document(id=id, en="\n".join(en), zh="\n".join(zh), meta=meta, source=source)
    if other:
        doc.warnings.append(f"{len(other)} line(s) neither English nor Chinese were ignored")
    return add_warnings(doc)
