"""The one text normaliser: what "the same text" means to the aligner and to every scorer.

Chinese text mixes full-width and half-width forms (the seed writes `(CAR)` and `“即用型”`);
NFKC folds `（）`, `０-９`, `Ａ-Ｚ`, `％`, `～` to their ASCII forms, so a substring test on the
normalised text treats them as equal. Normalising is done once per sentence and the result is
passed around, never recomputed inside loops.
"""

from __future__ import annotations

import html
import re
import unicodedata
from functools import lru_cache

# brackets NFKC leaves alone, mapped to the ASCII pair they stand for
_EXTRA = str.maketrans(
    {
        "【": "[",
        "】": "]",
        "〔": "[",
        "〕": "]",
        "〖": "[",
        "〗": "]",
        "〈": "<",
        "〉": ">",
        "\u2010": "-",  # hyphen
        "\u2011": "-",  # non-breaking hyphen
        "\u2012": "-",  # figure dash
        "\u2212": "-",  # minus sign
        "\u00a0": " ",
        "\u3000": " ",
    }
)

_SPACES = re.compile(r"\s+")


@lru_cache(maxsize=65536)
def nfkc(text: str) -> str:
    """NFKC plus the bracket and dash forms NFKC keeps: the canonical form for substring tests.

    Cached because the same sentence is looked at by several scorers.
    """
    return unicodedata.normalize("NFKC", text).translate(_EXTRA)


def fold(text: str) -> str:
    """`nfkc` + casefold + collapsed spaces: the form Chinese-side term matching uses."""
    return _SPACES.sub(" ", nfkc(text)).casefold()


_MOSES = re.compile(r" ?@([-/,.:]) ?@? ?")


def normalise(text: str) -> str:
    """`nfkc` after undoing HTML entities (`&amp;`, `&apos;`) and Moses `@-@` joins, so that
    pre-tokenised corpora give the same tokens as running text; case is kept (callers decide).
    The aligner's features compare sentences in this form."""
    if "&" in text:
        text = html.unescape(text)
    if "@" in text:
        text = _MOSES.sub(r"\1", text)
    return nfkc(text)
