"""Checks every reader applies to a record once its two sides are known.

Hard problems (a side with no text in its language) raise InputError; doubtful input (Traditional
Chinese, very unbalanced sides, swapped languages) only adds a warning to the Document, because
the record can still be aligned and the user may well have meant it.
"""

from __future__ import annotations

import re
from functools import lru_cache
from html.entities import html5
from typing import Any

from aligner.model import Document, InputError
from aligner.scripts import ZH_PER_EN_BAND, content_chars, count_scripts, language_of

# Chinese content characters per English content character (aligner.scripts): outside the band
# one side is very likely missing a part or carrying an extra one.
RATIO_LOW, RATIO_HIGH = ZH_PER_EN_BAND
RATIO_USUAL = "0.25-0.6"
# below these sizes the ratio is too noisy to mean anything ("Yes." / "是的。")
MIN_EN_CHARS = 100
MIN_ZH_CHARS = 40

# share of ideographs that OpenCC t2s changes. Simplified text: 0 % on every corpus we have;
# Traditional text: 28-37 %. 10 % is clearly Traditional, not a stray variant character.
TRADITIONAL_SHARE = 0.10
TRADITIONAL_MIN_CHARS = 3


@lru_cache(maxsize=1)
def _t2s() -> Any:
    import opencc  # lazy: loads conversion tables

    return opencc.OpenCC("t2s")


def traditional_share(zh: str) -> tuple[int, int]:
    """(ideographs that Traditional->Simplified conversion changes, ideographs in total)."""
    from aligner.scripts import count_scripts, is_cjk

    converted = _t2s().convert(zh)
    total = count_scripts(zh).cjk
    if converted == zh:  # the usual case, Simplified already: no per-character loop
        changed = 0
    elif len(converted) == len(zh):
        changed = sum(1 for a, b in zip(zh, converted, strict=True) if a != b and is_cjk(a))
    else:  # a phrase conversion changed the length: fall back to one character at a time
        changed = sum(1 for ch in zh if is_cjk(ch) and _t2s().convert(ch) != ch)
    return changed, total


def traditional_warning(zh: str) -> str | None:
    changed, total = traditional_share(zh)
    if total and changed >= TRADITIONAL_MIN_CHARS and changed / total >= TRADITIONAL_SHARE:
        return (
            f"the Chinese looks Traditional ({changed} of {total} characters differ from "
            "Simplified); the tools expect Simplified Chinese, convert with opencc -c t2s"
        )
    return None


# Markup that publishing systems leave in exported text: a tag (`<sup>`, `</i>`, `<br/>`) or an
# entity (`&amp;`, `&#178;`). A `<` must be followed by a letter, so `p<0.05` is not a tag.
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9:-]*(?:\s[^<>]{0,200})?/?>")
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def _is_entity(match: str) -> bool:
    return match[1] == "#" or match[1:] in html5


def markup_warning(*texts: str) -> str | None:
    """Say so when the text carries HTML/XML tags or entities: they are aligned, scored and
    exported as written (the offsets index the text as given), which is rarely what is wanted."""
    tags = [m for t in texts for m in _TAG.findall(t)] if any("<" in t for t in texts) else []
    entities = ([m for t in texts for m in _ENTITY.findall(t) if _is_entity(m)]
                if any("&" in t for t in texts) else [])
    if not tags and not entities:
        return None
    parts = []
    if tags:
        parts.append(f"{len(tags)} tag(s) such as {tags[0][:40]}")
    if entities:
        parts.append(f"{len(entities)} entit{'y' if len(entities) == 1 else 'ies'} such as "
                     f"{entities[0]}")
    return (f"the text holds HTML/XML markup ({', '.join(parts)}); it is aligned as written: "
            "strip tags and unescape entities first for clean output")


def balance_warning(en: str, zh: str) -> str | None:
    n_en, n_zh = content_chars(en), content_chars(zh)
    if n_en < MIN_EN_CHARS and n_zh < MIN_ZH_CHARS:
        return None
    ratio = n_zh / max(n_en, 1)
    if RATIO_LOW <= ratio <= RATIO_HIGH:
        return None
    longer = "Chinese" if ratio > RATIO_HIGH else "English"
    return (
        f"unbalanced sides: the {longer} is far longer ({n_en} English vs {n_zh} Chinese "
        f"characters, ratio {ratio:.2f}; translations usually show {RATIO_USUAL}): "
        "a part may be missing or extra"
    )


# A JSON string may hold an unpaired surrogate (`"\ud800"`): valid JSON, but not Unicode text.
# It cannot be encoded as UTF-8, so it would crash every writer (and OpenCC) further on.
_SURROGATE = re.compile("[\ud800-\udfff]")


def refuse_surrogates(text: str, *, field: str, path: str | None, record: str | None) -> None:
    if (found := _SURROGATE.search(text)) is not None:
        raise InputError(
            f"{field} holds an unpaired surrogate (\\u{ord(found.group()):04x} at character "
            f"{found.start()}): not valid Unicode text", path=path, record=record)


def check_sides(
    doc: Document,
    *,
    en_where: str,
    zh_where: str,
    record: str | None = None,
    en_name: str = "English side",
    zh_name: str = "Chinese side",
) -> Document:
    """Validate a record whose sides were given explicitly (pair of files, corpus fields).

    Swapped languages are put the right way round (with a warning) rather than refused: the
    intent is unambiguous and aligning Chinese "as English" would only produce garbage.
    """
    refuse_surrogates(doc.id, field="the record id", path=en_where, record=None)
    refuse_surrogates(doc.en, field=f"the {en_name}", path=en_where, record=record)
    refuse_surrogates(doc.zh, field=f"the {zh_name}", path=zh_where, record=record)
    if language_of(doc.en) == "zh" and language_of(doc.zh) == "en":
        doc.en, doc.zh = doc.zh, doc.en
        doc.en_sentences, doc.zh_sentences = doc.zh_sentences, doc.en_sentences
        doc.warnings.append(
            f"languages look swapped (the {en_name} is Chinese and the {zh_name} English); "
            "aligning them the other way round"
        )
    en_counts, zh_counts = count_scripts(doc.en), count_scripts(doc.zh)
    if zh_counts.cjk == 0:
        raise InputError(f"no Chinese part found (the {zh_name} has no Chinese characters)",
                         path=zh_where, record=record)
    if en_counts.latin == 0:
        raise InputError(f"no English part found (the {en_name} has no Latin letters)",
                         path=en_where, record=record)
    if language_of(doc.en) == "zh":
        doc.warnings.append(f"the {en_name} looks Chinese, not English")
    if language_of(doc.zh) == "en":
        doc.warnings.append(f"the {zh_name} is mostly Latin script, little Chinese")
    return add_warnings(doc)


def add_warnings(doc: Document) -> Document:
    """Add the doubtful-input warnings (Traditional, unbalanced, markup) that every record
    gets."""
    for warning in (traditional_warning(doc.zh), balance_warning(doc.en, doc.zh),
                    markup_warning(doc.en, doc.zh)):
        if warning:
            doc.warnings.append(warning)
    return doc
