"""`omission` and `partial` findings: a sentence with no counterpart, or a link where one side
says clearly more, reported with the sentence text and what is unmatched.

- omission: a null link (1-0: English left untranslated; 0-1: Chinese with no English), or a
  merged link hiding a member that has no evidence of being translated in it (its anchors are
  found no better than chance on the other side, or the link fits the document's length norm
  better without it), or a barely-matched 1-1 link next to such a merge (the orphan's neighbour
  shifted into its place).
- partial: a link whose one side is much shorter than the document's length norm predicts while
  its anchors are poorly matched: a clause, a number, a result left out. The message names the
  side that says more and its unmatched numbers, Latin tokens, glossary terms and words.

The evidence is per-link plain data (`model.LinkEvidence`) that the pipeline attaches to the
alignment (`Alignment.evidence`, from `aligner.align.evidence.link_evidence`): the scorer never
imports the aligner. Without it (an alignment built elsewhere) only null links are reported.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from aligner.model import Alignment, Finding, LinkEvidence

MAX_LISTED = 8  # unmatched items named in a message


def _quote(text: str, limit: int = 200) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def omission_findings(
    doc: str,
    index: int,
    alignment: Alignment,
    evidence: Sequence[LinkEvidence | None] | None,
) -> list[Finding]:
    """Findings for link ``index``: its null side, each hidden member, or a shifted neighbour."""
    link = alignment.links[index]
    en, zh = link.en, link.zh
    if not zh:
        return [Finding(doc, index, "omission",
                        f"English sentence {i + 1} has no Chinese counterpart (omitted?): "
                        f"{_quote(alignment.en[i].text)}", alignment.en[i].text) for i in en]
    if not en:
        return [Finding(doc, index, "omission",
                        f"Chinese sentence {j + 1} has no English counterpart (added?): "
                        f"{_quote(alignment.zh[j].text)}", alignment.zh[j].text) for j in zh]
    ev = evidence[index] if evidence is not None else None
    if ev is None:
        return []
    out = _shifted_neighbour(doc, index, alignment, evidence)
    kind = f"{len(en)}-{len(zh)}"
    for side, k in ev.hidden:
        if side == "en":
            text = alignment.en[k].text
            message = (f"English sentence {k + 1} has no evidence of a Chinese counterpart in "
                       f"this {kind} link (omitted?): {_quote(text)}")
        else:
            text = alignment.zh[k].text
            message = (f"Chinese sentence {k + 1} has no evidence of an English source in this "
                       f"{kind} link (added?): {_quote(text)}")
        out.append(Finding(doc, index, "omission", message, text))
    return out


def _shifted_neighbour(doc: str, index: int, alignment: Alignment,
                       evidence: Sequence[LinkEvidence | None] | None) -> list[Finding]:
    link = alignment.links[index]
    ev = evidence[index] if evidence is not None else None
    if ev is None or not ev.weak or len(link.en) != 1 or len(link.zh) != 1 or evidence is None:
        return []
    hiding = [k for k in (index - 1, index + 1)
              if 0 <= k < len(evidence) and (near := evidence[k]) is not None and near.hidden]
    if not hiding:
        return []
    i = link.en[0]
    text = alignment.en[i].text
    return [Finding(doc, index, "omission",
                    f"English sentence {i + 1} is barely matched by its Chinese, next to a link "
                    f"hiding an unmatched sentence (link {hiding[0]}): one of them is likely "
                    f"untranslated: {_quote(text)}", text)]


def partial_finding(
    doc: str,
    index: int,
    alignment: Alignment,
    evidence: Sequence[LinkEvidence | None] | None,
) -> Finding | None:
    ev = evidence[index] if evidence is not None else None
    if ev is None or ev.partial is None:
        return None
    link = alignment.links[index]
    en_text = alignment.en_text(link)
    zh_text = alignment.zh_text(link)
    if ev.partial == "en":
        listed = list(ev.unmatched[:MAX_LISTED])
        what = f"; unmatched: {', '.join(listed)}" if listed else ""
        message = (f"the English says more than the Chinese (Chinese much shorter than this "
                   f"document's norm){what}: {_quote(en_text)} | {_quote(zh_text)}")
        return Finding(doc, index, "partial", message, ", ".join(listed) or en_text, "warning")
    message = (f"the Chinese says more than the English (Chinese much longer than this "
               f"document's norm): {_quote(zh_text)} | {_quote(en_text)}")
    return Finding(doc, index, "partial", message, zh_text, "warning")


# --- the two QA checks (`score.qa.CHECKS`) ------------------------------------------------------


def check_omission(link: Any, ctx: Any) -> list[Finding]:
    """`qa.Check`: one finding per sentence with no counterpart in this link."""
    if ctx.alignment is None:
        return []
    return omission_findings(link.doc, link.index, ctx.alignment, ctx.alignment.evidence)


def check_partial(link: Any, ctx: Any) -> Finding | None:
    """`qa.Check`: the link's one side says clearly more than the other."""
    if ctx.alignment is None:
        return None
    return partial_finding(link.doc, link.index, ctx.alignment, ctx.alignment.evidence)
