"""Link confidence: the chance that a link is exactly right, on one scale for every method.

Lexical links: a logistic on the link's DP cost per 1-1-equivalent (cost × 2 / sentences, so a
3-1 and a 1-1 link compare). Null links (1-0, 0-1), which have no cost of their own, get the
share of null links that were right where the curve was fitted, for each method alike, so
`auto` and `--low-confidence` compare like with like. A merged link hiding a member with no
evidence of being translated in it (`evidence.judge`) is capped at `hidden_cap` (< 0.9): its
cost can be low while a sentence inside it went untranslated.

The constants are not written here: bench/confidence_fit.py fits them (on the aligner's own
links over the dev sets), checks them out of sample (leave one set out) and writes
``aligner/data/confidence.json``, which this module reads. Refit after changing `CostParams`.
"""

from __future__ import annotations

import functools
import json
import math
from importlib import resources
from typing import Any

CONSTANTS_FILE = "confidence.json"


@functools.cache
def constants() -> dict[str, Any]:
    """The fitted curve (see bench/confidence_fit.py for how and on what)."""
    text = resources.files("aligner").joinpath("data", CONSTANTS_FILE).read_text("utf-8")
    return json.loads(text)


def logistic(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(min(x, 50.0), -50.0)))


def lexical_curve(per_link_cost: float, slope: float, midpoint: float) -> float:
    return logistic(slope * (midpoint - per_link_cost))


def null_confidence(method: str = "lexical") -> float:
    """Confidence of a 1-0 / 0-1 link: how often such links were right on the fitting sets."""
    c = constants()
    return float(c.get(method, c["lexical"])["null"])


def hidden_cap() -> float:
    return float(constants()["hidden_cap"])


def link_confidence(n_en: int, n_zh: int, cost: float, *, hidden: bool = False) -> float:
    """Estimated chance that a lexical link of ``n_en`` × ``n_zh`` sentences with this DP cost
    is exactly right; ``hidden``: it holds a member with no evidence of translation."""
    if not n_en or not n_zh:
        return null_confidence("lexical")
    c = constants()["lexical"]
    p = lexical_curve(cost * 2 / (n_en + n_zh), c["slope"], c["midpoint"])
    return min(p, hidden_cap()) if hidden else p
