"""Terminology consistency: was each glossary term found in the English translated the approved way?

Per link, every glossary term found in the English side gets one `TermHit` whose status is
`ok` (approved form in the Chinese), `variant` (an accepted variant), `forbidden` (a known wrong
rendering) or `missing` (none of them). Term accuracy is the exact-match rate of Alam et al.
(2021, "On the evaluation of machine translation for terminology consistency"): the share of term
occurrences whose approved form appears in the translation. `accepted_rate` also counts variants.

Across links and documents, a term rendered in more than one way is an `Inconsistency`, listing
where each rendering was used.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from aligner.model import Alignment, Finding, Glossary
from aligner.normalize import fold
from aligner.score.base import Scorer, Signature, package_version
from aligner.score.matcher import matcher_for

if TYPE_CHECKING:
    import pandas as pd

STATUSES = ("ok", "variant", "forbidden", "missing")


@dataclass(frozen=True, slots=True)
class TermHit:
    doc: str
    link: int
    term: str  # the glossary's English term
    en_match: str  # the English surface form matched (e.g. `therapies`)
    status: str  # ok | variant | forbidden | missing
    zh_found: str  # the Chinese form found ("" when missing)
    approved: str  # the approved Chinese form
    count: int = 1  # occurrences of the term in the link's English


@dataclass(frozen=True, slots=True)
class Inconsistency:
    """One English term rendered differently in different places: form → [(doc, link), ...]."""

    term: str
    forms: dict[str, list[tuple[str, int]]]


@dataclass(slots=True)
class TermReport:
    """Term hits of one document or a whole corpus, with their counts and rates."""

    hits: list[TermHit]
    signature: str
    inconsistencies: list[Inconsistency] = field(default_factory=list)

    @property
    def counts(self) -> dict[str, int]:
        c = Counter(h.status for h in self.hits)
        return {s: c.get(s, 0) for s in STATUSES}

    @property
    def accuracy(self) -> float | None:
        """Exact-match term accuracy (approved form only); None when no term occurred."""
        return self.counts["ok"] / len(self.hits) if self.hits else None

    @property
    def accepted_rate(self) -> float | None:
        c = self.counts
        return (c["ok"] + c["variant"]) / len(self.hits) if self.hits else None

    def findings(self) -> list[Finding]:
        """Forbidden renderings (errors) and missing terms (warnings) as QA findings."""
        out = []
        for h in self.hits:
            if h.status == "forbidden":
                out.append(Finding(h.doc, h.link, "term-forbidden",
                                   f"{h.term!r} rendered with forbidden {h.zh_found!r} "
                                   f"(approved {h.approved!r})", h.zh_found, "error"))
            elif h.status == "missing":
                out.append(Finding(h.doc, h.link, "term-missing",
                                   f"{h.term!r} ({h.en_match!r}) not rendered as "
                                   f"{h.approved!r} or an accepted variant", h.en_match,
                                   "warning"))
        # severity: a forbidden form is an error (the glossary says it is wrong); a missing term
        # is a warning (a translator may paraphrase, or the English match is another sense)
        return out

    def summary(self) -> dict[str, object]:
        return {**self.counts, "terms": len(self.hits), "accuracy": self.accuracy,
                "accepted_rate": self.accepted_rate,
                "inconsistent_terms": len(self.inconsistencies), "signature": self.signature}

    def to_dataframe(self) -> pd.DataFrame:
        import pandas as pd

        cols = ["doc", "link", "term", "en_match", "status", "zh_found", "approved", "count"]
        return pd.DataFrame([[getattr(h, c) for c in cols] for h in self.hits], columns=cols)


def find_inconsistencies(hits: Iterable[TermHit]) -> list[Inconsistency]:
    """Terms whose Chinese rendering (approved, variant or forbidden form) differs between
    places. Missing renderings are not a form, so they never make a term inconsistent."""
    forms: dict[str, dict[str, list[tuple[str, int]]]] = defaultdict(lambda: defaultdict(list))
    for h in hits:
        if h.zh_found:
            forms[h.term][h.zh_found].append((h.doc, h.link))
    return [Inconsistency(term, dict(by_form)) for term, by_form in forms.items()
            if len(by_form) > 1]


class TermScorer(Scorer[TermReport]):
    """Glossary compiled once; `score(alignment)` → `TermReport` for one document."""

    name = "terms"

    def __init__(self, glossary: Glossary):
        self.glossary = glossary
        self.matcher = matcher_for(glossary)

    def signature(self) -> Signature:
        source = (self.glossary.source or "inline").replace("\\", "/").rsplit("/", 1)[-1]
        return Signature(self.name, (("glossary", source), ("n", len(self.glossary)),
                                     ("en", "inflection+acronym-case"), ("zh", "nfkc-substring"),
                                     ("version", package_version())))

    def hits_for_link(self, doc: str, link: int, en: str, zh: str) -> list[TermHit]:
        matches = self.matcher.find_en(en)
        if not matches:
            return []
        by_term: dict[int, list[str]] = {}
        for m in matches:
            by_term.setdefault(m.term, []).append(m.text)
        terms = self.matcher.terms
        original = folded = fold(zh)
        out = []
        # longest Chinese forms first, so `CAR-T` is consumed before `CAR` is looked for
        for t in sorted(by_term, key=lambda t: -len(terms[t].zh)):
            status, found, folded = self.matcher.find_zh(t, folded)
            if status == "missing":
                # one Chinese rendering may cover two English terms (`美国食品药品监督管理局`
                # for `U.S. FDA`): a Chinese form inside another term's form still counts
                status, found, _ = self.matcher.find_zh(t, original)
                if status != "ok" or not _has_cjk(found):
                    status, found = "missing", ""
            out.append(TermHit(doc, link, terms[t].en, by_term[t][0], status, found,
                               terms[t].zh, len(by_term[t])))
        out.sort(key=lambda h: en.find(h.en_match))
        return out

    def score(self, alignment: Alignment) -> TermReport:
        hits: list[TermHit] = []
        for i, (link, en, zh) in enumerate(alignment.pairs()):
            if link.en:
                hits.extend(self.hits_for_link(alignment.doc.id, i, en, zh))
        return TermReport(hits, str(self.signature()), find_inconsistencies(hits))


def _has_cjk(text: str) -> bool:
    return any("\u3400" <= c <= "\u9fff" for c in text)


def merge_reports(reports: Iterable[TermReport]) -> TermReport:
    """A corpus report: all hits, inconsistencies recomputed across documents."""
    reports = list(reports)
    hits = [h for r in reports for h in r.hits]
    signature = reports[0].signature if reports else ""
    return TermReport(hits, signature, find_inconsistencies(hits))
