"""`aligner segment` through `aligner.cli.main`: text and JSONL output, stdin, seed records."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

from aligner.cli import main

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def test_segment_english_one_sentence_per_line(tmp_path, capsys):
    path = tmp_path / "en.txt"
    path.write_text("Cells were activated. Then they grew.\n", encoding="utf-8")
    assert main(["segment", "--lang", "en", str(path)]) == 0
    assert capsys.readouterr().out.splitlines() == ["Cells were activated.", "Then they grew."]


def test_segment_jsonl_offsets_index_the_input(tmp_path, capsys):
    text = "细胞被激活。随后开始增殖！"
    path = tmp_path / "zh.txt"
    path.write_text(text, encoding="utf-8")
    assert main(["segment", "--lang", "zh", "--format", "jsonl", str(path)]) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["text"] for r in records] == ["细胞被激活。", "随后开始增殖！"]
    assert all(text[r["start"] : r["end"]] == r["text"] for r in records)


def test_segment_reads_stdin_and_guesses_the_language(monkeypatch, capsys):
    stdin = io.TextIOWrapper(io.BytesIO("细胞被激活。随后开始增殖。".encode()), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", stdin)
    assert main(["segment"]) == 0
    assert capsys.readouterr().out.splitlines() == ["细胞被激活。", "随后开始增殖。"]


def test_segment_of_a_seed_record_takes_the_part_in_the_language(capsys):
    assert main(["segment", "--lang", "zh", str(FIXTURES / "seed_reordered.txt")]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("肿瘤浸润淋巴细胞") and len(lines) == 4


def test_segment_bad_input_is_a_one_line_error(tmp_path, capsys):
    path = tmp_path / "x.txt"
    path.write_bytes("细胞".encode("utf-16"))
    assert main(["segment", str(path)]) == 2
    assert capsys.readouterr().err == (
        f"aligner: error: {path}: not UTF-8 (looks like UTF-16); "
        "convert with iconv -f UTF-16 -t UTF-8\n"
    )
