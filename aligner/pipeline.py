"""One document from text to alignment: segment (unless pre-split), then align.

This is the seam the CLI, the corpus runner and the notebook all call, so that they cannot
disagree about how a document is processed.
"""

from __future__ import annotations

from aligner.align import align_sentences
from aligner.model import Alignment, Document, Glossary
from aligner.segment import segment_en, segment_zh


def sentences_of(doc: Document) -> tuple[list, list]:
    en = doc.en_sentences if doc.en_sentences is not None else segment_en(doc.en)
    zh = doc.zh_sentences if doc.zh_sentences is not None else segment_zh(doc.zh)
    return en, zh


def align_document(
    doc: Document, *, glossary: Glossary | None = None, method: str = "lexical"
) -> Alignment:
    en, zh = sentences_of(doc)
    if method != "lexical":
        raise ValueError(f"unknown alignment method {method!r}")
    links = align_sentences([s.text for s in en], [s.text for s in zh], glossary=glossary)
    alignment = Alignment(doc=doc, en=en, zh=zh, links=links, method=method)
    alignment.validate()
    return alignment
