"""Crashes found by fuzzing and property tests, kept as named cases: each one raised something
other than InputError (a traceback for the user) before its fix."""

from __future__ import annotations

import json

import pytest

from aligner.cli import main
from aligner.model import InputError
from aligner.read import iter_documents, read_path
from aligner.read.seed import parse_seed

CITATION = "Nat Med. 2023 Jan 5;29(1):123-130. doi: 10.1000/xyz."


@pytest.mark.parametrize("order", ["doi-line-after-citation", "doi-line-before-citation"])
def test_doi_line_next_to_a_citation_with_a_doi_keeps_both(order):
    lines = [CITATION, "DOI: 10.1000/other"]
    if order == "doi-line-before-citation":
        lines.reverse()
    text = "\n".join([*lines, "The cells were activated in vitro.", "细胞在体外被激活。"])
    doc = parse_seed(text, id="x", source="x.txt")
    assert doc.meta["doi"] == "10.1000/xyz"
    assert doc.meta["doi_lines"] == ["DOI: 10.1000/other"]


@pytest.mark.parametrize("field", ["id", "en", "zh"])
def test_jsonl_surrogate_escape_is_an_input_error_naming_the_record(tmp_path, field):
    record = {"id": "r1", "en": "The cells were activated.", "zh": "细胞被激活。"}
    line = json.dumps(record, ensure_ascii=False).replace(
        f'"{field}": "{record[field]}"', f'"{field}": "{record[field]}\\ud800"')
    path = tmp_path / "c.jsonl"
    path.write_text(line + "\n", encoding="utf-8")
    (item,) = iter_documents([path])
    assert isinstance(item, InputError)
    assert "unpaired surrogate" in str(item) and str(path) in str(item)


def test_jsonl_surrogate_escape_gives_exit_2_not_a_traceback(tmp_path, capsys):
    path = tmp_path / "c.jsonl"
    path.write_text('{"id": "r1", "en": "A \\udc80 b.", "zh": "细胞被激活。"}\n', encoding="utf-8")
    assert main(["align", str(path), "-f", "tsv"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"aligner: error: {path} [r1]: the en field holds an unpaired surrogate")


def test_seed_parser_refuses_surrogates_from_the_api():
    with pytest.raises(InputError, match="unpaired surrogate"):
        parse_seed("The cells \udc80 were activated.\n细胞被激活。", id="x", source="x.txt")


def test_gzip_data_in_a_plain_record_is_named(tmp_path):
    import gzip

    path = tmp_path / "r.txt"
    path.write_bytes(gzip.compress(b"The cells were activated.\n"))
    with pytest.raises(InputError, match="gzip-compressed"):
        read_path(path)


def test_record_id_with_a_newline_or_escape_code_keeps_the_error_on_one_line(tmp_path, capsys):
    path = tmp_path / "c.jsonl"
    path.write_text('{"id": "a\\nb\\u001b[31m", "en": "The cells."}\n', encoding="utf-8")
    assert main(["align", str(path), "-f", "tsv"]) == 2
    err = capsys.readouterr().err
    assert err == f"aligner: error: {path} [a\\nb\\x1b[31m]: missing field 'zh'\n"


def test_length_check_takes_a_chinese_side_of_spaces():
    """An Alignment built through the API with an unstripped sentence: log(0) before."""
    from aligner.model import Alignment, Document, Link, Sentence
    from aligner.score import score_document

    en = "The cells were activated in vitro and then expanded."
    doc = Document("x", en, " ")
    alignment = Alignment(doc, [Sentence(en, 0, len(en))], [Sentence(" ", 0, 1)],
                          [Link((0,), (0,), 0.5)])
    score_document(alignment)
