"""Semantic vs lexical alignment on the dev sets: strict/lax P/R/F1, speed, memory, cache.

Usage::

    python bench/semantic_eval.py                    # both dev sets, warm cache
    python bench/semantic_eval.py --cold             # fresh cache dir: pays for every embedding
    python bench/semantic_eval.py --datasets bertalign-mac-dev --methods semantic

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
import sys
import tempfile
import time
from pathlib import Path

DATASETS = ("bertalign-mac-dev", "paramed-nejm-dev")
Link = tuple[tuple[int, ...], tuple[int, ...]]


def data_dir() -> Path:
    if os.environ.get("ALIGNER_DATA"):
        return Path(os.environ["ALIGNER_DATA"])
    return Path(__file__).resolve().parents[2] / "shared" / "data"


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


def run_method(method: str, docs: list[dict]) -> tuple[dict[str, int], float, int]:
    from aligner.align import align_sentences
    from aligner.align.semantic import align_semantic

    total: dict[str, int] = {}
    sentences = 0
    start = time.perf_counter()
    for doc in docs:
        if method == "semantic":
            links = align_semantic(doc["en"], doc["zh"])
        else:
            links = align_sentences(doc["en"], doc["zh"])
        pred = [(link.en, link.zh) for link in links]
        for key, value in score(pred, doc["gold"]).items():
            total[key] = total.get(key, 0) + value
        sentences += len(doc["en"]) + len(doc["zh"])
    return total, time.perf_counter() - start, sentences


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--datasets", nargs="+", default=list(DATASETS))
    parser.add_argument("--methods", nargs="+", default=["lexical", "semantic"])
    parser.add_argument("--cold", action="store_true", help="use an empty embedding cache")
    args = parser.parse_args(argv)
    if not data_dir().is_dir():
        print(f"skip: evaluation data not found at {data_dir()} (set ALIGNER_DATA)")
        return 0
    if args.cold:
        os.environ["ALIGNER_CACHE"] = tempfile.mkdtemp(prefix="aligner-cold-")
    print(f"{'dataset':<20} {'method':<9} {'strict P/R/F1':<20} {'lax P/R/F1':<20} "
          f"{'s/1k sent':>9} {'peak MB':>8}")
    for name in args.datasets:
        if not (data_dir() / name).is_dir():
            print(f"skip: {name} not found under {data_dir()}")
            continue
        docs = load(name)
        for method in args.methods:
            counts, seconds, sentences = run_method(method, docs)
            strict = "/".join(f"{x:.3f}" for x in prf(counts, "strict"))
            lax = "/".join(f"{x:.3f}" for x in prf(counts, "lax"))
            peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            print(f"{name:<20} {method:<9} {strict:<20} {lax:<20} "
                  f"{1000 * seconds / sentences:>9.2f} {peak:>8.0f}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
