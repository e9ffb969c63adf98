"""Write `review.ipynb` from the cells below, so the notebook is reviewed as Python source.

Run `python notebooks/build_review.py` after editing a cell; the notebook is committed without
outputs (outputs make every diff noisy), and `tests/test_notebook.py` both executes it and
checks it is what this script writes.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

HERE = Path(__file__).resolve().parent
NOTEBOOK = HERE / "review.ipynb"

CELLS: list[tuple[str, str]] = [
    ("md", """\
# Alignment review

Loads bilingual records (the seed by default), aligns English and Chinese sentences, and shows
for each document:

- the aligned pairs, with glossary terms highlighted by status — **ok** (approved rendering),
  **variant** (accepted), **forbidden** (a known wrong rendering), **missing** (no rendering
  found) — and low-confidence links marked ⚠;
- plots of link confidence and Chinese/English length ratio per link;
- the QA findings;
- agreement (BLEU, chrF, TER with their sacrebleu signatures) between the Chinese and a lightly
  edited version of it, as a translation revision would produce.

Runs offline, top to bottom, with no edits. To review other records, set the environment
variable `ALIGNER_RECORDS` to files or folders (separated by `:`) before starting Jupyter, or
edit `RECORDS` below."""),
    ("code", """\
import html
import os
from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd
from IPython.display import HTML, display

import aligner
from aligner.corpus import review_paths
from aligner.report.html import STATUS_LABELS, TERM_COLOURS, highlight, term_spans
from aligner.score.qa import findings_dataframe, zh_length


def find_root() -> Path:
    \"\"\"The checkout holding `seeds/`: above the working directory, else above the package.\"\"\"
    starts = [Path.cwd().resolve(), Path(aligner.__file__).resolve().parent]
    for start in starts:
        for folder in (start, *start.parents):
            if (folder / "seeds").is_dir():
                return folder
    raise FileNotFoundError("no seeds/ folder above the working directory or the package; "
                            "set ALIGNER_RECORDS to the records to review")


env_records = [Path(p) for p in os.environ.get("ALIGNER_RECORDS", "").split(os.pathsep) if p]
RECORDS = env_records or [find_root() / "seeds"]
LOW = 0.5  # links below this confidence are marked for attention
print("records:", *RECORDS)"""),
    ("md", """\
## Align and score

The same path every `aligner` command takes: a `Config` (here with `cell-therapy`, the example
glossary shipped with aligner, as `--glossary cell-therapy` would; give a path to use your own
`.csv`, OmegaT `.tsv` or `.tbx`, or `None` for no terms), one `Pipeline` built from it, and
`review_paths`, which reads, aligns and scores every record."""),
    ("code", """\
config = aligner.load_config(glossary="cell-therapy")
pipeline = aligner.Pipeline(config)
reviewed = list(review_paths([str(p) for p in RECORDS], pipeline, unique=False))

pd.DataFrame(
    [
        {
            "document": r.doc.id,
            "links": len(r.alignment.links),
            "mean confidence": round(r.confidence(), 3),
            "low-confidence links": sum(link.score < LOW for link in r.alignment.links),
            **{status: sum(h.status == status for h in r.terms) for status in STATUS_LABELS},
            "QA findings": len(r.findings),
        }
        for r in reviewed
    ]
).set_index("document")"""),
    ("md", "## Aligned pairs"),
    ("code", """\
legend = " ".join(
    f'<mark style="background:{bg};border-bottom:2px solid {line};border-radius:3px">'
    f"{status}</mark> {label}"
    for status, (bg, line) in TERM_COLOURS.items()
    for label in [STATUS_LABELS[status]]
)
display(HTML(f"<p>{legend} &nbsp; ⚠ confidence below {LOW}</p>"))


def pairs_frame(r) -> pd.DataFrame:
    \"\"\"One row per link; the text cells are escaped HTML with the terms marked.\"\"\"
    hits = {}
    for h in r.terms:
        hits.setdefault(h.link, []).append(h)
    rows = []
    for i, (link, en, zh) in enumerate(r.alignment.pairs()):
        en_spans, zh_spans = term_spans(hits.get(i, []))
        rows.append({
            "link": i,
            "kind": link.kind,
            "English": highlight(en, en_spans),
            "中文": highlight(zh, zh_spans),
            "confidence": link.score,
            "low": "⚠" if link.score < LOW else "",
        })
    return pd.DataFrame(rows).set_index("link")


def style_pairs(frame: pd.DataFrame):
    marks = [
        {"selector": f"mark.{status}",
         "props": f"background:{bg}; border-bottom:2px solid {line}; border-radius:3px"}
        for status, (bg, line) in TERM_COLOURS.items()
    ]
    cells = [{"selector": "td", "props": "text-align:left; vertical-align:top"}]
    return (
        frame.style
        .set_table_styles(marks + cells, overwrite=False)
        .apply(lambda row: ["background-color:#fff0d9" if row["confidence"] < LOW else ""
                            for _ in row], axis=1)
        .bar(subset=["confidence"], vmin=0, vmax=1, color="#9ec5fe")
        .format({"confidence": "{:.2f}"})
    )


for r in reviewed:
    display(HTML(f"<h3>{html.escape(r.doc.id)}</h3>"))
    display(style_pairs(pairs_frame(r)))"""),
    ("md", "## Terms"),
    ("code", """\
terms = pd.DataFrame(
    [
        {"document": h.doc, "link": h.link, "term": h.term, "in the English": h.en_match,
         "status": h.status, "found": h.zh_found, "approved": h.approved}
        for r in reviewed for h in r.terms
    ],
    columns=["document", "link", "term", "in the English", "status", "found", "approved"],
)
# escape="html": a Styler writes cell text as HTML unless told; record text may hold markup
terms.style.format(escape="html").map(
    lambda s: f"background-color:{TERM_COLOURS[s][0]}" if s in TERM_COLOURS else "",
    subset=["status"],
)"""),
    ("md", "## Confidence and length ratio per link"),
    ("code", """\
for r in reviewed:
    links = r.alignment.links
    x = range(len(links))
    scores = [link.score for link in links]
    ratios = [
        zh_length(zh) / len(en) if en and zh else 0.0
        for _, en, zh in r.alignment.pairs()
    ]
    fig, (top, bottom) = plt.subplots(2, 1, figsize=(8, 5), sharex=True)
    top.bar(x, scores, color=["#e36209" if s < LOW else "#2f81f7" for s in scores])
    top.axhline(LOW, color="#888", linestyle="--", linewidth=1)
    top.set_ylim(0, 1)
    top.set_ylabel("confidence")
    top.set_title(r.doc.id)
    bottom.bar(x, ratios, color="#57a773")
    bottom.set_ylabel("ZH chars / EN chars")
    bottom.set_xlabel("link")
    bottom.set_xticks(list(x))
    fig.tight_layout()
    plt.show()"""),
    ("md", "## QA findings"),
    ("code", """\
findings = findings_dataframe([f for r in reviewed for f in r.findings])
findings if len(findings) else print("no QA findings")"""),
    ("md", """\
## Agreement with another version

A revision of the first document's Chinese is made here by a few edits (as a translator's
revision would), aligned to the same English, and compared link by link: BLEU (`zh`
tokenizer), chrF (character 6-grams) and TER (normalised, Asian support), each with its
sacrebleu signature."""),
    ("code", """\
first = reviewed[0].alignment
EDITS = [("即用型", "现成"), ("癌症", "肿瘤"), ("进展", "进步")]
revised = first.doc.zh
for old, new in EDITS:
    revised = revised.replace(old, new, 1)
if revised == first.doc.zh:  # other records: swap two characters of the first sentence
    revised = revised[1] + revised[0] + revised[2:]

agreement = pipeline.score(first, against=revised).agreement
display(pd.DataFrame([{"BLEU": agreement.bleu, "chrF": agreement.chrf, "TER": agreement.ter}],
                     index=[agreement.doc]).round(2))
for name, signature in agreement.signatures.items():
    print(f"{name:14} {signature}")
spans = agreement.to_dataframe()[["en", "hyp", "ref", "bleu", "chrf", "ter"]]
spans["en"] = spans["en"].map(lambda e: f"{e[0]}" if len(e) == 1 else f"{e[0]}-{e[-1]}")
(
    spans.rename(columns={"en": "EN sentences", "hyp": "current", "ref": "revised"})
    .style.bar(subset=["chrf"], vmin=0, vmax=100, color="#9ec5fe")
    .format(precision=1, escape="html")  # the Chinese is record text: show markup as text
)"""),
]


def build() -> nbformat.NotebookNode:
    nb = new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}
    nb.metadata["language_info"] = {"name": "python"}
    for i, (kind, source) in enumerate(CELLS):
        cell = new_markdown_cell(source) if kind == "md" else new_code_cell(source)
        cell["id"] = f"cell-{i:02d}"  # stable ids: rebuilding gives the same file
        nb.cells.append(cell)
    return nb


def main() -> None:
    nbformat.write(build(), NOTEBOOK)
    print(f"wrote {NOTEBOOK}")


if __name__ == "__main__":
    main()
