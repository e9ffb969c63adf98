"""A record given as two files, one per language (`aligner align --en A --zh B`)."""

from __future__ import annotations

import os
from pathlib import Path

from aligner.model import Document
from aligner.read.records import make_document
from aligner.read.textfile import read_text


def pair_id(en_path: str | Path, zh_path: str | Path) -> str:
    """`abstract.en.txt` + `abstract.zh.txt` -> `abstract`; unrelated names -> the English stem."""
    en_stem, zh_stem = Path(en_path).stem, Path(zh_path).stem
    common = os.path.commonprefix([en_stem, zh_stem]).rstrip("._- ")
    return common or en_stem


def read_pair(en_path: str | Path, zh_path: str | Path, presplit: bool = False) -> Document:
    """Read a file pair; with `presplit`, each non-blank line is one sentence."""
    en_text, zh_text = read_text(en_path), read_text(zh_path)
    en: str | list[str] = en_text.split("\n") if presplit else en_text
    zh: str | list[str] = zh_text.split("\n") if presplit else zh_text
    return make_document(
        id=pair_id(en_path, zh_path),
        en=en,
        zh=zh,
        source=str(en_path),
        meta={"en_path": str(en_path), "zh_path": str(zh_path), "presplit": presplit},
        en_where=str(en_path),
        zh_where=str(zh_path),
        en_name="--en file",
        zh_name="--zh file",
    )
