"""Semantic alignment per encoder (e5, USE, the e5+USE ensemble) on four gold sets, honestly tuned.

Usage::

    python bench/semantic_eval.py                         # accuracy table, default grid
    python bench/semantic_eval.py --sets mac,paramed      # some sets only
    python bench/semantic_eval.py --grid use_weight=0,0.5,1 skip_cost=0.2,0.3
    python bench/semantic_eval.py --cost                  # cold/warm CPU per 1,000 sentences
    python bench/semantic_eval.py --cost --cost-set paramed --encoders use

Sets: MAC-Dev (literary, 6 chapters), ParaMed dev (NEJM, 6 articles), TICO-19 (31 documents, all
1-1) and the Bible (one document, silver verse gold, scored after merging consecutive links of a
verse, as Bertalign's README does). Data comes from ``$ALIGNER_DATA`` or ``../shared/data``;
without it the script prints a skip message and exits 0.

Scoring (the data sets' README, Vecalign's ``score.py``): a link is (EN indices, ZH indices);
precision counts every predicted link, a 1-0/0-1 link included (right only if the gold has it);
recall counts gold links with both sides; strict = exact match, lax = at least one EN-ZH pair in
common; counts are summed over the documents of a set.

Tuning. ``--grid`` takes `SemanticParams` fields and ``use_weight`` (the USE share of the
ensemble: 0 is e5 alone, 1 USE alone). Every combination aligns every document once (the
embedding cache makes that cheap after the first run); then each encoder family picks its
setting three ways and the table shows all three:

- ``in-sample``: best on the set itself (optimistic, for reference only);
- ``LODO``: for each document, the best setting on the *other* documents of the same set (the
  Bible is one document: no LODO figure);
- ``LOSO`` (the headline): for each set, the best setting by mean strict F1 over the *other*
  sets. This is what the shipped defaults face on text from a new source.

``--cost`` times each encoder on one set in a child process with an empty cache (cold: every
sentence embedded) and again with the cache filled (warm), and prints CPU seconds per 1,000
sentences (CPU, not wall: the machine may be shared).
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from _data import data_dir, missing
from align_eval import Counts, Pair, merge_by_verse
from align_eval import Doc as AlignDoc

SETS = {
    "mac": "bertalign-mac-dev",
    "paramed": "paramed-nejm-dev",
    "tico": "tico19-enzh",
    "bible": "bertalign-bible-en-zh",
}

#: The default grid: the ensemble weight, with e5 alone (0) and USE alone (1) at its ends.
DEFAULT_GRID = {"use_weight": [0.0, 0.3, 0.4, 0.5, 0.6, 0.7, 1.0]}

#: Targets from the issue (strict F1): Bertalign (LaBSE, GPU) on MAC-Dev, our lexical
#: method's figure on ParaMed, Bertalign's published Bible figure.
TARGETS = {"mac": 0.911, "paramed": 0.997, "bible": 0.973}


@dataclass
class Doc(AlignDoc):
    """align_eval's document with the name of the set it belongs to (for LOSO and LODO)."""

    set: str = ""


def load(name: str) -> list[Doc]:
    """Documents of one set: ParaMed's Chinese detokenised and its corrected gold used."""
    path = data_dir() / SETS[name] / f"{SETS[name]}.jsonl"
    docs = []
    for line in path.read_text(encoding="utf-8").splitlines():
        r = json.loads(line)
        gold = r.get("gold_corrected") or r["gold"]
        docs.append(Doc(r["doc_id"], r["en"], r.get("zh_detok") or r["zh"],
                        [(tuple(e), tuple(z)) for e, z in gold],
                        r.get("en_verse"), r.get("zh_verse"), set=name))
    return docs


def score(pred: Sequence[Pair], doc: Doc) -> tuple[int, ...]:
    """Counts (pred, strict_p, lax_p, gold, strict_r, lax_r) for one document, by align_eval's
    scorer (one implementation of Vecalign's ``score.py`` for both benches)."""
    if doc.en_verse and doc.zh_verse:
        pred = merge_by_verse(pred, doc.en_verse, doc.zh_verse)
    c = Counts()
    c.add(pred, doc.gold)
    return (c.n_pred, c.strict_p, c.lax_p, c.n_gold, c.strict_r, c.lax_r)


def prf(counts: Sequence[int], strict: bool = True) -> tuple[float, float, float]:
    n_p, sp, lp, n_g, sr, lr = counts
    p = (sp if strict else lp) / max(n_p, 1)
    r = (sr if strict else lr) / max(n_g, 1)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def total(counts: Iterable[Sequence[int]]) -> tuple[int, ...]:
    out = [0] * 6
    for c in counts:
        out = [a + b for a, b in zip(out, c, strict=True)]
    return tuple(out)


# --- aligning ---------------------------------------------------------------------------------

_ENCODERS: dict[float, object] = {}


def encoder_for(use_weight: float):
    """e5 alone at 0, USE alone at 1, else the ensemble; members cached and built once."""
    from aligner.embed import get_encoder
    from aligner.embed.ensemble import EnsembleEncoder

    if "e5" not in _ENCODERS:
        _ENCODERS["e5"] = get_encoder("e5")
        _ENCODERS["use"] = get_encoder("use")
    if use_weight == 0:
        return _ENCODERS["e5"]
    if use_weight == 1:
        return _ENCODERS["use"]
    return EnsembleEncoder([_ENCODERS["e5"], _ENCODERS["use"]], [1 - use_weight, use_weight])


def family(config: dict) -> str:
    w = config.get("use_weight", 0.0)
    return "e5" if w == 0 else "use" if w == 1 else "e5+use"


def run_grid(docs: list[Doc], grid: dict[str, list[float]]) -> tuple[list[dict], list[list]]:
    """Counts per (configuration, document): every document aligned once per configuration."""
    from aligner.align.semantic import SemanticParams, align_semantic

    configs = [dict(zip(grid, values, strict=True)) for values in itertools.product(*grid.values())]
    results = []
    for config in configs:
        params = SemanticParams(**{k: v for k, v in config.items() if k != "use_weight"})
        encoder = encoder_for(config.get("use_weight", 0.0))
        row, cpu = [], time.process_time()
        for doc in docs:
            links = align_semantic(doc.en, doc.zh, encoder=encoder, params=params)
            row.append(score([(link.en, link.zh) for link in links], doc))
        results.append(row)
        label = " ".join(f"{k}={v:g}" for k, v in config.items())
        by_set = "  ".join(f"{s} {set_f1(row, docs, s):.3f}"
                           for s in dict.fromkeys(d.set for d in docs))
        print(f"  {label:<36} strict F1 {by_set}  ({time.process_time() - cpu:.0f} s cpu)",
              file=sys.stderr, flush=True)
    return configs, results


# --- choosing settings out of sample ------------------------------------------------------------


def set_f1(row: list, docs: list[Doc], name: str, skip: str | None = None) -> float:
    kept = (c for d, c in zip(docs, row, strict=True) if d.set == name and d.id != skip)
    return prf(total(kept))[2]


def evaluate(docs: list[Doc], configs: list[dict], results: list[list]) -> list[dict]:
    """Per set and encoder family: in-sample best, LODO and LOSO counts and the picks."""
    sets = list(dict.fromkeys(d.set for d in docs))
    rows = []
    for fam in dict.fromkeys(family(c) for c in configs):
        members = [k for k, c in enumerate(configs) if family(c) == fam]
        for name in sets:
            idx = [i for i, d in enumerate(docs) if d.set == name]
            best_in = max(members, key=lambda k: set_f1(results[k], docs, name))
            lodo, lodo_picks = None, []
            if len(idx) > 1:
                held = []
                for i in idx:
                    k = max(members, key=lambda k: set_f1(results[k], docs, name, docs[i].id))
                    held.append(results[k][i])
                    lodo_picks.append(k)
                lodo = total(held)
            others = [s for s in sets if s != name]
            loso = loso_pick = None
            if others:
                loso_pick = max(members, key=lambda k: sum(set_f1(results[k], docs, s)
                                                           for s in others))
                loso = total(results[loso_pick][i] for i in idx)
            rows.append({
                "set": name, "encoder": fam,
                "in": total(results[best_in][i] for i in idx), "in_pick": configs[best_in],
                "lodo": lodo, "lodo_picks": [configs[k] for k in lodo_picks],
                "loso": loso, "loso_pick": configs[loso_pick] if loso_pick is not None else None,
            })
    return rows


def _fmt(counts, strict=True) -> str:
    return "/".join(f"{x:.3f}" for x in prf(counts, strict)) if counts else "    -      "


def _label(config: dict | None) -> str:
    return ",".join(f"{k}={v:g}" for k, v in config.items()) if config else "-"


def print_table(rows: list[dict]) -> None:
    print(f"{'set':<8} {'encoder':<7} {'LOSO strict P/R/F1':<19} {'LOSO lax F1':>11} "
          f"{'LODO strict P/R/F1':<19} {'in-sample F1':>12}  LOSO pick / in-sample pick")
    for r in rows:
        lax = f"{prf(r['loso'], False)[2]:.3f}" if r["loso"] else "-"
        target = TARGETS.get(r["set"])
        mark = ""
        if target and r["loso"]:
            mark = " (target {:.3f}: {})".format(
                target, "met" if prf(r["loso"])[2] >= target else "missed")
        print(f"{r['set']:<8} {r['encoder']:<7} {_fmt(r['loso']):<19} {lax:>11} "
              f"{_fmt(r['lodo']):<19} {prf(r['in'])[2]:>12.3f}  {_label(r['loso_pick'])} / "
              f"{_label(r['in_pick'])}{mark}")


# --- cost ---------------------------------------------------------------------------------------


def cost_child(name: str, spec: str) -> None:
    """Child process: align one set with encoder `spec`; print CPU seconds and sentences."""
    from aligner.align.semantic import align_semantic
    from aligner.embed import get_encoder

    docs = load(name)
    cpu = time.process_time()
    encoder = get_encoder(spec)
    for doc in docs:
        align_semantic(doc.en, doc.zh, encoder=encoder)
    print(json.dumps({"cpu": time.process_time() - cpu,
                      "sentences": sum(len(d.en) + len(d.zh) for d in docs)}))


def cost(name: str, specs: list[str]) -> None:
    print(f"CPU seconds per 1,000 sentences on {name} (model load included; cold = empty cache, "
          "warm = every vector cached)")
    for spec in specs:
        with tempfile.TemporaryDirectory(prefix="aligner-cold-") as cache:
            env = dict(os.environ, ALIGNER_CACHE=cache)
            figures = []
            for _ in ("cold", "warm"):
                out = subprocess.run([sys.executable, __file__, "--cost-child", name, spec],
                                     env=env, capture_output=True, text=True, check=True)
                r = json.loads(out.stdout.strip().splitlines()[-1])
                figures.append(1000 * r["cpu"] / r["sentences"])
        print(f"  {spec:<8} cold {figures[0]:6.2f}   warm {figures[1]:6.2f}", flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", default=",".join(SETS), help="comma-separated: " + ",".join(SETS))
    parser.add_argument("--grid", nargs="+", metavar="PARAM=V1,V2,...",
                        help="settings to choose among (SemanticParams fields, use_weight)")
    parser.add_argument("--cost", action="store_true", help="cold/warm CPU per 1,000 sentences")
    parser.add_argument("--cost-set", default="mac")
    parser.add_argument("--encoders", default="e5,use,e5+use", help="for --cost")
    parser.add_argument("--cost-child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.cost_child:
        cost_child(*args.cost_child)
        return 0
    if missing("semantic_eval"):
        return 0
    if args.cost:
        cost(args.cost_set, args.encoders.split(","))
        return 0
    grid = dict(DEFAULT_GRID)
    for spec in args.grid or []:
        key, _, values = spec.partition("=")
        grid[key] = [float(v) if "." in v else int(v) for v in values.split(",")]
    names = [s for s in args.sets.split(",") if (data_dir() / SETS[s]).is_dir()]
    docs = [d for s in names for d in load(s)]
    print(f"aligning {len(docs)} documents x {len(list(itertools.product(*grid.values())))} "
          "settings (progress on stderr)", flush=True)
    configs, results = run_grid(docs, grid)
    print_table(evaluate(docs, configs, results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
