"""Exports for translators' and reviewers' tools, read back by real clients: translate-toolkit
(XLIFF 1.2 / 2.1, TMX), pandas (xlsx, CSV, TSV)."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from aligner import align_document, read_path
from aligner.cli import main
from aligner.model import Alignment, Document, Link, Sentence
from aligner.report import WRITERS
from aligner.report.linebreaks import join_line_breaks

SEED = Path(__file__).resolve().parents[1] / "seeds" / "000_c7586fac1e89b2ba.txt"
HAN = re.compile(r"[\u4e00-\u9fff]")
pd = pytest.importorskip("pandas")


@pytest.fixture(scope="module")
def seed() -> Alignment:
    return align_document(read_path(SEED))


def export(tmp_path: Path, fmt: str, suffix: str, *options: str) -> Path:
    out = tmp_path / f"seed{suffix}"
    assert main(["align", str(SEED), "-f", fmt, "-o", str(out), "-q", *options]) == 0
    return out


def assert_five_en_zh_units(units) -> None:
    units = [u for u in units if not u.isheader()]
    assert len(units) == 5
    for unit in units:
        assert unit.source and not HAN.search(unit.source)  # English
        assert HAN.search(unit.target)  # Chinese


def test_translate_toolkit_reads_the_xliff12_export(tmp_path):
    xliff = pytest.importorskip("translate.storage.xliff")
    store = xliff.xlifffile.parsefile(str(export(tmp_path, "xliff", ".xlf", "--glossary",
                                                       "cell-therapy")))
    assert_five_en_zh_units(store.units)
    first = store.units[0]
    assert "confidence" in first.getnotes() and "ok: " in first.getnotes()


def test_translate_toolkit_reads_the_xliff21_export(tmp_path):
    xliff2 = pytest.importorskip("translate.storage.xliff2")
    store = xliff2.Xliff2File.parsefile(str(export(tmp_path, "xliff2", ".xlf")))
    assert_five_en_zh_units(store.units)


def test_translate_toolkit_reads_the_tmx_export(tmp_path):
    tmx = pytest.importorskip("translate.storage.tmx")
    store = tmx.tmxfile.parsefile(str(export(tmp_path, "tmx", ".tmx")))
    assert_five_en_zh_units(store.units)


def expected_rows(alignment: Alignment) -> list[tuple]:
    return [(alignment.doc.id, i, link.kind, ",".join(map(str, link.en)),
             ",".join(map(str, link.zh)), round(link.score, 4), en, zh)
            for i, (link, en, zh) in enumerate(alignment.pairs())]


def frame_rows(frame) -> list[tuple]:
    text = ["en", "zh", "en_text", "zh_text"]
    frame = frame.astype(dict.fromkeys(text, object))
    frame[text] = frame[text].fillna("")
    return [(r.doc, int(r.link), r.kind, str(r.en), str(r.zh), round(float(r.score), 4),
             r.en_text, r.zh_text) for r in frame.itertuples()]


def test_pandas_reads_the_xlsx_export_back_to_the_same_links(tmp_path, seed):
    path = export(tmp_path, "xlsx", ".xlsx")
    links = pd.read_excel(path, sheet_name="links", dtype={"en": str, "zh": str})
    assert frame_rows(links) == expected_rows(seed)
    documents = pd.read_excel(path, sheet_name="documents")
    assert documents["links"].tolist() == [5]


def test_xlsx_layout_frozen_header_colours_and_text_cells(tmp_path):
    from openpyxl import load_workbook

    doc = Document("=d", "=1+1 cells grew.", "=1+1 细胞生长。")
    alignment = Alignment(doc, [Sentence("=1+1 cells grew.", 0, 16)],
                          [Sentence("=1+1 细胞生长。", 0, 10)], [Link((0,), (0,), 0.2)])
    path = tmp_path / "r.xlsx"
    WRITERS["xlsx"]([alignment], path)
    sheet = load_workbook(path)["links"]
    assert sheet.freeze_panes == "A2"
    assert sheet["G2"].value == "=1+1 cells grew." and sheet["G2"].data_type == "s"
    assert sheet["F2"].fill.start_color.rgb.endswith("FFF6E5")  # low confidence
    widths = {c: sheet.column_dimensions[c].width for c in "GH"}
    assert widths["G"] >= 40 and widths["H"] >= 40


@pytest.mark.parametrize(("fmt", "suffix", "sep"), [("csv", ".csv", ","), ("tsv", ".tsv", "\t")])
def test_pandas_reads_csv_and_tsv_exports_back_to_the_same_links(tmp_path, seed, fmt, suffix,
                                                                  sep):
    path = tmp_path / f"seed{suffix}"
    assert main(["align", str(SEED), "-o", str(path), "-q"]) == 0  # format from -o's suffix
    frame = pd.read_csv(path, sep=sep, dtype={"en": str, "zh": str}, keep_default_na=False)
    assert frame_rows(frame) == expected_rows(seed)


def wrapped() -> Alignment:
    en = "Cells were\n  cultured for 24 h."
    zh = "细胞培养\n了24小时。"
    doc = Document("w", en, zh)
    return Alignment(doc, [Sentence(en, 0, len(en))], [Sentence(zh, 0, len(zh))],
                     [Link((0,), (0,), 0.9)])


def test_line_breaks_join_with_a_space_in_english_and_nothing_between_hanzi():
    assert join_line_breaks("Cells were\n  cultured.") == "Cells were cultured."
    assert join_line_breaks("细胞培养\n了。") == "细胞培养了。"
    assert join_line_breaks("CAR-T\n细胞") == "CAR-T 细胞"
    assert join_line_breaks("a\r\n\r\nb", keep=True) == "a\r\n\r\nb"


@pytest.mark.parametrize("fmt", ["tsv", "csv", "tmx", "xliff", "xliff2"])
def test_cat_exports_join_hard_wrapped_lines_unless_kept(fmt):
    out = io.StringIO()
    WRITERS[fmt]([wrapped()], out)
    assert "Cells were cultured for 24 h." in out.getvalue()
    assert "细胞培养了24小时。" in out.getvalue()
    kept = io.StringIO()
    WRITERS[fmt]([wrapped()], kept, keep_line_breaks=True)
    assert "Cells were\n  cultured" in kept.getvalue()


def test_jsonl_keeps_the_original_text():
    out = io.StringIO()
    WRITERS["jsonl"]([wrapped()], out)
    assert "Cells were\\n  cultured" in out.getvalue()


def test_tsv_with_kept_breaks_is_quoted_so_pandas_reads_one_row(tmp_path):
    out = io.StringIO()
    WRITERS["tsv"]([wrapped()], out, keep_line_breaks=True)
    frame = pd.read_csv(io.StringIO(out.getvalue()), sep="\t")
    assert len(frame) == 1 and frame.en_text[0] == "Cells were\n  cultured for 24 h."


def test_min_score_keeps_only_confident_links(tmp_path, seed, capsys):
    threshold = sorted(link.score for link in seed.links)[2]
    out = tmp_path / "kept.jsonl"
    assert main(["align", str(SEED), "--min-score", str(threshold), "-o", str(out)]) == 0
    kept = out.read_text(encoding="utf-8").splitlines()
    assert len(kept) == sum(link.score >= threshold for link in seed.links) == 3
    assert "left out 2 link(s)" in capsys.readouterr().err


def test_min_score_in_the_corpus_runner_too(tmp_path, seed, capsys):
    threshold = sorted(link.score for link in seed.links)[2]
    out = tmp_path / "kept.jsonl"
    assert main(["align", str(SEED), "--jobs", "1", "--min-score", str(threshold),
                 "-o", str(out)]) == 0
    assert len(out.read_text(encoding="utf-8").splitlines()) == 3
    assert "left out 2 link(s)" in capsys.readouterr().err


def test_min_score_is_refused_for_part_files_rather_than_ignored(tmp_path, capsys):
    assert main(["align", str(SEED), "--min-score", "0.5", "-o", f"{tmp_path}/parts/"]) == 2
    assert "--min-score is not available for part files" in capsys.readouterr().err


def test_min_score_must_be_a_confidence(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["align", str(SEED), "--min-score", "1.5"])
    assert exit_.value.code == 2


def test_binary_format_to_a_terminal_is_refused(monkeypatch, capsys):
    import sys

    monkeypatch.setattr(sys.stdout, "isatty", lambda: True, raising=False)
    assert main(["align", str(SEED), "-f", "parquet"]) == 2
    assert "parquet is binary" in capsys.readouterr().err
