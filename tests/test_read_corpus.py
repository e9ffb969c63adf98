"""Pairs, pre-split files, JSONL (plain and gzipped), TSV and directories."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from aligner import Document, InputError, iter_documents, read_pair, read_path

SEED = Path(__file__).resolve().parents[1] / "seeds" / "000_c7586fac1e89b2ba.txt"

EN = "The protocol doubled the cell yield. Responses were seen in 12 of 30 patients."
ZH = "该方案使细胞产量翻倍。30 例患者中有 12 例出现缓解。"


def _check_offsets(text, sentences):
    for s in sentences:
        assert text[s.start : s.end] == s.text


def test_pair_reads_both_files_and_names_record_by_common_stem(tmp_path):
    (tmp_path / "trial.en.txt").write_text(EN + "\n", encoding="utf-8")
    (tmp_path / "trial.zh.txt").write_text(ZH + "\n", encoding="utf-8")
    doc = read_pair(tmp_path / "trial.en.txt", tmp_path / "trial.zh.txt")
    assert doc.id == "trial"
    assert doc.en.strip() == EN and doc.zh.strip() == ZH
    assert doc.en_sentences is None and doc.zh_sentences is None


def test_presplit_pair_sets_sentences_with_offsets_and_skips_blank_lines(tmp_path):
    en = tmp_path / "a.en"
    zh = tmp_path / "a.zh"
    en.write_text("First sentence here.\n\n  Second one follows.  \n", encoding="utf-8")
    zh.write_text("第一句在这里。\n\n第二句随后。\n", encoding="utf-8")
    doc = read_pair(en, zh, presplit=True)
    assert [s.text for s in doc.en_sentences] == ["First sentence here.", "Second one follows."]
    assert [s.text for s in doc.zh_sentences] == ["第一句在这里。", "第二句随后。"]
    _check_offsets(doc.en, doc.en_sentences)
    _check_offsets(doc.zh, doc.zh_sentences)


def test_swapped_pair_is_put_right_with_a_warning(tmp_path):
    (tmp_path / "en.txt").write_text(ZH, encoding="utf-8")
    (tmp_path / "zh.txt").write_text(EN, encoding="utf-8")
    doc = read_pair(tmp_path / "en.txt", tmp_path / "zh.txt")
    assert doc.en == EN and doc.zh == ZH
    assert any("swapped" in w for w in doc.warnings)


def test_pair_whose_chinese_file_is_english_is_refused(tmp_path):
    (tmp_path / "en.txt").write_text(EN, encoding="utf-8")
    (tmp_path / "zh.txt").write_text(EN, encoding="utf-8")
    with pytest.raises(InputError) as info:
        read_pair(tmp_path / "en.txt", tmp_path / "zh.txt")
    assert str(info.value).startswith(f"{tmp_path / 'zh.txt'}: no Chinese part found")


def _records():
    return [
        {"id": "r1", "en": EN, "zh": ZH, "meta": {"journal": "Test J"}},
        {"id": "r2", "en": ["One.", "Two."], "zh": ["一。", "二。"]},
    ]


def test_jsonl_records_with_text_or_sentence_lists(tmp_path):
    path = tmp_path / "c.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in _records()) + "\n",
                    encoding="utf-8")
    docs = list(iter_documents([path]))
    assert [d.id for d in docs] == ["r1", "r2"]
    assert docs[0].meta == {"journal": "Test J"} and docs[0].en_sentences is None
    assert [s.text for s in docs[1].zh_sentences] == ["一。", "二。"]
    _check_offsets(docs[1].en, docs[1].en_sentences)
    assert docs[0].source == str(path)


def test_gzipped_jsonl_reads_like_plain(tmp_path):
    path = tmp_path / "c.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as f:
        for r in _records():
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    assert [d.id for d in iter_documents([path])] == ["r1", "r2"]


def test_jsonl_bad_line_is_yielded_as_error_and_reading_goes_on(tmp_path):
    path = tmp_path / "c.jsonl"
    lines = [json.dumps(_records()[0], ensure_ascii=False), '{"id": "broken", "en": ',
             json.dumps({"id": "nozh", "en": EN}),
             json.dumps(_records()[1], ensure_ascii=False)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = list(iter_documents([path]))
    assert [type(i).__name__ for i in items] == ["Document", "InputError", "InputError",
                                                 "Document"]
    assert str(items[1]).startswith(f"{path} [line 2]: malformed JSON (")
    assert str(items[2]) == f"{path} [nozh]: missing field 'zh'"


def test_doc_id_field_is_accepted_for_id(tmp_path):
    path = tmp_path / "c.jsonl"
    path.write_text(json.dumps({"doc_id": "d7", "en": EN, "zh": ZH}, ensure_ascii=False),
                    encoding="utf-8")
    assert read_path(path).id == "d7"


def test_tsv_with_and_without_header(tmp_path):
    plain = tmp_path / "a.tsv"
    plain.write_text(f"x1\t{EN}\t{ZH}\n", encoding="utf-8")
    headed = tmp_path / "b.tsv"
    headed.write_text(f"zh\tid\ten\tjournal\n{ZH}\tx2\t{EN}\tTest J\n", encoding="utf-8")
    a, b = iter_documents([plain, headed])
    assert (a.id, a.en, a.zh) == ("x1", EN, ZH)
    assert (b.id, b.en, b.zh, b.meta) == ("x2", EN, ZH, {"journal": "Test J"})


def test_tsv_quoted_fields_as_spreadsheets_write_them_and_short_rows_reported(tmp_path):
    path = tmp_path / "c.tsv"
    path.write_text(f'x1\t"First line.\nSecond\t""line""."\t{ZH}\nx2\tonly two\n'
                    f"x3\tA backslash\\n stays.\t{ZH}\n", encoding="utf-8")
    doc, problem, plain = iter_documents([path])
    assert doc.en == 'First line.\nSecond\t"line".'
    assert plain.en == "A backslash\\n stays."  # nothing is unescaped: text as written
    assert str(problem) == (f"{path} [line 3]: expected 3 tab-separated fields (id, en, zh), "
                            "found 2")


def test_directory_is_walked_recursively_in_sorted_order_skipping_hidden(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / ".hidden").mkdir()
    (tmp_path / "b" / "z.tsv").write_text(f"t1\t{EN}\t{ZH}\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / ".hidden" / "x.txt").write_text("not a record", encoding="utf-8")
    (tmp_path / "notes.md").write_text("not a record either", encoding="utf-8")
    with gzip.open(tmp_path / "b" / "c.jsonl.gz", "wt", encoding="utf-8") as f:
        f.write(json.dumps({"id": "j1", "en": EN, "zh": ZH}, ensure_ascii=False) + "\n")
    ids = [d.id for d in iter_documents([tmp_path])]
    assert ids == ["a", "j1", "t1"]


def test_iter_documents_is_lazy_and_reports_missing_paths_in_turn(tmp_path):
    items = iter_documents([tmp_path / "missing.txt", SEED])
    first = next(items)
    assert isinstance(first, InputError)
    assert str(first) == f"{tmp_path / 'missing.txt'}: no such file or directory"
    assert isinstance(next(items), Document)


def test_read_path_refuses_a_corpus_of_several_records(tmp_path):
    path = tmp_path / "c.tsv"
    path.write_text(f"a\t{EN}\t{ZH}\nb\t{EN}\t{ZH}\n", encoding="utf-8")
    with pytest.raises(InputError, match="more than one record"):
        read_path(path)
