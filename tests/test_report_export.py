"""Exports: TSV escaping, JSONL schema, TMX 1.4 structure, DataFrame, terminal table."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET

from aligner import Alignment, Document, Link, Sentence
from aligner.report import WRITERS, to_dataframe, write_table, write_tmx, write_tsv
from aligner.report.width import display_width, wrap

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def _sentences(texts: list[str]) -> list[Sentence]:
    out, pos = [], 0
    for t in texts:
        out.append(Sentence(t, pos, pos + len(t)))
        pos += len(t) + 1
    return out


def make_alignment(doc_id: str = "d1") -> Alignment:
    en = ["Cells\tgrew <fast> & well.", "Line one\nline two.", "An extra English sentence."]
    zh = ["细胞生长得又快又好。", "第一行\n第二行。"]
    doc = Document(id=doc_id, en="\n".join(en), zh="\n".join(zh))
    links = [Link((0,), (0,), 0.9), Link((1,), (1,), 0.75), Link((2,), (), 0.1)]
    alignment = Alignment(doc=doc, en=_sentences(en), zh=_sentences(zh), links=links)
    alignment.validate()
    return alignment


def test_tsv_has_header_and_one_row_per_link_quoted_as_spreadsheets_do():
    out = io.StringIO()
    stats = write_tsv([make_alignment()], out)
    lines = out.getvalue().split("\n")[:-1]
    assert lines[0].split("\t") == ["doc", "link", "kind", "en", "zh", "score", "en_text",
                                    "zh_text"]
    assert len(lines) == 4 and stats.links == 3  # hard-wrapped lines joined: one line a row
    rows = list(csv.reader(io.StringIO(out.getvalue()), dialect="excel-tab"))[1:]
    assert all(len(r) == 8 for r in rows)
    assert rows[0][:6] == ["d1", "0", "1-1", "0", "0", "0.9000"]
    assert rows[0][6] == "Cells\tgrew <fast> & well."  # a tab inside text: quoted, not escaped
    assert rows[1][7] == "第一行第二行。"
    assert rows[2][2:5] == ["1-0", "2", ""]


def test_tsv_keeps_backslashes_as_they_are():
    out = io.StringIO()
    doc = Document("d", "a\\tb c.", "甲。")
    write_tsv([Alignment(doc, [Sentence("a\\tb c.", 0, 7)], [Sentence("甲。", 0, 2)],
                         [Link((0,), (0,), 1.0)])], out)
    assert list(csv.reader(io.StringIO(out.getvalue()), dialect="excel-tab"))[1][6] == "a\\tb c."


def test_jsonl_one_object_per_link_in_the_documented_schema():
    out = io.StringIO()
    WRITERS["jsonl"]([make_alignment()], out)
    records = [json.loads(line) for line in out.getvalue().splitlines()]
    assert len(records) == 3
    assert set(records[0]) == {"doc", "en", "zh", "en_text", "zh_text", "score"}
    assert records[0]["en"] == [0] and records[0]["zh"] == [0]
    assert records[2]["zh"] == [] and records[2]["zh_text"] == ""
    assert "细胞" in out.getvalue()  # not \\u-escaped


def test_tmx_parses_strictly_and_has_the_tmx14_structure():
    alignment = make_alignment()
    alignment.en[0] = Sentence("Bad \x01control\x0b chars & <tags>", 0, 0)
    out = io.StringIO()
    stats = write_tmx([alignment, make_alignment("d2")], out)
    root = ET.fromstring(out.getvalue().encode("utf-8"))
    assert root.tag == "tmx" and root.get("version") == "1.4"
    header = root.find("header")
    assert header is not None
    for attr, value in [("creationtool", "aligner"), ("segtype", "sentence"),
                        ("o-tmf", "aligner"), ("adminlang", "en"), ("srclang", "en"),
                        ("datatype", "plaintext")]:
        assert header.get(attr) == value
    assert header.get("creationtoolversion")
    tus = root.findall("body/tu")
    assert len(tus) == 4  # two 1-1 links per document; the 1-0 links are left out
    assert stats.links == 4 and stats.skipped == 2 and stats.documents == 2
    for tu in tus:
        tuvs = tu.findall("tuv")
        assert [t.get(XML_LANG) for t in tuvs] == ["en", "zh"]
        assert all(t.find("seg") is not None for t in tuvs)
    segs = [seg.text for seg in tus[0].iter("seg")]
    assert segs == ["Bad control chars & <tags>", "细胞生长得又快又好。"]


def test_tmx_can_keep_unpaired_links():
    out = io.StringIO()
    stats = write_tmx([make_alignment()], out, include_unpaired=True)
    root = ET.fromstring(out.getvalue())
    assert len(root.findall("body/tu")) == 3 and stats.skipped == 0


def test_tmx_of_no_documents_is_still_valid():
    out = io.StringIO()
    write_tmx([], out)
    assert ET.fromstring(out.getvalue()).findall("body/tu") == []


def test_dataframe_has_one_row_per_link_over_documents():
    df = to_dataframe([make_alignment("a"), make_alignment("b")])
    assert list(df.columns) == ["doc", "link", "kind", "en", "zh", "score", "en_text", "zh_text"]
    assert len(df) == 6
    assert list(df["doc"]) == ["a"] * 3 + ["b"] * 3
    assert list(df["kind"]) == ["1-1", "1-1", "1-0"] * 2


def test_writers_consume_a_generator_once():
    out = io.StringIO()
    stats = WRITERS["tsv"]((make_alignment(str(i)) for i in range(3)), out)
    assert stats.documents == 3 and stats.links == 9


def test_wrap_respects_display_width_and_keeps_every_character():
    text = "诱导多能干细胞(iPSC)衍生的自然杀伤(iPSC-NK)细胞具有成熟的表型和强大的细胞溶解活性。" * 3
    for width in (10, 23, 40):
        lines = wrap(text, width)
        assert all(display_width(line) <= width for line in lines)
        assert "".join(lines).replace(" ", "") == text.replace(" ", "")


def test_wrap_keeps_chinese_punctuation_off_the_line_start():
    lines = wrap("甲乙丙丁戊己庚辛。壬癸", 16)  # 8 wide characters fill the line exactly
    assert not any(line.startswith("。") for line in lines)


def test_table_fits_the_width_on_80_and_120_columns():
    long = make_alignment()
    long.en[0] = Sentence("Induced pluripotent stem cell derived natural killer cells " * 4, 0, 0)
    zh = "诱导多能干细胞衍生的自然杀伤细胞具有成熟的表型和强大的细胞溶解活性。"
    long.zh[0] = Sentence(zh * 3, 0, 0)
    for width in (80, 120):
        out = io.StringIO()
        write_table([long], out, width=width)
        lines = out.getvalue().splitlines()
        assert max(display_width(line) for line in lines) <= width
        assert any("细胞溶解活性" in line for line in lines)
        assert any(line.lstrip().startswith("2 1-0") for line in lines)
