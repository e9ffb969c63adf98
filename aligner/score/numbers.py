"""Numbers as comparable values, from English and from Chinese text.

Both sides are reduced to a set of canonical value strings (`85.3`, `130000`), so the check
compares meanings, not spellings: full-width digits (NFKC), thousands separators, `13万` vs
`130,000`, `1.2 million`, `六种` vs `six`, `第一` vs `first`. Range marks (`~ – 至`), `%`, `±`,
`≥` are not part of a value, so `0.34 to 0.77` and `0.34～0.77` give the same set.

Asymmetry on purpose: digits are *demanded* on both sides (every digit number in one side must
be found in the other), while number words (`six`, `twice`, `September`; `六`, `两`, `一项`) only
*satisfy* a demand. Chinese uses numerals inside ordinary words (`一项研究`, `之一`), and English
spells small numbers out, so demanding them would flag clean translations.
"""

from __future__ import annotations

import re
from functools import lru_cache

from aligner.normalize import nfkc

_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")
_EN_NUMBER = re.compile(r"(\d+(?:\.\d+)?)(?:\s*(million|billion|thousand)\b)?", re.I)
_ZH_NUMBER = re.compile(r"(\d+(?:\.\d+)?)\s*([万亿千])?")
_ZH_NUMERAL = re.compile(r"[零〇一二两三四五六七八九十百千万亿]+")
_EN_MULT = {"thousand": 10**3, "million": 10**6, "billion": 10**9}
_ZH_MULT = {"千": 10**3, "万": 10**4, "亿": 10**8}

_EN_WORDS: dict[str, int] = {
    w: i
    for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
        "fifteen sixteen seventeen eighteen nineteen twenty".split()
    )
}
_EN_WORDS.update({"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
                  "eighty": 80, "ninety": 90, "hundred": 100, "thousand": 1000,
                  "million": 10**6, "billion": 10**9, "dozen": 12, "once": 1, "twice": 2,
                  "thrice": 3, "single": 1, "double": 2, "triple": 3, "both": 2, "half": 50,
                  "quarter": 25, "decade": 10, "a": 1, "an": 1, "no": 0, "none": 0, "pair": 2})
_EN_WORDS.update({w: i for i, w in enumerate(
    "first second third fourth fifth sixth seventh eighth ninth tenth".split(), start=1)})
_EN_WORDS.update({w: i for i, w in enumerate(
    "january february march april may june july august september october november december"
    .split(), start=1)})
_EN_WORDS.update({w: i for i, w in enumerate(
    "jan feb mar apr may jun jul aug sep oct nov dec".split(), start=1)})
_WORD = re.compile(r"[A-Za-z]+")

_EN_QUANTITY = re.compile(
    r"\b(two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen"
    r"|sixteen|seventeen|eighteen|nineteen|twenty)\b(?![-‐])", re.I)
# numeral + measure word: a count the English must have too
_ZH_QUANTITY = re.compile(
    r"(?<![第之统单唯万零〇一二两三四五六七八九十百千])([零〇一二两三四五六七八九十百千]+)(?=[种个名例次项组期类倍位家周天年月日小份剂])"
)

_ZH_COUNTER = re.compile(r"\s*[次个种名例项组位份剂]")

_ZH_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6,
              "七": 7, "八": 8, "九": 9}
_ZH_UNITS = {"十": 10, "百": 100, "千": 1000}
_ZH_BIG = {"万": 10**4, "亿": 10**8}


def canonical(value: float | str) -> str:
    """`85.30` → `85.3`, `1.0` → `1`, `007` → `7`: one string per value."""
    text = f"{value:.6f}" if isinstance(value, float) else str(value)
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.lstrip("0") or "0"


# exponents of area/volume units are not numbers: `mg/m2`, `m²` (NFKC: m2), `cm3`
_UNIT_EXPONENT = re.compile(r"(?<![A-Za-z])((?:[kcmdμµ]?m|[kcmdμµ]?l|ft|in))[23](?![0-9])")


@lru_cache(maxsize=16384)
def _clean(text: str) -> str:
    return _UNIT_EXPONENT.sub(r"\1", _THOUSANDS.sub("", nfkc(text)))


def en_digits(text: str) -> set[str]:
    """Digit numbers in English text; `1.2 million` counts as 1200000 only."""
    return set(_en_digits(text))


@lru_cache(maxsize=16384)
def _en_digits(text: str) -> frozenset[str]:
    out = set()
    for m in _EN_NUMBER.finditer(_clean(text)):
        if m.group(2):
            out.add(canonical(float(m.group(1)) * _EN_MULT[m.group(2).lower()]))
        else:
            out.add(canonical(m.group(1)))
    return frozenset(out)


def en_demanded(text: str) -> set[str]:
    """What the Chinese must contain: digit numbers and the quantity words `two`..`twenty`
    (not in compounds such as `two-sided`, whose Chinese has no numeral)."""
    out = en_digits(text)
    out.update(str(_EN_WORDS[m.group(1).lower()]) for m in _EN_QUANTITY.finditer(text))
    return out


def en_values(text: str) -> set[str]:
    """Every value English text can stand for: digits (also before `million`), number words."""
    out = en_digits(text)
    out.update(canonical(m.group(1)) for m in _EN_NUMBER.finditer(_clean(text)))
    out.update(_word_values(text))
    return out


def _word_values(text: str) -> set[str]:
    words = _EN_WORDS
    return {str(words[w]) for w in map(str.lower, _WORD.findall(text)) if w in words}


def zh_digits(text: str, *, demanded: bool = False) -> set[str]:
    """Digit numbers in Chinese text (full-width folded); `13万` counts as 130000 only.

    With `demanded`, a counted `1` (`1次`, `1例`, `1种`) is left out: Chinese counts where
    English says `a`, `once` or nothing (`每3周给药1次` for `every 3 weeks`)."""
    out = set()
    clean = _clean(text)
    for m in _ZH_NUMBER.finditer(clean):
        if demanded and m.group(1) == "1" and _ZH_COUNTER.match(clean, m.end()):
            continue
        if m.group(2):
            out.add(canonical(float(m.group(1)) * _ZH_MULT[m.group(2)]))
        else:
            out.add(canonical(m.group(1)))
    return out


def zh_demanded(text: str) -> set[str]:
    """What the English must contain: digit numbers and numerals counting something
    (`七种`, `两组`, `三个`); numerals inside words (`一些`, `之一`, `统一`) and `一` as an
    article (`一名作者` for `the author`) are not demanded."""
    out = zh_digits(text, demanded=True)
    for m in _ZH_QUANTITY.finditer(text):
        value = chinese_numeral(m.group(1))
        if value is not None and value != 1:  # `一名作者`, `任何一项`: an article, not a count
            out.add(str(value))
    return out


def zh_values(text: str) -> set[str]:
    """Digits (also before `万`) plus Chinese numerals (`六` → 6, `十二` → 12, `二〇一八`)."""
    out = zh_digits(text)
    out.update(canonical(m.group(1)) for m in _ZH_NUMBER.finditer(_clean(text)))
    for m in _ZH_NUMERAL.finditer(text):
        run = m.group(0)
        out.update(str(_ZH_DIGITS[c]) for c in run if c in _ZH_DIGITS)
        value = chinese_numeral(run)
        if value is not None:
            out.add(str(value))
    return out


# longer runs are not numbers anyone writes (a year is 4, 一千二百三十四万五千六百七十八 is 15);
# without a bound, 4,301 numerals crashed every QA command (int() refuses > 4300 digits) and
# `亿亿亿…` built integers of millions of digits
MAX_NUMERAL_RUN = 40


def chinese_numeral(run: str) -> int | None:
    """Value of a run of Chinese numerals; a run without units is read digit by digit."""
    if len(run) > MAX_NUMERAL_RUN:
        return None
    if not any(c in _ZH_UNITS or c in _ZH_BIG for c in run):
        if all(c in _ZH_DIGITS for c in run):
            return int("".join(str(_ZH_DIGITS[c]) for c in run))
        return None
    total = section = num = 0
    for c in run:
        if c in _ZH_DIGITS:
            num = _ZH_DIGITS[c]
        elif c in _ZH_UNITS:
            section += (num or 1) * _ZH_UNITS[c]
            num = 0
        elif c in _ZH_BIG:
            total += (section + num or 1) * _ZH_BIG[c]
            section = num = 0
    return total + section + num
