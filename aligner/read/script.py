"""Which language a piece of text is written in, judged by its script.

English and Chinese are told apart by the share of CJK ideographs among the letters: Chinese
biomedical text is full of Latin acronyms (`CAR-T`, `iPSC`, `FDA`), so "contains Latin" says
nothing, but even a Chinese sentence heavy with acronyms has a large share of ideographs, and an
English abstract has none.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

# a line whose letters are at least this share CJK is Chinese; at most _EN_MAX_CJK, English
ZH_MIN_CJK = 0.3
EN_MAX_CJK = 0.05


def is_cjk(ch: str) -> bool:
    """True for CJK ideographs (Unified, Extensions A-F, Compatibility)."""
    cp = ord(ch)
    return (
        0x4E00 <= cp <= 0x9FFF
        or 0x3400 <= cp <= 0x4DBF
        or 0x20000 <= cp <= 0x2FA1F
        or 0xF900 <= cp <= 0xFAFF
    )


@dataclass(frozen=True, slots=True)
class ScriptCounts:
    cjk: int
    latin: int
    other: int

    @property
    def letters(self) -> int:
        return self.cjk + self.latin + self.other

    @property
    def cjk_share(self) -> float:
        return self.cjk / self.letters if self.letters else 0.0


def count_scripts(text: str) -> ScriptCounts:
    cjk = latin = other = 0
    for ch in text:
        if is_cjk(ch):
            cjk += 1
        elif ch.isascii():
            if ch.isalpha():
                latin += 1
        elif ch.isalpha():
            if "LATIN" in unicodedata.name(ch, ""):
                latin += 1
            else:
                other += 1
    return ScriptCounts(cjk, latin, other)


def language_of(text: str) -> str | None:
    """'zh', 'en', or None when the text is neither clearly (no letters, or mixed)."""
    counts = count_scripts(text)
    if counts.letters == 0:
        return None
    share = counts.cjk_share
    if share >= ZH_MIN_CJK:
        return "zh"
    if share <= EN_MAX_CJK and counts.latin >= counts.other:
        return "en"
    return None


def content_chars(text: str) -> int:
    """Characters that carry content (no whitespace), the unit of the length-balance check."""
    return sum(1 for ch in text if not ch.isspace())
