"""Doubtful input is still read, with a warning on the Document (and on stderr in the CLI)."""

from __future__ import annotations

from pathlib import Path

import opencc

from aligner import read_pair, read_path
from aligner.cli import main
from aligner.read.validate import balance_warning, traditional_warning

FIXTURES = Path(__file__).resolve().parent / "fixtures"
RECORD = (FIXTURES / "seed_reordered.txt").read_text(encoding="utf-8")
EN = ("The protocol doubled the cell yield in fourteen days. Objective responses were seen in "
      "twelve of thirty patients, and no new safety signals were found during follow-up.")
ZH = ("该方案在十四天内使细胞产量翻倍。"
      "三十例患者中有十二例出现客观缓解,随访期间未发现新的安全性信号。")


def test_traditional_chinese_is_warned(tmp_path):
    path = tmp_path / "trad.txt"
    path.write_text(opencc.OpenCC("s2t").convert(RECORD), encoding="utf-8")
    doc = read_path(path)
    assert any(w.startswith("the Chinese looks Traditional") for w in doc.warnings)


def test_simplified_chinese_is_not_warned():
    assert traditional_warning(ZH) is None
    assert read_path(FIXTURES / "seed_reordered.txt").warnings == []


def test_a_few_traditional_looking_characters_are_not_enough():
    # one variant character in a Simplified sentence is common (names, quotations)
    assert traditional_warning(ZH + "於是") is None


def test_balanced_translation_is_not_warned():
    assert balance_warning(EN, ZH) is None


def test_chinese_far_longer_than_english_is_warned():
    warning = balance_warning(EN, ZH * 5)
    assert warning is not None and warning.startswith("unbalanced sides: the Chinese is far longer")


def test_english_far_longer_than_chinese_is_warned():
    warning = balance_warning(EN * 6, ZH[:16])
    assert warning is not None and "the English is far longer" in warning


def test_short_texts_are_not_judged_on_length():
    assert balance_warning("Yes, it does.", "是的。这个确实可以,而且效果很好。") is None


def test_warnings_are_printed_on_stderr_with_the_file_and_quiet_hides_them(tmp_path, capsys):
    en, zh = tmp_path / "x.en.txt", tmp_path / "x.zh.txt"
    en.write_text(EN, encoding="utf-8")
    zh.write_text(ZH * 5, encoding="utf-8")
    doc = read_pair(en, zh)
    assert len(doc.warnings) == 1
    assert main(["align", "--format", "tsv", "--en", str(en), "--zh", str(zh)]) == 0
    err = capsys.readouterr().err
    assert err.startswith(f"aligner: warning: {en} [x]: unbalanced sides:")
    assert main(["align", "-q", "--format", "tsv", "--en", str(en), "--zh", str(zh)]) == 0
    assert capsys.readouterr().err == ""
