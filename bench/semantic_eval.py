"""Semantic vs lexical alignment on the dev sets: strict/lax P/R/F1, speed, memory, cache.

Usage::

    python bench/semantic_eval.py                    # both dev sets, warm cache
    python bench/semantic_eval.py --cold             # + semantic on an empty cache (cold)
    python bench/semantic_eval.py --datasets bertalign-mac-dev --methods semantic
    python bench/semantic_eval.py --lodo quote_weight=0,0.05,0.07,0.1 \
        quote_count_weight=0,0.02,0.05,0.08                                # honest tuning

``--lodo PARAM=V1,V2,... [PARAM=...]`` scores the semantic method with every combination of
the given `SemanticParams` values and reports leave-one-document-out figures: for every
document, the combination that scores best on the *other* documents of the set is used on it.
That is the figure to quote for a setting chosen on the dev sets (the plain run reuses the
documents it was tuned on).

Data is read from ``$ALIGNER_DATA`` or ``../shared/data`` next to the checkout; without it the
script prints a skip message and exits 0. Scoring follows Vecalign/Bertalign: a link is an
(EN indices, ZH indices) pair; strict counts exact matches, lax counts links sharing at least
one EN-ZH index pair with the other side; links with an empty side are dropped from both.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time

from _data import data_dir, missing

DATASETS = ("bertalign-mac-dev", "paramed-nejm-dev")
Link = tuple[tuple[int, ...], tuple[int, ...]]


def load(name: str) -> list[dict]:
    """Documents as {id, en, zh, gold}: ParaMed's Chinese is detokenised, its corrected gold
    used where given."""
    path = data_dir() / name / f"{name}.jsonl"
    docs = []
    for line in path.read_text(encoding="utf-8").splitlines():
        d = json.loads(line)
        gold = d.get("gold_corrected") or d["gold"]
        docs.append({
            "id": d["doc_id"],
            "en": d["en"],
            "zh": d.get("zh_detok") or d["zh"],
            "gold": [(tuple(e), tuple(z)) for e, z in gold],
        })
    return docs


def score(pred: list[Link], gold: list[Link]) -> dict[str, int]:
    """Counts for strict and lax precision/recall, to be summed over documents."""
    pred = [link for link in pred if link[0] and link[1]]
    gold = [link for link in gold if link[0] and link[1]]
    gold_set, pred_set = set(gold), set(pred)
    gold_pairs = {(e, z) for es, zs in gold for e in es for z in zs}
    pred_pairs = {(e, z) for es, zs in pred for e in es for z in zs}
    return {
        "pred": len(pred), "gold": len(gold),
        "strict_p": sum(link in gold_set for link in pred),
        "strict_r": sum(link in pred_set for link in gold),
        "lax_p": sum(any((e, z) in gold_pairs for e in es for z in zs) for es, zs in pred),
        "lax_r": sum(any((e, z) in pred_pairs for e in es for z in zs) for es, zs in gold),
    }


def prf(counts: dict[str, int], kind: str) -> tuple[float, float, float]:
    p = counts[f"{kind}_p"] / max(counts["pred"], 1)
    r = counts[f"{kind}_r"] / max(counts["gold"], 1)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def run_method(method: str, docs: list[dict]) -> dict:
    """Align every document; return the summed counts, wall and CPU seconds, embedder calls."""
    from aligner.align import align_sentences
    from aligner.align.semantic import align_auto, align_semantic
    from aligner.embed import get_encoder

    encoder = get_encoder() if method == "semantic" else None
    total: dict[str, int] = {}
    sentences = 0
    start, cpu = time.perf_counter(), time.process_time()
    for doc in docs:
        if method == "semantic":
            links = align_semantic(doc["en"], doc["zh"], encoder=encoder)
        elif method == "auto":
            links = align_auto(doc["en"], doc["zh"])
        else:
            links = align_sentences(doc["en"], doc["zh"])
        pred = [(link.en, link.zh) for link in links]
        for key, value in score(pred, doc["gold"]).items():
            total[key] = total.get(key, 0) + value
        sentences += len(doc["en"]) + len(doc["zh"])
    return {
        "counts": total,
        "seconds": time.perf_counter() - start,
        "cpu": time.process_time() - cpu,
        "sentences": sentences,
        "embedded": getattr(encoder, "misses", 0),
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def lodo(name: str, grid: dict[str, list[float]]) -> None:
    """Leave-one-document-out choice of semantic settings over the product of `grid`."""
    import itertools

    from aligner.align.semantic import SemanticParams, align_semantic
    from aligner.embed import get_encoder

    encoder = get_encoder()
    docs = load(name)
    configs = [dict(zip(grid, values, strict=True)) for values in itertools.product(*grid.values())]
    per: list[list[dict[str, int]]] = []
    for config in configs:
        params = SemanticParams(**config)
        per.append([
            score([(x.en, x.zh) for x in align_semantic(d["en"], d["zh"], encoder=encoder,
                                                        params=params)], d["gold"])
            for d in docs
        ])
        label = " ".join(f"{k}={v}" for k, v in config.items())
        print(f"{name:<18} {label:<40} all docs strict F1 {prf(_sum(per[-1]), 'strict')[2]:.3f}",
              flush=True)
    held: list[dict[str, int]] = []
    picks = []
    for k in range(len(docs)):
        def f1_without_k(c: int, k: int = k) -> float:
            return prf(_sum(x for i, x in enumerate(per[c]) if i != k), "strict")[2]
        best = max(range(len(configs)), key=f1_without_k)  # ties: the first listed wins
        picks.append("/".join(str(v) for v in configs[best].values()))
        held.append(per[best][k])
    p, r, f = prf(_sum(held), "strict")
    print(f"{name:<18} leave-one-doc-out  strict P/R/F1 {p:.3f}/{r:.3f}/{f:.3f}  "
          f"(chosen per held-out doc: {', '.join(picks)})")


def _sum(counts) -> dict[str, int]:
    total: dict[str, int] = {}
    for c in counts:
        for key, value in c.items():
            total[key] = total.get(key, 0) + value
    return total


#: Published MAC-Dev figures (strict P/R/F1) from the Bertalign README, for the footer.
PUBLISHED_MAC = {"Bertalign (LaBSE, GPU)": (.909, .914, .911), "Vecalign": (.848, .878, .863),
                 "Bleualign": (.676, .609, .641), "Hunalign": (.573, .653, .610)}


def one(name: str, method: str) -> None:
    """Child process: one dataset x method, so that peak RSS is this run's alone."""
    print(json.dumps(run_method(method, load(name))))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--datasets", nargs="+", default=list(DATASETS))
    parser.add_argument("--methods", nargs="+", default=["lexical", "semantic", "auto"])
    parser.add_argument("--cold", action="store_true",
                        help="also run semantic on an empty embedding cache (pays every embedding)")
    parser.add_argument("--lodo", nargs="+", metavar="PARAM=V1,V2,...",
                        help="leave-one-document-out choice of semantic settings (grid product)")
    parser.add_argument("--one", nargs=2, metavar=("DATASET", "METHOD"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.one:
        one(*args.one)
        return 0
    if missing("semantic_eval"):
        return 0
    if args.lodo:
        grid = {}
        for spec in args.lodo:
            field, _, values = spec.partition("=")
            grid[field] = [float(v) for v in values.split(",")]
        for name in args.datasets:
            if (data_dir() / name).is_dir():
                lodo(name, grid)
        return 0
    print(f"{'dataset':<18} {'method':<15} {'strict P/R/F1':<18} {'lax P/R/F1':<18} "
          f"{'s/1k sent':>9} {'cpu s/1k':>8} {'embedded':>8} {'peak MB':>8}")
    cold_dir = tempfile.mkdtemp(prefix="aligner-cold-") if args.cold else None
    for name in args.datasets:
        if not (data_dir() / name).is_dir():
            print(f"skip: {name} not found under {data_dir()}")
            continue
        runs = [(m, m, None) for m in args.methods]
        if cold_dir and "semantic" in args.methods:
            runs.insert(args.methods.index("semantic"), ("semantic", "semantic/cold", cold_dir))
        for method, label, cache in runs:
            env = dict(os.environ, **({"ALIGNER_CACHE": cache} if cache else {}))
            out = subprocess.run([sys.executable, __file__, "--one", name, method], env=env,
                                 capture_output=True, text=True, check=True)
            r = json.loads(out.stdout.strip().splitlines()[-1])
            strict = "/".join(f"{x:.3f}" for x in prf(r["counts"], "strict"))
            lax = "/".join(f"{x:.3f}" for x in prf(r["counts"], "lax"))
            k = 1000 / r["sentences"]
            print(f"{name:<18} {label:<15} {strict:<18} {lax:<18} {r['seconds'] * k:>9.2f} "
                  f"{r['cpu'] * k:>8.2f} {r['embedded']:>8} {r['peak_mb']:>8.0f}", flush=True)
    if "bertalign-mac-dev" in args.datasets:
        print("published on MAC-Dev (strict P/R/F1): " + "; ".join(
            f"{k} {'/'.join(f'{x:.3f}' for x in v)}" for k, v in PUBLISHED_MAC.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
