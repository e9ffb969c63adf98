"""aligner: English–Chinese sentence alignment and translation QA for biomedical text.

The public API: one path a document takes, built once from a configuration::

    from aligner import Config, Pipeline, read_path
    pipeline = Pipeline(Config())            # or load_config() for [tool.aligner] in pyproject
    reviewed = pipeline.review(read_path("seeds/000_c7586fac1e89b2ba.txt"))
    reviewed.alignment.to_dataframe(), reviewed.terms, reviewed.findings
"""

from __future__ import annotations

from aligner.config import Config, load_config
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
from aligner.pipeline import (
    Pipeline,
    ReviewedDocument,
    align_document,
    score_corpus,
    score_document,
)
from aligner.read import iter_documents, read_pair, read_path
from aligner.score import default_glossary, read_glossary
from aligner.segment import segment, segment_en, segment_zh
from aligner.version import __version__

__all__ = [
    "__version__",
    "AlignerError",
    "Alignment",
    "Config",
    "Document",
    "Finding",
    "Glossary",
    "InputError",
    "Link",
    "Pipeline",
    "ReviewedDocument",
    "Sentence",
    "Term",
    "align_document",
    "default_glossary",
    "iter_documents",
    "load_config",
    "read_glossary",
    "read_pair",
    "read_path",
    "score_corpus",
    "score_document",
    "segment",
    "segment_en",
    "segment_zh",
]
