"""Translation memories and CAT exchange files as input: TMX and XLIFF (1.2 and 2.x).

So a team can QA the memory it already has, and a translator's corrected XLIFF comes back
(`aligner score review.xlf`). Segments are already sentence pairs, so they become pre-split
sides (no re-segmentation):

- XLIFF: one record per `<file>` (id: its `original`, else `STEM:N`), its sources and targets
  in unit order; inline markup (`<g>`, `<x/>`, `<pc>`, `<ph>`...) is read as its text.
- TMX: one record per `<tu>` (id: its `tuid`, else `STEM:N`), the `<tuv>` whose language
  starts with `en` as English and `zh` as Chinese; consecutive units carrying the same
  `<prop type="x-doc">` (aligner's own TMX export) are one record again.

Parsed with defusedxml (no entity expansion, no external DTDs: a file from outside cannot
make the parser fetch URLs or expand a billion laughs) and streamed with `iterparse`, elements
cleared as they are used, so a memory of any size reads in constant memory. A unit without one
of the languages is yielded as an InputError naming the unit; a file that is not well-formed
XML ends with one error naming the line.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from aligner.model import Document, InputError
from aligner.read.records import make_document

Item = Document | InputError
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def _local(tag: Any) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _text(element: Any) -> str:
    """The element's text with inline markup read as its content (`<g>`, `<pc>`...)."""
    return "".join(element.itertext())


def _events(path: Path) -> Iterator[tuple[str, Any] | InputError]:
    """(event, element) pairs of a streamed, defused parse; problems as one InputError."""
    from xml.etree.ElementTree import ParseError

    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import iterparse

    where = str(path)
    try:
        yield from iterparse(str(path), events=("start", "end"))
    except FileNotFoundError:
        yield InputError("no such file", path=where)
    except ParseError as error:
        line = getattr(error, "position", (None,))[0]
        yield InputError(f"not well-formed XML (line {line}): {error}"
                         if line else f"not well-formed XML: {error}", path=where)
    except DefusedXmlException as error:
        yield InputError(f"refused XML ({type(error).__name__}: entities and DTDs are not "
                         "read)", path=where)
    except OSError as error:
        yield InputError(f"cannot read ({error.strerror or error})", path=where)


def _document(id: str, en: list[str], zh: list[str], where: str) -> Item:
    try:
        return make_document(id=id, en=en, zh=zh, source=where, record=id,
                             en_name="English segments", zh_name="Chinese segments")
    except InputError as error:
        return error


def iter_xliff(path: str | Path) -> Iterator[Item]:
    path = Path(path)
    where, stem = str(path), path.name.split(".")[0]
    files = 0
    en: list[str] = []
    zh: list[str] = []
    file_id = ""
    skipping = 0  # inside <alt-trans> (1.2) or <mtc:match> (2.x): suggestions, not the text
    for item in _events(path):
        if isinstance(item, InputError):
            yield item
            return
        event, element = item
        tag = _local(element.tag)
        if tag in ("alt-trans", "match"):
            skipping += 1 if event == "start" else -1
            if event == "end":
                element.clear()
            continue
        if event == "start":
            if tag == "file":
                files += 1
                file_id = element.get("original") or element.get("id") or f"{stem}:{files}"
                en, zh = [], []
            continue
        if skipping:
            continue
        if tag == "source":
            en.append(_text(element))
        elif tag == "target":
            zh.append(_text(element))
        elif tag in ("trans-unit", "segment"):
            # a unit without a target (not translated yet) keeps the sides level
            if len(zh) < len(en):
                zh.append("")
            element.clear()
        elif tag == "file":
            yield _document(file_id, en, zh, where)
            element.clear()
    if not files:
        yield InputError("no <file> element: not an XLIFF document", path=where)


def iter_tmx(path: str | Path) -> Iterator[Item]:
    path = Path(path)
    where, stem = str(path), path.name.split(".")[0]
    units = 0
    group: tuple[str, list[str], list[str]] | None = None  # (x-doc id, en, zh) being built
    for item in _events(path):
        if isinstance(item, InputError):
            if group is not None:
                yield _document(group[0], group[1], group[2], where)
            yield item
            return
        event, element = item
        if event != "end" or _local(element.tag) != "tu":
            continue
        units += 1
        uid = element.get("tuid") or f"{stem}:{units}"
        doc_id = next((p.text or "" for p in element if _local(p.tag) == "prop"
                       and p.get("type") == "x-doc"), None)
        sides: dict[str, str] = {}
        for tuv in element:
            if _local(tuv.tag) != "tuv":
                continue
            lang = (tuv.get(XML_LANG) or tuv.get("lang") or "").lower()
            seg = next((s for s in tuv if _local(s.tag) == "seg"), None)
            if seg is not None and lang[:2] in ("en", "zh") and lang[:2] not in sides:
                sides[lang[:2]] = _text(seg)
        element.clear()
        missing = [name for code, name in (("en", "English"), ("zh", "Chinese"))
                   if code not in sides]
        if missing:
            yield InputError(f"translation unit has no {missing[0]} <tuv> (xml:lang en*/zh*)",
                             path=where, record=uid)
            continue
        if group is not None and doc_id is not None and group[0] == doc_id:
            group[1].append(sides["en"])
            group[2].append(sides["zh"])
            continue
        if group is not None:
            yield _document(group[0], group[1], group[2], where)
            group = None
        if doc_id is not None:
            group = (doc_id, [sides["en"]], [sides["zh"]])
        else:
            yield _document(uid, [sides["en"]], [sides["zh"]], where)
    if group is not None:
        yield _document(group[0], group[1], group[2], where)
    if not units:
        yield InputError("no <tu> translation units: not a TMX memory", path=where)
