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

Loads bilingual records (the seed by default; any number of them), aligns English and Chinese
sentences, scores them, and shows, worst first:

- a **corpus overview**: one table with a row per document (term problems, QA findings,
  low-confidence links, mean confidence) and one figure, however many records there are;
- the weakest links of the whole corpus with their problems;
- the aligned pairs of the few worst documents, with glossary terms highlighted by status —
  **ok** (approved rendering), **variant** (accepted), **forbidden** (a known wrong
  rendering), **missing** (no rendering found) — and low-confidence links marked ⚠;
- the term and QA tables (problems first);
- agreement (BLEU, chrF, TER with their sacrebleu signatures) between the Chinese and a lightly
  edited version of it, as a translation revision would produce.

Uses only aligner's public API (`aligner`, `aligner.report`). Runs offline, top to bottom,
with no edits; `pip install 'aligner-enzh[notebook]'` installs what opening it in Jupyter
needs. To review other records, set the environment variable `ALIGNER_RECORDS` to files or
folders (separated by `:`) before starting Jupyter, or edit `RECORDS` below."""),
    ("code", """\
import html
import os
from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd
from IPython.display import HTML, display

import aligner
from aligner.report import (
    STATUS_LABELS,
    TERM_COLOURS,
    document_overview,
    highlight,
    term_spans,
    worst_links,
)


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
SHOW_DOCUMENTS = 3  # pairs are shown for this many of the worst documents
SHOW_ROWS = 50  # rows of the link, term and finding tables
print("records:", *RECORDS)"""),
    ("md", """\
## Align and score

The same path every `aligner` command takes: a `Config` (here with `cell-therapy`, the example
glossary shipped with aligner, as `--glossary cell-therapy` would; give a path to use your own
`.csv`, OmegaT `.tsv` or `.tbx`, or `None` for no terms), one `Pipeline` built from it, and
`pipeline.review` on every record `aligner.iter_documents` reads (an unreadable record is
reported and skipped)."""),
    ("code", """\
config = aligner.load_config(glossary="cell-therapy")
pipeline = aligner.Pipeline(config)
reviewed = []
for item in aligner.iter_documents([str(p) for p in RECORDS]):
    if isinstance(item, aligner.InputError):
        print("skipped:", item)
    else:
        reviewed.append(pipeline.review(item))
by_id = {r.doc.id: r for r in reviewed}
overview = document_overview(reviewed, low=LOW)
print(f"{len(reviewed)} documents, {sum(len(r.alignment.links) for r in reviewed)} links")"""),
    ("md", """\
## Corpus overview

One row per document, worst first: term problems (forbidden or missing), then QA findings,
then low-confidence links, then the lowest mean confidence."""),
    ("code", """\
overview.head(SHOW_ROWS).style.format(precision=3, escape="html").bar(
    subset=["mean confidence"], vmin=0, vmax=1, color="#9ec5fe")"""),
    ("code", """\
scores = [link.score for r in reviewed for link in r.alignment.links]
worst = overview.head(30).iloc[::-1]  # the 30 worst documents, worst at the top
fig, (left, right) = plt.subplots(1, 2, figsize=(11, max(3.0, 0.25 * len(worst) + 1.5)))
left.hist(scores, bins=20, range=(0, 1), color="#2f81f7")
left.axvline(LOW, color="#e36209", linestyle="--", linewidth=1)
left.set_xlabel("link confidence")
left.set_ylabel("links")
left.set_title(f"all {len(scores)} links")
problems = worst["term problems"] + worst["QA findings"]
right.barh(range(len(worst)), worst["mean confidence"],
           color=["#e36209" if p else "#2f81f7" for p in problems])
right.set_yticks(range(len(worst)), [str(i)[:28] for i in worst.index], fontsize=8)
right.set_xlim(0, 1)
right.set_xlabel("mean confidence (orange: has term problems or findings)")
right.set_title(f"worst {len(worst)} of {len(overview)} documents")
fig.tight_layout()
plt.show()"""),
    ("md", "## Weakest links of the corpus"),
    ("code", """\
worst_links(reviewed, n=SHOW_ROWS, low=LOW).style.format(precision=3, escape="html")"""),
    ("md", "## Aligned pairs of the worst documents"),
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


for doc_id in overview.index[:SHOW_DOCUMENTS]:
    display(HTML(f"<h3>{html.escape(doc_id)}</h3>"))
    display(style_pairs(pairs_frame(by_id[doc_id])))"""),
    ("md", "## Terms (problems first)"),
    ("code", """\
ORDER = {"forbidden": 0, "missing": 1, "variant": 2, "ok": 3}
terms = pd.DataFrame(
    [
        {"document": h.doc, "link": h.link, "term": h.term, "in the English": h.en_match,
         "status": h.status, "found": h.zh_found, "approved": h.approved}
        for r in reviewed for h in r.terms
    ],
    columns=["document", "link", "term", "in the English", "status", "found", "approved"],
)
terms = terms.sort_values("status", key=lambda s: s.map(ORDER), kind="stable")
print(f"{len(terms)} term occurrences;", terms["status"].value_counts().to_dict())
# escape="html": a Styler writes cell text as HTML unless told; record text may hold markup
terms.head(SHOW_ROWS).style.format(escape="html").map(
    lambda s: f"background-color:{TERM_COLOURS[s][0]}" if s in TERM_COLOURS else "",
    subset=["status"],
)"""),
    ("md", "## QA findings"),
    ("code", """\
findings = pd.DataFrame(
    [{"document": f.doc, "link": f.link, "check": f.check, "severity": f.severity,
      "message": f.message} for r in reviewed for f in r.findings],
    columns=["document", "link", "check", "severity", "message"],
)
if len(findings):
    display(findings.head(SHOW_ROWS).style.format(escape="html"))
else:
    print("no QA findings")"""),
    ("md", """\
## Agreement with another version

A revision of the first document's Chinese is made here by a few edits (as a translator's
revision would), aligned to the same English, and compared link by link: BLEU (`zh`
tokenizer), chrF (character 6-grams) and TER (normalised, Asian support), each with its
sacrebleu signature."""),
    ("code", """\
first = reviewed[0].alignment  # the first record read
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
