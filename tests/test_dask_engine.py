"""The Dask engine on a real local cluster of two worker processes gives the serial output."""

from __future__ import annotations

import io
import json

import pytest
from corpus_fixtures import write_jsonl

from aligner.config import Config
from aligner.corpus import ProcessOptions, run_corpus, run_records
from aligner.read import iter_documents
from aligner.report import WRITERS
from aligner.score.glossary import default_glossary

distributed = pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def client():
    cluster = distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0",
        silence_logs=40,
    )
    with distributed.Client(cluster) as client:
        yield client
    cluster.close()


def test_dask_cluster_output_equals_serial_output_byte_for_byte(tmp_path, client):
    corpus = write_jsonl(tmp_path / "c.jsonl", 60, bad=(11,))
    options = ProcessOptions(Config(glossary=default_glossary()))
    serial = io.StringIO()
    WRITERS["jsonl"]((r.alignment for r in run_records(iter_documents([corpus]), options)
                      if r.ok), serial)
    results = list(run_records(iter_documents([corpus]), options, engine="dask", client=client,
                               batch_size=7))
    distributed_out = io.StringIO()
    WRITERS["jsonl"]((r.alignment for r in results if r.ok), distributed_out)
    assert serial.getvalue() and distributed_out.getvalue() == serial.getvalue()
    assert [r.index for r in results] == list(range(60))
    failed = [r for r in results if not r.ok]
    assert [r.id for r in failed] == ["r00011"]
    # both workers took part: the batches were partitioned across the cluster
    assert len(client.run(lambda: 1)) == 2


def test_scheduler_address_run_reports_failures_and_counts_like_the_local_engine(
    tmp_path, client
):
    """The full runner pointed at a scheduler address, as `--scheduler tcp://...` does."""
    corpus = write_jsonl(tmp_path / "c.jsonl", 20, bad=(3,))
    errors = io.StringIO()
    out = io.StringIO()
    summary = run_corpus(iter_documents([corpus]), WRITERS["tsv"], out, engine="dask",
                         scheduler=client.scheduler.address, batch_size=6, errors=errors)
    local = io.StringIO()
    run_corpus(iter_documents([corpus]), WRITERS["tsv"], local)
    assert out.getvalue() == local.getvalue()
    assert (summary.processed, summary.aligned, summary.failed) == (20, 19, 1)
    assert json.loads(errors.getvalue())["id"] == "r00003"


def test_cli_runs_on_a_dask_scheduler(tmp_path, client, capsys):
    from aligner.cli import main

    corpus = write_jsonl(tmp_path / "c.jsonl", 10)
    out = tmp_path / "links.jsonl"
    code = main(["align", str(corpus), "--scheduler", client.scheduler.address, "-o", str(out),
                 "-q"])
    assert code == 0
    assert {json.loads(line)["doc"] for line in out.read_text().splitlines()} == {
        f"r{i:05d}" for i in range(10)
    }


@pytest.mark.slow
def test_without_a_scheduler_a_local_cluster_is_started_and_stopped(tmp_path):
    corpus = write_jsonl(tmp_path / "c.jsonl", 12)
    out = io.StringIO()
    summary = run_corpus(iter_documents([corpus]), WRITERS["jsonl"], out, engine="dask", jobs=2)
    assert summary.aligned == 12 and out.getvalue()


def test_dask_workers_write_the_parts_themselves(tmp_path, client):
    from aligner.corpus.parts import run_parts

    corpus = write_jsonl(tmp_path / "c.jsonl", 14, bad=(2,))
    errors = io.StringIO()
    summary = run_parts(iter_documents([corpus]), "jsonl", tmp_path / "parts", engine="dask",
                        client=client, batch_size=4, errors=errors)
    single = io.StringIO()
    run_corpus(iter_documents([corpus]), WRITERS["jsonl"], single)
    parts = sorted((tmp_path / "parts").iterdir())
    assert [p.name for p in parts] == [f"part-{k:05d}.jsonl" for k in range(4)]
    assert "".join(p.read_text(encoding="utf-8") for p in parts) == single.getvalue()
    assert (summary.processed, summary.failed) == (14, 1)
    assert json.loads(errors.getvalue())["id"] == "r00002"
