"""`Config` from flags and [tool.aligner], and the reading options every command shares:
--en/--zh/--presplit, `-` for standard input, --exclude globs in the one directory walker."""

from __future__ import annotations

import io
import json
import shutil
import sys
from pathlib import Path

import pytest

from aligner.cli import main
from aligner.config import Config, load_config
from aligner.model import AlignerError, InputError
from aligner.read import excluded, iter_documents, stdin

SEED = Path(__file__).resolve().parents[1] / "seeds" / "000_c7586fac1e89b2ba.txt"


def write_pyproject(folder: Path, body: str) -> Path:
    path = folder / "pyproject.toml"
    path.write_text(body, encoding="utf-8")
    return path


def test_tool_aligner_table_sets_every_field_and_flags_win(tmp_path, monkeypatch):
    (tmp_path / "terms").mkdir()
    (tmp_path / "terms" / "g.csv").write_text("en,zh\nreview,综述\n", encoding="utf-8")
    write_pyproject(tmp_path, '[tool.aligner]\nglossary = "terms/g.csv"\nmethod = "lexical"\n'
                    'checks = ["numbers", "acronym"]\nmetrics = "bleu,chrf"\n'
                    "low_confidence = 0.3\n[tool.aligner.check]\nmax_changed_links = 1\n")
    sub = tmp_path / "deep" / "er"
    sub.mkdir(parents=True)
    monkeypatch.chdir(sub)  # found above the working directory; the path is the file's
    config = load_config()
    assert config.glossary is not None and [t.en for t in config.glossary] == ["review"]
    assert config.checks == ("numbers", "acronym") and config.metrics == ("bleu", "chrf")
    assert config.low_confidence == 0.3
    flagged = load_config(glossary=None, checks=["numbers"], low_confidence=0.9)
    assert flagged.glossary is None and flagged.checks == ("numbers",)
    assert flagged.low_confidence == 0.9 and flagged.metrics == ("bleu", "chrf")


@pytest.mark.parametrize("body, problem", [
    ("[tool.aligner]\nglosary = 'x.csv'\n", "unknown key 'glosary'"),
    ("[tool.aligner]\nmethod = 'neural'\n", "method must be one of"),
    ("[tool.aligner]\nchecks = ['numbers', 'spelling']\n", "unknown QA checks"),
    ("[tool.aligner]\nmetrics = ['meteor']\n", "metrics must be"),
    ("[tool.aligner]\nlow_confidence = 2\n", "low_confidence"),
    ("[tool.aligner]\nglossary = 'missing.csv'\n", "glossary file not found"),
    ("[tool.aligner\n", "invalid TOML"),
])
def test_a_bad_config_is_one_line_naming_the_file_and_exit_2(tmp_path, monkeypatch, capsys,
                                                              body, problem):
    monkeypatch.chdir(tmp_path)
    write_pyproject(tmp_path, body)
    with pytest.raises(AlignerError, match=problem):
        load_config()
    assert main(["align", str(SEED)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and problem.split()[0] in err


def test_config_rejects_an_unknown_method_in_code():
    with pytest.raises(AlignerError, match="unknown alignment method"):
        Config(method="neural")


def test_help_of_every_reading_command_states_the_default_glossary_and_inputs(capsys):
    for argv in (["align"], ["score"], ["snapshot"], ["check"], ["report"]):
        with pytest.raises(SystemExit):
            main([*argv, "--help"])
        out = " ".join(capsys.readouterr().out.split())
        assert "default: none" in out or "baseline was made with" in out, argv
        for flag in ("--en", "--zh", "--presplit", "--exclude"):
            assert flag in out, (argv, flag)
    with pytest.raises(SystemExit):
        main(["terms", "mine", "--help"])
    out = capsys.readouterr().out
    assert "--exclude" in out and "--known" in out and "--en" in out


def test_exclude_globs_match_names_folders_and_paths():
    assert excluded("drafts/a.txt", ["drafts"])
    assert excluded("x/drafts/a.txt", ["drafts"])
    assert excluded("a.bak.txt", ["*.bak.txt"])
    assert excluded("old/2019/a.txt", ["old/2019"])
    assert not excluded("a.txt", ["*.jsonl", "drafts"])


def test_exclude_leaves_files_out_of_every_command(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "texts" / "drafts").mkdir(parents=True)
    shutil.copy(SEED, tmp_path / "texts" / "keep.txt")
    (tmp_path / "texts" / "drafts" / "bad.txt").write_text("not a record\n", encoding="utf-8")
    ids = [d.id for d in iter_documents(["texts"], exclude=["drafts"])]
    assert ids == ["keep"]
    assert main(["align", "texts", "-f", "jsonl"]) == 2  # the draft is read and fails
    capsys.readouterr()
    assert main(["align", "texts", "-f", "jsonl", "--exclude", "drafts"]) == 0
    assert {json.loads(x)["doc"] for x in capsys.readouterr().out.splitlines()} == {"keep"}
    assert main(["snapshot", "texts", "--exclude", "drafts/*", "-o", "b.json"]) == 0
    assert list(json.loads((tmp_path / "b.json").read_text())["documents"]) == ["keep"]
    assert main(["score", "texts", "--exclude", "drafts"]) == 0
    assert main(["report", "texts", "--exclude", "drafts", "-o", "r.html"]) == 0
    assert main(["terms", "mine", "texts", "--exclude", "drafts"]) == 0
    assert [d.path for d in iter_documents(["texts"], exclude=["*.txt"])
            if isinstance(d, InputError)] == ["texts"]  # all excluded: said, not silent


def _stdin(monkeypatch, data: bytes) -> None:
    stdin.reset()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


def test_dash_reads_a_record_or_a_corpus_from_stdin(monkeypatch, capsys):
    _stdin(monkeypatch, SEED.read_bytes())
    (doc,) = list(iter_documents(["-"]))
    assert doc.source == "<stdin>" and doc.id == "stdin" and doc.zh
    corpus = b'{"id": "x", "en": "One. Two.", "zh": "\xe4\xb8\x80\xe3\x80\x82"}\n{"id": "y"}\n'
    _stdin(monkeypatch, corpus)
    items = list(iter_documents(["-"]))
    assert items[0].id == "x" and isinstance(items[1], InputError)
    assert str(items[1]).startswith("<stdin>")
    _stdin(monkeypatch, SEED.read_bytes())
    assert main(["score", "-", "-f", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["summary"]["documents"] == 1
    stdin.reset()


def test_en_zh_pair_with_stdin_on_one_side_and_presplit_on_score(tmp_path, monkeypatch, capsys):
    (tmp_path / "en.txt").write_text("Cells grow.\nCells die.\n", encoding="utf-8")
    (tmp_path / "zh.txt").write_text("细胞生长。\n细胞死亡。\n", encoding="utf-8")
    assert main(["score", "--en", str(tmp_path / "en.txt"), "--zh", str(tmp_path / "zh.txt"),
                 "--presplit", "-f", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["summary"]["links"] == 2
    _stdin(monkeypatch, "细胞生长。\n细胞死亡。\n".encode())
    assert main(["align", "--en", str(tmp_path / "en.txt"), "--zh", "-", "--presplit",
                 "-f", "jsonl"]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 2
    stdin.reset()
    with pytest.raises(SystemExit):
        main(["align", "--en", "-", "--zh", "-"])
