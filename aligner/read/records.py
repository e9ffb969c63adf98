"""Build a Document from explicit English and Chinese sides: a file pair or a corpus record.

Each side is either running text or a list of pre-split sentences; a list becomes the sentences
joined with "\\n", with offsets into that joined text, so pre-split input satisfies the same
`text[start:end]` contract as segmented input.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from aligner.model import Document, Sentence
from aligner.read.validate import check_sides

SEPARATOR = "\n"


def join_sentences(parts: Iterable[str]) -> tuple[str, list[Sentence]]:
    """Join pre-split sentences (blank ones dropped) and record where each one sits."""
    sentences: list[Sentence] = []
    pieces: list[str] = []
    pos = 0
    for part in parts:
        text = part.strip()
        if not text:
            continue
        if pieces:
            pieces.append(SEPARATOR)
            pos += len(SEPARATOR)
        sentences.append(Sentence(text, pos, pos + len(text)))
        pieces.append(text)
        pos += len(text)
    return "".join(pieces), sentences


def side(value: str | list[str]) -> tuple[str, list[Sentence] | None]:
    if isinstance(value, str):
        return value, None
    return join_sentences(value)


def make_document(
    *,
    id: str,
    en: str | list[str],
    zh: str | list[str],
    source: str,
    meta: dict[str, Any] | None = None,
    en_where: str | None = None,
    zh_where: str | None = None,
    record: str | None = None,
    en_name: str = "en field",
    zh_name: str = "zh field",
) -> Document:
    """A checked Document (see `check_sides`): raises InputError, may carry warnings."""
    en_text, en_sentences = side(en)
    zh_text, zh_sentences = side(zh)
    doc = Document(
        id=id,
        en=en_text,
        zh=zh_text,
        meta=dict(meta or {}),
        source=source,
        en_sentences=en_sentences,
        zh_sentences=zh_sentences,
    )
    return check_sides(
        doc,
        en_where=en_where or source,
        zh_where=zh_where or source,
        record=record,
        en_name=en_name,
        zh_name=zh_name,
    )
