"""`aligner align` with the corpus-scale options, and the Parquet export."""

from __future__ import annotations

import io
import json

import pytest
from corpus_fixtures import write_jsonl

from aligner.cli import main
from aligner.corpus import run_corpus
from aligner.corpus.progress import count_records
from aligner.read import iter_documents
from aligner.report import FORMATS, WRITERS
from aligner.report.parquet import COLUMNS, write_parquet

pq = pytest.importorskip("pyarrow.parquet")


def test_jobs_two_writes_the_same_file_as_plain_align(tmp_path, capsys):
    corpus = write_jsonl(tmp_path / "c.jsonl", 40)
    plain, scaled = tmp_path / "plain.tsv", tmp_path / "scaled.tsv"
    assert main(["align", str(corpus), "-o", str(plain)]) == 0
    assert main(["align", str(corpus), "--jobs", "2", "--batch-size", "6", "-o",
                 str(scaled)]) == 0
    assert plain.read_bytes() == scaled.read_bytes()
    err = capsys.readouterr().err
    assert "aligner: 40 records processed: 40 aligned, 0 failed" in err


def test_failed_records_go_to_the_errors_file_exit_2_and_the_summary_counts_them(
    tmp_path, capsys
):
    corpus = write_jsonl(tmp_path / "c.jsonl", 25, bad=(0, 24))
    out, errors, summary = tmp_path / "o.jsonl", tmp_path / "err.jsonl", tmp_path / "sum.json"
    code = main(["align", str(corpus), "-j", "2", "--errors", str(errors), "--summary",
                 str(summary), "-o", str(out)])
    assert code == 2
    failed = [json.loads(line) for line in errors.read_text(encoding="utf-8").splitlines()]
    assert [(row["index"], row["id"]) for row in failed] == [(0, "r00000"), (24, "r00024")]
    counts = json.loads(summary.read_text())
    assert (counts["processed"], counts["aligned"], counts["failed"]) == (25, 23, 2)
    assert counts["errors_file"] == str(errors)
    docs = {json.loads(line)["doc"] for line in out.read_text(encoding="utf-8").splitlines()}
    assert len(docs) == 23
    err = capsys.readouterr().err
    assert f"errors in {errors}" in err
    assert "aligner: error:" not in err  # with an errors file, failures are not repeated


def test_without_an_errors_file_each_failure_is_printed_with_file_and_id(tmp_path, capsys):
    corpus = write_jsonl(tmp_path / "c.jsonl", 5, bad=(2,))
    assert main(["align", str(corpus), "--jobs", "1", "-o", str(tmp_path / "o.tsv")]) == 2
    err = capsys.readouterr().err
    assert f"aligner: error: {corpus} [r00002]: no Chinese part found" in err


def test_progress_lines_when_stderr_is_not_a_terminal(tmp_path, capsys):
    corpus = write_jsonl(tmp_path / "c.jsonl", 6)
    main(["align", str(corpus), "--jobs", "1", "--progress-interval", "0", "-o",
          str(tmp_path / "o.tsv")])
    lines = [x for x in capsys.readouterr().err.splitlines() if x.startswith("progress:")]
    assert lines and lines[-1].startswith("progress: 6 records, ")
    assert "eta" in lines[0]  # the total of a plain JSONL corpus is counted up front


def test_quiet_hides_progress_and_summary(tmp_path, capsys):
    corpus = write_jsonl(tmp_path / "c.jsonl", 3)
    main(["align", str(corpus), "-j", "1", "-q", "--progress-interval", "0", "-o",
          str(tmp_path / "o.tsv")])
    assert capsys.readouterr().err == ""


def test_scheduler_without_dask_engine_is_a_user_error(tmp_path, capsys):
    corpus = write_jsonl(tmp_path / "c.jsonl", 2)
    code = main(["align", str(corpus), "--engine", "local", "--scheduler", "tcp://x:1"])
    assert code == 2
    assert "--scheduler needs --engine dask" in capsys.readouterr().err


def test_count_records_counts_plain_corpora_and_gives_up_on_others(tmp_path):
    corpus = write_jsonl(tmp_path / "c.jsonl", 7)
    assert count_records([str(corpus), str(corpus)]) == 14
    assert count_records([str(tmp_path)]) is None
    assert count_records([str(tmp_path / "x.jsonl.gz")]) is None


def test_parquet_round_trip_keeps_every_link_and_its_types(tmp_path):
    corpus = write_jsonl(tmp_path / "c.jsonl", 30, bad=(5,))
    reference = io.StringIO()
    run_corpus(iter_documents([corpus]), WRITERS["jsonl"], reference)
    expected = [json.loads(line) for line in reference.getvalue().splitlines()]
    path = tmp_path / "links.parquet"
    with path.open("wb") as f:
        run_corpus(iter_documents([corpus]), WRITERS["parquet"], f, jobs=2, batch_size=4)
    table = pq.read_table(path)
    assert table.column_names == COLUMNS
    rows = table.to_pylist()
    assert [{k: row[k] for k in ("doc", "en", "zh", "en_text", "zh_text", "score")}
            for row in rows] == expected
    assert all(row["kind"] == f"{len(row['en'])}-{len(row['zh'])}" for row in rows)
    assert [row["link"] for row in rows[:3]] == [0, 1, 2]


def test_parquet_is_written_in_row_groups_not_one_table(tmp_path):
    alignments = [r.alignment for r in _results(tmp_path, 20)]
    path = tmp_path / "small-groups.parquet"
    stats = write_parquet(iter(alignments), path, row_group_links=10)
    meta = pq.ParquetFile(path).metadata
    assert meta.num_rows == stats.links == sum(len(a.links) for a in alignments)
    assert meta.num_row_groups > 1 and stats.documents == 20


def test_parquet_through_the_cli_by_extension(tmp_path):
    corpus = write_jsonl(tmp_path / "c.jsonl", 8)
    out = tmp_path / "links.parquet"
    assert main(["align", str(corpus), "-j", "2", "-q", "-o", str(out)]) == 0
    assert FORMATS["parquet"].binary
    assert set(pq.read_table(out).column("doc").to_pylist()) == {f"r{i:05d}" for i in range(8)}


def _results(tmp_path, n):
    from aligner.corpus import run_records

    return list(run_records(iter_documents([write_jsonl(tmp_path / "r.jsonl", n)])))


def test_output_directory_gets_one_part_per_batch_whose_concatenation_is_the_single_file(
    tmp_path, capsys
):
    corpus = write_jsonl(tmp_path / "c.jsonl", 23, bad=(9,))
    single, parts = tmp_path / "all.jsonl", tmp_path / "parts"
    main(["align", str(corpus), "-f", "jsonl", "-o", str(single), "-q"])
    errors = tmp_path / "err.jsonl"
    code = main(["align", str(corpus), "-f", "jsonl", "-j", "2", "--batch-size", "5",
                 "--errors", str(errors), "-o", f"{parts}/"])
    assert code == 2
    names = sorted(p.name for p in parts.iterdir())
    assert names == [f"part-{k:05d}.jsonl" for k in range(5)]  # 23 records / 5 per batch
    joined = "".join((parts / name).read_text(encoding="utf-8") for name in names)
    assert joined == single.read_text(encoding="utf-8")
    assert [json.loads(x)["id"] for x in errors.read_text().splitlines()] == ["r00009"]
    assert "23 records processed: 22 aligned, 1 failed" in capsys.readouterr().err


def test_part_files_are_refused_over_an_earlier_run(tmp_path, capsys):
    corpus = write_jsonl(tmp_path / "c.jsonl", 3)
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "part-00000.tsv").write_text("old")
    assert main(["align", str(corpus), "-f", "tsv", "-o", str(tmp_path / "out")]) == 2
    assert "already holds 1 part file(s)" in capsys.readouterr().err


def test_parquet_parts_read_back_as_one_dataset(tmp_path):
    corpus = write_jsonl(tmp_path / "c.jsonl", 12)
    assert main(["align", str(corpus), "-f", "parquet", "-j", "2", "--batch-size", "4", "-q",
                 "-o", f"{tmp_path / 'pq'}/"]) == 0
    table = pq.read_table(tmp_path / "pq")  # a directory of parts is one Parquet dataset
    assert sorted(set(table.column("doc").to_pylist())) == [f"r{i:05d}" for i in range(12)]


def test_a_line_in_another_encoding_is_reported_by_line_number_and_the_run_goes_on(tmp_path):
    # past the reader's 64 KiB sniffing window, so only that line is bad, not the whole file
    corpus = write_jsonl(tmp_path / "c.jsonl", 300)
    lines = corpus.read_bytes().splitlines(keepends=True)
    lines[279] = lines[279].decode("utf-8").encode("gb18030")  # record r00279, line 280
    corpus.write_bytes(b"".join(lines))
    errors, out = tmp_path / "err.jsonl", tmp_path / "o.jsonl"
    assert main(["align", str(corpus), "-j", "2", "-q", "--errors", str(errors), "-o",
                 str(out)]) == 2
    [row] = [json.loads(x) for x in errors.read_text().splitlines()]
    assert row["id"] == "line 280" and "not UTF-8" in row["error"]
    docs = {json.loads(x)["doc"] for x in out.read_text(encoding="utf-8").splitlines()}
    assert docs == {f"r{i:05d}" for i in range(300)} - {"r00279"}
