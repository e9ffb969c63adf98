"""Glossary readers: CSV, OmegaT TSV, TBX (martif and v3), the shipped glossary."""

from __future__ import annotations

from pathlib import Path

import pytest

from aligner.model import InputError
from aligner.score.glossary import default_glossary, read_glossary, write_csv

REPO = Path(__file__).resolve().parents[1]

MARTIF = """<?xml version="1.0" encoding="UTF-8"?>
<martif type="TBX" xml:lang="en"><text><body>
  <termEntry id="t1">
    <descrip type="definition">cells of the innate immune system</descrip>
    <langSet xml:lang="en"><tig><term>natural killer</term></tig></langSet>
    <langSet xml:lang="zh-CN">
      <tig><term>自然杀伤</term>
        <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></tig>
      <tig><term>NK</term>
        <termNote type="administrativeStatus">admittedTerm-admn-sts</termNote></tig>
      <tig><term>天然杀手</term>
        <termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></tig>
    </langSet>
  </termEntry>
</body></text></martif>
"""

TBX3 = """<?xml version="1.0" encoding="UTF-8"?>
<tbx style="dca" type="TBX-Basic" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">
<text><body>
  <conceptEntry id="c1">
    <langSec xml:lang="en"><termSec><term>off-the-shelf</term></termSec></langSec>
    <langSec xml:lang="zh"><termSec><term>即用型</term></termSec>
      <termSec><term>现成的</term>
        <termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></termSec>
    </langSec>
  </conceptEntry>
</body></text></tbx>
"""


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_csv_reads_variants_forbidden_and_note(tmp_path):
    path = write(tmp_path, "g.csv", "en,zh,variants,forbidden,note\n"
                 "off-the-shelf,即用型,通用型|现货型,现成的,allogeneic\n")
    (term,) = read_glossary(path).terms
    assert (term.en, term.zh, term.variants, term.forbidden, term.note) == (
        "off-the-shelf", "即用型", ("通用型", "现货型"), ("现成的",), "allogeneic")


def test_csv_with_only_en_zh_and_a_bom_is_enough(tmp_path):
    path = tmp_path / "g.csv"
    path.write_bytes("\ufeffen,zh\nFDA,FDA\n".encode())
    assert read_glossary(path).terms[0].zh == "FDA"


def test_csv_accepts_translate_toolkit_source_target_header(tmp_path):
    path = write(tmp_path, "g.csv", "source,target,comment\nnatural killer,自然杀伤,NK cells\n")
    (term,) = read_glossary(path).terms
    assert (term.en, term.zh, term.note) == ("natural killer", "自然杀伤", "NK cells")


def test_csv_without_en_zh_header_is_an_input_error_naming_the_file(tmp_path):
    path = write(tmp_path, "bad.csv", "english,chinese\nFDA,FDA\n")
    with pytest.raises(InputError, match="bad.csv: glossary header must name"):
        read_glossary(path)


def test_csv_row_with_empty_chinese_names_the_line(tmp_path):
    path = write(tmp_path, "g.csv", "en,zh\nFDA,FDA\nimmunotherapy,\n")
    with pytest.raises(InputError, match="line 3"):
        read_glossary(path)


def test_repeated_english_rows_merge_into_variants(tmp_path):
    path = write(tmp_path, "g.csv", "en,zh\nimmunotherapy,免疫治疗\nImmunotherapy,免疫疗法\n")
    (term,) = read_glossary(path).terms
    assert term.zh == "免疫治疗" and term.variants == ("免疫疗法",)


def test_omegat_tab_separated_glossary(tmp_path):
    path = write(tmp_path, "glossary.txt", "# OmegaT glossary\nnatural killer\t自然杀伤\tNK\n"
                 "natural killer\t天然杀伤\n\nFDA\tFDA\n")
    terms = read_glossary(path).terms
    assert [(t.en, t.zh, t.variants) for t in terms] == [
        ("natural killer", "自然杀伤", ("天然杀伤",)), ("FDA", "FDA", ())]
    assert terms[0].note == "NK"


def test_omegat_line_without_tab_is_an_input_error(tmp_path):
    path = write(tmp_path, "g.tsv", "natural killer 自然杀伤\n")
    with pytest.raises(InputError, match="line 1"):
        read_glossary(path)


def test_tbx_martif_maps_statuses_to_approved_variant_forbidden(tmp_path):
    (term,) = read_glossary(write(tmp_path, "g.tbx", MARTIF)).terms
    assert (term.en, term.zh, term.variants, term.forbidden) == (
        "natural killer", "自然杀伤", ("NK",), ("天然杀手",))
    assert "innate immune" in term.note


def test_tbx_v3_concept_entries_are_read(tmp_path):
    (term,) = read_glossary(write(tmp_path, "g.tbx", TBX3)).terms
    assert (term.en, term.zh, term.forbidden) == ("off-the-shelf", "即用型", ("现成的",))


def test_tbx_written_by_translate_toolkit_is_read(tmp_path):
    pytest.importorskip("translate.storage.tbx")
    from translate.storage import tbx

    store = tbx.tbxfile()
    unit = store.addsourceunit("chimeric antigen receptor")
    unit.target = "嵌合抗原受体"
    path = tmp_path / "tt.tbx"
    path.write_bytes(bytes(store))
    (term,) = read_glossary(path).terms
    assert (term.en, term.zh) == ("chimeric antigen receptor", "嵌合抗原受体")


def test_malformed_tbx_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="not well-formed"):
        read_glossary(write(tmp_path, "g.tbx", "<martif><text>"))


def test_unknown_extension_and_missing_file_are_input_errors(tmp_path):
    with pytest.raises(InputError, match="unknown glossary format"):
        read_glossary(write(tmp_path, "g.xlsx", "x"))
    with pytest.raises(InputError, match="not found"):
        read_glossary(tmp_path / "absent.csv")


def test_written_csv_reads_back_the_same_terms(tmp_path):
    terms = default_glossary().terms
    path = write(tmp_path, "round.csv", write_csv(terms, {"count": [1] * len(terms)}))
    assert read_glossary(path).terms == terms


def test_shipped_glossary_has_the_seed_domain_terms():
    approved = {t.en: t.zh for t in default_glossary()}
    expected = {"CAR-iNK": "CAR-iNK", "off-the-shelf": "即用型",
                "induced pluripotent stem cell": "诱导多能干细胞", "natural killer": "自然杀伤",
                "chimeric antigen receptor": "嵌合抗原受体",
                "adoptive cell therapy": "过继细胞疗法", "FDA": "FDA"}
    assert {k: approved.get(k) for k in expected} == expected


def test_repo_glossary_and_package_copy_are_identical():
    """Rule: edit data/glossary.csv, copy it to aligner/data/glossary.csv (what installs)."""
    repo = (REPO / "data" / "glossary.csv").read_bytes()
    package = (REPO / "aligner" / "data" / "glossary.csv").read_bytes()
    assert repo == package, "copy data/glossary.csv to aligner/data/glossary.csv"
