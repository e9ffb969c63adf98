"""What moved between the approved baseline and the current translations, per document.

Both sides are document records in the baseline's JSON shape (`baseline.document_record`), so
the comparison is a pure function of two dicts. Links are paired by their English sentence
indices: the English is the fixed point, the Chinese is what drifts. When the alignment itself
changed shape, the Chinese of every current link that touches the same English sentences is
compared instead.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from aligner.drift.baseline import link_keys
from aligner.drift.config import Thresholds

# confidence falls smaller than this are rounding noise, not drift
CONFIDENCE_NOISE = 0.001
# the worse status is reported when a term matched several renderings in one link
_STATUS_RANK = {"ok": 0, "variant": 1, "missing": 2, "forbidden": 3}


@dataclass(frozen=True, slots=True)
class LinkChange:
    """A link whose Chinese differs from the approved version."""

    link: int  # index in the approved alignment
    key: str  # e.g. "en 3" (English sentence 3)
    en: str
    approved: str
    current: str
    chrf: float
    edits: tuple[tuple[str, str], ...]  # (approved span, current span), in order

    def describe_edits(self, limit: int = 3) -> str:
        parts = [f"{a or '∅'} → {b or '∅'}" for a, b in self.edits[:limit]]
        if len(self.edits) > limit:
            parts.append(f"… (+{len(self.edits) - limit} more)")
        return "; ".join(parts)


@dataclass(frozen=True, slots=True)
class TermRegression:
    """A glossary term that was rendered `ok` in the baseline and no longer is."""

    link: int
    key: str
    term: str
    approved: str  # the rendering in the baseline
    status: str  # now: variant / missing / forbidden / gone (English no longer has the term)
    current: str  # the rendering found now, or the expected one when missing


@dataclass(frozen=True, slots=True)
class NewFinding:
    link: int  # index in the current alignment
    key: str
    check: str
    message: str
    text: str
    severity: str


@dataclass(slots=True)
class DocDrift:
    """The comparison of one document; `state` is same / changed / added / removed."""

    doc: str
    state: str
    source: str | None = None
    en_changed: list[str] = field(default_factory=list)  # link keys whose English changed
    changed_links: list[LinkChange] = field(default_factory=list)
    term_regressions: list[TermRegression] = field(default_factory=list)
    new_findings: list[NewFinding] = field(default_factory=list)
    confidence_before: float | None = None
    confidence_after: float | None = None

    @property
    def confidence_drop(self) -> float:
        if self.confidence_before is None or self.confidence_after is None:
            return 0.0
        return round(self.confidence_before - self.confidence_after, 4)

    def counted_changes(self, thresholds: Thresholds) -> list[LinkChange]:
        return [c for c in self.changed_links if c.chrf < thresholds.min_chrf]

    def failures(self, thresholds: Thresholds) -> list[str]:
        """Why this document fails the check (empty: it passes), one reason per threshold."""
        reasons = []
        if self.state == "added" and not thresholds.allow_added_documents:
            reasons.append("document added since the baseline")
        if self.state == "removed" and not thresholds.allow_removed_documents:
            reasons.append("document removed since the baseline")
        counted = self.counted_changes(thresholds)
        if len(counted) > thresholds.max_changed_links:
            reasons.append(
                f"{len(counted)} changed link(s) with chrF < {thresholds.min_chrf:g} "
                f"(max {thresholds.max_changed_links})"
            )
        if len(self.term_regressions) > thresholds.max_new_term_errors:
            reasons.append(
                f"{len(self.term_regressions)} term(s) no longer ok "
                f"(max {thresholds.max_new_term_errors})"
            )
        if len(self.new_findings) > thresholds.max_new_findings:
            reasons.append(
                f"{len(self.new_findings)} new QA finding(s) (max {thresholds.max_new_findings})"
            )
        if self.confidence_drop > thresholds.max_confidence_drop:
            reasons.append(
                f"alignment confidence fell {self.confidence_before:.3f} → "
                f"{self.confidence_after:.3f} (max drop {thresholds.max_confidence_drop:g})"
            )
        return reasons

    @property
    def has_drift(self) -> bool:
        return self.state != "same"


ChrF = Callable[[str, str], float]


def default_chrf() -> ChrF:
    """Sentence chrF (sacrebleu's default `CHRF()`: character 6-grams, suits Chinese)."""
    from sacrebleu.metrics import CHRF

    metric = CHRF()
    return lambda hyp, ref: round(metric.sentence_score(hyp, [ref]).score, 2)


def compare(
    baseline: dict[str, dict[str, Any]],
    current: dict[str, dict[str, Any]],
    chrf: ChrF | None = None,
) -> list[DocDrift]:
    """Compare document records by id; the result is sorted by document id."""
    chrf = chrf or default_chrf()
    out = []
    for doc_id in sorted(set(baseline) | set(current)):
        if doc_id not in current:
            old = baseline[doc_id]
            out.append(DocDrift(doc_id, "removed", old.get("source"),
                                confidence_before=old.get("confidence")))
        elif doc_id not in baseline:
            new = current[doc_id]
            out.append(DocDrift(doc_id, "added", new.get("source"),
                                confidence_after=new.get("confidence")))
        else:
            out.append(compare_document(doc_id, baseline[doc_id], current[doc_id], chrf))
    return out


def compare_document(
    doc_id: str, old: dict[str, Any], new: dict[str, Any], chrf: ChrF
) -> DocDrift:
    drift = DocDrift(
        doc_id,
        "same",
        new.get("source"),
        confidence_before=old.get("confidence"),
        confidence_after=new.get("confidence"),
    )
    old_keys, new_keys = link_keys(old["links"]), link_keys(new["links"])
    new_by_en = _links_by_en_sentence(new["links"])
    # English sentences paired by content: a sentence added or deleted shifts the indices of
    # every later one, and must not make every later link look changed
    en_map = _en_map(old["en"], new["en"])
    moved = [{**link, "en": [en_map[k] for k in link["en"] if k in en_map]}
             for link in old["links"]]
    moved_keys = link_keys(moved)

    for i, (key, link) in enumerate(zip(old_keys, old["links"], strict=True)):
        approved = "".join(old["zh"][j] for j in link["zh"])
        mapped = moved[i]
        current = (_current_zh(mapped, moved_keys[i], new, new_keys, new_by_en)
                   if mapped["en"] or not link["en"] else "")
        old_en = " ".join(old["en"][k] for k in link["en"])
        new_en = " ".join(new["en"][k] for k in mapped["en"] if k < len(new["en"]))
        if old_en != new_en:
            drift.en_changed.append(key)
        if current != approved:
            drift.changed_links.append(
                LinkChange(i, key, new_en or old_en, approved, current,
                           chrf(current, approved) if current and approved else 0.0,
                           tuple(_edits(approved, current)))
            )

    drift.term_regressions = _term_regressions({**old, "links": moved}, new, old_keys)
    drift.new_findings = _new_findings(old, new, moved_keys, new_keys)
    if drift.confidence_drop >= CONFIDENCE_NOISE or any(
        (drift.en_changed, drift.changed_links, drift.term_regressions, drift.new_findings)
    ):
        drift.state = "changed"
    return drift


def _links_by_en_sentence(links: list[dict[str, Any]]) -> dict[int, int]:
    return {k: i for i, link in enumerate(links) for k in link["en"]}


def _current_zh(
    link: dict[str, Any],
    key: str,
    new: dict[str, Any],
    new_keys: list[str],
    new_by_en: dict[int, int],
) -> str:
    if key in new_keys:
        return "".join(new["zh"][j] for j in new["links"][new_keys.index(key)]["zh"])
    touching = sorted({new_by_en[k] for k in link["en"] if k in new_by_en})
    return "".join(new["zh"][j] for i in touching for j in new["links"][i]["zh"])


def _en_map(old: list[str], new: list[str]) -> dict[int, int]:
    """Old English sentence index → new one, for sentences kept (or replaced one for one)."""
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    out = {}
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal" or (op == "replace" and i2 - i1 == j2 - j1):
            out.update({i1 + d: j1 + d for d in range(i2 - i1)})
    return out


_LATIN_RUN = re.compile(r"[A-Za-z0-9][A-Za-z0-9.,%\-]*[A-Za-z0-9%]|[A-Za-z0-9]|\s+")


def words(text: str) -> list[str]:
    """Words to diff on: Latin and number runs whole (`1204`, `CAR-T`), Chinese by jieba
    (`即用型` → `即用型`), everything else a character."""
    out: list[str] = []
    pos = 0
    for m in _LATIN_RUN.finditer(text):
        if m.start() > pos:
            out += _zh_words(text[pos:m.start()])
        out.append(m.group(0))
        pos = m.end()
    if pos < len(text):
        out += _zh_words(text[pos:])
    return out


def _zh_words(text: str) -> list[str]:
    import jieba

    jieba.setLogLevel(60)  # its "Building prefix dict" chatter is not the user's business
    return jieba.lcut(text, HMM=False)


def _edits(a: str, b: str) -> list[tuple[str, str]]:
    """The differing spans, word-level: `1204` → `1240` is one edit, not two characters."""
    wa, wb = words(a), words(b)
    matcher = difflib.SequenceMatcher(None, wa, wb, autojunk=False)
    return [("".join(wa[i1:i2]), "".join(wb[j1:j2]))
            for op, i1, i2, j1, j2 in matcher.get_opcodes() if op != "equal"]


def _term_regressions(
    old: dict[str, Any], new: dict[str, Any], old_keys: list[str]
) -> list[TermRegression]:
    # current statuses per (English sentence, term): robust to the Chinese being re-linked
    now: dict[tuple[int, str], list[tuple[str, str]]] = {}
    for t in new.get("terms", []):
        if 0 <= t["link"] < len(new["links"]):
            for k in new["links"][t["link"]]["en"]:
                now.setdefault((k, t["term"]), []).append((t["status"], t.get("found", "")))
    out = []
    for t in old.get("terms", []):
        if t.get("status") != "ok" or not 0 <= t["link"] < len(old["links"]):
            continue
        link = old["links"][t["link"]]
        seen = [s for k in link["en"] for s in now.get((k, t["term"]), [])]
        if any(status == "ok" for status, _ in seen):
            continue
        status, rendering = max(seen, key=lambda s: _STATUS_RANK.get(s[0], 9), default=("gone", ""))
        out.append(TermRegression(t["link"], old_keys[t["link"]], t["term"],
                                  t.get("found", ""), status, rendering))
    return _dedupe(out)


def _dedupe(items: list) -> list:
    seen, out = set(), []
    for item in items:
        if item not in seen:
            seen.add(item)
            out.append(item)
    return out


def _new_findings(
    old: dict[str, Any], new: dict[str, Any], old_keys: list[str], new_keys: list[str]
) -> list[NewFinding]:
    def ident(f: dict[str, Any], keys: list[str]) -> tuple[str, str, str]:
        key = keys[f["link"]] if 0 <= f["link"] < len(keys) else "?"
        return key, f.get("check", ""), f.get("text", "") or f.get("message", "")

    before = {ident(f, old_keys) for f in old.get("findings", [])}
    out = []
    for f in new.get("findings", []):
        key, check, _ = ident(f, new_keys)
        if ident(f, new_keys) not in before:
            out.append(NewFinding(f["link"], key, check, f.get("message", ""), f.get("text", ""),
                                  f.get("severity", "error")))
    return out
