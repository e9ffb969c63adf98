"""Coverage-guided fuzzing (atheris / libFuzzer) of the readers and the seed-format parser.

Every input is fed to one target chosen by its first byte: the seed parser on decoded text, the
byte decoder, or a reader on a file (seed `.txt`, `.jsonl`, `.tsv`, `.jsonl.gz`, or a pair of
files). A target may return a Document or raise `InputError` (the documented failure); any other
exception is a crash, and libFuzzer saves the input as `crash-*` in the working directory.

    pip install atheris
    python fuzz/fuzz_readers.py -atheris_runs=200000          # fixed number of executions
    python fuzz/fuzz_readers.py CORPUS_DIR -max_total_time=600

Without a corpus directory, a temporary one is seeded with the repository's seed record and
small JSONL/TSV records (libFuzzer writes new interesting inputs into the first directory given,
so the repository is never used for that). The run ends with `aligner fuzz: N executions`;
`python bench/fuzz_run.py` runs it and reports executions, time and crash files.
Not part of the test suite: `tests/test_property_pipeline.py` runs the same targets under
hypothesis.
"""

from __future__ import annotations

import gzip
import json
import os
import sys
import tempfile
from pathlib import Path

import atheris

with atheris.instrument_imports(include=["aligner"]):
    from aligner.model import Document, InputError
    from aligner.read import iter_documents, read_pair, read_path
    from aligner.read.seed import parse_seed
    from aligner.read.textfile import decode_text

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "000_c7586fac1e89b2ba.txt"
WORK = Path(tempfile.mkdtemp(prefix="aligner-fuzz-", dir="/dev/shm" if os.path.isdir(
    "/dev/shm") else None))
EXECUTIONS = 0


def _check(item: object) -> None:
    if not isinstance(item, Document | InputError):
        raise TypeError(f"reader yielded {type(item).__name__}")
    if isinstance(item, InputError) and "\n" in str(item):
        raise ValueError(f"error message spans lines: {item!s}")


def _file(name: str, data: bytes) -> Path:
    path = WORK / name
    path.write_bytes(data)
    return path


def _read_file(path: Path) -> None:
    for item in iter_documents([path]):
        _check(item)
    try:
        _check(read_path(path))
    except InputError:
        pass


def test_one_input(data: bytes) -> None:
    global EXECUTIONS
    EXECUTIONS += 1
    if not data:
        return
    choice, body = data[0] % 8, data[1:]
    try:
        if choice == 0:
            parse_seed(body.decode("utf-8", errors="surrogateescape"), id="f", source="f.txt")
        elif choice == 1:
            decode_text(body, "f.txt")
        elif choice == 2:
            _read_file(_file("r.txt", body))
        elif choice == 3:
            _read_file(_file("c.jsonl", body))
        elif choice == 4:
            _read_file(_file("c.tsv", body))
        elif choice == 5:
            _read_file(_file("c.jsonl.gz", gzip.compress(body, mtime=0)))
        elif choice == 6:
            _read_file(_file("d.jsonl.gz", body))  # raw bytes named .gz: bad or truncated gzip
        else:
            half = len(body) // 2
            en, zh = _file("p.en.txt", body[:half]), _file("p.zh.txt", body[half:])
            read_pair(en, zh, presplit=bool(body[:1] and body[0] & 1))
    except InputError as error:
        _check(error)


def seed_corpus() -> Path:
    folder = Path(tempfile.mkdtemp(prefix="aligner-fuzz-corpus-"))
    seed = SEED.read_bytes()
    record = {"id": "a", "en": "The cells were activated. They grew.",
              "zh": "细胞被激活。它们生长。"}
    samples = {
        "seed-parse": b"\x00" + seed,
        "seed-file": b"\x02" + seed,
        "jsonl": b"\x03" + (json.dumps(record, ensure_ascii=False) + "\n").encode() * 3,
        "jsonl-list": b"\x03" + json.dumps({**record, "en": ["A.", "B."], "zh": ["甲。", "乙。"]},
                                           ensure_ascii=False).encode() + b"\n",
        "tsv": b"\x04id\ten\tzh\na\tThe cells were activated.\t\xe7\xbb\x86\xe8\x83\x9e\n",
        "gz": b"\x05" + (json.dumps(record, ensure_ascii=False) + "\n").encode(),
        "pair": b"\x07The cells were activated.\n\xe7\xbb\x86\xe8\x83\x9e\xe3\x80\x82\n",
    }
    for name, data in samples.items():
        (folder / name).write_bytes(data)
    return folder


def main() -> None:
    args = list(sys.argv)
    if not any(not a.startswith("-") for a in args[1:]):
        args.insert(1, str(seed_corpus()))
    atheris.Setup(args, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    import atexit

    # libFuzzer ends the process itself (after -atheris_runs, or at a crash, saving crash-*):
    # the count is printed on the way out either way; bench/fuzz_run.py counts the crash files
    atexit.register(lambda: print(f"aligner fuzz: {EXECUTIONS} executions", file=sys.stderr))
    main()
