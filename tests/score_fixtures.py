"""Fixtures for the scorer tests: pre-split documents, so the tests do not depend on the
segmenter or the aligner (pre-split 1-1 sentences align 1-1 with any aligner)."""

from __future__ import annotations

import re
from pathlib import Path

from aligner.model import Document, Sentence

SEED = Path(__file__).resolve().parents[1] / "seeds" / "000_c7586fac1e89b2ba.txt"


def sentences(parts: list[str], sep: str) -> tuple[str, list[Sentence]]:
    text, out = "", []
    for part in parts:
        if text:
            text += sep
        out.append(Sentence(part, len(text), len(text) + len(part)))
        text += part
    return text, out


def make_doc(doc_id: str, en: list[str], zh: list[str], source: str | None = None) -> Document:
    en_text, en_s = sentences(en, " ")
    zh_text, zh_s = sentences(zh, "")
    return Document(doc_id, en_text, zh_text, source=source, en_sentences=en_s, zh_sentences=zh_s)


def seed_sentences() -> tuple[list[str], list[str]]:
    """The seed abstract split by hand: 5 English and 5 Chinese sentences, pairwise translations."""
    lines = SEED.read_text(encoding="utf-8").splitlines()
    en_line = next(x for x in lines if x.startswith("Adoptive cell therapies"))
    zh_line = next(x for x in lines if x.startswith("嵌合抗原受体"))
    en = re.split(r"(?<=[a-z]\.) (?=[A-Z])", en_line)
    zh = [s for s in re.split(r"(?<=。)", zh_line) if s]
    return en, zh


def seed_document(doc_id: str = "seed") -> Document:
    en, zh = seed_sentences()
    return make_doc(doc_id, en, zh)


def one_to_one(doc: Document):
    """Alignment of a pre-split document with 1-1 links (no aligner involved)."""
    from aligner.model import Alignment, Link

    assert doc.en_sentences is not None and doc.zh_sentences is not None
    n = len(doc.en_sentences)
    assert n == len(doc.zh_sentences)
    links = [Link((i,), (i,), 1.0) for i in range(n)]
    return Alignment(doc, doc.en_sentences, doc.zh_sentences, links, method="fixture")
