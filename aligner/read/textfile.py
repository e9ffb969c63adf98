"""Turn the bytes of a file into text, or say in one line why they are not usable text.

Every reader goes through here so that missing, empty, binary and non-UTF-8 input gets the same
message whatever the format. The UTF-8 BOM is dropped *before* anything else sees the text, so
sentence offsets always index the text the Document holds.
"""

from __future__ import annotations

import codecs
import os
from pathlib import Path

from aligner.model import InputError

# BOMs of encodings that are not UTF-8 but are clearly text (checked before the NUL-byte test,
# since UTF-16/32 text is full of NUL bytes)
_FOREIGN_BOMS = [
    (codecs.BOM_UTF32_LE, "UTF-32LE"),
    (codecs.BOM_UTF32_BE, "UTF-32BE"),
    (codecs.BOM_UTF16_LE, "UTF-16"),
    (codecs.BOM_UTF16_BE, "UTF-16"),
]

# charset-normalizer's codec names -> the names `iconv -f` understands
_ICONV_NAMES = {
    "gb2312": "GB18030",
    "gbk": "GB18030",
    "gb18030": "GB18030",
    "hz": "HZ",
    "big5": "BIG5",
    "big5hkscs": "BIG5-HKSCS",
    "cp950": "BIG5",
    "utf_16": "UTF-16",
    "utf_16_le": "UTF-16LE",
    "utf_16_be": "UTF-16BE",
    "utf_32": "UTF-32",
    "utf_32_le": "UTF-32LE",
    "utf_32_be": "UTF-32BE",
    "latin_1": "ISO-8859-1",
    "shift_jis": "SHIFT_JIS",
    "cp932": "CP932",
    "euc_jp": "EUC-JP",
    "euc_kr": "EUC-KR",
    "cp949": "CP949",
}

SNIFF_BYTES = 64 * 1024
GZIP_MAGIC = b"\x1f\x8b"

# C0 control bytes that never occur in text (tab, newline, CR, form feed and ESC do); more than
# this share of them means binary data even without a NUL byte (random bytes: ~10 %)
_CONTROL = bytes(b for b in range(32) if b not in (9, 10, 12, 13, 27)) + b"\x7f"
_NOT_CONTROL = bytes(b for b in range(256) if b not in _CONTROL)
MAX_CONTROL_SHARE = 0.02


def looks_binary(data: bytes) -> bool:
    """NUL bytes, or more control bytes than any text has."""
    if b"\x00" in data:
        return True
    return len(data.translate(None, _NOT_CONTROL)) > MAX_CONTROL_SHARE * len(data)


def iconv_name(codec: str) -> str:
    """Name a Python/charset-normalizer codec the way iconv spells it (cp1252 -> WINDOWS-1252)."""
    codec = codec.lower()
    if codec in _ICONV_NAMES:
        return _ICONV_NAMES[codec]
    if codec.startswith("cp125"):
        return "WINDOWS-" + codec[2:]
    return codec.upper().replace("_", "-")


def guess_encoding(data: bytes) -> str | None:
    """The most likely encoding of non-UTF-8 bytes, in iconv's spelling, or None.

    charset-normalizer alone names short Big5 or GBK text Shift-JIS or CP949 (too few bytes for
    its statistics), so the two Chinese encodings are tried first and kept when one of them
    reads as common Chinese characters (`chinese_encoding`).
    """
    for bom, name in _FOREIGN_BOMS:
        if data.startswith(bom):
            return name
    if data.startswith(GZIP_MAGIC):
        return None
    chinese = chinese_encoding(data[:SNIFF_BYTES])
    if chinese is not None:
        return chinese
    from charset_normalizer import from_bytes  # lazy: only needed on the error path

    best = from_bytes(data[:SNIFF_BYTES]).best()
    if best is None or best.encoding in ("utf_8", "ascii"):
        return None
    return iconv_name(best.encoding)


# GB2312 level-1 hanzi (lead bytes 0xB0-0xD7): the 3,755 most frequent characters. Chinese text
# decoded with its own encoding (Traditional first converted to Simplified) is 95-100 % level 1;
# the same bytes decoded with the other Chinese encoding give rare characters, 30-80 %.
_COMMON_SHARE = 0.9
_COMMON_MARGIN = 0.1
_MIN_IDEOGRAPHS = 4


def _common_share(text: str) -> tuple[float, int]:
    from aligner.read.validate import _t2s

    ideographs = [ch for ch in _t2s().convert(text) if "\u4e00" <= ch <= "\u9fff"]
    if not ideographs:
        return 0.0, 0
    common = 0
    for ch in ideographs:
        try:
            code = ch.encode("gb2312")
        except UnicodeEncodeError:
            continue
        common += 0xB0 <= code[0] <= 0xD7
    return common / len(ideographs), len(ideographs)


def chinese_encoding(data: bytes) -> str | None:
    """GB18030 or BIG5 when exactly one of them decodes `data` as plausible Chinese, else None.

    Known limit: EUC-KR Hangul falls in the same byte ranges as GB2312 level 1, so Korean text
    is named GB18030 (an EN-ZH aligner rarely sees Korean; the advice to convert still holds).
    """
    scores: dict[str, float] = {}
    for codec, name in (("gb18030", "GB18030"), ("big5", "BIG5")):
        try:  # the sniffed head may end inside a character: not final
            text = codecs.getincrementaldecoder(codec)().decode(data, final=False)
        except UnicodeDecodeError:
            continue
        share, count = _common_share(text)
        if count >= _MIN_IDEOGRAPHS:
            scores[name] = share
    if not scores:
        return None
    ranked = sorted(scores.items(), key=lambda item: -item[1])
    name, share = ranked[0]
    runner_up = ranked[1][1] if len(ranked) > 1 else 0.0
    if share >= _COMMON_SHARE and share - runner_up >= _COMMON_MARGIN:
        return name
    return None


def encoding_problem(data: bytes) -> str:
    """The one-line problem text for bytes that are not UTF-8."""
    name = guess_encoding(data)
    if name is None:
        return "not UTF-8 text (encoding not recognised); convert it to UTF-8"
    return f"not UTF-8 (looks like {name}); convert with iconv -f {name} -t UTF-8"


def check_prefix(data: bytes, path: str, *, final: bool) -> None:
    """Raise InputError if `data` (a whole file, or its first bytes when not `final`) is not text.

    Corpus readers sniff only the head of a file so that a wrong encoding is one error for the
    file, not one per record, without reading a large corpus twice.
    """
    for bom, _ in _FOREIGN_BOMS:
        if data.startswith(bom):
            raise InputError(encoding_problem(data), path=path)
    if data.startswith(GZIP_MAGIC):
        raise InputError("gzip-compressed, not text: decompress it (gunzip), or name a "
                         "corpus *.jsonl.gz / *.tsv.gz", path=path)
    if b"\x00" in data:
        guess = guess_encoding(data)
        if guess and guess.startswith("UTF-"):
            raise InputError(encoding_problem(data), path=path)
        raise InputError("binary file (contains NUL bytes), not text", path=path)
    if looks_binary(data):
        raise InputError("binary file (control bytes), not text", path=path)
    try:
        codecs.getincrementaldecoder("utf-8")().decode(data, final=final)
    except UnicodeDecodeError:
        raise InputError(encoding_problem(data), path=path) from None


def decode_text(data: bytes, path: str) -> str:
    """Decode a whole file's bytes: UTF-8 (BOM dropped), newlines normalised to "\\n".

    Raises InputError (naming `path`) for empty, whitespace-only, binary or non-UTF-8 data.
    """
    if not data:
        raise InputError("empty file", path=path)
    check_prefix(data, path, final=True)
    text = data.decode("utf-8")
    if text.startswith("\ufeff"):
        text = text[1:]
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise InputError("file has only whitespace, no text", path=path)
    return text


# One record's alignment costs more than linear time and memory in its number of sentences
# (measured on 26-byte sentences: 1.8 MB, 40k sentences a side: 11 s, 240 MB; 7 MB: 82 s,
# 830 MB), so a record far beyond any article (a whole book, a corpus given as one record) is
# refused up front instead of running for an hour or exhausting memory. Corpora are streamed and
# may be any size: the limit is per record (a file, or one line of a JSONL/TSV corpus).
MAX_RECORD_MB = 4.0
MAX_RECORD_MB_CEILING = float(2**20)  # 1 TiB: `inf` would overflow the byte count
MAX_RECORD_ENV = "ALIGNER_MAX_RECORD_MB"


def max_record_mb() -> float:
    """The per-record limit in MiB: `ALIGNER_MAX_RECORD_MB`, else `MAX_RECORD_MB`."""
    raw = os.environ.get(MAX_RECORD_ENV, "").strip()
    if not raw:
        return MAX_RECORD_MB
    try:
        value = float(raw)
    except ValueError:
        value = -1.0
    if not 0 < value < MAX_RECORD_MB_CEILING:  # `inf` and `nan` fail too
        raise InputError(f"must be a positive number of MiB below {MAX_RECORD_MB_CEILING:g}, "
                         f"not {raw!r}", path=f"${MAX_RECORD_ENV}")
    return value


def max_record_bytes() -> int:
    return int(max_record_mb() * 2**20)


def too_large(size: int, path: str, record: str | None = None) -> InputError:
    return InputError(
        f"record is {size / 2**20:.1f} MiB, over the {max_record_mb():g} MiB limit for one record "
        f"(alignment time and memory grow faster than its length): split it, or raise "
        f"{MAX_RECORD_ENV}", path=path, record=record)


def read_bytes(path: str | Path) -> bytes:
    """Read a file, turning OS errors into one-line InputErrors; refuse a file over the
    per-record limit before reading it. `-` is standard input."""
    from aligner.read.stdin import STDIN_NAME, is_stdin, stdin_bytes

    if is_stdin(path):
        data = stdin_bytes(max_record_bytes())
        if len(data) > max_record_bytes():
            raise too_large(len(data), STDIN_NAME)
        return data
    p = Path(path)
    try:
        size = p.stat().st_size
        if size > max_record_bytes():
            raise too_large(size, str(path))
        return p.read_bytes()
    except FileNotFoundError:
        raise InputError("no such file", path=str(path)) from None
    except IsADirectoryError:
        raise InputError("is a directory, expected a file", path=str(path)) from None
    except PermissionError:
        raise InputError("permission denied", path=str(path)) from None
    except OSError as error:
        raise InputError(f"cannot read ({error.strerror or error})", path=str(path)) from None


def read_text(path: str | Path) -> str:
    """Read and validate a UTF-8 text file (see `decode_text`)."""
    return decode_text(read_bytes(path), str(path))
