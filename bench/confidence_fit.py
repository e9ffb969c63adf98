"""Fit the link-confidence curve, check it out of sample, and write the constants the code reads.

    python bench/confidence_fit.py [--datasets paramed,mac,tico,syn] [--plot docs/confidence.png]
                                   [--no-write]

For every document of every set, the lexical aligner's own links are labelled right (exactly a
gold link, null links included) or wrong. The curve (`aligner.align.confidence`):

- a logistic of "right" on the link's DP cost per 1-1-equivalent, fitted by Newton's method on
  the links with both sides and no hidden member;
- null links (1-0, 0-1): the share of them that were right (add-one smoothed);
- links hiding a member with no evidence (`evidence.judge`): the share of them that were right
  (shrunk towards 0.5 with the weight of 10 links), at most 0.85, so they never reach 0.9.

Out of sample: leave one set out: fit on the others, then print the reliability of the held-out
set's links per confidence bin (links, mean confidence, share exactly right), and the expected
calibration error. Then the curve is fitted on all sets and written to
``aligner/data/confidence.json`` (unless ``--no-write``): the only place the constants live.
``--plot`` draws the out-of-sample reliability diagrams (matplotlib, the `review` extra).
Data: ``$ALIGNER_DATA`` or ``../shared/data``; skipped when absent.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from _data import data_dir, missing

sys.path.insert(0, str(Path(__file__).resolve().parent))
from omission_eval import load_set  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "aligner" / "data" / "confidence.json"
BINS = (0.0, 0.2, 0.4, 0.6, 0.8, 0.9, 1.0001)
HIDDEN_CAP_MAX = 0.85
MIN_PLOTTED = 5  # bins with fewer links are in the table, not the plot


@dataclass(frozen=True)
class Sample:
    per_link: float  # DP cost per 1-1-equivalent (0 for null links)
    null: bool
    hidden: bool
    right: bool


def samples(docs) -> list[Sample]:
    from aligner.align.costs import CostParams
    from aligner.align.dictionary import en_zh_index
    from aligner.align.features import FeatureWeights, extract
    from aligner.align.lexical import align_features, hidden_links

    dictionary = en_zh_index()
    out = []
    for doc in docs:
        feats = extract(doc.en, doc.zh, dictionary=dictionary, weights=FeatureWeights())
        raw = align_features(feats, CostParams())
        hidden = hidden_links(raw, feats)
        gold = {(tuple(e), tuple(z)) for e, z in doc.gold}
        for k, (en, zh, cost) in enumerate(raw):
            null = not en or not zh
            out.append(Sample(0.0 if null else cost * 2 / (len(en) + len(zh)), null,
                              k in hidden, (tuple(en), tuple(zh)) in gold))
    return out


def fit_logistic(xs: list[float], ys: list[bool], iters: int = 50) -> tuple[float, float]:
    """p = 1 / (1 + exp(-(a + b x))) by Newton's method; returned as (slope, midpoint) of
    ``slope * (midpoint - x)`` (slope = -b, midpoint = -a / b)."""
    import numpy as np

    x = np.asarray(xs, dtype=float)
    y = np.asarray(ys, dtype=float)
    design = np.stack([np.ones_like(x), x], axis=1)
    w = np.zeros(2)
    for _ in range(iters):
        p = 1 / (1 + np.exp(-np.clip(design @ w, -50, 50)))
        grad = design.T @ (y - p)
        hess = (design * (p * (1 - p))[:, None]).T @ design + 1e-6 * np.eye(2)
        step = np.linalg.solve(hess, grad)
        w += step
        if np.abs(step).max() < 1e-9:
            break
    a, b = float(w[0]), float(w[1])
    return -b, -a / b


def fit(data: list[Sample]) -> dict:
    body = [s for s in data if not s.null and not s.hidden]
    slope, midpoint = fit_logistic([s.per_link for s in body], [s.right for s in body])
    nulls = [s for s in data if s.null]
    hidden = [s for s in data if s.hidden]
    null = (sum(s.right for s in nulls) + 1) / (len(nulls) + 2)
    # shrunk towards 0.5 (few such links on close translations), never above HIDDEN_CAP_MAX
    cap = min(HIDDEN_CAP_MAX, (sum(s.right for s in hidden) + 5) / (len(hidden) + 10))
    return {"lexical": {"slope": round(slope, 4), "midpoint": round(midpoint, 4),
                        "null": round(null, 4)},
            "hidden_cap": round(cap, 4)}


def confidence(s: Sample, c: dict) -> float:
    from aligner.align.confidence import lexical_curve

    if s.null:
        return c["lexical"]["null"]
    p = lexical_curve(s.per_link, c["lexical"]["slope"], c["lexical"]["midpoint"])
    return min(p, c["hidden_cap"]) if s.hidden else p


def reliability(data: list[Sample], c: dict) -> tuple[list[tuple[str, int, float, float]], float]:
    rows = []
    ece = 0.0
    for lo, hi in zip(BINS, BINS[1:], strict=False):
        inside = [(confidence(s, c), s.right) for s in data if lo <= confidence(s, c) < hi]
        if not inside:
            rows.append((f"{lo:.1f}–{min(hi, 1):.1f}", 0, math.nan, math.nan))
            continue
        mean = sum(p for p, _ in inside) / len(inside)
        right = sum(r for _, r in inside) / len(inside)
        ece += len(inside) / len(data) * abs(mean - right)
        rows.append((f"{lo:.1f}–{min(hi, 1):.1f}", len(inside), mean, right))
    return rows, ece


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--datasets", default="paramed,mac,tico,syn")
    parser.add_argument("--plot", metavar="PNG", help="write the reliability diagrams here")
    parser.add_argument("--no-write", action="store_true", help=f"do not write {OUT.name}")
    args = parser.parse_args(argv)
    if missing("confidence_fit"):
        return 0
    t0 = time.process_time()
    sets = {}
    for name in args.datasets.split(","):
        docs = load_set(name, data_dir())
        if docs:
            sets[name] = samples(docs)
    print("out of sample (leave one set out): links per confidence bin, mean confidence, "
          "share exactly right\n")
    print("| held out | bin | links | mean conf | right |")
    print("|---|---|---|---|---|")
    curves = {}
    for held in sets:
        train = [s for name, data in sets.items() if name != held for s in data]
        c = fit(train)
        rows, ece = reliability(sets[held], c)
        curves[held] = rows
        for label, n, mean, right in rows:
            if n:
                print(f"| {held} | {label} | {n} | {mean:.3f} | {right:.3f} |")
        hidden = [s for s in sets[held] if s.hidden]
        nulls = [s for s in sets[held] if s.null]
        print(f"| {held} | ECE {ece:.3f}; null links {len(nulls)} "
              f"({sum(s.right for s in nulls)} right); hidden-member links {len(hidden)} "
              f"({sum(s.right for s in hidden)} right) | | | |")
    final = fit([s for data in sets.values() for s in data])
    final = {"fitted_by": "bench/confidence_fit.py", "sets": sorted(sets),
             "links": sum(len(d) for d in sets.values()), **final}
    print(f"\nfitted on all sets: {json.dumps(final, ensure_ascii=False)}")
    if not args.no_write:
        OUT.write_text(json.dumps(final, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"wrote {OUT.relative_to(REPO)}")
    if args.plot:
        plot(curves, Path(args.plot))
    print(f"cpu {time.process_time() - t0:.0f} s")
    return 0


def plot(curves: dict, path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(5, 5))
    ax.plot([0, 1], [0, 1], color="grey", linestyle="--", linewidth=1, label="perfect")
    for name, rows in curves.items():
        pts = [(mean, right, n) for _, n, mean, right in rows if n >= MIN_PLOTTED]
        ax.plot([p[0] for p in pts], [p[1] for p in pts], linewidth=1, alpha=0.6)
        ax.scatter([p[0] for p in pts], [p[1] for p in pts], s=[12 + 8 * math.sqrt(p[2])
                   for p in pts], label=f"{name} (held out)", alpha=0.8)
    ax.set_xlabel("confidence (fitted on the other sets)")
    ax.set_ylabel("share of links exactly right")
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.set_title(f"Lexical link confidence, out of sample\n(bins of ≥ {MIN_PLOTTED} links; "
                 "area ~ links)", fontsize=10)
    ax.legend(loc="upper left", fontsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    print(f"wrote {path}")


if __name__ == "__main__":
    raise SystemExit(main())
