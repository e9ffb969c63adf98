"""What the glossary default (none) changes: links with and without the shipped example
glossary (`--glossary cell-therapy`) on every alignment gold set, and their strict F1.

    python bench/glossary_default.py [--datasets paramed,mac,bible,syn]

Before issue 10 `align` used no glossary while `score`, `snapshot` and `report` used the shipped
one as alignment anchors, so the same record got different links from different commands. Now
every command uses the same glossary, none unless asked. This prints, per data set, how many
documents and links would differ between the two (i.e. what `score`/`snapshot`/`report` users
see change), and the strict F1 of each (out-of-sample: no parameter is chosen here).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _data import data_dir  # noqa: E402
from align_eval import Counts, load  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--datasets", default="paramed,mac,bible,syn")
    args = parser.parse_args(argv)
    from aligner.align import align_sentences
    from aligner.score import default_glossary

    glossary = default_glossary()
    print(f"{'dataset':8} {'docs':>5} {'docs changed':>12} {'links none':>10} "
          f"{'links changed':>13} {'F1 none':>8} {'F1 shipped':>10} {'cpu s':>6}")
    for name in args.datasets.split(","):
        docs = load(name, data_dir())
        if docs is None:
            print(f"{name:8} skipped: data not found under {data_dir()}")
            continue
        start = time.process_time()
        changed_docs = changed_links = n_links = 0
        none_c, shipped_c = Counts(), Counts()
        for doc in docs:
            plain = [(link.en, link.zh) for link in align_sentences(doc.en, doc.zh)]
            anchored = [(link.en, link.zh)
                        for link in align_sentences(doc.en, doc.zh, glossary=glossary)]
            none_c.add(plain, doc.gold)
            shipped_c.add(anchored, doc.gold)
            n_links += len(plain)
            if plain != anchored:
                changed_docs += 1
                changed_links += len(set(plain) ^ set(anchored))
        cpu = time.process_time() - start
        print(f"{name:8} {len(docs):>5} {changed_docs:>12} {n_links:>10} {changed_links:>13} "
              f"{none_c.prf(True)[2]:>8.4f} {shipped_c.prf(True)[2]:>10.4f} {cpu:>6.1f}")
    print("links changed: links in one result but not the other (symmetric difference)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
