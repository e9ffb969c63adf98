"""Text normalisation for alignment features: English word stems, numbers, Latin anchors.

Both sides go through `aligner.normalize.normalise` first (the normaliser the scorers use too),
so full-width digits and letters (``２０２３``, ``ＦＤＡ``) compare equal to their ASCII forms and
Moses-tokenised input (``@-@``, ``&apos;``) gives the same tokens as running text.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

STOPWORDS = frozenset(
    """a about above after again against all am an and any are as at be because been before being
    below between both but by can could did do does doing down during each few for from further had
    has have having he her here hers herself him himself his how i if in into is it its itself just
    me more most my myself no nor not now of off on once only or other our ours ourselves out over
    own same she should so some such than that the their theirs them themselves then there these
    they this those through to too under until up very was we were what when where which while who
    whom why will with would you your yours yourself yourselves also may might must shall thee thou
    thy unto ye upon one's oneself something someone etc per via""".split()
)

_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")
# a decimal may drop its leading zero (P<.05); a comma groups thousands only before 3 digits
_NUMBER = re.compile(r"(?<![\d.])\.\d+|\d+(?:[,，]\d{3})*(?:\.\d+)?")
# Latin-script tokens, Greek letters included so IL-1β and IL-1α stay apart
_GREEK = "\u0391-\u03a9\u03b1-\u03c9"
_LATIN = re.compile(rf"[A-Za-z][A-Za-z0-9{_GREEK}]*(?:[-/][A-Za-z0-9{_GREEK}]+)*")




_STEMS: dict[str, str] = {}
# an open vocabulary (names, typos, tokens of every record of a corpus) grew the memo without
# bound (30 -> 89 MB over 4,000 documents per worker); emptied when full, it stays a few MB and
# keeps the common words hot, as each document refills what it uses
MAX_STEMS = 100_000


def stem(word: str) -> str:
    """Snowball (Porter 2) stem of a lowercase word; PyStemmer is C, ~1 µs a word."""
    out = _STEMS.get(word)
    if out is None:
        if len(_STEMS) >= MAX_STEMS:
            _STEMS.clear()
        out = _STEMS[word] = _stemmer().stemWord(word)
    return out


@functools.cache
def _stemmer():
    import Stemmer

    return Stemmer.Stemmer("english")


def en_stems(text: str) -> list[str]:
    """Stems of the content words of (normalised) English text, in order, with repeats."""
    return [stem(w) for w in _WORD.findall(text.lower()) if w not in STOPWORDS and len(w) > 1]


def numbers(text: str) -> list[str]:
    """Numbers in (normalised) text in one canonical form, so statistics written either way
    meet: thousands separators removed (``1,024.5`` → ``1024.5``), a leading zero restored
    (``.05`` → ``0.05``), trailing decimal zeros dropped (``0.50`` → ``0.5``, ``2.0`` → ``2``)."""
    return [_canonical_number(n) for n in _NUMBER.findall(text)]


def _canonical_number(n: str) -> str:
    n = n.replace(",", "").replace("，", "")
    if n.startswith("."):
        n = "0" + n
    if "." in n:
        n = n.rstrip("0").rstrip(".")
    return n


def latin_tokens(text: str) -> list[str]:
    """Lowercased Latin-script tokens such as ``carnk``, ``fda``, ``il15``, ``il1β``: hyphens
    dropped, since gene and product names are written both ways (``Bcl-2``/``Bcl2``)."""
    return [t.lower().replace("-", "") for t in _LATIN.findall(text)]


# --- anchors that survive translation in a different form -------------------------------------
# Each function states a general pattern (no phrase from an evaluation set) and returns canonical
# keys, so the two sides meet on the same key: the English side names the anchor type, the
# Chinese side evidences it (`features.extract`).

_EN_SMALL = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
_EN_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
_EN_UNIT = {"one": 1, **{k: v for k, v in _EN_SMALL.items() if v < 10}}
_EN_NUMBER_WORD = re.compile(
    r"\b(?:(?P<tens>" + "|".join(_EN_TENS) + r")(?:[-\s](?P<unit>" + "|".join(_EN_UNIT) + r"))?"
    r"|(?P<small>" + "|".join(_EN_SMALL) + r"))"
    r"(?:\s+(?P<mult>hundred|thousand|million))?\b",
    re.IGNORECASE,
)
_MULT = {"hundred": 100, "thousand": 1000, "million": 1_000_000}


_NUMBER_WORDS = frozenset([*_EN_SMALL, *_EN_TENS])


def en_number_words(text: str) -> list[str]:
    """Numbers written as words (``Twenty-eight`` → ``28``, ``three hundred`` → ``300``).
    ``one`` alone is left out: as "one of", "one patient" it is as much a pronoun as a count."""
    lower = text.lower()
    if _NUMBER_WORDS.isdisjoint(_WORD.findall(lower)):  # most sentences: one cheap pass
        return []
    out = []
    for m in _EN_NUMBER_WORD.finditer(lower):
        if m["tens"]:
            value = _EN_TENS[m["tens"].lower()] + (_EN_UNIT[m["unit"].lower()] if m["unit"] else 0)
        else:
            value = _EN_SMALL[m["small"].lower()]
        if m["mult"]:
            value *= _MULT[m["mult"].lower()]
        out.append(str(value))
    return out


_ZH_DIGIT = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "兩": 2, "三": 3, "四": 4, "五": 5,
             "六": 6, "七": 7, "八": 8, "九": 9}  # fmt: skip
_ZH_POWER = {"十": 10, "百": 100, "千": 1000, "万": 10_000, "萬": 10_000}
# a Chinese numeral counts something only before a measure word or unit; elsewhere 一 and 两 are
# parts of words (一些 "some", 统一 "unify", 两者 "both")
_ZH_NUMERAL = re.compile(
    r"(?<![第零〇一二两兩三四五六七八九十百千万萬])([零〇一二两兩三四五六七八九十百千万萬]+)"
    r"(?=[例名个個项項组組次年月周天日岁歲种種位只份株篇家所倍类類条條期型级級度组]|小时|分钟)"
)


def zh_numerals(text: str) -> list[str]:
    """Counts written in Chinese numerals before a measure word (``二十八例`` → ``28``,
    ``两组`` → ``2``), as digits; ordinals (``第一``) are not counts and are skipped."""
    out = []
    for m in _ZH_NUMERAL.finditer(text):
        value = _zh_value(m[1])
        if value is not None:
            out.append(str(value))
    return out


def _zh_value(s: str) -> int | None:
    """Value of a Chinese numeral (``二十八`` 28, ``十五`` 15, ``一百零五`` 105, ``三万`` 30000);
    None for a bare run of digits such as ``一二`` (a range or a list, not one number)."""
    total = section = 0
    digit: int | None = None
    for ch in s:
        if ch in _ZH_DIGIT:
            if digit is not None and digit != 0:
                return None
            digit = _ZH_DIGIT[ch]
        else:
            power = _ZH_POWER[ch]
            if power == 10_000:
                total += ((section + (digit or 0)) or 1) * power
                section = 0
            else:
                section += (1 if digit is None else digit) * power
            digit = None
    return total + section + (digit or 0)


# Section labels of structured abstracts, by canonical name: the English label (a whole word at
# the start of a sentence, or run into it after a stop) and the Chinese ones.
SECTION_LABELS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "background": (("background", "introduction", "context", "rationale"),
                   ("背景", "引言", "前言", "研究背景")),
    "objective": (("objective", "objectives", "aim", "aims", "purpose", "goal", "goals"),
                  ("目的", "目标", "研究目的")),
    "methods": (("methods", "method", "materials and methods", "patients and methods",
                 "methodology", "study design", "design"),
                ("方法", "材料与方法", "资料与方法", "对象与方法", "研究方法", "设计")),
    "results": (("results", "findings"), ("结果", "研究结果")),
    "conclusions": (("conclusions", "conclusion", "interpretation", "conclusions and relevance"),
                    ("结论", "解释", "结论与意义")),
    "discussion": (("discussion",), ("讨论",)),
}  # fmt: skip
_EN_LABEL_KEY = {w: key for key, (ens, _) in SECTION_LABELS.items() for w in ens}
_ZH_LABEL_KEY = {w: key for key, (_, zhs) in SECTION_LABELS.items() for w in zhs}
_EN_LABEL_WORDS = "|".join(sorted((re.escape(w) for w in _EN_LABEL_KEY), key=len, reverse=True))
# a label: at the start, or after a stop with no space (a run-in label); then a colon, a dash,
# the end, or a capitalised word / number ("Methods A total of ...", not "Results were ...")
_EN_LABEL = re.compile(
    r"(?P<label>" + _EN_LABEL_WORDS + r")"
    r"(?=\s*(?:[:：.\-–—]|$)|\s+(?-i:[A-Z0-9(\"“]))",
    re.IGNORECASE,
)
_ZH_LABEL_WORDS = "|".join(sorted(_ZH_LABEL_KEY, key=len, reverse=True))
# in Chinese a label needs a separator or a bracket: 结果显示 ("the results show") is prose
_ZH_LABEL = re.compile(
    r"(?:^|(?<=[。！？；])|(?<=[\u4e00-\u9fff]\.))\s*[【\[［〔(（]?\s*(?P<label>"
    + _ZH_LABEL_WORDS
    + r")\s*"
    r"(?:[】\]］〕)）]\s*[:：]?|[:：]|\s+|$)"
)


_EN_RUN_IN = re.compile(r"[.;:!?]\s*(?=[A-Z])")


def en_section_labels(text: str) -> set[str]:
    """Canonical section labels a (normalised) English sentence starts with or runs into
    (capitalised: Methods, METHODS; not "design" inside running prose)."""
    s = text.strip()
    starts = [0] if s[:1].isupper() else []
    starts += [m.end() for m in _EN_RUN_IN.finditer(s)]
    out = set()
    for pos in starts:
        m = _EN_LABEL.match(s, pos)
        if m:
            out.add(_EN_LABEL_KEY[m["label"].lower()])
    return out


def zh_section_labels(text: str) -> set[str]:
    """Canonical section labels a (normalised) Chinese sentence starts with, or has after a
    stop or after a title closed by a half-width stop (``标题. 背景 …``)."""
    return {_ZH_LABEL_KEY[m["label"]] for m in _ZH_LABEL.finditer(text.strip())}


_EN_END = re.compile(r"[.!?;:。！？…\"”')\]]\s*$")
_ZH_END = re.compile(r"[。！？；…!?;:：”」』)）\]]\s*$")
# a title run into the first sentence: up to the first half-width stop before a CJK character
_ZH_TITLE_PREFIX = re.compile(r"^[^。！？.]{1,60}?[\u4e00-\u9fff]\.\s*(?=\S)")


def en_is_heading(text: str) -> bool:
    """A heading or label line: short, capitalised, no closing punctuation (``Trial oversight``,
    ``Patients and eligibility criteria``)."""
    s = text.strip()
    words = s.split()
    return 0 < len(words) <= 8 and s[0].isupper() and not _EN_END.search(s)


def zh_is_heading(text: str) -> bool:
    """A Chinese heading or label line (short, no closing punctuation), or a sentence that
    starts with a title closed by a half-width stop (``标题. 正文…``)."""
    s = text.strip()
    if not s:
        return False
    if len(s) <= 24 and not _ZH_END.search(s) and not any(c in s for c in "，。,"):
        return True
    return bool(_ZH_TITLE_PREFIX.match(s))


@functools.cache
def _t2s():  # lazy: OpenCC loads its conversion tables on first use
    import opencc

    return opencc.OpenCC("t2s")


@functools.cache
def _traditional_chars() -> re.Pattern[str]:
    """A character class of the ideographs OpenCC's t2s changes, built once (~20k characters
    in one conversion), so a Simplified document is recognised by one regex scan."""
    chars = [chr(c) for c in range(0x4E00, 0xA000)]
    converted = _t2s().convert("\n".join(chars)).split("\n")
    changed = [a for a, b in zip(chars, converted, strict=True) if a != b]
    return re.compile("[" + "".join(changed) + "]")


def simplified_view(sentences: list[str]) -> list[str]:
    """The sentences in Simplified script, for matching only (callers keep the original text
    and offsets): dictionary words, glossary terms, section labels and numerals are stored in
    Simplified. Sentences with no Traditional-only character are returned as they are."""
    pattern = _traditional_chars()
    return [_t2s().convert(s) if pattern.search(s) else s for s in sentences]


# Units after a number, by canonical key: the English abbreviations and the Chinese renderings
# (Latin kept, or a Chinese unit word). Both sides need the number before the unit, so 克服
# ("overcome") is no gram and 分 alone no minute.
UNITS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "mg": (("mg",), ("mg", "毫克")), "g": (("g",), ("g", "克")),
    "kg": (("kg",), ("kg", "千克", "公斤")), "μg": (("μg", "mcg", "ug"), ("μg", "ug", "微克")),
    "ng": (("ng",), ("ng", "纳克")), "ml": (("ml",), ("ml", "毫升")), "l": (("l",), ("l", "升")),
    "dl": (("dl",), ("dl", "分升")), "mmol": (("mmol",), ("mmol", "毫摩尔")),
    "μmol": (("μmol", "umol"), ("μmol", "umol", "微摩尔")), "nmol": (("nmol",), ("nmol", "纳摩尔")),
    "mmhg": (("mmhg",), ("mmhg", "毫米汞柱")), "h": (("h", "hr", "hrs"), ("h", "小时")),
    "min": (("min", "mins"), ("min", "分钟")), "cm": (("cm",), ("cm", "厘米")),
    "mm": (("mm",), ("mm", "毫米")), "nm": (("nm",), ("nm", "纳米")),
    "iu": (("iu",), ("iu", "国际单位")),
}  # fmt: skip
_EN_UNIT_KEY = {form: key for key, (ens, _) in UNITS.items() for form in ens}
_ZH_UNIT_KEY = {form: key for key, (_, zhs) in UNITS.items() for form in zhs}


def _unit_pattern(forms: Iterable[str]) -> re.Pattern[str]:
    """A unit after a number, or after the slash of a compound (mg/kg, 毫克/公斤)."""
    forms = [*forms, *(f.replace("\u03bc", "\u00b5") for f in forms if "\u03bc" in f)]
    words = "|".join(sorted(map(re.escape, forms), key=len, reverse=True))
    return re.compile(r"(?:\d|/)\s*(" + words + r")(?![A-Za-z])", re.IGNORECASE)


_EN_UNIT_RE = _unit_pattern(_EN_UNIT_KEY)
_ZH_UNIT_RE = _unit_pattern(_ZH_UNIT_KEY)


def en_units(text: str) -> set[str]:
    """Canonical units written after a number in (normalised) English (``5 mg/kg`` → mg, kg)."""
    return {_EN_UNIT_KEY[_unit_form(m[1])] for m in _EN_UNIT_RE.finditer(text)}


def zh_units(text: str) -> set[str]:
    """Canonical units after a number in (normalised) Chinese, Latin or Chinese unit words
    (``5毫克/公斤``, ``12小时``)."""
    return {_ZH_UNIT_KEY[_unit_form(m[1])] for m in _ZH_UNIT_RE.finditer(text)}


def _unit_form(matched: str) -> str:
    """The table's form of a matched unit: lower case, and the micro sign µ as Greek μ (which
    NFKC does too, for callers that did not normalise)."""
    return matched.lower().replace("\u00b5", "\u03bc")
