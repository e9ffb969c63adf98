"""The corpus runner: order whatever the engine, errors reported not dropped, lazy input."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from corpus_fixtures import record, write_jsonl

from aligner.config import Config
from aligner.corpus import ProcessOptions, Progress, run_corpus, run_records
from aligner.corpus.engines import batches
from aligner.corpus.record import pack, process, unpack
from aligner.model import AlignerError, Document, InputError
from aligner.read import iter_documents
from aligner.report import WRITERS
from aligner.score.glossary import default_glossary


def _docs(n: int) -> Iterator[Document]:
    for i in range(n):
        r = record(i)
        yield Document(r["id"], r["en"], r["zh"], source="mem")


def _run_to_bytes(path: Path, fmt: str = "jsonl", **kwargs) -> tuple[str, object]:
    out = io.StringIO()
    summary = run_corpus(iter_documents([path]), WRITERS[fmt], out, **kwargs)
    return out.getvalue(), summary


def test_output_is_identical_bytes_for_one_and_two_jobs(tmp_path):
    corpus = write_jsonl(tmp_path / "c.jsonl", 150, bad=(7, 90))
    serial, _ = _run_to_bytes(corpus, jobs=1)
    parallel, _ = _run_to_bytes(corpus, jobs=2, batch_size=8)  # many batches, out of order
    assert serial and serial == parallel
    docs = [json.loads(line)["doc"] for line in serial.splitlines()]
    assert docs == sorted(docs)  # input order (ids increase with position)


@pytest.mark.parametrize("fmt", ["tsv", "tmx"])
def test_every_text_format_is_the_same_for_one_and_two_jobs(tmp_path, fmt):
    corpus = write_jsonl(tmp_path / "c.jsonl", 40)
    assert _run_to_bytes(corpus, fmt, jobs=1)[0] == _run_to_bytes(corpus, fmt, jobs=2,
                                                                 batch_size=5)[0]


def test_failed_record_goes_to_errors_file_with_its_id_and_the_rest_is_written(tmp_path):
    corpus = write_jsonl(tmp_path / "c.jsonl", 30, bad=(4, 17))
    errors = io.StringIO()
    seen: list[str] = []
    out, summary = _run_to_bytes(
        corpus, jobs=2, batch_size=4, errors=errors, errors_path="err.jsonl",
        on_error=lambda result: seen.append(result.id),
    )
    rows = [json.loads(line) for line in errors.getvalue().splitlines()]
    assert [row["id"] for row in rows] == ["r00004", "r00017"] == seen
    assert all("no Chinese part" in row["error"] and row["source"] == str(corpus) for row in rows)
    written = {json.loads(line)["doc"] for line in out.splitlines()}
    assert written == {f"r{i:05d}" for i in range(30)} - {"r00004", "r00017"}
    assert (summary.processed, summary.aligned, summary.failed) == (30, 28, 2)
    assert "errors in err.jsonl" in summary.text()


def test_summary_counts_links_and_link_kinds(tmp_path):
    corpus = write_jsonl(tmp_path / "c.jsonl", 12)
    out, summary = _run_to_bytes(corpus)
    assert summary.links == len(out.splitlines()) == sum(summary.kinds.values())
    assert summary.processed == summary.aligned == 12 and summary.failed == 0
    assert summary.as_dict()["failed"] == 0


def test_glossary_terms_are_scored_and_counted_in_the_summary(tmp_path):
    corpus = write_jsonl(tmp_path / "c.jsonl", 10)
    options = ProcessOptions(Config(glossary=default_glossary()))
    _, serial = _run_to_bytes(corpus, options=options)
    _, parallel = _run_to_bytes(corpus, options=options, jobs=2, batch_size=3)
    assert serial.terms["ok"] > 0  # the fixtures use the shipped glossary's approved forms
    assert serial.terms == parallel.terms
    assert "terms " in serial.text()


def test_a_crash_on_one_record_is_reported_as_an_internal_error_and_the_run_goes_on(monkeypatch):
    import aligner.pipeline as record_module  # what every worker calls

    real = record_module.align_document

    def flaky(doc, **kwargs):
        if doc.id == "r00002":
            raise ZeroDivisionError("boom")
        return real(doc, **kwargs)

    monkeypatch.setattr(record_module, "align_document", flaky)
    results = list(run_records(_docs(5)))
    assert [r.ok for r in results] == [True, True, False, True, True]
    assert "internal error (ZeroDivisionError: boom)" in results[2].error


def test_reader_errors_pass_through_in_order_with_their_record_id():
    items = [*_docs(2), InputError("no Chinese part found", path="c.jsonl", record="x9"),
             *_docs(1)]
    results = list(run_records(items, jobs=2, batch_size=1))
    assert [r.id for r in results] == ["r00000", "r00001", "x9", "r00000"]
    assert results[2].error == "no Chinese part found" and results[2].source == "c.jsonl"
    assert [r.index for r in results] == [0, 1, 2, 3]


def test_packed_result_rebuilds_the_same_alignment():
    doc = next(_docs(1))
    direct = process(doc, ProcessOptions())
    rebuilt = unpack(0, doc, pack(direct))
    assert rebuilt.alignment.links == direct.alignment.links
    assert rebuilt.alignment.en == direct.alignment.en
    assert rebuilt.alignment.zh == direct.alignment.zh


@pytest.mark.parametrize("jobs", [1, 2])
def test_input_is_read_lazily_with_bounded_read_ahead(jobs):
    pulled = 0

    def source() -> Iterator[Document]:
        nonlocal pulled
        for doc in _docs(10_000):
            pulled += 1
            yield doc

    batch_size = 4
    results = run_records(source(), jobs=jobs, batch_size=batch_size)
    consumed = 0
    for _ in range(50):
        next(results)
        consumed += 1
        # the pool keeps 2 × jobs batches in flight, plus the batch being assembled
        assert pulled - consumed <= (2 * jobs + 1) * batch_size
    results.close()
    assert pulled < 200


def test_batches_pull_one_batch_at_a_time():
    pulled = []
    it = batches((pulled.append(i) or i for i in range(10)), 4)
    assert [i for i, _ in next(it)] == [0, 1, 2, 3] and len(pulled) == 4
    assert [len(b) for b in it] == [4, 2]


def test_unknown_engine_and_negative_jobs_are_user_errors():
    with pytest.raises(AlignerError, match="unknown engine"):
        run_records([], engine="spark")
    with pytest.raises(AlignerError, match="--jobs"):
        run_records([], jobs=-1)


def test_progress_prints_parseable_lines_when_not_a_terminal():
    stream = io.StringIO()
    progress = Progress(total=100, stream=stream, interval=0.0, tty=False)
    progress.update(10)
    progress.update(1, failed=1)
    lines = stream.getvalue().splitlines()
    assert lines[-1].startswith("progress: 11 records, ")
    assert ", 1 failed, eta " in lines[-1]


def test_progress_is_silent_when_disabled():
    stream = io.StringIO()
    progress = Progress(stream=stream, enabled=False, interval=0.0, tty=False)
    progress.update(5)
    assert stream.getvalue() == "" and progress.count == 5


def test_links_a_format_leaves_out_are_counted_in_the_summary():
    from aligner.report import WriteStats

    def writes_nothing(alignments, stream):  # a format that leaves every link out
        return WriteStats(skipped=sum(len(a.links) for a in alignments))

    summary = run_corpus(_docs(3), writes_nothing, io.StringIO())
    assert summary.not_written == summary.links > 0
    assert f"{summary.links} one-sided links not written" in summary.text()
    assert summary.as_dict()["links_not_written"] == summary.links


def _die(batch, options):
    import os

    os._exit(3)  # a worker killed mid-batch, as the kernel's OOM killer would


def test_a_dead_worker_is_a_one_line_user_error_not_a_hang():
    from aligner.corpus import map_batches

    with pytest.raises(AlignerError, match="a worker process died"):
        list(map_batches(_docs(4), _die, ProcessOptions(), jobs=2, batch_size=1))
