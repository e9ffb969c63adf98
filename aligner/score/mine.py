"""Propose glossary entries from the records themselves (`aligner terms mine`).

Two sources of evidence, both cheap and precise:

1. An acronym defined in both languages: `诱导多能干细胞(iPSC)` in the Chinese and
   `induced pluripotent stem cell (iPSC)` in the English give `induced pluripotent stem cell →
   诱导多能干细胞`. The English expansion is found with Schwartz & Hearst's algorithm (2003, "A
   simple algorithm for identifying abbreviation definitions in biomedical text"); the Chinese
   term is the run of Chinese characters before the bracket, cut after the last function
   character (`修饰免疫细胞的过继细胞疗法` → `过继细胞疗法`).
2. Latin tokens kept verbatim: an acronym or gene name (`FDA`, `CAR-T`, `IL-15`) present in both
   languages of a record gives `FDA → FDA`.

Counts are the number of records showing the pair; a pair seen with several Chinese forms keeps
the most frequent as approved and lists the others in a `seen` column, with their counts, not as
variants: a rendering seen in the records may be the error the glossary exists to catch
(`收养细胞疗法` for `adoptive cell therapy`), so appending the proposal approves nothing but the
most frequent form. Identifiers kept verbatim (trial registrations `NCT01234567`, `ChiCTR…`,
CamelCase names such as `ClinicalTrials`, any token with four digits or more) are not terms.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from aligner.model import Document, Glossary, Term
from aligner.normalize import fold, nfkc
from aligner.score.abbrev import _present, acronyms
from aligner.score.glossary import write_csv
from aligner.scripts import CJK_IDEOGRAPHS

# `风险比(HR)`, also with the English expansion in the bracket: `急性呼吸道感染 (Acute …, ARI)`
_ZH_DEFINED = re.compile(f"([{CJK_IDEOGRAPHS}]{{2,}})" + r"\s*\((?:[A-Za-z][^()]{0,80}?[,;]\s*)?"
                         r"([A-Za-z][A-Za-z0-9\-]{0,15})\s*\)")
_EN_DEFINED = re.compile(r"\(\s*([A-Za-z][A-Za-z0-9\-]{0,15}?)s?\s*\)")
# characters that end a phrase before a term: the term starts after the last of them
_CUT = set("的了在和与及是为对由被从或并而其该这于即称将把以向使给经用")
MAX_ZH_TERM = 12


@dataclass(frozen=True, slots=True)
class Candidate:
    en: str
    zh: str
    kind: str  # "acronym" | "verbatim"
    acronym: str = ""


def zh_definitions(zh: str) -> dict[str, str]:
    """Acronym → the Chinese term written just before `(ACRONYM)` (the first one)."""
    return {acronym: terms[0] for acronym, terms in zh_definitions_all(zh).items()}


def zh_definitions_all(zh: str) -> dict[str, list[str]]:
    """Acronym → every Chinese term written before `(ACRONYM)`, in order (a translator may
    define one acronym twice, differently)."""
    out: dict[str, list[str]] = {}
    for m in _ZH_DEFINED.finditer(nfkc(zh)):
        run = m.group(1)
        cut = max((i for i, ch in enumerate(run) if ch in _CUT), default=-1)
        term = run[cut + 1:][-MAX_ZH_TERM:]
        if len(term) >= 2 and term not in out.get(m.group(2), ()):
            out.setdefault(m.group(2), []).append(term)
    return out


def en_definitions(en: str) -> dict[str, str]:
    """Acronym → its English expansion (Schwartz & Hearst), for `expansion (ACRONYM)`."""
    text = nfkc(en)
    out: dict[str, str] = {}
    for m in _EN_DEFINED.finditer(text):
        short = m.group(1)
        if not any(c.isupper() for c in short) or len(short) < 2:
            continue
        before = text[: m.start()]
        clause = max(before.rfind(p) for p in (". ", "; ", "! ", "? ", ": ", ", "))
        words = re.findall(r"[A-Za-z0-9][A-Za-z0-9\-']*", before[clause + 1:])
        window = words[-min(len(short) + 5, len(short) * 2):]
        long = _expansion(short, " ".join(window))
        # an expansion holding acronyms (`iPSC-derived NK` for `iPSC-NK`) is not a definition
        if long and not acronyms(long):
            out.setdefault(short, long)
    return out


def _expansion(short: str, candidate: str) -> str | None:
    """Schwartz & Hearst: match the acronym's characters right to left in the candidate text,
    the first character at the start of a word; return the shortest such suffix."""
    s_chars = [c.lower() for c in short if c.isalnum()]
    text = candidate.lower()
    si, li = len(s_chars) - 1, len(text) - 1
    while si >= 0:
        c = s_chars[si]
        while li >= 0 and (text[li] != c or (si == 0 and li > 0 and text[li - 1].isalnum())):
            li -= 1
        if li < 0:
            return None
        li -= 1
        si -= 1
    start = candidate.rfind(" ", 0, li + 1) + 1
    long = candidate[start:].strip()
    if not long or long.lower() == short.lower() or len(long.split()) > len(short) + 5:
        return None
    return long


def _singular(phrase: str) -> str:
    """`adoptive cell therapies` → `adoptive cell therapy` (the glossary matcher is inflection
    tolerant either way; singular entries read better)."""
    head, _, last = phrase.rpartition(" ")
    if re.fullmatch(r"[a-z]+ies", last):
        last = last[:-3] + "y"
    elif re.fullmatch(r"[a-z]+(?:us|ss|x|ch|sh)es", last):
        last = last[:-2]  # `viruses` → `virus`
    elif re.fullmatch(r"[a-z]+[^sui]s", last):
        last = last[:-1]
    return f"{head} {last}".strip()


def _english_form(phrase: str) -> str:
    """Lowercase ordinary words, keep acronyms' and names' capitals."""
    words = [w if any(c.isupper() for c in w[1:]) else w.lower() for w in phrase.split()]
    return _singular(" ".join(words))


def trim_to_expansion(zh_term: str, long: str) -> str:
    """Start the Chinese term where a CC-CEDICT translation of the expansion's first word
    starts (`患者必须接受体外膜氧合` for `extracorporeal membrane oxygenation` → `体外膜氧合`);
    the bracket gives the term's end, only the dictionary can give its start."""
    from aligner.score.abbrev import expansion_renderings

    words = re.findall(r"[a-z]+", long.lower())
    if not words:
        return zh_term
    found = [zh_term.find(w) for w in expansion_renderings(words[0])
             if len(w) >= 2 and w in zh_term]
    start = min(found, default=0)
    # never down to fewer characters than the expansion has words (`预防中心` → `中心`)
    return zh_term[start:] if len(zh_term) - start >= max(2, len(words)) else zh_term


_IDENTIFIER = re.compile(r"\d{4,}|^(?:NCT|ISRCTN|ChiCTR|EudraCT|PMID|PMC|DOI)|"
                         r"^[A-Z][a-z]+(?:[A-Z][a-z]+)+$")


def is_identifier(token: str) -> bool:
    """A registration number, a long code or a CamelCase name: kept verbatim, not a term."""
    return _IDENTIFIER.search(token) is not None


def candidates(doc: Document) -> list[Candidate]:
    """Term pairs one record supports."""
    out = []
    zh_defs = zh_definitions(doc.zh)
    en_defs = en_definitions(doc.en)
    for acronym, zh_term in zh_defs.items():
        long = en_defs.get(acronym)
        if long and not long.lower().startswith(("b'", 'b"')):
            out.append(Candidate(_english_form(long), trim_to_expansion(zh_term, long),
                                 "acronym", acronym))
    zh_fold = fold(doc.zh)
    for token in acronyms(doc.en):
        if _present(token, zh_fold) and not is_identifier(token):
            out.append(Candidate(token, token, "verbatim"))
    return out


@dataclass(slots=True)
class MinedTerm:
    term: Term
    count: int
    kind: str
    seen: tuple[tuple[str, int], ...] = ()  # other renderings in the records, not approved


def mine(documents: Iterable[Document], exclude: Glossary | None = None,
         min_count: int = 1) -> list[MinedTerm]:
    """Candidate entries over all records, most frequent first; `exclude` drops terms already
    in a glossary (by English, case-insensitive)."""
    known = {t.en.casefold() for t in exclude} if exclude else set()
    forms: dict[str, Counter[str]] = defaultdict(Counter)
    kinds: dict[str, str] = {}
    notes: dict[str, str] = {}
    for doc in documents:
        for c in set(candidates(doc)):
            key = c.en.casefold()
            if key in known:
                continue
            forms[key][c.zh] += 1
            kinds.setdefault(key, c.kind)
            if c.acronym:
                notes.setdefault(key, f"acronym {c.acronym}")
            notes.setdefault(key, "kept verbatim" if c.kind == "verbatim" else "")
            kinds[key + "\0en"] = kinds.get(key + "\0en", c.en)
    out = []
    for key, counter in forms.items():
        ranked = counter.most_common()
        total = sum(n for _, n in ranked)
        if total < min_count:
            continue
        term = Term(kinds[key + "\0en"], ranked[0][0], (), (),
                    f"mined: {notes.get(key, '')}".rstrip(": "))
        out.append(MinedTerm(term, total, kinds[key], tuple(ranked[1:])))
    out.sort(key=lambda m: (-m.count, m.kind != "acronym", m.term.en.casefold()))
    return out


def mined_csv(mined: list[MinedTerm]) -> str:
    """Glossary CSV (readable by `read_glossary`) with `count` and `seen` columns (other
    renderings seen, for a reviewer to move into `variants` or `forbidden`)."""
    return write_csv([m.term for m in mined], {
        "count": [m.count for m in mined],
        "seen": ["|".join(f"{z} ×{n}" for z, n in m.seen) for m in mined]})
