"""Every unusable input gives one line naming the file and the problem, and exit status 2."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path

import opencc
import pytest

from aligner import InputError, read_path
from aligner.cli import main

FIXTURES = Path(__file__).resolve().parent / "fixtures"
RECORD = (FIXTURES / "seed_reordered.txt").read_text(encoding="utf-8")


def _run(capsys, *argv):
    code = main(["align", "--format", "tsv", *map(str, argv)])
    out, err = capsys.readouterr()
    return code, out, err


def _bad_file(tmp_path, name, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


CASES = {
    "empty": (b"", "empty file"),
    "whitespace": (b" \n\t\n  \n", "file has only whitespace, no text"),
    "binary": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00",
               "binary file (contains NUL bytes), not text"),
    "control_bytes": (bytes(b or 1 for b in random.Random(7).randbytes(3000)),
                      "binary file (control bytes), not text"),
    "gb18030": (RECORD.encode("gb18030"),
                "not UTF-8 (looks like GB18030); convert with iconv -f GB18030 -t UTF-8"),
    "big5": (opencc.OpenCC("s2t").convert(RECORD).encode("big5", errors="replace"),
             "not UTF-8 (looks like BIG5); convert with iconv -f BIG5 -t UTF-8"),
    "utf16": (RECORD.encode("utf-16"),
              "not UTF-8 (looks like UTF-16); convert with iconv -f UTF-16 -t UTF-8"),
    "english_only": ((FIXTURES / "seed_english_only.txt").read_bytes(), "no Chinese part found"),
    "chinese_only": ("三十例患者中有十二例出现缓解。\n".encode(), "no English part found"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_record_file_gives_one_line_error_and_exit_2(tmp_path, capsys, case):
    data, problem = CASES[case]
    path = _bad_file(tmp_path, f"{case}.txt", data)
    code, out, err = _run(capsys, path)
    assert code == 2
    assert err.splitlines()[0] == f"aligner: error: {path}: {problem}"
    assert "Traceback" not in err


@pytest.mark.parametrize("case", sorted(CASES))
def test_read_path_raises_the_same_message(tmp_path, case):
    data, problem = CASES[case]
    path = _bad_file(tmp_path, f"{case}.txt", data)
    with pytest.raises(InputError) as info:
        read_path(path)
    assert str(info.value) == f"{path}: {problem}"


def test_missing_file(tmp_path, capsys):
    code, out, err = _run(capsys, tmp_path / "nope.txt")
    assert code == 2
    missing = tmp_path / "nope.txt"
    assert err.splitlines()[0] == f"aligner: error: {missing}: no such file or directory"


def test_missing_pair_file(tmp_path, capsys):
    (tmp_path / "en.txt").write_text("An English sentence.", encoding="utf-8")
    code = main(["align", "--en", str(tmp_path / "en.txt"), "--zh", str(tmp_path / "zh.txt")])
    err = capsys.readouterr().err
    assert code == 2
    assert err == f"aligner: error: {tmp_path / 'zh.txt'}: no such file\n"


def test_malformed_jsonl_line_is_named_by_line_number(tmp_path, capsys):
    path = tmp_path / "c.jsonl"
    good = json.dumps({"id": "ok", "en": "The cells grew quickly in culture.",
                       "zh": "细胞在培养中迅速生长。"}, ensure_ascii=False)
    path.write_text(good + "\n{not json}\n", encoding="utf-8")
    code, out, err = _run(capsys, path)
    assert code == 2
    assert err.splitlines()[0].startswith(f"aligner: error: {path} [line 2]: malformed JSON (")
    # the good record is still written
    assert [line.split("\t")[0] for line in out.splitlines()[1:]] == ["ok"]


def test_gzip_file_that_is_not_gzip(tmp_path, capsys):
    path = _bad_file(tmp_path, "c.jsonl.gz", b'{"id": "x"}\n')
    code, out, err = _run(capsys, path)
    assert code == 2
    assert err.splitlines()[0] == f"aligner: error: {path}: not a valid gzip file"


def test_non_utf8_corpus_is_one_error_for_the_file(tmp_path, capsys):
    record = {"id": "g", "en": "The cells grew.", "zh": "细胞在培养中迅速生长。" * 20}
    path = _bad_file(tmp_path, "c.jsonl",
                     (json.dumps(record, ensure_ascii=False) + "\n").encode("gb18030") * 3)
    code, out, err = _run(capsys, path)
    assert code == 2
    assert err.splitlines() == [
        f"aligner: error: {path}: not UTF-8 (looks like GB18030); "
        "convert with iconv -f GB18030 -t UTF-8",
    ]


def test_console_script_prints_no_traceback(tmp_path):
    path = _bad_file(tmp_path, "empty.txt", b"")
    script = Path(sys.executable).with_name("aligner")
    result = subprocess.run([str(script), "align", str(path)], capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 2
    assert result.stderr == f"aligner: error: {path}: empty file\n"
