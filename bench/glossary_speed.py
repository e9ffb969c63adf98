"""Cost of a real-size glossary: term scoring and alignment anchors, per abstract.

    python bench/glossary_speed.py [--repeat 3]

The glossary is the Human Phenotype Ontology's 18,988 official Chinese labels (Babelon TSV,
``hpo-zh-glossary``); the text is TICO-19's PubMed documents cut into abstract-sized pieces of
10 sentence pairs. Figures are CPU time (``time.process_time``), so a busy shared machine
inflates them less than wall-clock time; the extra cost of the glossary is the difference with
the shipped 30-term glossary on the same pieces.
"""

from __future__ import annotations

import argparse
import json
import sys
import time

from _data import data_dir, missing

from aligner.align.features import extract
from aligner.score import TermScorer
from aligner.score.glossary import default_glossary, read_glossary
from aligner.score.matcher import GlossaryMatcher

PIECE = 10


def pieces() -> list[tuple[list[str], list[str]]]:
    out = []
    path = data_dir() / "tico19-enzh" / "tico19-enzh.jsonl"
    for line in path.read_text(encoding="utf-8").splitlines():
        d = json.loads(line)
        if d["doc_id"].startswith("PubMed"):
            for k in range(0, len(d["en"]) - PIECE + 1, PIECE):
                out.append((d["en"][k:k + PIECE], d["zh"][k:k + PIECE]))
    return out


def cpu_ms(fn, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        t = time.process_time()
        fn()
        best = min(best, time.process_time() - t)
    return best * 1000


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    if missing("glossary_speed", "hpo-zh-glossary/hp-zh.babelon.tsv",
               "tico19-enzh/tico19-enzh.jsonl"):
        return 0
    t = time.process_time()
    big = read_glossary(data_dir() / "hpo-zh-glossary" / "hp-zh.babelon.tsv")
    read_s = time.process_time() - t
    t = time.process_time()
    GlossaryMatcher(big)
    build_s = time.process_time() - t
    small = default_glossary()
    docs = pieces()
    print(f"glossary: {len(big)} terms (read {read_s:.2f} s, matcher built {build_s:.2f} s "
          f"CPU); {len(docs)} pieces of {PIECE} sentence pairs")
    for name, glossary in (("shipped", small), ("hpo", big)):
        scorer = TermScorer(glossary)

        def score(scorer=scorer) -> None:
            for en, zh in docs:
                for i, (e, z) in enumerate(zip(en, zh, strict=True)):
                    scorer.hits_for_link("d", i, e, z)

        def anchors(glossary=glossary) -> None:
            for en, zh in docs:
                extract(en, zh, dictionary=None, glossary=glossary)

        score()  # warm the per-word caches once, as a long run would
        anchors()
        s_ms, a_ms = cpu_ms(score, args.repeat), cpu_ms(anchors, args.repeat)
        print(f"{name:<8} {len(glossary):>6} terms: term scoring {s_ms / len(docs):.3f} ms, "
              f"alignment anchors {a_ms / len(docs):.3f} ms per {PIECE}-pair piece (CPU)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
