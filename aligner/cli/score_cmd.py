"""`aligner score`: align records, then report terminology, QA findings and agreement."""

from __future__ import annotations

import argparse
import json
import numbers
from typing import IO

from aligner.cli.align_cmd import aligned
from aligner.cli.common import RAW_CELLS_HELP, Tally, open_output, warn
from aligner.model import AlignerError, Document, InputError

FORMATS = ("text", "json", "tsv", "md")

EPILOG = """\
inputs: seed records (.txt), corpora (.jsonl[.gz], .tsv) or directories, as for `aligner align`.

another version (agreement: BLEU tok=zh, chrF, TER asian_support, with sacrebleu signatures):
  --against RECORD_OR_DIR   records holding the other version; documents are matched by id and
                            only their Chinese is used (aligned to this record's English)
  --against-zh FILE         a plain UTF-8 Chinese text: the other version of the one record scored

output: --format text (default: a readable summary), json (everything), tsv (one row per
finding; --table terms|agreement for term hits or agreement spans), md (a Markdown report).

--fail-on LIST   exit 1 when a finding of these kinds exists: term statuses `forbidden`,
                 `missing`; checks `numbers`, `acronym`, `untranslated`, `brackets`,
                 `length-ratio`, `empty-link`; `error` (any error-severity finding); `any`.

exit status: 0 scored; 1 --fail-on matched; 2 unreadable input or glossary.

examples:
  aligner score seeds/000_c7586fac1e89b2ba.txt
  aligner score corpus.jsonl --glossary terms.tbx --format md -o report.md
  aligner score new/ --against approved/ --format json
  aligner score record.txt --against-zh machine_translation.txt
  aligner score records/ --fail-on forbidden,numbers,acronym
"""


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "score",
        help="check terminology, numbers, acronyms and agreement with another version",
        description="Align records and score the translation: glossary terms (ok / variant / "
        "forbidden / missing, term accuracy, inconsistencies), QA checks on each link, and "
        "BLEU/chrF/TER against another version.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("inputs", nargs="+", metavar="RECORD_OR_DIR")
    parser.add_argument("--glossary", metavar="FILE",
                        help="glossary (.csv en,zh[,variants,forbidden,note], OmegaT .tsv, .tbx); "
                        "default: the shipped cell-therapy glossary")
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--against", metavar="RECORD_OR_DIR",
                       help="other version(s), matched by document id")
    group.add_argument("--against-zh", metavar="FILE",
                       help="other version as plain Chinese text (one record only)")
    parser.add_argument("--metrics", metavar="LIST", default="bleu,chrf,ter",
                        help="agreement metrics (default bleu,chrf,ter; TER is the slow one)")
    parser.add_argument("-f", "--format", choices=FORMATS, default="text")
    parser.add_argument("--table", choices=("findings", "terms", "agreement"),
                        default="findings", help="what --format tsv lists (default findings)")
    parser.add_argument("--checks", metavar="LIST",
                        help="comma-separated QA checks to run (default: all)")
    parser.add_argument("--fail-on", metavar="LIST", default="",
                        help="exit 1 if findings of these kinds exist (see below)")
    parser.add_argument("--waivers", metavar="CSV",
                        help="accepted findings (doc,check,text,link,who,why): reported as "
                             "accepted, never fail --fail-on")
    parser.add_argument("-o", "--output", metavar="FILE", help="write here instead of stdout")
    parser.add_argument("--raw-cells", action="store_true", help=RAW_CELLS_HELP + " (tsv)")
    parser.add_argument("-q", "--quiet", action="store_true", help="do not print warnings")
    parser.set_defaults(func=run, parser=parser)


def _other_versions(args: argparse.Namespace) -> dict[str, Document | str] | str | None:
    if args.against_zh:
        from aligner.read.textfile import read_text

        return read_text(args.against_zh)
    if not args.against:
        return None
    from aligner.read import iter_documents

    out: dict[str, Document | str] = {}
    for item in iter_documents([args.against]):
        if isinstance(item, InputError):
            raise item
        out[item.id] = item
    return out


def _other_version(
    doc: Document, others: dict[str, Document | str] | str | None, args: argparse.Namespace,
    *, first: bool,
) -> Document | str | None:
    """What `doc` is compared with: the --against-zh text (one record only), or its namesake
    under --against, with a warning when there is none or its English differs."""
    if others is None:
        return None
    if isinstance(others, str):
        if not first:
            raise InputError("--against-zh compares one record; give --against "
                             "RECORD_OR_DIR for several", path=args.against_zh)
        return others
    against = others.get(doc.id)
    if against is None:
        warn(f"{doc.id}: not in {args.against}; no agreement scores", quiet=args.quiet)
    elif isinstance(against, Document) and against.en.strip() and (
            " ".join(against.en.split()) != " ".join(doc.en.split())):
        warn(f"{doc.id}: English differs in {against.source or args.against}; "
             "its Chinese is aligned to this record's English", quiet=args.quiet)
    return against


def run(args: argparse.Namespace) -> int:
    from aligner.read import iter_documents
    from aligner.score import CHECKS, Scorers
    from aligner.score.glossary import load_glossary

    glossary = load_glossary(args.glossary or None)
    checks = [c.strip() for c in args.checks.split(",") if c.strip()] if args.checks else None
    if checks and set(checks) - set(CHECKS):
        args.parser.error(f"unknown checks {sorted(set(checks) - set(CHECKS))}; "
                          f"known: {', '.join(CHECKS)}")
    fail_on = {x.strip() for x in args.fail_on.split(",") if x.strip()}
    known = {"forbidden", "missing", "error", "any", *CHECKS}
    if fail_on - known:
        args.parser.error(f"unknown --fail-on kinds {sorted(fail_on - known)}")
    if args.table == "agreement" and args.format == "tsv" and not (
            args.against or args.against_zh):
        args.parser.error("--table agreement needs --against or --against-zh")
    metrics = [m.strip() for m in args.metrics.split(",") if m.strip()]
    if not metrics or set(metrics) - {"bleu", "chrf", "ter"}:
        args.parser.error("--metrics takes a comma-separated subset of bleu,chrf,ter")
    others = _other_versions(args)
    scorers = Scorers(glossary, checks, metrics)
    if args.waivers:
        from aligner.score.waivers import read_waivers

        scorers.waivers = read_waivers(args.waivers)
    tally = Tally()
    docs = []
    for alignment in aligned(iter_documents(args.inputs), tally, glossary=glossary,
                             quiet=args.quiet):
        docs.append(scorers.score(alignment, _other_version(alignment.doc, others, args,
                                                            first=not docs)))
    corpus = scorers.combine(docs)
    with open_output(args.output) as stream:
        WRITERS[args.format](corpus, stream, args)
    if tally.failed:
        return 2
    if fail_on and _matches(corpus, fail_on):
        return 1
    return 0


def _matches(corpus, fail_on: set[str]) -> bool:
    for f in corpus.findings:
        if f.accepted:
            continue
        kind = f.check.removeprefix("term-")
        if "any" in fail_on or kind in fail_on or (f.severity == "error" and "error" in fail_on):
            return True
    return False


# --- writers ------------------------------------------------------------------------------------


def _pct(x: float | None) -> str:
    return "n/a" if x is None else f"{100 * x:.1f}%"


def _agreement_line(a) -> str:
    figures = [("BLEU", a.bleu), ("chrF", a.chrf), ("TER", a.ter)]
    return "  ".join(f"{name} {value:.2f}" for name, value in figures if value == value)


def write_text(corpus, out: IO[str], args: argparse.Namespace) -> None:
    for d in corpus.documents:
        t = d.terms
        c = t.counts
        out.write(f"{d.doc}: {d.links} links; terms {len(t.hits)} (ok {c['ok']}, variant "
                  f"{c['variant']}, forbidden {c['forbidden']}, missing {c['missing']}), "
                  f"term accuracy {_pct(t.accuracy)}\n")
        if d.agreement is not None:
            a = d.agreement
            out.write(f"  agreement: {_agreement_line(a)}\n")
        for f in d.findings:
            accepted = f" (accepted: {f.accepted})" if f.accepted else ""
            out.write(f"  link {f.link:>3}  {f.severity:<7} {f.check:<14} {f.message}"
                      f"{accepted}\n")
    s = corpus.terms
    out.write(f"\ntotal: {len(corpus.documents)} documents, {corpus.links} links, "
              f"{len(corpus.findings)} findings; term accuracy {_pct(s.accuracy)} "
              f"(accepted incl. variants {_pct(s.accepted_rate)})\n")
    for inc in s.inconsistencies:
        where = "; ".join(f"{form} ({', '.join(f'{doc}#{link}' for doc, link in places)})"
                          for form, places in inc.forms.items())
        out.write(f"inconsistent: {inc.term}: {where}\n")
    out.write(f"terms:  {s.signature}\n")
    if corpus.documents:
        out.write(f"checks: {corpus.documents[0].checks.signature}\n")
    if corpus.agreement is not None:
        a = corpus.agreement
        out.write(f"agreement: {_agreement_line(a)}\n")
        for name, sig in a.signatures.items():
            out.write(f"  {name}: {sig}\n")


def _finding_dict(f) -> dict[str, object]:
    return {"doc": f.doc, "link": f.link, "check": f.check, "severity": f.severity,
            "message": f.message, "text": f.text, "accepted": f.accepted}


def write_json(corpus, out: IO[str], args: argparse.Namespace) -> None:
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
        return value.item()  # type: ignore[union-attr]
    return str(value)


def _tsv_cell(value: object, raw: bool = False) -> str:
    from aligner.report.safe import cell

    text = str(value).replace("\t", " ").replace("\r", " ").replace("\n", " ")
    if isinstance(value, numbers.Number):  # numbers (a negative one too) are not formulas
        return text
    return cell(text, raw=raw)


def write_tsv(corpus, out: IO[str], args: argparse.Namespace) -> None:
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
        out.write("\t".join(_tsv_cell(v, getattr(args, "raw_cells", False)) for v in row) + "\n")


def _md(value: object) -> str:
    from aligner.report.safe import md_cell

    return md_cell(str(value))


def write_md(corpus, out: IO[str], args: argparse.Namespace) -> None:
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
