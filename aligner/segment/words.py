"""Chinese word tokenisation with jieba, shared by the aligner and the scorers.

jieba builds (or loads from its cache) a 350k-word prefix dictionary on first use (~1-2 s), so
it is initialised lazily, once, and quietly. Glossary terms must be added as user words
(`add_words`): otherwise jieba splits them inconsistently (`即用型` as `即|用型` or `即用|型`,
`CAR-iNK` as three tokens), and a term would not match itself from one sentence to the next.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterable

_lock = threading.Lock()
_ready = False
_added: set[str] = set()


def _jieba():
    """The jieba module, initialised on first call (thread-safe, logging kept quiet)."""
    global _ready
    import jieba

    if not _ready:
        with _lock:
            if not _ready:
                jieba.setLogLevel(logging.WARNING)
                jieba.initialize()
                _ready = True
    return jieba


def zh_words(text: str) -> list[str]:
    """Words of `text` in order, whitespace dropped; concatenated they give the text minus
    its whitespace (jieba never alters characters)."""
    return [w for w in _jieba().lcut(text, HMM=True) if w.strip()]


def add_words(words: Iterable[str], freq: int | None = None) -> int:
    """Teach jieba words it must keep whole (glossary terms); returns how many were new.

    Terms containing whitespace cannot be one jieba token and are skipped. Adding is global
    to the process (jieba has one default dictionary), idempotent, and cheap after the first
    call.
    """
    jieba = _jieba()
    new = 0
    with _lock:
        for word in words:
            word = word.strip()
            if not word or any(ch.isspace() for ch in word) or word in _added:
                continue
            jieba.add_word(word, freq=freq)
            _added.add(word)
            new += 1
    return new


__all__ = ["add_words", "zh_words"]
