"""Seed-format records: parts found by content, metadata kept, offsets into the joined text."""

from __future__ import annotations

from pathlib import Path

import pytest

from aligner import InputError, read_path
from aligner.read.seed import classify, parse_citation, parse_seed

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "000_c7586fac1e89b2ba.txt"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def test_seed_record_splits_into_english_and_chinese_abstracts():
    doc = read_path(SEED)
    assert doc.id == "000_c7586fac1e89b2ba"
    assert doc.en.startswith("Adoptive cell therapies (ACT)")
    assert doc.en.endswith("novel cellular immunotherapy in cancer.")
    assert doc.zh.startswith("嵌合抗原受体(CAR)")
    assert doc.zh.endswith("挑战和未来前景。")
    assert "\n" not in doc.en and "\n" not in doc.zh
    assert doc.warnings == []


def test_seed_record_metadata_extracted():
    meta = read_path(SEED).meta
    assert meta["journal"] == "Biomed Pharmacother"
    assert meta["date"] == "2023 Sep"
    assert meta["volume"] == "165"
    assert meta["pages"] == "115123"
    assert meta["doi"] == "10.1016/j.biopha.2023.115123"
    assert meta["epub"] == "2023 Jul 4"
    assert len(meta["affiliations"]) == 2
    assert meta["affiliations"][1].startswith("Department of Radiation Oncology")
    assert len(meta["related"]) == 11
    assert meta["related"][-1] == "Front Immunol. 2025-5-5"


def test_parts_in_another_order_with_two_paragraphs_are_joined_with_newline():
    doc = read_path(FIXTURES / "seed_reordered.txt")
    en_lines = doc.en.split("\n")
    zh_lines = doc.zh.split("\n")
    assert len(en_lines) == 2 and len(zh_lines) == 2
    assert en_lines[0].startswith("This trial tested")
    assert en_lines[1].startswith("Objective responses")
    assert zh_lines[1].startswith("30 例患者")
    # affiliations found before and after the abstracts, related citations anywhere
    assert len(doc.meta["affiliations"]) == 2
    assert doc.meta["related"] == ["Cell Rep Med. 2024-1-5", "Nat Rev Clin Oncol. 2023"]
    assert doc.meta["issue"] == "3"
    assert doc.meta["doi"] == "10.1136/jitc-2024-008123"


def test_record_without_chinese_is_refused_naming_the_file():
    path = FIXTURES / "seed_english_only.txt"
    with pytest.raises(InputError) as info:
        read_path(path)
    assert str(info.value) == f"{path}: no Chinese part found"


def test_record_without_english_is_refused():
    with pytest.raises(InputError, match="no English part found"):
        parse_seed("这是一段中文摘要。它没有英文部分。\n", id="x", source="x.txt")


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("Nat Med. 2023 Jan 5;29(1):123-130. doi: 10.1038/s41591-022-00001-1.", "citation"),
        ("Front Immunol. 2025-5-30", "related"),
        ("Front Immunol. 2022", "related"),
        ("School of Pharmacy, Example University, Chengdu 610041, China.", "affiliation"),
        ("The University hospital enrolled 40 patients, and most of them responded.", "en"),
        ("美国 FDA 已经批准了六种 CAR-T 细胞产品。", "zh"),
        ("PMID: 12345678", "metadata"),
    ],
)
def test_line_kind_is_judged_by_content(line, kind):
    assert classify(line) == kind


def test_citation_without_volume_or_doi_is_not_a_citation():
    assert parse_citation("Results. 2020 was a difficult year.") is None


def test_utf8_bom_is_dropped_and_crlf_normalised(tmp_path):
    text = SEED.read_text(encoding="utf-8").replace("\n", "\r\n")
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    doc = read_path(path)
    assert doc.en == read_path(SEED).en
    assert "\ufeff" not in doc.en + doc.zh + "".join(doc.meta["affiliations"])
