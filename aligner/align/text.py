"""Text normalisation for alignment features: English word stems, numbers, Latin anchors.

Both sides go through `aligner.normalize.normalise` first (the normaliser the scorers use too),
so full-width digits and letters (``２０２３``, ``ＦＤＡ``) compare equal to their ASCII forms and
Moses-tokenised input (``@-@``, ``&apos;``) gives the same tokens as running text.
"""

from __future__ import annotations

import functools
import re

STOPWORDS = frozenset(
    """a about above after again against all am an and any are as at be because been before being
    below between both but by can could did do does doing down during each few for from further had
    has have having he her here hers herself him himself his how i if in into is it its itself just
    me more most my myself no nor not now of off on once only or other our ours ourselves out over
    own same she should so some such than that the their theirs them themselves then there these
    they this those through to too under until up very was we were what when where which while who
    whom why will with would you your yours yourself yourselves also may might must shall thee thou
    thy unto ye upon one's oneself something someone etc per via""".split()
)

_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")
_NUMBER = re.compile(r"\d+(?:[,，]\d{3})*(?:\.\d+)?")
_LATIN = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:[-/][A-Za-z0-9]+)*")




_STEMS: dict[str, str] = {}


def stem(word: str) -> str:
    """Snowball (Porter 2) stem of a lowercase word; PyStemmer is C, ~1 µs a word."""
    out = _STEMS.get(word)
    if out is None:
        out = _STEMS[word] = _stemmer().stemWord(word)
    return out


@functools.cache
def _stemmer():
    import Stemmer

    return Stemmer.Stemmer("english")


def en_stems(text: str) -> list[str]:
    """Stems of the content words of (normalised) English text, in order, with repeats."""
    return [stem(w) for w in _WORD.findall(text.lower()) if w not in STOPWORDS and len(w) > 1]


def numbers(text: str) -> list[str]:
    """Numbers in (normalised) text, thousands separators removed: ``1,024.5`` → ``1024.5``."""
    return [re.sub(r"[,，]", "", n) for n in _NUMBER.findall(text)]


def latin_tokens(text: str) -> list[str]:
    """Lowercased Latin-script tokens such as ``car-nk``, ``fda``, ``il-15``, ``ipsc``."""
    return [t.lower() for t in _LATIN.findall(text)]
