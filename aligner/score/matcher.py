"""The glossary matcher, `aligner.glossary_match` (below both stages: the aligner's glossary
anchors and term scoring share one matcher and one stemmer)."""

from aligner.glossary_match import (
    EnMatch,
    GlossaryMatcher,
    ZhForms,
    light_stem,
    matcher_for,
    token_key,
)

__all__ = ["EnMatch", "GlossaryMatcher", "ZhForms", "light_stem", "matcher_for", "token_key"]
