"""The `aligner score` outputs: a corpus score (`aligner.score.CorpusScore`) rendered as a
readable summary, JSON, TSV or Markdown.

Writers only render: the pipeline (`aligner.pipeline.Pipeline`) aligned and scored every
document before any of these runs. Each takes the corpus score, a text stream and the output
options (`table` for TSV, `raw_cells`, `output` for messages).
"""

from __future__ import annotations

import json
import numbers
from dataclasses import dataclass
from typing import IO, Any

from aligner.model import AlignerError
from aligner.safe import cell, md_cell, terminal_text

FORMATS = ("text", "json", "tsv", "md")


@dataclass(frozen=True, slots=True)
class ScoreOutput:
    """How a score is written: what the TSV lists and whether its cells stay raw."""

    table: str = "findings"  # findings | terms | agreement
    raw_cells: bool = False
    output: str | None = None


def _pct(x: float | None) -> str:
    return "n/a" if x is None else f"{100 * x:.1f}%"


def _agreement_line(a: Any) -> str:
    figures = [("BLEU", a.bleu), ("chrF", a.chrf), ("TER", a.ter)]
    return "  ".join(f"{name} {value:.2f}" for name, value in figures if value == value)


def write_text(corpus: Any, out: IO[str], args: ScoreOutput) -> None:
    """The readable summary; it often goes to a terminal, so record text and ids are shown
    with their control characters as escapes (see `terminal_text`)."""
    for d in corpus.documents:
        t = d.terms
        c = t.counts
        _say(out, f"{d.doc}: {d.links} links; terms {len(t.hits)} (ok {c['ok']}, variant "
                  f"{c['variant']}, forbidden {c['forbidden']}, missing {c['missing']}), "
                  f"term accuracy {_pct(t.accuracy)}\n")
        if d.agreement is not None:
            a = d.agreement
            _say(out, f"  agreement: {_agreement_line(a)}\n")
        for f in d.findings:
            accepted = f" (accepted: {f.accepted})" if f.accepted else ""
            _say(out, f"  link {f.link:>3}  {f.severity:<7} {f.check:<14} {f.message}"
                      f"{accepted}\n")
    s = corpus.terms
    _say(out, f"\ntotal: {len(corpus.documents)} documents, {corpus.links} links, "
              f"{len(corpus.findings)} findings; term accuracy {_pct(s.accuracy)} "
              f"(accepted incl. variants {_pct(s.accepted_rate)})\n")
    for inc in s.inconsistencies:
        where = "; ".join(f"{form} ({', '.join(f'{doc}#{link}' for doc, link in places)})"
                          for form, places in inc.forms.items())
        _say(out, f"inconsistent: {inc.term}: {where}\n")
    _say(out, f"terms:  {s.signature}\n")
    if corpus.documents:
        _say(out, f"checks: {corpus.documents[0].checks.signature}\n")
    if corpus.agreement is not None:
        a = corpus.agreement
        _say(out, f"agreement: {_agreement_line(a)}\n")
        for name, sig in a.signatures.items():
            _say(out, f"  {name}: {sig}\n")


def _say(out: IO[str], text: str) -> None:
    out.write(terminal_text(text))


def _finding_dict(f: Any) -> dict[str, object]:
    return {"doc": f.doc, "link": f.link, "check": f.check, "severity": f.severity,
            "message": f.message, "text": f.text, "accepted": f.accepted}


def write_json(corpus: Any, out: IO[str], args: ScoreOutput) -> None:
    data = {
        "summary": corpus.summary(),
        "documents": [d.summary() for d in corpus.documents],
        "findings": [_finding_dict(f) for f in corpus.findings],
        "terms": corpus.terms.to_dataframe().to_dict(orient="records"),
        "inconsistencies": [{"term": i.term, "forms": {k: [list(p) for p in v]
                                                       for k, v in i.forms.items()}}
                            for i in corpus.terms.inconsistencies],
    }
    if corpus.agreement is not None:
        data["agreement_spans"] = [
            {**row, "en": list(row["en"])}
            for row in corpus.agreement.to_dataframe().to_dict(orient="records")]
    json.dump(data, out, ensure_ascii=False, indent=2, default=_jsonable)
    out.write("\n")


def _jsonable(value: object) -> object:
    if hasattr(value, "item"):  # numpy scalars from DataFrame rows
        return value.item()
    return str(value)


def _tsv_cell(value: object, raw: bool = False) -> str:
    text = str(value).replace("\t", " ").replace("\r", " ").replace("\n", " ")
    if isinstance(value, numbers.Number):  # numbers (a negative one too) are not formulas
        return text
    return cell(text, raw=raw)


def write_tsv(corpus: Any, out: IO[str], args: ScoreOutput) -> None:
    if args.table == "terms":
        frame = corpus.terms_dataframe()
    elif args.table == "agreement":
        frame = corpus.agreement_dataframe()
        if frame is None:
            raise AlignerError("--table agreement needs --against or --against-zh",
                               path=args.output or "<stdout>")
    else:
        frame = corpus.findings_dataframe()
    out.write("\t".join(frame.columns) + "\n")
    for row in frame.itertuples(index=False):
        out.write("\t".join(_tsv_cell(v, args.raw_cells) for v in row) + "\n")


def _md(value: object) -> str:
    return md_cell(str(value))


def write_md(corpus: Any, out: IO[str], args: ScoreOutput) -> None:
    out.write("# Translation score\n\n| document | links | terms | ok | variant | forbidden | "
              "missing | term accuracy | findings |")
    has_agreement = corpus.agreement is not None
    out.write(" BLEU | chrF | TER |\n" if has_agreement else "\n")
    out.write("|---" * (12 if has_agreement else 9) + "|\n")
    for d in corpus.documents:
        c = d.terms.counts
        row = [d.doc, d.links, len(d.terms.hits), c["ok"], c["variant"], c["forbidden"],
               c["missing"], _pct(d.terms.accuracy), len(d.findings)]
        if has_agreement:
            a = d.agreement
            row += ([f"{a.bleu:.2f}", f"{a.chrf:.2f}", f"{a.ter:.2f}"] if a else ["", "", ""])
        out.write("| " + " | ".join(_md(x) for x in row) + " |\n")
    if corpus.findings:
        out.write("\n## Findings\n\n| document | link | check | severity | message |\n"
                  "|---|---|---|---|---|\n")
        for f in corpus.findings:
            out.write(f"| {_md(f.doc)} | {f.link} | {f.check} | {f.severity} | "
                      f"{_md(f.message)} |\n")
    if corpus.terms.inconsistencies:
        out.write("\n## Inconsistent terms\n\n| term | renderings |\n|---|---|\n")
        for inc in corpus.terms.inconsistencies:
            forms = "; ".join(f"{k} ×{len(v)}" for k, v in inc.forms.items())
            out.write(f"| {_md(inc.term)} | {_md(forms)} |\n")
    out.write(f"\nSignatures: `{corpus.terms.signature}`")
    if corpus.documents:
        out.write(f", `{corpus.documents[0].checks.signature}`")
    if has_agreement:
        for name, sig in corpus.agreement.signatures.items():
            out.write(f", {name} `{sig}`")
    out.write("\n")


WRITERS = {"text": write_text, "json": write_json, "tsv": write_tsv, "md": write_md}
