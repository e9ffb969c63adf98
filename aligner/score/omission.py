"""`omission` and `partial` findings: a sentence with no counterpart, or a link where one side
says clearly more, reported with the sentence text and what is unmatched.

- omission: a null link (1-0: English left untranslated; 0-1: Chinese with no English), or a
  merged link hiding a member that has no evidence of being translated in it (its anchors are
  found no better than chance on the other side, or the link's length fits better without it;
  `aligner.align.evidence.judge`). The DP keeps such merges when they are cheaper than a null
  link; the finding is what stops them from hiding the omission.
- partial: a link whose one side is much shorter than the document's length norm predicts while
  the longer side's anchors are poorly matched: a clause, a number, a result left out. The
  message names the longer side and its unmatched numbers, Latin tokens, glossary terms and
  dictionary words.

The evidence is computed once per document (`document_verdicts`, stored in the checks'
`Context`), from the same features the lexical aligner uses, whichever method aligned it.
Thresholds live in `aligner.align.evidence`; bench/omission_eval.py measures them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from aligner.align.evidence import LinkVerdict, doc_evidence, doc_ratio, judge
from aligner.model import Alignment, Finding, Glossary

_WORD = re.compile(r"[A-Za-z]+(?:'[a-z]+)?")
MAX_LISTED = 8  # unmatched items named in a message


@dataclass(frozen=True, slots=True)
class DocumentVerdicts:
    """Per link index: the evidence verdict (None for null links), and the sentences' text."""

    verdicts: list[LinkVerdict | None]
    links: list[tuple[tuple[int, ...], tuple[int, ...]]]  # per link: EN and ZH indices
    en: list[str]
    zh: list[str]
    labels: dict[str, str]  # anchor key -> what a reader recognises (a word, a number, a term)


def document_verdicts(alignment: Alignment, glossary: Glossary | None) -> DocumentVerdicts:
    from aligner.align.dictionary import en_zh_index
    from aligner.align.features import FeatureWeights, extract
    from aligner.align.text import normalise, stem

    en = [s.text for s in alignment.en]
    zh = [s.text for s in alignment.zh]
    dictionary = en_zh_index() if en and zh else None
    feats = extract(en, zh, dictionary=dictionary, glossary=glossary, weights=FeatureWeights())
    ev = doc_evidence(feats)
    ratio = doc_ratio(feats)
    verdicts = [judge(feats, ev, link.en, link.zh, ratio) for link in alignment.links]
    labels: dict[str, str] = {}
    terms = list(glossary) if glossary is not None else []
    for key in feats.keys:
        if key.startswith("#n:"):
            labels[key] = key[3:]
        elif key.startswith("#l:"):
            labels[key] = key[3:]
        elif key.startswith("#g:"):
            k = int(key[3:])
            labels[key] = terms[k].en if k < len(terms) else key
    for text in en:  # stems back to the words a reader sees
        for w in _WORD.findall(normalise(text)):
            labels.setdefault(stem(w.lower()), w)
    return DocumentVerdicts(verdicts, [(link.en, link.zh) for link in alignment.links], en, zh,
                            labels)


def _quote(text: str, limit: int = 200) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def omission_findings(doc: str, index: int, en: tuple[int, ...], zh: tuple[int, ...],
                      dv: DocumentVerdicts | None) -> list[Finding]:
    """Findings for one link: its null side, or each hidden member."""
    if dv is None:
        return []
    if not zh:
        return [Finding(doc, index, "omission",
                        f"English sentence {i + 1} has no Chinese counterpart (omitted?): "
                        f"{_quote(dv.en[i])}", dv.en[i]) for i in en]
    if not en:
        return [Finding(doc, index, "omission",
                        f"Chinese sentence {j + 1} has no English counterpart (added?): "
                        f"{_quote(dv.zh[j])}", dv.zh[j]) for j in zh]
    verdict = dv.verdicts[index]
    if verdict is None:
        return []
    out = _shifted_neighbour(doc, index, en, zh, dv)
    for m in verdict.hidden:
        if m.side == "en":
            text = dv.en[m.index]
            message = (f"English sentence {m.index + 1} has no evidence of a Chinese counterpart "
                       f"in this {len(en)}-{len(zh)} link (omitted?): {_quote(text)}")
        else:
            text = dv.zh[m.index]
            message = (f"Chinese sentence {m.index + 1} has no evidence of an English source "
                       f"in this {len(en)}-{len(zh)} link (added?): {_quote(text)}")
        out.append(Finding(doc, index, "omission", message, text))
    return out


SHIFT_MARGIN = 0.2
"""A 1-1 link next to a link hiding a member is reported too when both its sentences are found
no more than this above chance: a sentence deleted before a merge often shifts its neighbour's
translation into the orphan's place, and the hidden member is then the wrong sentence."""


def _shifted_neighbour(doc: str, index: int, en: tuple[int, ...], zh: tuple[int, ...],
                       dv: DocumentVerdicts) -> list[Finding]:
    if len(en) != 1 or len(zh) != 1:
        return []
    verdict = dv.verdicts[index]
    if verdict is None or any(m.support - m.chance >= SHIFT_MARGIN for m in verdict.members):
        return []
    near = [k for k in (index - 1, index + 1) if 0 <= k < len(dv.verdicts)]
    hiding = [k for k in near if (v := dv.verdicts[k]) is not None and v.hidden]
    if not hiding:
        return []
    i = en[0]
    return [Finding(doc, index, "omission",
                    f"English sentence {i + 1} is barely matched by its Chinese, next to a link "
                    f"hiding an unmatched sentence (link {hiding[0]}): one of them is likely "
                    f"untranslated: {_quote(dv.en[i])}", dv.en[i])]


def partial_finding(doc: str, index: int, en: tuple[int, ...], zh: tuple[int, ...],
                    dv: DocumentVerdicts | None) -> Finding | None:
    if dv is None or not en or not zh:
        return None
    verdict = dv.verdicts[index]
    if verdict is None or verdict.partial is None:
        return None
    en_text = " ".join(dv.en[i] for i in en)
    zh_text = "".join(dv.zh[j] for j in zh)
    if verdict.partial == "en":
        items = [dv.labels.get(k, k) for k in verdict.en_unmatched]
        strong = [dv.labels.get(k, k) for k in verdict.en_unmatched if k.startswith("#")]
        listed = list(dict.fromkeys(strong + items))[:MAX_LISTED]
        what = f"; unmatched: {', '.join(listed)}" if listed else ""
        message = (f"the English says more than the Chinese (Chinese much shorter than this "
                   f"document's norm){what}: {_quote(en_text)} | {_quote(zh_text)}")
        return Finding(doc, index, "partial", message, ", ".join(listed) or en_text, "warning")
    message = (f"the Chinese says more than the English (Chinese much longer than this "
               f"document's norm): {_quote(zh_text)} | {_quote(en_text)}")
    return Finding(doc, index, "partial", message, zh_text, "warning")


# --- the two QA checks (`score.qa.CHECKS`) ------------------------------------------------------


def check_omission(link, ctx) -> list[Finding]:
    """`qa.Check`: one finding per sentence with no counterpart in this link."""
    dv = ctx.verdicts
    if dv is None:
        return []
    en, zh = dv.links[link.index]
    return omission_findings(link.doc, link.index, en, zh, dv)


def check_partial(link, ctx) -> Finding | None:
    """`qa.Check`: the link's one side says clearly more than the other."""
    dv = ctx.verdicts
    if dv is None:
        return None
    en, zh = dv.links[link.index]
    return partial_finding(link.doc, link.index, en, zh, dv)
