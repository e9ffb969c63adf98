"""Translation QA checks on each link, built for Chinese (where `pofilter` is not).

Each check is a small function `(LinkText, Context) -> Finding | None`, listed in `CHECKS`; adding
one is adding a function. All of them look at NFKC-normalised text, so `（）` ≡ `()` and full-width
digits are digits, and none of them relies on spaces (`FDA批准` contains `FDA`).

- numbers: digit values in one side missing from the other (see `numbers.py`).
- acronym: acronyms and gene/protein names (`FDA`, `IL-15`, `CAR-T`, `iPSC`) that must stay
  verbatim; a glossary entry for the acronym supplies accepted alternatives.
- untranslated: English words left in the Chinese (a run of ordinary English words outside
  brackets, or a link with no Chinese at all). English inside brackets is the translator's gloss
  of the original term (`收入贫困比（income-to-poverty ratio）`) and is not flagged.
- brackets: unbalanced brackets in the Chinese when the English is balanced (a sentence split
  inside a parenthesis unbalances both and is not the translator's fault).
- length-ratio: Chinese/English length far outside the document's own norm.
- omission: a sentence with no counterpart: in a 1-0 / 0-1 link, or hidden in a merged link
  with no evidence of being translated there (`score/omission.py`).
- partial: one side of a link says clearly more than the other (`score/omission.py`).
"""

from __future__ import annotations

import math
import re
import statistics
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

from aligner.model import Alignment, Finding, Glossary
from aligner.normalize import fold, nfkc
from aligner.score.abbrev import (
    _present,
    _verbatim_pattern,
    acronyms,
    expansion_renderings,
    known_renderings,
)
from aligner.score.base import Scorer, Signature, package_version
from aligner.score.mine import en_definitions, zh_definitions_all
from aligner.score.numbers import (
    canonical,
    en_demanded,
    en_values,
    en_word_demands,
    same_digits,
    zh_demanded,
    zh_values,
    zh_word_demands,
)
from aligner.score.omission import check_omission, check_partial
from aligner.scripts import CJK_IDEOGRAPH, ZH_PER_EN_CHARS


@dataclass(frozen=True, slots=True)
class LinkText:
    """One link's text, normalised once and shared by every check."""

    doc: str
    index: int
    kind: str
    en: str
    zh: str
    zh_nfkc: str
    zh_fold: str


@dataclass(slots=True)
class Context:
    """What a check may know beyond the link: the document's length norm, verbatim terms."""

    log_ratio_median: float
    log_ratio_spread: float
    glossary_forms: dict[str, tuple[str, ...]] = field(default_factory=dict)
    links: list[LinkText] = field(default_factory=list)  # the whole document, in order
    doc_forms: dict[str, tuple[str, ...]] = field(default_factory=dict)  # its own definitions
    verbatim_acronyms: set[str] = field(default_factory=set)  # kept verbatim in some link

    def acronym_forms(self, token: str) -> tuple[str, ...]:
        """Every accepted Chinese form of an acronym: itself, glossary, document, known."""
        return (token, *self.glossary_forms.get(token, ()), *self.doc_forms.get(token, ()),
                *known_renderings(token))
    alignment: Alignment | None = None  # the whole alignment (its `evidence`: omission, partial)


# --- acronyms -----------------------------------------------------------------------------------

def check_acronyms(link: LinkText, ctx: Context) -> Finding | None:
    """An acronym of the English is rendered when the Chinese keeps it verbatim (`FDA`,
    `NSAIDs`, `CAR T`) or holds one of its known renderings (`abbrev.py`: glossary, shipped
    table, CC-CEDICT, the document's own definitions `风险比(HR)` / `hazard ratio (HR)`).
    Error: not rendered, and either the Chinese holds a look-alike acronym the English lacks
    (`WTO` for `WHO`) or the document keeps this acronym verbatim elsewhere (its convention).
    Warning: not rendered, with no such evidence (a name translated in a way no source knows)."""
    if not link.en or not link.zh:
        return None
    tokens = acronyms(link.en)
    missing = [token for token in tokens
               if not any(_present(f, link.zh_fold) for f in ctx.acronym_forms(token))]
    en_tokens = {_bare(t) for t in (*tokens, *_ZH_ACRONYM.findall(nfkc(link.en)))}
    rest = link.zh_nfkc  # the Chinese without the acronyms it keeps (`CAR T` is not `CAR`)
    for token in sorted(tokens, key=len, reverse=True):  # `SARS-CoV` before `SARS`
        rest = _verbatim_anycase(token).sub(" ", rest)
    zh_tokens = {t for t in acronyms(rest) if _bare(t) not in en_tokens}
    alike = {token: t for token in tokens for t in sorted(zh_tokens)
             if _one_edit(_bare(t), _bare(token))}
    if not missing and not alike:
        return None
    parts = []
    if missing:
        parts.append(f"not kept verbatim nor rendered by a known expansion: {', '.join(missing)}")
    parts += [f"{token} written as {t}?" for token, t in alike.items()]
    convention = [t for t in missing if t in ctx.verbatim_acronyms and t not in alike]
    if convention:
        parts.append(f"{', '.join(convention)} kept verbatim elsewhere in this document")
    strong = bool(alike or convention)
    return Finding(link.doc, link.index, "acronym", "; ".join(parts),
                   ", ".join(dict.fromkeys([*missing, *alike])), "error" if strong else "warning")


@lru_cache(maxsize=8192)
def _verbatim_anycase(form: str) -> re.Pattern[str]:
    return re.compile(_verbatim_pattern(form).pattern, re.IGNORECASE)


def _bare(token: str) -> str:
    """`HER-2` ≡ `HER2`, `CoVs` ≡ `CoV`: spellings of one acronym."""
    return _singular_acronym(token.replace("-", ""))


def _singular_acronym(token: str) -> str:
    """`ARIs` → `ARI` (as `acronyms` reads the English)."""
    return token[:-1] if len(token) > 2 and token.endswith("s") and token[-2].isupper() else token


_ZH_ACRONYM = re.compile(r"(?<![A-Za-z0-9])[A-Z][A-Za-z0-9-]*[A-Z][A-Za-z0-9-]*")


def _one_edit(a: str, b: str) -> bool:
    """One substituted, added or dropped character apart (`WTO` / `WHO`, `HI1N1` / `H1N1`,
    `IL1` / `IL15`); tokens the English also has are never compared (`SARS-CoV-2` beside
    `SARS-CoV`)."""
    if a == b or abs(len(a) - len(b)) > 1 or not 3 <= min(len(a), len(b)) <= 24:
        return False  # acronyms are short; a 100,000-letter token is compared with nothing
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short, long = sorted((a, b), key=len)
    return any(long[:i] + long[i + 1:] == short for i in range(len(long)))


# --- numbers ------------------------------------------------------------------------------------


def check_numbers(link: LinkText, ctx: Context) -> Finding | None:
    """Error: a digit number on one side is on neither the other side nor a neighbouring link,
    and no number there has the same digits at another scale; or the comparison signs differ.
    Warning: the number is in a neighbouring link ("moved"), appears at another scale (a unit
    conversion?), or only a spelled-out count (`two`, `七种`) is unmatched."""
    if not link.en or not link.zh:
        return None
    zh_vals, en_vals = zh_values(link.zh_nfkc), en_values(link.en)
    lost = en_demanded(link.en) - zh_vals
    added = zh_demanded(link.zh_nfkc) - en_vals
    lost_words = en_word_demands(link.en) - zh_vals - lost
    added_words = zh_word_demands(link.zh_nfkc) - en_vals - added
    en_signs, zh_signs = _signs(nfkc(link.en)), _signs(link.zh_nfkc)
    flipped = bool(en_signs and zh_signs and en_signs != zh_signs)
    if not (lost or added or lost_words or added_words or flipped):
        return None
    converted = _conversions(link)
    lost -= {v for v, _ in converted}
    added -= {w for _, w in converted}
    scaled = {v for v in lost for w in added if same_digits(v, w)}
    scaled |= {w for w in added for v in lost if same_digits(v, w)}
    near_zh, near_en = _neighbour_values(link, ctx)
    moved = {v for v in lost - scaled if v in near_zh} | {v for v in added - scaled
                                                          if v in near_en}
    strong_lost = lost - scaled - moved
    strong_added = added - scaled - moved
    parts = []
    texts: list[str] = []
    if flipped:
        parts.append(f"comparison differs: English {''.join(sorted(en_signs))}, "
                     f"Chinese {''.join(sorted(zh_signs))}")
        texts.append("".join(sorted(en_signs ^ zh_signs)))
    for values, message in ((strong_lost, "English {} not in the Chinese"),
                            (strong_added, "Chinese {} not in the English"),
                            (moved, "{} found only in a neighbouring link (moved?)"),
                            (scaled, "{} written at another scale (unit conversion?)"),
                            (lost_words, "English count {} not in the Chinese"),
                            (added_words, "Chinese count {} not in the English")):
        if values:
            parts.append(message.format(_listed(values)))
    if not parts:
        return None
    texts += sorted(lost | added | lost_words | added_words, key=_num_key)
    severity = "error" if flipped or strong_lost or strong_added else "warning"
    return Finding(link.doc, link.index, "numbers", "; ".join(parts), ", ".join(texts), severity)


def _conversions(link: LinkText) -> set[tuple[str, str]]:
    """(English value, Chinese value) pairs that are one quantity in two units (`1.5 g` and
    `1500 mg`): a conversion, not a changed number."""
    en = _quantities(_EN_QUANTITY_UNIT, nfkc(link.en))
    zh = _quantities(_ZH_QUANTITY_UNIT, link.zh_nfkc)
    return {(v, w) for v, f, s in en for w, g, t in zh
            if f == g and s != t and abs(float(v) * s - float(w) * t) < 1e-9 * max(
                abs(float(v) * s), 1e-12)}


def _listed(values: set[str]) -> str:
    return ", ".join(sorted(values, key=_num_key))


def _neighbour_values(link: LinkText, ctx: Context) -> tuple[set[str], set[str]]:
    """Values of the Chinese and the English of the links just before and after this one."""
    zh: set[str] = set()
    en: set[str] = set()
    for k in (link.index - 1, link.index + 1):
        if 0 <= k < len(ctx.links):
            other = ctx.links[k]
            zh |= zh_values(other.zh_nfkc)
            en |= en_values(other.en)
    return zh, en


def _num_key(value: str) -> float:
    return float(value)


# comparison signs by direction (after NFKC, which folds `＞` to `>`); `±` is not a direction
_SIGN_DIRECTION = {">": ">", "≥": ">", "⩾": ">", "≧": ">", "<": "<", "≤": "<", "⩽": "<",
                   "≦": "<"}


def _signs(text: str) -> set[str]:
    """Directions of the comparison signs written as symbols (`P<0.001`, `≥18 years`)."""
    return {_SIGN_DIRECTION[c] for c in text if c in _SIGN_DIRECTION}


# --- units -------------------------------------------------------------------------------------

# unit → (family, scale); Latin spellings on both sides, Chinese spellings in the Chinese
_UNIT_SCALE: dict[str, tuple[str, float]] = {
    "ng": ("mass", 1e-9), "μg": ("mass", 1e-6), "µg": ("mass", 1e-6), "mcg": ("mass", 1e-6),
    "ug": ("mass", 1e-6), "mg": ("mass", 1e-3), "g": ("mass", 1.0), "kg": ("mass", 1e3),
    "纳克": ("mass", 1e-9), "微克": ("mass", 1e-6), "毫克": ("mass", 1e-3), "克": ("mass", 1.0),
    "千克": ("mass", 1e3), "公斤": ("mass", 1e3),
    "μl": ("volume", 1e-6), "µl": ("volume", 1e-6), "ml": ("volume", 1e-3),
    "dl": ("volume", 0.1), "l": ("volume", 1.0), "微升": ("volume", 1e-6),
    "毫升": ("volume", 1e-3), "分升": ("volume", 0.1), "升": ("volume", 1.0),
    "nm": ("length", 1e-9), "μm": ("length", 1e-6), "µm": ("length", 1e-6),
    "mm": ("length", 1e-3), "cm": ("length", 1e-2), "km": ("length", 1e3),
    "纳米": ("length", 1e-9), "微米": ("length", 1e-6), "毫米": ("length", 1e-3),
    "厘米": ("length", 1e-2), "米": ("length", 1.0), "千米": ("length", 1e3),
    "公里": ("length", 1e3),
    "nmol": ("amount", 1e-9), "μmol": ("amount", 1e-6), "µmol": ("amount", 1e-6),
    "mmol": ("amount", 1e-3), "mol": ("amount", 1.0), "纳摩尔": ("amount", 1e-9),
    "微摩尔": ("amount", 1e-6), "毫摩尔": ("amount", 1e-3), "摩尔": ("amount", 1.0),
}
_LATIN_UNIT = r"(ng|[μµu]g|mcg|mg|kg|g|[μµ]l|ml|dl|[μµ]mol|nmol|mmol|mol|nm|[μµ]m|mm|cm|km|L)"
_EN_QUANTITY_UNIT = re.compile(
    r"(?<![\d.])(\d+(?:\.\d+)?)\s*" + _LATIN_UNIT + r"(?![A-Za-z])", re.I)
_ZH_QUANTITY_UNIT = re.compile(
    r"(?<![\d.])(\d+(?:\.\d+)?)\s*(?:" + _LATIN_UNIT + r"(?![A-Za-z])|(纳克|微克|毫克|千克|公斤|"
    r"克|微升|毫升|分升|升|纳米|微米|毫米|厘米|千米|公里|米|纳摩尔|微摩尔|毫摩尔|摩尔))", re.I)


def _quantities(pattern: re.Pattern[str], text: str) -> set[tuple[str, str, float]]:
    out = set()
    for m in pattern.finditer(text.replace(",", "")):
        unit = next(g for g in m.groups()[1:] if g)
        key = unit if unit in _UNIT_SCALE else unit.lower()
        if key in _UNIT_SCALE:
            family, scale = _UNIT_SCALE[key]
            out.add((canonical(m.group(1)), family, scale))
    return out


def check_units(link: LinkText, ctx: Context) -> Finding | None:
    """Error: one value carries units of one kind but another scale on the two sides (`5 mg`
    → `5 g`, `10 ml` → `10 L`), and no conversion explains it (`1.5 g` = `1500 mg` is fine)."""
    if not link.en or not link.zh:
        return None
    en = _quantities(_EN_QUANTITY_UNIT, nfkc(link.en))
    zh = _quantities(_ZH_QUANTITY_UNIT, link.zh_nfkc)
    if not en or not zh or en == zh:
        return None
    amounts = {(fam, round(float(v) * sc, 12)) for v, fam, sc in en | zh}
    wrong = []
    for v, fam, sc in en:
        if (v, fam, sc) in zh:
            continue
        others = [s for w, f, s in zh if w == v and f == fam and s != sc]
        zh_amounts = {(f, round(float(w) * s, 12)) for w, f, s in zh}
        if others and (fam, round(float(v) * sc, 12)) not in zh_amounts:
            wrong.append(f"{v} {_unit_name(fam, sc)} → {v} {_unit_name(fam, others[0])}")
    del amounts
    if not wrong:
        return None
    return Finding(link.doc, link.index, "units", f"unit differs: {'; '.join(wrong)}",
                   "; ".join(wrong))


def _unit_name(family: str, scale: float) -> str:
    for unit, (f, s) in _UNIT_SCALE.items():
        if f == family and s == scale and unit.isascii():
            return unit
    return "?"


# --- negation ----------------------------------------------------------------------------------

_EN_NEGATION = re.compile(
    r"\b(?:not(?!(?:\s+\w+){0,2}\s+(?:until|only|least|yet)\b)|never|without|neither|nor|none|cannot|nothing|nobody|no(?!\.\s*\d))\b|n't\b",
    re.I)
_ZH_NEGATION = re.compile(r"[不未无没非否勿别莫缺免拒禁]|阴性|零|排除|除外|失败|停止|尚需|仍需")


def check_negation(link: LinkText, ctx: Context) -> Finding | None:
    """Warning: the English negates (`not`, `no`, `without`, `never`) more often than the
    Chinese does (`不 未 无 没 非 否 …`, outside words such as `无症状` that are not a
    negation of the clause): a dropped negation reverses the meaning. A warning, because a
    translator may turn a negative into a positive (`no more than` → `至多`)."""
    if not link.en or not link.zh:
        return None
    en = _EN_NEGATION.findall(link.en)
    if not en:
        return None
    zh = _ZH_NEGATION.findall(_ZH_NOT_NEGATION.sub("", link.zh_nfkc))
    if len(zh) >= len(en):
        return None
    how = "no negation" if not zh else f"{len(zh)} negation(s) for {len(en)}"
    return Finding(link.doc, link.index, "negation",
                   f"the English negates ({', '.join(map(repr, en))}) but the Chinese has "
                   f"{how}", en[0], "warning")


# negation characters inside words that negate nothing in the clause
_ZH_NOT_NEGATION = re.compile(r"不良|非典|未来|无论|不同|非常|除非|不断")


# --- untranslated English -----------------------------------------------------------------------

_CJK = CJK_IDEOGRAPH
_LATIN_WORD = r"[A-Za-z][a-z'’]+"
# linear: a word's letters are taken possessively, and a run starts only where a word starts
# (a lowercase letter after a letter would rescan the rest of a 100k-letter token each time)
_RUN_WORD = r"[A-Za-z][a-z'’]++"
_MIN_RUN_WORDS = 4
_ENGLISH_RUN = re.compile(
    rf"(?:[A-Z]|(?<![A-Za-z])[a-z])[a-z'’]++(?:[\s,;:\-/]+{_RUN_WORD}){{{_MIN_RUN_WORDS - 1},}}")


def check_untranslated(link: LinkText, ctx: Context) -> Finding | None:
    if not link.zh:
        return None
    text = link.zh_nfkc
    if not _CJK.search(text) and len(re.findall(_LATIN_WORD, text)) >= 2:
        return Finding(link.doc, link.index, "untranslated",
                       "the Chinese side has no Chinese: left in English?", text[:120])
    if fold(link.en) == link.zh_fold:
        return Finding(link.doc, link.index, "untranslated", "Chinese side equals the English",
                       text[:120])
    m = _ENGLISH_RUN.search(outside_brackets(text))
    if m is None:
        return None
    return Finding(link.doc, link.index, "untranslated",
                   f"English words left in the Chinese: {m.group(0)[:80]!r}", m.group(0))


def outside_brackets(text: str) -> str:
    """`text` with every bracketed group (innermost first, `(...)` and `[...]`) replaced by a
    space, in one pass with a stack: re-running a regex until nothing changes was quadratic
    (50k nested brackets took 36 s). Unpaired brackets stay."""
    out: list[str] = []
    opened: list[tuple[str, int]] = []  # (bracket, its position in `out`), innermost last
    last: dict[str, list[int]] = {"(": [], "[": []}  # indices into `opened`, per bracket
    for ch in text:
        if ch in last:
            last[ch].append(len(opened))
            opened.append((ch, len(out)))
        elif ch in ")]" and last["(" if ch == ")" else "["]:
            k = last["(" if ch == ")" else "["][-1]
            for bracket, _ in opened[k:]:  # each opener is removed once: linear overall
                last[bracket].pop()
            del out[opened[k][1]:]
            del opened[k:]
            out.append(" ")
            continue
        out.append(ch)
    return "".join(out)


# --- brackets -----------------------------------------------------------------------------------

_PAIRS = {")": "(", "]": "[", "}": "{", "》": "《", "」": "「", "』": "『"}
_OPENERS = set(_PAIRS.values())
# list markers `1)`, `a)`, `（2）` are not brackets that need a partner
_ENUM = re.compile(
    r"(?:^|(?<=[\s,;:.，。；：、]))\(?(?:\d{1,2}|[a-zA-Z]|[一二三四五六七八九十]|[ivx]{1,3})\)"
)


def balanced(text: str) -> bool:
    """Brackets pair up, as written or once list markers (`1)`, `a)`) are set aside; the
    second try keeps `(table 1)` a pair and `1) 获益；2) 风险` free of partners."""
    return _balanced(text) or _balanced(_ENUM.sub(" ", text))


def _balanced(text: str) -> bool:
    stack = []
    for ch in text:
        if ch in _OPENERS:
            stack.append(ch)
        elif ch in _PAIRS:
            if not stack or stack.pop() != _PAIRS[ch]:
                return False
    return not stack


def check_brackets(link: LinkText, ctx: Context) -> Finding | None:
    if not link.zh or balanced(link.zh_nfkc) or (link.en and not balanced(nfkc(link.en))):
        return None
    return Finding(link.doc, link.index, "brackets",
                   "unbalanced brackets in the Chinese (the English is balanced)", link.zh[:120])


# --- length ratio -------------------------------------------------------------------------------

PRIOR_LOG_RATIO = math.log(ZH_PER_EN_CHARS)  # the usual ratio (aligner.scripts)
MIN_LINKS_FOR_NORM = 5
MIN_EN_CHARS = 40
RATIO_FACTOR = math.log(3.0)  # flag beyond 3x (or 1/3x) the document's norm


def zh_length(text: str) -> int:
    return len(text.replace(" ", ""))


def log_ratio(en: str, zh: str) -> float | None:
    """None when either side has no characters to count (a Chinese side of spaces only)."""
    n_zh = zh_length(zh)
    if not en or not n_zh:
        return None
    return math.log(n_zh / max(len(en), 1))


def length_norm(pairs: list[tuple[str, str]]) -> tuple[float, float]:
    """(median log ratio, robust spread) of a document, shrunk to the prior when it is short."""
    ratios = [r for en, zh in pairs if (r := log_ratio(en, zh)) is not None]
    if len(ratios) < MIN_LINKS_FOR_NORM:
        return PRIOR_LOG_RATIO, 0.0
    median = statistics.median(ratios)
    mad = statistics.median(abs(r - median) for r in ratios) * 1.4826
    return median, mad


def check_length(link: LinkText, ctx: Context) -> Finding | None:
    if len(link.en) < MIN_EN_CHARS or not link.zh:
        return None
    r = log_ratio(link.en, link.zh_nfkc)
    if r is None:
        return None
    limit = max(RATIO_FACTOR, 4 * ctx.log_ratio_spread)
    if abs(r - ctx.log_ratio_median) <= limit:
        return None
    factor = math.exp(r - ctx.log_ratio_median)
    how = "longer" if factor > 1 else "shorter"
    return Finding(link.doc, link.index, "length-ratio",
                   f"Chinese is {max(factor, 1 / factor):.1f}x {how} than this document's norm",
                   link.zh[:120], "warning")


Check = Callable[[LinkText, Context], "Finding | list[Finding] | None"]
CHECKS: dict[str, Check] = {
    "numbers": check_numbers,
    "units": check_units,
    "negation": check_negation,
    "acronym": check_acronyms,
    "untranslated": check_untranslated,
    "brackets": check_brackets,
    "length-ratio": check_length,
    "omission": check_omission,
    "partial": check_partial,
}


@dataclass(slots=True)
class CheckReport:
    findings: list[Finding]
    links: int
    signature: str

    def counts(self) -> dict[str, int]:
        out = {name: 0 for name in CHECKS}
        for f in self.findings:
            out[f.check] = out.get(f.check, 0) + 1
        return out

    def to_dataframe(self):  # -> pd.DataFrame
        return findings_dataframe(self.findings)


def findings_dataframe(findings: list[Finding]):  # -> pd.DataFrame
    import pandas as pd

    cols = ["doc", "link", "check", "severity", "message", "text", "accepted"]
    return pd.DataFrame([[getattr(f, c) for c in cols] for f in findings], columns=cols)


def verbatim_forms(glossary: Glossary | None) -> dict[str, tuple[str, ...]]:
    """Accepted Chinese forms of glossary acronyms (`FDA` → `FDA`, `美国食品药品监督管理局`)."""
    if glossary is None:
        return {}
    return {t.en: (t.zh, *t.variants) for t in glossary if acronyms(t.en) == [t.en]}


class CheckScorer(Scorer[CheckReport]):
    """Run the selected checks (default: all) over every link of a document."""

    name = "checks"

    def __init__(self, glossary: Glossary | None = None, checks: list[str] | None = None):
        unknown = set(checks or ()) - set(CHECKS)
        if unknown:
            raise ValueError(f"unknown checks {sorted(unknown)} (known: {sorted(CHECKS)})")
        self.checks = {n: CHECKS[n] for n in (checks or CHECKS)}
        self.forms = verbatim_forms(glossary)
        self.by_english = {t.en.casefold(): (t.zh, *t.variants) for t in glossary or ()}

    def signature(self) -> Signature:
        return Signature(self.name, (("checks", ",".join(self.checks)),
                                     ("ratio", f"x{math.exp(RATIO_FACTOR):.0f}"),
                                     ("version", package_version())))

    def links_of(self, alignment: Alignment) -> list[LinkText]:
        out = []
        for i, (link, en, zh) in enumerate(alignment.pairs()):
            z = nfkc(zh)
            out.append(LinkText(alignment.doc.id, i, link.kind, en, zh, z, fold(z)))
        return out

    def document_acronyms(self, links: list[LinkText]
                          ) -> tuple[dict[str, tuple[str, ...]], set[str]]:
        """The document's own acronym renderings (`风险比(HR)` in its Chinese; the Chinese of
        `hazard ratio (HR)` in its English, through the glossary and CC-CEDICT), and the
        acronyms it keeps verbatim somewhere."""
        en_text = " ".join(lt.en for lt in links if lt.en)
        zh_text = "".join(lt.zh for lt in links if lt.zh)
        forms: dict[str, tuple[str, ...]] = {}
        for acronym, terms in zh_definitions_all(zh_text).items():
            key = _singular_acronym(acronym)
            forms[key] = (*forms.get(key, ()), *terms)
        for acronym, long in en_definitions(en_text).items():
            found = (*self.by_english.get(long.casefold(), ()), *expansion_renderings(long))
            forms[acronym] = (*forms.get(acronym, ()), *found)
        verbatim = {token for lt in links if lt.en and lt.zh for token in acronyms(lt.en)
                    if _present(token, lt.zh_fold)}
        return forms, verbatim

    def score(self, alignment: Alignment) -> CheckReport:
        links = self.links_of(alignment)
        median, spread = length_norm([(lt.en, lt.zh_nfkc) for lt in links])
        ctx = Context(median, spread, self.forms, links, *self.document_acronyms(links),
                      alignment=alignment)
        findings: list[Finding] = []
        for lt in links:
            for check in self.checks.values():
                finding = check(lt, ctx)
                if isinstance(finding, list):
                    findings.extend(finding)
                elif finding is not None:
                    findings.append(finding)
        return CheckReport(findings, len(links), str(self.signature()))
