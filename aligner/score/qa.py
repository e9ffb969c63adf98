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
- empty-link: a 1-0 (English left untranslated) or 0-1 (Chinese with no English) link.
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
from aligner.score.base import Scorer, Signature, package_version
from aligner.score.numbers import en_demanded, en_values, zh_demanded, zh_values
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


# --- acronyms -----------------------------------------------------------------------------------

# hyphenated tokens with at least one capital (the only ones that can hold an acronym); whole
# tokens first, then the capital test: `[A-Za-z0-9-]*[A-Z]...` rescanned a long token from
# every position (quadratic: 10^5 digits took a minute)
_TOKEN = re.compile(r"[A-Za-z0-9-]+")
_HAS_CAPITAL = re.compile(r"[A-Z]")
_ROMAN = re.compile(r"(?=[IVX])X{0,3}(?:IX|IV|V?I{0,3})")
_SQUASH = re.compile(r"[\s\-‐]+")


def _acronym_part(part: str) -> bool:
    if _ROMAN.fullmatch(part):
        return False
    caps = sum(c.isupper() for c in part)
    return caps >= 2 or (caps >= 1 and any(c.isdigit() for c in part)) or (
        caps >= 1 and not part[0].isupper())


def acronyms(en: str) -> list[str]:
    """Acronyms/gene names in English, hyphen groups kept whole (`IL-15`, `CAR-T`), ordinary
    words cut off (`iPSC-derived` → `iPSC`), plural `s` dropped (`CARs` → `CAR`)."""
    out: list[str] = []
    for token in (t for t in _TOKEN.findall(nfkc(en)) if _HAS_CAPITAL.search(t)):
        parts = token.strip("-").split("-")
        keep = [_acronym_part(p) for p in parts]
        for i, p in enumerate(parts):  # digits and single capitals join an adjacent acronym
            if not keep[i] and (p.isdigit() or (len(p) == 1 and p.isupper())):
                keep[i] = (i > 0 and _acronym_part(parts[i - 1])) or (
                    i + 1 < len(parts) and _acronym_part(parts[i + 1]))
        group: list[str] = []
        for p, k in [*zip(parts, keep, strict=True), ("", False)]:
            if k:
                group.append(p)
            elif group:
                token = "-".join(group)
                if len(token) > 2 and token.endswith("s") and token[-2].isupper():
                    token = token[:-1]
                if token not in out:
                    out.append(token)
                group = []
    return out


@lru_cache(maxsize=8192)
def _verbatim_pattern(form: str) -> re.Pattern[str]:
    """`CAR-T` also matches `CAR T` and `CART`; never inside a longer Latin token, though a
    hyphen is a boundary (`NK` is kept in `iPSC-NK`)."""
    parts = [re.escape(p) for p in _SQUASH.split(fold(form)) if p]
    return re.compile(r"(?<![a-z0-9])" + r"[\s\-]?".join(parts) + r"(?![a-z0-9])")


def _present(form: str, zh_fold: str) -> bool:
    return _verbatim_pattern(form).search(zh_fold) is not None


def check_acronyms(link: LinkText, ctx: Context) -> Finding | None:
    if not link.en or not link.zh:
        return None
    missing = []
    for token in acronyms(link.en):
        forms = ctx.glossary_forms.get(token, (token,))
        if not any(_present(f, link.zh_fold) for f in forms):
            missing.append(token)
    if not missing:
        return None
    return Finding(link.doc, link.index, "acronym",
                   f"not kept verbatim in the Chinese: {', '.join(missing)}", ", ".join(missing))


# --- numbers ------------------------------------------------------------------------------------


def check_numbers(link: LinkText, ctx: Context) -> Finding | None:
    if not link.en or not link.zh:
        return None
    lost = sorted(en_demanded(link.en) - zh_values(link.zh_nfkc), key=_num_key)
    added = sorted(zh_demanded(link.zh_nfkc) - en_values(link.en), key=_num_key)
    en_signs, zh_signs = _signs(nfkc(link.en)), _signs(link.zh_nfkc)
    flipped = bool(en_signs and zh_signs and en_signs != zh_signs)
    if not lost and not added and not flipped:
        return None
    parts = []
    text = ""
    if flipped:
        parts.append(f"comparison differs: English {''.join(sorted(en_signs))}, "
                     f"Chinese {''.join(sorted(zh_signs))}")
        text = "".join(sorted(en_signs ^ zh_signs))
    if lost:
        parts.append(f"English {', '.join(lost)} not in the Chinese")
        text = ", ".join(lost)
    if added:
        parts.append(f"Chinese {', '.join(added)} not in the English")
        text = ", ".join(lost + added)
    return Finding(link.doc, link.index, "numbers", "; ".join(parts), text)


def _num_key(value: str) -> float:
    return float(value)


# comparison signs by direction (after NFKC, which folds `＞` to `>`); `±` is not a direction
_SIGN_DIRECTION = {">": ">", "≥": ">", "⩾": ">", "≧": ">", "<": "<", "≤": "<", "⩽": "<",
                   "≦": "<"}


def _signs(text: str) -> set[str]:
    """Directions of the comparison signs written as symbols (`P<0.001`, `≥18 years`)."""
    return {_SIGN_DIRECTION[c] for c in text if c in _SIGN_DIRECTION}


# --- untranslated English -----------------------------------------------------------------------

_CJK = CJK_IDEOGRAPH
_LATIN_WORD = r"[A-Za-z][a-z'’]+"
# linear: a word's letters are taken possessively, and a run starts only where a word starts
# (a lowercase letter after a letter would rescan the rest of a 100k-letter token each time)
_RUN_WORD = r"[A-Za-z][a-z'’]++"
_ENGLISH_RUN = re.compile(
    rf"(?:[A-Z]|(?<![A-Za-z])[a-z])[a-z'’]++(?:[\s,;:\-/]+{_RUN_WORD}){{3,}}")
_MIN_RUN_WORDS = 4


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


# --- empty links --------------------------------------------------------------------------------


def check_empty(link: LinkText, ctx: Context) -> Finding | None:
    if link.kind.endswith("-0"):
        return Finding(link.doc, link.index, "empty-link",
                       "English sentence with no Chinese (omitted?)", link.en[:120], "warning")
    if link.kind.startswith("0-"):
        return Finding(link.doc, link.index, "empty-link",
                       "Chinese sentence with no English (added?)", link.zh[:120], "warning")
    return None


Check = Callable[[LinkText, Context], Finding | None]
CHECKS: dict[str, Check] = {
    "numbers": check_numbers,
    "acronym": check_acronyms,
    "untranslated": check_untranslated,
    "brackets": check_brackets,
    "length-ratio": check_length,
    "empty-link": check_empty,
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

    cols = ["doc", "link", "check", "severity", "message", "text"]
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

    def score(self, alignment: Alignment) -> CheckReport:
        links = self.links_of(alignment)
        median, spread = length_norm([(lt.en, lt.zh_nfkc) for lt in links])
        ctx = Context(median, spread, self.forms)
        findings = []
        for lt in links:
            for check in self.checks.values():
                finding = check(lt, ctx)
                if finding is not None:
                    findings.append(finding)
        return CheckReport(findings, len(links), str(self.signature()))
