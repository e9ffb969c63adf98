"""`aligner score` and `aligner terms mine` from the command line."""

from __future__ import annotations

import csv
import io
import json

from score_fixtures import SEED

from aligner.cli import main
from aligner.score.glossary import read_glossary


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def altered_seed(tmp_path, old: str, new: str):
    text = SEED.read_text(encoding="utf-8")
    assert old in text
    folder = tmp_path / "other"
    folder.mkdir()
    path = folder / SEED.name
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


def test_score_prints_a_readable_summary_with_signatures(capsys):
    code, out, _ = run(capsys, "score", str(SEED), "--glossary", "cell-therapy")
    assert code == 0
    assert "000_c7586fac1e89b2ba:" in out and "term accuracy" in out
    assert "terms|glossary:glossary.csv" in out and "checks|checks:" in out


def test_score_json_holds_summary_terms_and_findings(capsys):
    code, out, _ = run(capsys, "score", str(SEED), "--format", "json",
                          "--glossary", "cell-therapy")
    data = json.loads(out)
    assert code == 0 and data["summary"]["documents"] == 1
    assert data["summary"]["terms"]["forbidden"] == 0
    assert {t["term"] for t in data["terms"]} >= {"FDA", "off-the-shelf", "CAR-iNK"}


def test_forbidden_term_found_and_fail_on_exits_1(capsys, tmp_path):
    record = altered_seed(tmp_path, "“即用型”", "“现成的”")
    code, out, _ = run(capsys, "score", str(record), "--format", "tsv",
                       "--glossary", "cell-therapy", "--fail-on", "forbidden")
    rows = list(csv.DictReader(io.StringIO(out), delimiter="\t"))
    assert code == 1
    assert [r["check"] for r in rows] == ["term-forbidden"] and "现成的" in rows[0]["message"]


def test_fail_on_does_not_trigger_on_the_clean_seed(capsys):
    code, _, _ = run(capsys, "score", str(SEED), "--fail-on", "any")
    assert code == 0


def test_against_record_dir_reports_agreement_with_signatures(capsys, tmp_path):
    other = altered_seed(tmp_path, "制造技术", "生产工艺")
    code, out, _ = run(capsys, "score", str(SEED), "--against", str(other.parent),
                       "--format", "json")
    data = json.loads(out)
    agreement = data["summary"]["agreement"]
    assert code == 0 and 0 < agreement["bleu"] < 100
    assert "tok:zh" in agreement["signatures"]["bleu"]
    assert any(span["bleu"] < 100 for span in data["agreement_spans"])


def test_against_plain_chinese_text(capsys, tmp_path):
    zh = next(line for line in SEED.read_text(encoding="utf-8").splitlines()
              if line.startswith("嵌合抗原受体"))
    other = tmp_path / "mt.txt"
    other.write_text(zh, encoding="utf-8")
    code, out, _ = run(capsys, "score", str(SEED), "--against-zh", str(other),
                       "--format", "tsv", "--table", "agreement")
    lines = out.splitlines()
    assert code == 0 and lines[0].split("\t") == ["doc", "en", "hyp", "ref", "bleu", "chrf",
                                                  "ter"]
    assert len(lines) > 1


def test_markdown_report_has_a_table_and_signatures(capsys):
    code, out, _ = run(capsys, "score", str(SEED), "--format", "md")
    assert code == 0 and out.startswith("# Translation score")
    assert "| document | links |" in out and "Signatures:" in out


def test_bad_glossary_is_one_line_error_and_exit_2(capsys, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("english,chinese\n", encoding="utf-8")
    code, _, err = run(capsys, "score", str(SEED), "--glossary", str(bad))
    assert code == 2 and err.strip().startswith("aligner: error:") and "bad.csv" in err
    assert "Traceback" not in err


def test_terms_mine_writes_a_glossary_csv_with_counts(capsys, tmp_path):
    code, out, _ = run(capsys, "terms", "mine", str(SEED))
    rows = list(csv.DictReader(io.StringIO(out)))
    pairs = {(r["en"], r["zh"]) for r in rows}
    assert code == 0
    assert {("induced pluripotent stem cell", "诱导多能干细胞"),
            ("adoptive cell therapy", "过继细胞疗法"),
            ("chimeric antigen receptor", "嵌合抗原受体"),
            ("FDA", "FDA"), ("CAR-T", "CAR-T")} <= pairs
    assert all(r["count"] == "1" for r in rows)
    path = tmp_path / "mined.csv"
    path.write_text(out, encoding="utf-8")
    assert len(read_glossary(path)) == len(rows)


def test_terms_mine_exclude_drops_known_terms(capsys):
    glossary = SEED.parents[1] / "data" / "glossary.csv"
    code, out, _ = run(capsys, "terms", "mine", str(SEED), "--known", str(glossary))
    assert code == 0 and out.splitlines() == ["en,zh,variants,forbidden,note,count,seen"]


def test_against_with_different_english_warns_and_still_scores(capsys, tmp_path):
    other = altered_seed(tmp_path, "Thus, iPSC-derived", "Hence, iPSC-derived")
    code, out, err = run(capsys, "score", str(SEED), "--against", str(other.parent))
    assert code == 0 and "English differs" in err and "agreement: BLEU" in out


def test_accepted_findings_are_reported_but_do_not_fail(tmp_path, capsys):
    record = altered_seed(tmp_path, "美国 FDA", "美国 FBA")
    code, out, _ = run(capsys, "score", str(record), "--fail-on", "error")
    assert code == 1 and "FDA written as FBA?" in out
    waivers = tmp_path / "waivers.csv"
    waivers.write_text("doc,check,text,link,who,why\n*,acronym,FDA,,ann,vendor name here\n",
                       encoding="utf-8")
    code, out, _ = run(capsys, "score", str(record), "--fail-on", "error",
                       "--waivers", str(waivers))
    assert code == 0 and "(accepted: ann: vendor name here)" in out


def test_a_waiver_file_without_who_is_refused_with_exit_2(tmp_path, capsys):
    waivers = tmp_path / "waivers.csv"
    waivers.write_text("doc,check,why\n*,acronym,because\n", encoding="utf-8")
    code, _, err = run(capsys, "score", str(SEED), "--waivers", str(waivers))
    assert code == 2 and "who" in err and "waivers.csv" in err
