"""PLACEHOLDER (to be replaced by the Punkt + biomedical-rules segmenter)."""

from __future__ import annotations

import re

from aligner.model import Sentence


def segment_en(text: str) -> list[Sentence]:
    out = []
    for m in re.finditer(r"\S.*?(?:[.!?](?=\s+[A-Z])|$)", text, flags=re.S):
        s = m.group(0).strip()
        if s:
            start = m.start() + (len(m.group(0)) - len(m.group(0).lstrip()))
            out.append(Sentence(s, start, start + len(s)))
    return out
