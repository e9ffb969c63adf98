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


@pytest.fixture(scope="module")
def executed(tmp_path_factory):
    nb = nbformat.read(NOTEBOOK, as_version=4)
    client = nbclient.NotebookClient(
        nb, timeout=180, kernel_name="python3",
        resources={"metadata": {"path": str(NOTEBOOK.parent)}},
    )
    client.execute()
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
