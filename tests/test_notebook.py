"""The review notebook runs top to bottom on a fresh install (nbclient, `python3` kernel), and
the committed file is what its generator writes."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "notebooks" / "review.ipynb"
BUILDER = ROOT / "notebooks" / "build_review.py"

REASON = "the notebook needs the review extra: pip install -e '.[review]'"
nbformat = pytest.importorskip("nbformat", reason=REASON)
nbclient = pytest.importorskip("nbclient", reason=REASON)
pytest.importorskip("ipykernel", reason=REASON)
pytest.importorskip("matplotlib", reason=REASON)


def load_builder():
    spec = importlib.util.spec_from_file_location("build_review", BUILDER)
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module


SEED = ROOT / "seeds" / "000_c7586fac1e89b2ba.txt"
N_RECORDS = 12
BAD = "r07"  # the one record whose Chinese uses a forbidden rendering of a glossary term


@pytest.fixture(scope="module")
def executed(tmp_path_factory):
    """The notebook run on a corpus of 12 records made from the seed (r07 with a forbidden
    term): the overview must put it first and draw one figure for all of them."""
    import os

    from aligner import read_path

    doc = read_path(SEED)
    corpus = tmp_path_factory.mktemp("records") / "corpus.jsonl"
    with corpus.open("w", encoding="utf-8") as out:
        for k in range(N_RECORDS):
            zh = doc.zh.replace("即用型", "现成的") if f"r{k:02d}" == BAD else doc.zh
            out.write(json.dumps({"id": f"r{k:02d}", "en": doc.en, "zh": zh},
                                 ensure_ascii=False) + "\n")
    nb = nbformat.read(NOTEBOOK, as_version=4)
    client = nbclient.NotebookClient(
        nb, timeout=180, kernel_name="python3",
        resources={"metadata": {"path": str(NOTEBOOK.parent)}},
    )
    old = os.environ.get("ALIGNER_RECORDS")
    os.environ["ALIGNER_RECORDS"] = str(corpus)  # the kernel inherits the environment
    try:
        client.execute()
    finally:
        if old is None:
            os.environ.pop("ALIGNER_RECORDS", None)
        else:
            os.environ["ALIGNER_RECORDS"] = old
    return nb


def outputs(nb, mime: str) -> list[str]:
    return [o["data"][mime] for c in nb.cells if c.cell_type == "code"
            for o in c.get("outputs", []) if mime in o.get("data", {})]


def test_notebook_executes_without_errors(executed):
    errors = [o for c in executed.cells if c.cell_type == "code"
              for o in c.get("outputs", []) if o.get("output_type") == "error"]
    assert errors == []


def test_pairs_table_highlights_terms_by_status(executed):
    page = "\n".join(outputs(executed, "text/html"))
    assert '<mark class="ok"' in page and "即用型" in page
    for status in ("ok", "variant", "forbidden", "missing"):
        assert f"mark.{status}" in page  # the Styler carries a colour for every status


def test_one_overview_table_and_one_figure_for_the_whole_corpus_worst_first(executed):
    assert len(outputs(executed, "image/png")) == 1  # not one figure per record
    overview = next(h for h in outputs(executed, "text/html") if "term problems" in h)
    rows = [cell for cell in overview.split("<th ") if 'class="row_heading' in cell]
    assert len(rows) == N_RECORDS
    assert f">{BAD}</th>" in rows[0]  # the record with a forbidden term comes first


def test_notebook_uses_the_public_api_only():
    source = "\n".join(c.source for c in nbformat.read(NOTEBOOK, as_version=4).cells
                       if c.cell_type == "code")
    imports = [line.strip() for line in source.splitlines()
               if line.strip().startswith(("import aligner", "from aligner"))]
    assert imports and all(line in ("import aligner", "from aligner.report import (")
                           for line in imports), imports


def test_plots_and_agreement_scores_are_shown(executed):
    assert outputs(executed, "image/png"), "no matplotlib figure"
    text = "\n".join("".join(o.get("text", "")) for c in executed.cells if c.cell_type == "code"
                     for o in c.get("outputs", []))
    assert "nc:6" in text and "tok:zh" in text  # chrF and BLEU signatures
    assert any("chrF" in h and "BLEU" in h for h in outputs(executed, "text/html"))


def test_committed_notebook_is_what_the_generator_writes():
    built = load_builder().build()
    committed = nbformat.read(NOTEBOOK, as_version=4)
    assert [c.source for c in committed.cells] == [c.source for c in built.cells]
    assert all(not c.get("outputs") for c in committed.cells if c.cell_type == "code")
    assert json.loads(NOTEBOOK.read_text(encoding="utf-8"))["metadata"]["kernelspec"]["name"] \
        == "python3"
