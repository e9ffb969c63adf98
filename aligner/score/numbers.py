"""Numbers as comparable values, from English and from Chinese text.

Both sides are reduced to a set of canonical value strings (`85.3`, `130000`), so the check
compares meanings, not spellings: full-width digits (NFKC), thousands separators, `13万` vs
`130,000`, `1.2 million`, `5,000多万`, `5千万`, `三点五`, `六种` vs `six`, `twenty-four` vs `24`,
`half a million` vs `50万`, `1960s` vs `20世纪60年代`, `2019–20` vs `2019-2020`. Range marks
(`~ – 至`), `%`, `±`, `≥` are not part of a value, so `0.34 to 0.77` and `0.34～0.77` give the
same set.

Asymmetry on purpose: digits are *demanded* on both sides (every digit number in one side must
be found in the other), while number words (`six`, `twice`, `September`; `六`, `两`, `一项`) only
*satisfy* a demand, and a few word counts are demanded with weaker evidence (`word_demands`).
Chinese uses numerals inside ordinary words (`一项研究`, `之一`, `千年发展目标`) and for
approximate amounts (`数十`, `几百`, `上千`), and English spells small numbers out, so demanding
those would flag clean translations.

Digits that belong to a name are not numbers: `COVID-19`, `IL-6`, `K562`, `R0`, `H1N1` (a digit
run glued to a Latin letter, or to a letter and a hyphen). The acronym check compares names as a
whole, so `IL-6` → `IL-8` is still found, once, by the check that knows it is a name.
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache

from aligner.normalize import nfkc

_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")
# a number (`.08` with its leading point after a space or bracket)
_NUM = r"(?<![0-9])(\d+(?:\.\d+)?|(?<![^\s(])\.\d+)"
# digits glued to a name (`COVID-19`, `K562`, `R0`, `IL-6`): a value, never demanded
_IN_NAME = re.compile(r"[A-Za-z]-?$")
# `24/7` (always), not two numbers
_IDIOM = re.compile(r"\b24\s*/\s*7\b")
_EN_NUMBER = re.compile(_NUM + r"(?:\s*\+?\s*(million|billion|thousand)\b)?", re.I)
# `14 to 22 million`: the multiplier belongs to both ends
_EN_RANGE_MULT = re.compile(
    _NUM + r"\s*(?:to|-|–|—|and|or)\s*\d+(?:\.\d+)?\s*(million|billion|thousand)\b", re.I)
# `2019–20`, `1957-58`: the second year abbreviated
_EN_YEAR_RANGE = re.compile(r"(?<!\d)((1[5-9]|20)\d\d)\s*[-–—/]\s*(\d\d)(?![\d])")
# `1960s` → a decade
_EN_DECADE = re.compile(r"(?<!\d)(1[0-9]|20)(\d)0s\b")
_ZH_NUMBER = re.compile(_NUM + r"\s*[多余几]?\s*(千万|百万|十万|万|亿|千)?")
_ZH_NUMERAL = re.compile(r"[零〇一二两三四五六七八九十百千万亿]+")
# `数十`, `几百`, `上千`, `成千上万`, `数以万计`, `十几`: approximate, not a value
_ZH_APPROX = re.compile(
    r"(?:[数几上成好近]|数以)[十百千万亿]+|[十百千万]几|成千上万|千千万万|[十百千万]余(?![\d])")
# `20世纪60年代` → 1960, `二十世纪九十年代` → 1990
_ZH_CENTURY_DECADE = re.compile(
    r"(\d{1,2}|[一二三四五六七八九十]+)\s*世纪\s*(?:的)?\s*(\d0|[一二三四五六七八九十]+)\s*年代")
# `三点五` → 3.5
_ZH_POINT = re.compile(r"([零〇一二两三四五六七八九十百千万]+)点([零〇一二三四五六七八九]+)")
# `300+ billion`; the look-behind keeps the scan linear on a 100,000-digit number
_EN_MULTIPLIED = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)\s*\+?\s*(million|billion|thousand)\b",
                            re.I)
_EN_MULT = {"thousand": 10**3, "million": 10**6, "billion": 10**9}
_ZH_MULT = {"千": 10**3, "万": 10**4, "十万": 10**5, "百万": 10**6, "千万": 10**7,
            "亿": 10**8}

_UNITS_WORDS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen".split())}
_TENS_WORDS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
               "seventy": 70, "eighty": 80, "ninety": 90}
_EN_WORDS: dict[str, int] = {**_UNITS_WORDS, **_TENS_WORDS}
_EN_WORDS.update({"hundred": 100, "thousand": 1000, "million": 10**6, "billion": 10**9,
                  "dozen": 12, "once": 1, "twice": 2, "thrice": 3, "single": 1, "double": 2,
                  "triple": 3, "both": 2, "half": 50, "quarter": 25, "decade": 10, "a": 1,
                  "an": 1, "no": 0, "none": 0, "pair": 2, "twofold": 2, "threefold": 3,
                  "fourfold": 4, "fivefold": 5, "tenfold": 10, "hundredfold": 100,
                  "century": 100})
_EN_WORDS.update({w: i for i, w in enumerate(
    "first second third fourth fifth sixth seventh eighth ninth tenth".split(), start=1)})
_EN_WORDS.update({w: i for i, w in enumerate(
    "january february march april may june july august september october november december"
    .split(), start=1)})
_EN_WORDS.update({w: i for i, w in enumerate(
    "jan feb mar apr may jun jul aug sep oct nov dec".split(), start=1)})
_WORD = re.compile(r"[A-Za-z]+")

# a spelled-out number: `twenty-four`, `a hundred and two`, `two dozen`, `half a million`
_NUMBER_WORD = (r"(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
                r"thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|"
                r"forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|million|billion|"
                r"dozen|decades?|a|half)")
_EN_WORD_NUMBER = re.compile(
    rf"\b{_NUMBER_WORD}(?:(?:\s+|-|(?<=hundred)\s+and\s+|(?<=thousand)\s+and\s+)"
    rf"{_NUMBER_WORD})*\b", re.I)

# numeral + measure word: a count the English must have too
_ZH_QUANTITY = re.compile(
    r"(?<![第之统单唯万零〇一二两三四五六七八九十百千数几上成近])"
    r"([零〇一二两三四五六七八九十百千]+)(?=[种个名例次项组期类倍位家周天年月日小份剂])"
)

_ZH_COUNTER = re.compile(r"\s*[次个种名例项组位份剂]")

_ZH_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6,
              "七": 7, "八": 8, "九": 9}
_ZH_UNITS = {"十": 10, "百": 100, "千": 1000}
_ZH_BIG = {"万": 10**4, "亿": 10**8}


def canonical(value: Decimal | int | str) -> str:
    """`85.30` → `85.3`, `1.0` → `1`, `007` → `7`, `.08` → `0.08`: one string per value.
    Decimal, not float: `8.3 billion` is 8300000000, not 8300000000.000001."""
    text = format(Decimal(value), "f") if not isinstance(value, str) else value
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    text = text.lstrip("0") or "0"
    return "0" + text if text.startswith(".") else text


def _scaled(number: str, factor: int) -> str:
    return canonical(Decimal(number) * factor)


# exponents of area/volume units are not numbers: `mg/m2`, `m²` (NFKC: m2), `cm3`
_UNIT_EXPONENT = re.compile(r"(?<![A-Za-z])((?:[kcmdμµ]?m|[kcmdμµ]?l|ft|in))[23](?![0-9])")


@lru_cache(maxsize=16384)
def _clean(text: str) -> str:
    return _IDIOM.sub(" ", _UNIT_EXPONENT.sub(r"\1", _THOUSANDS.sub("", nfkc(text))))


def _in_name(text: str, start: int) -> bool:
    return _IN_NAME.search(text, max(0, start - 2), start) is not None


def en_digits(text: str, *, demanded: bool = False) -> set[str]:
    """Digit numbers in English text; `1.2 million` counts as 1200000 only, `14 to 22 million`
    as 14000000 and 22000000, `2019–20` as 2019 and 2020. With `demanded`, digits of a name
    (`COVID-19`, `K562`) are left out."""
    return set(_en_digits(text, demanded))


@lru_cache(maxsize=16384)
def _en_digits(text: str, demanded: bool = False) -> frozenset[str]:
    clean = _clean(text)
    out = set()
    ranged = {m.start(1): m.group(2) for m in _EN_RANGE_MULT.finditer(clean)}
    years = {m.start(3): m.group(1)[:2] + m.group(3) for m in _EN_YEAR_RANGE.finditer(clean)}
    for m in _EN_NUMBER.finditer(clean):
        if demanded and _in_name(clean, m.start(1)):
            continue
        mult = m.group(2) or ranged.get(m.start(1))
        if m.start(1) in years:
            out.add(years[m.start(1)])
        elif mult:
            out.add(_scaled(m.group(1), _EN_MULT[mult.lower()]))
        else:
            out.add(canonical(m.group(1)))
    return frozenset(out)


def en_demanded(text: str) -> set[str]:
    """What the Chinese must contain: digit numbers not part of a name (see `en_digits`)."""
    return en_digits(text, demanded=True)


def en_word_demands(text: str) -> set[str]:
    """Counts spelled out (`two`..`twenty`, `twenty-four`), weaker evidence than digits: a
    translator may leave a count implicit (`both groups` → `两组` or `各组`). Not in compounds
    such as `two-sided`, whose Chinese has no numeral."""
    out = set()
    for m in _EN_WORD_NUMBER.finditer(text):
        phrase = m.group(0)
        if text[m.end():m.end() + 1] in "-‐" or not any(
                w.lower() in _UNITS_WORDS or w.lower() in _TENS_WORDS
                for w in _WORD.findall(phrase)):
            continue
        value = word_number(phrase)
        if value is not None and 2 <= value <= 99:
            out.add(str(value))
    return out


def word_number(phrase: str) -> int | None:
    """Value of a spelled-out number (`twenty-four` 24, `a hundred and two` 102, `two dozen`
    24, `half a million` 500000, `two decades` 20); None when it holds no number."""
    words = [w.lower() for w in _WORD.findall(phrase) if w.lower() != "and"]
    if not words or all(w in ("a", "half") for w in words):
        return None
    total = current = 0
    half = False
    for w in words:
        if w == "a":
            current = current or 1
        elif w == "half":
            half = True
        elif w in _UNITS_WORDS or w in _TENS_WORDS:
            current += _EN_WORDS[w]
        elif w in ("hundred",):
            current = (current or 1) * 100
        elif w in ("dozen",):
            current = (current or 1) * 12
        elif w in ("decade", "decades"):
            current = (current or 1) * 10
        elif w in ("thousand", "million", "billion"):
            total += (current or 1) * _EN_WORDS[w]
            current = 0
    value = total + current
    if half:
        value //= 2
    return value


def en_values(text: str) -> set[str]:
    """Every value English text can stand for: digits (also before `million`), number words
    alone and spelled-out numbers as a whole, decades (`1960s` → 1960)."""
    clean = _clean(text)
    out = en_digits(text)
    out.update(canonical(m.group(1)) for m in _EN_NUMBER.finditer(clean))
    out.update(m.group(3) for m in _EN_YEAR_RANGE.finditer(clean))
    out.update(_word_values(text))
    for m in _EN_WORD_NUMBER.finditer(text):
        value = word_number(m.group(0))
        if value is not None:
            out.add(str(value))
    # `ten million`, `300+ billion`: a digit or word before the multiplier
    for m in _EN_MULTIPLIED.finditer(clean):
        out.add(_scaled(m.group(1), _EN_MULT[m.group(2).lower()]))
    for m in _EN_DECADE.finditer(clean):
        out.add(m.group(1) + m.group(2) + "0")
    return out


def _word_values(text: str) -> set[str]:
    words = _EN_WORDS
    return {str(words[w]) for w in map(str.lower, _WORD.findall(text)) if w in words}


def _zh_masked(text: str) -> tuple[str, set[str]]:
    """Chinese text with approximate numerals and century-decades blanked out, and the
    values those spelled (`20世纪60年代` → 1960, `三点五` → 3.5)."""
    values: set[str] = set()

    def decade(m: re.Match[str]) -> str:
        century, tens = _zh_int(m.group(1)), _zh_int(m.group(2))
        if century is not None and tens is not None:
            values.add(str((century - 1) * 100 + tens))
        return " " * len(m.group(0))

    def point(m: re.Match[str]) -> str:
        whole = chinese_numeral(m.group(1))
        if whole is not None:
            frac = "".join(str(_ZH_DIGITS[c]) for c in m.group(2))
            values.add(canonical(f"{whole}.{frac}"))
        return " " * len(m.group(0))

    text = _ZH_CENTURY_DECADE.sub(decade, text)
    text = _ZH_POINT.sub(point, text)
    text = _ZH_APPROX.sub(lambda m: " " * len(m.group(0)), text)
    return text, values


def _zh_int(run: str) -> int | None:
    return int(run) if run.isdigit() else chinese_numeral(run)


def zh_digits(text: str, *, demanded: bool = False) -> set[str]:
    """Digit numbers in Chinese text (full-width folded); `13万` counts as 130000 only.

    With `demanded`, a counted `1` (`1次`, `1例`, `1种`) is left out: Chinese counts where
    English says `a`, `once` or nothing (`每3周给药1次` for `every 3 weeks`); so are the digits
    of a name (`COVID-19`)."""
    out = set()
    clean, spelled = _zh_masked(_clean(text))
    out.update(spelled)
    years = {m.start(3): m.group(1)[:2] + m.group(3) for m in _EN_YEAR_RANGE.finditer(clean)}
    for m in _ZH_NUMBER.finditer(clean):
        if demanded and (_in_name(clean, m.start(1)) or (
                m.group(1) == "1" and _ZH_COUNTER.match(clean, m.end()))):
            continue
        if m.start(1) in years:
            out.add(years[m.start(1)])
        elif m.group(2):
            out.add(_scaled(m.group(1), _ZH_MULT[m.group(2)]))
        else:
            out.add(canonical(m.group(1)))
    return out


def zh_demanded(text: str) -> set[str]:
    """What the English must contain: digit numbers (see `zh_digits`)."""
    return zh_digits(text, demanded=True)


def zh_word_demands(text: str) -> set[str]:
    """Numerals counting something (`七种`, `两组`, `三个`), weaker evidence than digits;
    numerals inside words (`一些`, `之一`, `统一`), `一` as an article (`一名作者` for `the
    author`), approximate amounts (`数十年`) and a lone unit (`千年`, `百年`: idioms more often
    than counts) are not demanded."""
    out = set()
    masked, _ = _zh_masked(text)
    for m in _ZH_QUANTITY.finditer(masked):
        run = m.group(1)
        if run in ("十", "百", "千"):
            continue
        value = chinese_numeral(run)
        if value is not None and value != 1:
            out.add(str(value))
    return out


_LIST_CLAUSE = re.compile(r"[^，,。；;：:（）()]+")


def zh_list_lengths(text: str) -> set[str]:
    """Item counts of the `、` lists in the Chinese (`A、B和C` → 3): a count the English gives
    as a number (`4 groups: …`) may be carried by the list alone."""
    out = set()
    for m in _LIST_CLAUSE.finditer(text):
        clause = m.group(0)
        n = clause.count("、")
        if n:
            tail = re.search(r"、[^、]*?[和及与或以]", clause[clause.rfind("、"):])
            out.add(str(n + 1 + (1 if tail else 0)))
    return out


def zh_values(text: str) -> set[str]:
    """Digits (also before `万`) plus Chinese numerals (`六` → 6, `十二` → 12, `二〇一八`),
    century-decades, `三点五`, and the lengths of `、` lists."""
    clean = _clean(text)
    out = zh_digits(text)
    masked, spelled = _zh_masked(clean)
    out.update(spelled)
    out.update(canonical(m.group(1)) for m in _ZH_NUMBER.finditer(masked))
    out.update(m.group(3) for m in _EN_YEAR_RANGE.finditer(masked))
    for m in _ZH_NUMERAL.finditer(text):
        run = m.group(0)
        out.update(str(_ZH_DIGITS[c]) for c in run if c in _ZH_DIGITS)
        value = chinese_numeral(run)
        if value is not None:
            out.add(str(value))
    # `1,000 万`: the digit before a Chinese multiplier, as written
    out.update(zh_list_lengths(text))
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


def same_digits(a: str, b: str) -> bool:
    """`26` and `2.6`, `42.000` and `42000`, `10.7` and `10700`: the same significant digits at
    another scale, what a unit conversion (`26 kb` → `2.6万个碱基`) or a thousands point writes."""
    def sig(v: str) -> str:
        return v.replace(".", "").lstrip("0").rstrip("0")
    return a != b and sig(a) == sig(b) and len(sig(a)) >= 2
