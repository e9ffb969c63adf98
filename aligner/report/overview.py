"""A corpus at a glance, worst first: one row per document and the weakest links overall.

For the review notebook and any pandas user: whatever the number of records, one table of
documents (sorted so the ones needing a reviewer come first) and one table of the lowest-
confidence links across the corpus, instead of one table and one figure per record.

A document's rank: forbidden or missing terms first, then QA findings, then links below the
low-confidence threshold, then the lowest mean confidence.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

    from aligner.pipeline import ReviewedDocument

STATUSES = ("ok", "variant", "forbidden", "missing")
LOW_CONFIDENCE = 0.5


def document_overview(reviewed: Iterable[ReviewedDocument],
                      low: float = LOW_CONFIDENCE) -> pd.DataFrame:
    """One row per document, worst first (see the module docstring), indexed by document id."""
    import pandas as pd

    rows = []
    for r in reviewed:
        links = r.alignment.links
        counts = {status: sum(h.status == status for h in r.terms) for status in STATUSES}
        rows.append({
            "document": r.doc.id,
            "links": len(links),
            "mean confidence": round(r.confidence(), 3),
            "min confidence": round(min((link.score for link in links), default=1.0), 3),
            "low-confidence links": sum(link.score < low for link in links),
            **counts,
            "term problems": counts["forbidden"] + counts["missing"],
            "QA findings": len(r.findings),
        })
    columns = ["document", "links", "mean confidence", "min confidence",
               "low-confidence links", *STATUSES, "term problems", "QA findings"]
    frame = pd.DataFrame(rows, columns=columns)
    frame = frame.sort_values(
        ["term problems", "QA findings", "low-confidence links", "mean confidence"],
        ascending=[False, False, False, True], kind="stable")
    return frame.set_index("document")


def worst_links(reviewed: Iterable[ReviewedDocument], n: int = 20,
                low: float = LOW_CONFIDENCE) -> pd.DataFrame:
    """The `n` lowest-confidence links of the corpus with their texts, terms and findings."""
    import pandas as pd

    rows = []
    for r in reviewed:
        problems: dict[int, list[str]] = {}
        for h in r.terms:
            if h.status in ("forbidden", "missing"):
                problems.setdefault(h.link, []).append(f"{h.status}: {h.term}")
        for f in r.findings:
            problems.setdefault(f.link, []).append(f"{f.check}: {f.message}")
        for i, (link, en, zh) in enumerate(r.alignment.pairs()):
            rows.append({"document": r.doc.id, "link": i, "kind": link.kind,
                         "confidence": round(link.score, 3), "low": link.score < low,
                         "problems": "; ".join(problems.get(i, [])), "English": en,
                         "Chinese": zh})
    frame = pd.DataFrame(rows, columns=["document", "link", "kind", "confidence", "low",
                                        "problems", "English", "Chinese"])
    frame["has problems"] = frame["problems"] != ""
    frame = frame.sort_values(["has problems", "confidence"], ascending=[False, True],
                              kind="stable").drop(columns="has problems")
    return frame.head(n).reset_index(drop=True)
