"""Link confidence: a logistic on the link's cost per sentence, calibrated on dev data.

A link's DP cost says how well its lengths and anchors agree; dividing by the number of sentences
makes 1-1 and 3-1 links comparable. The logistic's two parameters were fitted (bench/align_eval.py
``--calibrate``) so that the confidence approximates the chance that the link is exactly right.
Links with an empty side are capped low: the aligner only proposes them when nothing fits.
"""

from __future__ import annotations

import math

from aligner.align.costs import LexicalCost

SLOPE = 1.5
MIDPOINT = 2.0
NULL_CAP = 0.2


def link_confidence(en: tuple[int, ...], zh: tuple[int, ...], cost: float, _: LexicalCost) -> float:
    if not en or not zh:
        return NULL_CAP * _sigmoid(SLOPE * (MIDPOINT - cost))
    per = cost / (len(en) + len(zh)) * 2
    return _sigmoid(SLOPE * (MIDPOINT - per))


def _sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(min(x, 50.0), -50.0)))
