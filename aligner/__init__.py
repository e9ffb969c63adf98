"""aligner: English–Chinese sentence alignment and translation QA for biomedical text.

The public API: one path a document takes, built once from a configuration::

    from aligner import Config, Pipeline, read_path
    pipeline = Pipeline(Config())            # or load_config() for [tool.aligner] in pyproject
    reviewed = pipeline.review(read_path("seeds/000_c7586fac1e89b2ba.txt"))
    reviewed.alignment.to_dataframe(), reviewed.terms, reviewed.findings
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

# Eager, unlike the rest: `aligner.segment` is both a subpackage and this function, and the
# import system would rebind the name to the subpackage the first time it loads.
from aligner.segment import segment, segment_en, segment_zh

# name -> the module that defines it; imported on first use (PEP 562), so `aligner --help`
# or `import aligner.model` does not pay for numpy, the aligner and the scorers.
_EXPORTS = {
    "Config": "aligner.config",
    "load_config": "aligner.config",
    "AlignerError": "aligner.model",
    "Alignment": "aligner.model",
    "Document": "aligner.model",
    "Finding": "aligner.model",
    "Glossary": "aligner.model",
    "InputError": "aligner.model",
    "Link": "aligner.model",
    "Sentence": "aligner.model",
    "Term": "aligner.model",
    "Pipeline": "aligner.pipeline",
    "ReviewedDocument": "aligner.pipeline",
    "align_document": "aligner.pipeline",
    "score_corpus": "aligner.pipeline",
    "score_document": "aligner.pipeline",
    "iter_documents": "aligner.read",
    "read_pair": "aligner.read",
    "read_path": "aligner.read",
    "default_glossary": "aligner.score",
    "read_glossary": "aligner.score",
    "__version__": "aligner.version",
}

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


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'aligner' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # later look-ups skip this function
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_EXPORTS))


if TYPE_CHECKING:  # static checkers and IDEs see the eager imports
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
    from aligner.version import __version__
