"""`aligner align` end to end through `aligner.cli.main`: inputs, formats, exit codes."""

from __future__ import annotations

import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from aligner.cli import main
from aligner.cli.common import choose_format

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def test_align_seed_directory_writes_every_sentence_once(capsys):
    assert main(["align", str(SEEDS), "--format", "jsonl"]) == 0
    out, err = capsys.readouterr()
    records = [json.loads(line) for line in out.splitlines()]
    assert {r["doc"] for r in records} == {"000_c7586fac1e89b2ba"}
    assert [i for r in records for i in r["en"]] == list(range(5))
    assert [j for r in records for j in r["zh"]] == list(range(5))
    assert err == ""


def test_align_seed_gives_five_one_to_one_links(capsys):
    assert main(["align", str(SEEDS), "--format", "tsv"]) == 0
    rows = [line.split("\t") for line in capsys.readouterr().out.splitlines()[1:]]
    assert [(r[2], r[3], r[4]) for r in rows] == [("1-1", str(i), str(i)) for i in range(5)]


def test_one_bad_record_among_good_ones_exits_2_but_writes_the_others(tmp_path, capsys):
    (tmp_path / "a.txt").write_text((SEEDS / "000_c7586fac1e89b2ba.txt").read_text("utf-8"),
                                    encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"")
    (tmp_path / "c.txt").write_text((FIXTURES / "seed_reordered.txt").read_text("utf-8"),
                                    encoding="utf-8")
    code = main(["align", str(tmp_path), "--format", "tsv"])
    out, err = capsys.readouterr()
    assert code == 2
    assert {line.split("\t")[0] for line in out.splitlines()[1:]} == {"a", "c"}
    assert err.splitlines() == [f"aligner: error: {tmp_path / 'b.txt'}: empty file",
                                "aligner: 1 record(s) failed, 2 aligned"]


def test_output_file_format_follows_its_extension(tmp_path, capsys):
    target = tmp_path / "memory.tmx"
    assert main(["align", str(FIXTURES / "seed_reordered.txt"), "-o", str(target)]) == 0
    root = ET.parse(target).getroot()
    assert root.get("version") == "1.4" and root.findall("body/tu")
    assert capsys.readouterr().out == ""


def test_pair_presplit_keeps_the_given_sentences(tmp_path, capsys):
    en, zh = tmp_path / "en.txt", tmp_path / "zh.txt"
    en.write_text("The first finding was clear.\nThe second one was not.\n", encoding="utf-8")
    zh.write_text("第一个发现很明确。\n第二个则不然。\n", encoding="utf-8")
    assert main(["align", "--en", str(en), "--zh", str(zh), "--presplit", "-f", "jsonl"]) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["en_text"] for r in records] == ["The first finding was clear.",
                                               "The second one was not."]
    assert [r["zh_text"] for r in records] == ["第一个发现很明确。", "第二个则不然。"]


def test_glossary_option_is_read_and_a_bad_one_is_an_error(tmp_path, capsys):
    glossary = tmp_path / "terms.csv"
    glossary.write_text("en,zh\nnatural killer cell,自然杀伤细胞\n", encoding="utf-8")
    record = str(SEEDS / "000_c7586fac1e89b2ba.txt")
    assert main(["align", record, "--glossary", str(glossary), "-f", "tsv"]) == 0
    capsys.readouterr()
    assert main(["align", record, "--glossary", str(tmp_path / "none.csv"), "-f", "tsv"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"aligner: error: {tmp_path / 'none.csv'}") and len(err.splitlines()) == 1


@pytest.mark.parametrize(
    "argv",
    [
        ["align"],
        ["align", "x.txt", "--en", "a", "--zh", "b"],
        ["align", "--en", "a.txt"],
        ["align", "x.txt", "--presplit"],
    ],
)
def test_wrong_argument_combinations_are_usage_errors(argv, capsys):
    with pytest.raises(SystemExit) as info:
        main(argv)
    assert info.value.code == 2
    assert "usage: aligner align" in capsys.readouterr().err


def test_help_explains_with_examples(capsys):
    with pytest.raises(SystemExit):
        main(["align", "--help"])
    out = capsys.readouterr().out
    assert "examples:" in out and "aligner align --en" in out and "exit status" in out


def test_default_format_is_table_on_a_terminal_and_tsv_in_a_pipe():
    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    assert choose_format(None, None, Tty()) == "table"
    assert choose_format(None, None, io.StringIO()) == "tsv"
    assert choose_format(None, "out.jsonl", Tty()) == "jsonl"
    assert choose_format("tmx", "out.jsonl") == "tmx"
