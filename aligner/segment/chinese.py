"""PLACEHOLDER (to be replaced by the rule-based Chinese segmenter)."""

from __future__ import annotations

import re

from aligner.model import Sentence


def segment_zh(text: str) -> list[Sentence]:
    out = []
    for m in re.finditer(r"[^\s][^。！？]*(?:[。！？]+[”’」』)）]*|$)", text):
        s = m.group(0).rstrip()
        if s:
            out.append(Sentence(s, m.start(), m.start() + len(s)))
    return out
