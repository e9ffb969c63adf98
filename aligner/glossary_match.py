"""A glossary compiled once into a fast two-sided matcher.

English side: the text is cut into alphanumeric tokens, each token mapped to a key (a Snowball
stem for ordinary words, so `therapies` meets `therapy`; the exact token for acronyms and gene
names, so `CAR` never meets `car`, with a plural `s` dropped: `iPSCs` meets `iPSC`). Terms are
looked up by their first key and tried longest first, so `CAR-iNK` is one hit, not also `CAR`.

Chinese side: substring search on `fold`ed text (NFKC + casefold), never on jieba tokens (jieba
cuts `即用型` and `CAR-iNK` inconsistently). A form that begins or ends with a Latin letter or
digit must not touch another one (`CAR` is not found inside `CARD`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from aligner.model import Glossary, Term
from aligner.normalize import fold, nfkc

# Greek letters are part of a name: `TNF-α` is not `TNF-β`
_TOKEN = re.compile(r"[^\W_]+")  # letters of any script (é, ı) and digits
# what may separate two tokens of one term in running text: space, hyphen, slash, dot, apostrophe


def _prefix(word: str) -> str:
    return word[:2].lower().replace("y", "i").replace("ı", "i")


def _child(node: dict[str, Any], word: str) -> dict[str, Any] | None:
    """The subtree for one token; a capitalised word of five letters or more (`IMATINIB` in a
    heading) may also be the ordinary word, where `CAR` may never be `car`."""
    hit = node.get(token_key(word))
    if hit is None and len(word) >= 5 and word.isupper():
        hit = node.get(light_stem(word))
    return hit

_GAP = re.compile(r"[\s\-/.'’]{1,3}")


_BRITISH = ((re.compile(r"isation(s?)$"), r"ization\1"), (re.compile(r"is(e|ed|es|ing)$"), r"iz\1"),
            (re.compile(r"our(s?)$"), r"or\1"))


def light_stem(word: str) -> str:
    """Inflection only: plural `s`/`es`/`ies` off, British `-ise`/`-isation`/`-our` spelled the
    American way. Not Snowball, which conflates different terms (`organization` → `organ`,
    `universe`/`university`, `infection`/`infected`); a glossary lists derived forms it wants.

    `therapies` → `therapy`, `viruses` → `virus`, `randomised` → `randomized`, `dying` →
    `di` (as `die`), `isolated` → `isolat` (as `isolate`); `infected` ≠ `infection`."""
    w = word.lower().replace("ı", "i")  # dotless ı: `ımatınıb` is `imatinib`
    if len(w) <= 3:
        return w
    for pattern, repl in _BRITISH:
        if len(w) > 6 and pattern.search(w) and not w.endswith(("wise", "rise", "vise", "cise")):
            w = pattern.sub(repl, w)
            break
    if w.endswith("ies") and len(w) > 4:
        w = w[:-3] + "y"
    elif w.endswith(("sses", "xes", "zes", "ches", "shes")) or (w.endswith("ses") and
                                                                   w[-4] in "u"):
        w = w[:-2]
    elif w.endswith("s") and not w.endswith(("ss", "us", "is", "os")):
        w = w[:-1]
    elif w.endswith("ying") and len(w) <= 6:
        w = w[:-4] + "ie"  # `dying` → `die`
    elif w.endswith("ing") and len(w) > 5:
        w = w[:-3]
    elif w.endswith("ied") and len(w) > 5:
        w = w[:-3] + "y"
    elif w.endswith("ed") and len(w) > 4 and not w.endswith("eed"):
        w = w[:-2]
    if len(w) > 3 and w[-1] == w[-2] and w[-1] not in "aeiouslz":
        w = w[:-1]  # `running` → `run`
    return w[:-1] if w.endswith("e") and len(w) > 3 else w  # `isolate` ≡ `isolated`


def _is_acronymish(token: str) -> bool:
    """Has a capital after the first letter (FDA, iPSC, mRNA) or mixes capitals and digits."""
    if any(c.isupper() for c in token[1:]):
        return True
    return token[:1].isupper() and any(c.isdigit() for c in token)


@lru_cache(maxsize=16_384)
def token_key(token: str) -> str:
    """The comparison key of one English token.

    Cached, bounded: a corpus vocabulary never stops growing (gen_realistic.py: ~140k types in
    20k records, more with every record), so the bound is what keeps memory flat. 16,384
    entries (~3 MB) fill within the first ~8k records of such a corpus, so peak memory is
    reached early and stays; a miss costs one light stem."""
    if _is_acronymish(token):
        if len(token) > 2 and token.endswith("s") and token[-2].isupper():
            return token[:-1]
        return token
    if token.isdigit():
        return token
    return light_stem(token)


@dataclass(frozen=True, slots=True)
class EnMatch:
    term: int  # index into the compiled glossary's terms
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class ZhForms:
    """The compiled Chinese forms of one term, in the order they are searched."""

    approved: tuple[re.Pattern[str], ...]
    variants: tuple[tuple[str, re.Pattern[str]], ...]
    forbidden: tuple[tuple[str, re.Pattern[str]], ...]


_LATIN_JOINT = re.compile(r"(?<=[a-z0-9])[\s\-]+(?=[a-z0-9])")


def _zh_pattern(form: str) -> re.Pattern[str]:
    """A Chinese-side form; between two Latin letters or digits a space, a hyphen or nothing
    are the same (`CAR-T` ≡ `CAR T` ≡ `CART`)."""
    f = fold(form)
    head = r"(?<![a-z0-9])" if f[:1].isascii() and f[:1].isalnum() else ""
    tail = r"(?![a-z0-9])" if f[-1:].isascii() and f[-1:].isalnum() else ""
    body = r"[\s\-]?".join(re.escape(part) for part in _LATIN_JOINT.split(f))
    return re.compile(head + body + tail)


_END = ""  # trie key holding the term that ends at a node (no token key is empty)


class GlossaryMatcher:
    """Compile once per glossary; `find_en` and `find_zh` are then cheap per sentence.

    English terms live in a trie over token keys, walked from each token of the sentence: the
    cost per sentence is tokens × the longest term, whatever the glossary's size (a 19,000-term
    ontology costs what a 30-term list does). A character automaton (Aho–Corasick) cannot see
    through inflection; keys can. Chinese forms are compiled on a term's first hit."""

    def __init__(self, glossary: Glossary):
        self.glossary = glossary
        self.terms: list[Term] = list(glossary.terms)
        self._trie: dict[str, Any] = {}  # token key → subtree; _END → term index
        for i, term in enumerate(self.terms):
            keys = [token_key(t) for t in _TOKEN.findall(nfkc(term.en))]
            if not keys:
                continue
            node = self._trie
            for key in keys:
                node = node.setdefault(key, {})
            node.setdefault(_END, i)  # the first of several terms with the same keys wins
        # cheap prefilter: a stem keeps the word's first two letters, so a token whose prefix
        # starts no term is skipped without stemming
        self._prefixes = {_prefix(k) for k in self._trie}
        self._zh_forms: dict[int, ZhForms] = {}
        # per-term values other users derive once (the aligner's normalised Chinese forms)
        self.cache: dict[str, dict[int, tuple[str, ...]]] = {}

    def forms_of(self, term: int) -> ZhForms:
        forms = self._zh_forms.get(term)
        if forms is None:
            t = self.terms[term]
            forms = self._zh_forms[term] = ZhForms(
                approved=(_zh_pattern(t.zh),),
                variants=tuple((v, _zh_pattern(v)) for v in t.variants),
                forbidden=tuple((f, _zh_pattern(f)) for f in t.forbidden),
            )
        return forms

    def find_en(self, text: str) -> list[EnMatch]:
        """Non-overlapping glossary hits in English text, leftmost-longest."""
        text = nfkc(text)
        toks = list(_TOKEN.finditer(text))
        words = [m.group(0) for m in toks]
        prefixes = self._prefixes
        out: list[EnMatch] = []
        i = 0
        while i < len(toks):
            if _prefix(words[i]) not in prefixes:
                i += 1
                continue
            node = _child(self._trie, words[i])
            best: tuple[int, int] | None = None  # (term, last token)
            k = i
            while node is not None:
                if _END in node:
                    best = (node[_END], k)
                if k + 1 >= len(toks) or not _GAP.fullmatch(
                        text[toks[k].end():toks[k + 1].start()]):
                    break
                k += 1
                node = _child(node, words[k])
            if best is None:
                i += 1
                continue
            term, last = best
            start, end = toks[i].start(), toks[last].end()
            if self.terms[term].en.endswith(".") and text[end:end + 1] == ".":
                end += 1  # `U.S.` keeps its final period
            out.append(EnMatch(term, start, end, text[start:end]))
            i = last + 1
        return out

    def find_zh(self, term: int, folded: str) -> tuple[str, str, str]:
        """(status, form found, folded text with the used forms masked) for one term.

        Approved forms are masked before variants are looked for, and both before forbidden
        forms, so a forbidden form that is a substring of an approved one is not reported.
        Forbidden wins over approved: a wrong rendering anywhere in the link is worth flagging.
        """
        forms = self.forms_of(term)
        t = self.terms[term]
        for form, pat in forms.forbidden:  # `现成即用型` forbidden around approved `即用型`
            if any(fold(ok) in fold(form) for ok in (t.zh, *t.variants)) and pat.search(folded):
                return "forbidden", form, folded
        approved = ""
        for pat in forms.approved:
            folded, n = pat.subn(lambda m: "\0" * len(m.group(0)), folded)
            if n:
                approved = self.terms[term].zh
        variant = ""
        for form, pat in forms.variants:
            folded, n = pat.subn(lambda m: "\0" * len(m.group(0)), folded)
            if n and not variant:
                variant = form
        for form, pat in forms.forbidden:
            if pat.search(folded):
                return "forbidden", form, folded
        if approved:
            return "ok", approved, folded
        if variant:
            return "variant", variant, folded
        return "missing", "", folded


_MATCHERS: dict[int, tuple[Glossary, list[Term], int, GlossaryMatcher]] = {}


def matcher_for(glossary: Glossary) -> GlossaryMatcher:
    """One compiled matcher per glossary per process (alignment anchors and term scoring share
    it); rebuilt when the glossary's term list is replaced or changes length."""
    hit = _MATCHERS.get(id(glossary))
    if hit and hit[0] is glossary and hit[1] is glossary.terms and hit[2] == len(glossary):
        return hit[3]
    matcher = GlossaryMatcher(glossary)
    if len(_MATCHERS) >= 8:  # a few glossaries per process at most
        _MATCHERS.pop(next(iter(_MATCHERS)))
    _MATCHERS[id(glossary)] = (glossary, glossary.terms, len(glossary), matcher)
    return matcher
