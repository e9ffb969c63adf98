"""aligner: English–Chinese sentence alignment and translation QA for biomedical text.

The public API, one name per pipeline stage::

    from aligner import read_path, align_document
    doc = read_path("seeds/000_c7586fac1e89b2ba.txt")
    alignment = align_document(doc)
    alignment.to_dataframe()
"""

from __future__ import annotations

from aligner.model import (
    AlignerError,
    Alignment,
    Document,
    Finding,
    Glossary,
    InputError,
    Link,
    Sentence,
    Term,
)
from aligner.pipeline import align_document
from aligner.read import iter_documents, read_pair, read_path
from aligner.score import default_glossary, read_glossary, score_document
from aligner.segment import segment, segment_en, segment_zh

__version__ = "0.1.0"

__all__ = [
    "AlignerError",
    "Alignment",
    "Document",
    "Finding",
    "Glossary",
    "InputError",
    "Link",
    "Sentence",
    "Term",
    "align_document",
    "default_glossary",
    "iter_documents",
    "read_glossary",
    "read_pair",
    "read_path",
    "score_document",
    "segment",
    "segment_en",
    "segment_zh",
]
