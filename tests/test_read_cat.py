"""TMX, XLIFF and CSV as input: a memory a team already has, a translator's corrected XLIFF,
a spreadsheet's CSV. Fixtures are written here (no evaluation-set text)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from aligner import align_document, read_path
from aligner.cli import main
from aligner.model import Document, InputError
from aligner.read import iter_documents
from aligner.report import WRITERS

SEED = Path(__file__).resolve().parents[1] / "seeds" / "000_c7586fac1e89b2ba.txt"
EN1, ZH1 = "The cells were washed twice.", "细胞洗涤两次。"
EN2, ZH2 = "Viability was above 90%.", "存活率高于90%。"


def test_tmx_units_become_records_with_both_sides(tmp_path):
    path = tmp_path / "memory.tmx"
    path.write_text(f"""<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header srclang="en" datatype="plaintext" segtype="sentence"
 adminlang="en" o-tmf="x" creationtool="x" creationtoolversion="1"/><body>
<tu tuid="a"><tuv xml:lang="en-US"><seg>{EN1}</seg></tuv>
 <tuv xml:lang="zh-CN"><seg>{ZH1}</seg></tuv></tu>
<tu><tuv lang="EN"><seg>{EN2}</seg></tuv><tuv lang="ZH"><seg>{ZH2}</seg></tuv></tu>
<tu tuid="c"><tuv xml:lang="en"><seg>Only English.</seg></tuv></tu>
</body></tmx>""", encoding="utf-8")
    a, b, c = iter_documents([path])
    assert (a.id, a.en, a.zh) == ("a", EN1, ZH1)
    assert (b.id, b.en, b.zh) == ("memory:2", EN2, ZH2)
    assert isinstance(c, InputError) and str(c) == (
        f"{path} [c]: translation unit has no Chinese <tuv> (xml:lang en*/zh*)")


def test_our_tmx_export_reads_back_as_the_same_document(tmp_path):
    alignment = align_document(read_path(SEED))
    out = tmp_path / "seed.tmx"
    with out.open("w", encoding="utf-8") as stream:
        WRITERS["tmx"]([alignment], stream)
    (doc,) = iter_documents([out])
    assert doc.id == alignment.doc.id
    assert [s.text for s in doc.en_sentences] == [en for _, en, _ in alignment.pairs()]


@pytest.mark.parametrize("fmt", ["xliff", "xliff2"])
def test_corrected_xliff_is_scored(tmp_path, capsys, fmt):
    alignment = align_document(read_path(SEED))
    out = io.StringIO()
    WRITERS[fmt]([alignment], out)
    # the translator "corrects" a term to a known-wrong rendering (shipped glossary)
    corrected = tmp_path / "review.xlf"
    corrected.write_text(out.getvalue().replace("即用型", "现成的"), encoding="utf-8")
    (doc,) = iter_documents([corrected])
    assert isinstance(doc, Document) and len(doc.en_sentences) == len(alignment.links)
    assert main(["score", str(corrected), "--glossary", "cell-therapy",
                 "--fail-on", "forbidden"]) == 1
    assert "forbidden 1" in capsys.readouterr().out


def test_xliff_alt_trans_suggestions_are_not_read_as_the_text(tmp_path):
    path = tmp_path / "t.xlf"
    path.write_text(f"""<?xml version="1.0"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file original="d"
 source-language="en" target-language="zh" datatype="plaintext"><body>
<trans-unit id="1"><source>{EN1}</source><target>{ZH1}</target>
<alt-trans><source>Other.</source><target>别的。</target></alt-trans></trans-unit>
<trans-unit id="2"><source>{EN2}</source></trans-unit>
</body></file></xliff>""", encoding="utf-8")
    (doc,) = iter_documents([path])
    assert [s.text for s in doc.en_sentences] == [EN1, EN2]
    assert [s.text for s in doc.zh_sentences] == [ZH1]


def test_xml_entities_are_refused_and_broken_xml_named(tmp_path):
    bomb = tmp_path / "bomb.tmx"
    bomb.write_text('<?xml version="1.0"?><!DOCTYPE t [<!ENTITY a "aaaa">]>'
                    "<tmx><body><tu><tuv xml:lang='en'><seg>&a;</seg></tuv></tu></body></tmx>")
    (problem,) = iter_documents([bomb])
    assert isinstance(problem, InputError) and "refused XML" in str(problem)
    broken = tmp_path / "broken.xlf"
    broken.write_text("<xliff><file><body><trans-unit>")
    (problem,) = iter_documents([broken])
    assert str(problem).startswith(f"{broken}: not well-formed XML")


def test_csv_as_pandas_and_excel_write_it(tmp_path):
    path = tmp_path / "c.csv"
    with path.open("w", encoding="utf-8-sig", newline="") as f:  # Excel's "CSV UTF-8" has a BOM
        writer = csv.writer(f)
        writer.writerow(["id", "en", "zh", "journal"])
        writer.writerow(["r1", f'{EN1} "Quoted", with a comma.', ZH1, "J"])
        writer.writerow(["r2", f"{EN2}\n{EN1}", f"{ZH2}\n{ZH1}", ""])
    a, b = iter_documents([path])
    assert (a.id, a.en, a.meta) == ("r1", f'{EN1} "Quoted", with a comma.', {"journal": "J"})
    assert b.en == f"{EN2}\n{EN1}"
