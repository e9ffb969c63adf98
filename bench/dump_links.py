"""Dump the lexical links (and scores) of every alignment bench document, or compare two dumps.

    python bench/dump_links.py OUT.json                 # this checkout's links
    python bench/dump_links.py --compare A.json B.json  # how many documents differ

For refactorings that must not move any link (issue 10: one normaliser, one CJK definition, the
split search functions): dump before, dump after, compare. Data as for bench/align_eval.py.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _data import data_dir  # noqa: E402
from align_eval import load  # noqa: E402


def dump(path: str) -> int:
    from aligner.align import align_sentences

    out = {}
    for name in ("paramed", "mac", "bible", "syn"):
        for d in load(name, data_dir()) or []:
            out[f"{name}/{d.id}"] = [[list(link.en), list(link.zh), round(link.score, 6)]
                                     for link in align_sentences(d.en, d.zh)]
    Path(path).write_text(json.dumps(out), encoding="utf-8")
    print(f"{len(out)} documents -> {path}")
    return 0


def compare(a_path: str, b_path: str) -> int:
    a = json.loads(Path(a_path).read_text(encoding="utf-8"))
    b = json.loads(Path(b_path).read_text(encoding="utf-8"))
    common = sorted(set(a) & set(b))
    links = sum([x[:2] for x in a[k]] != [x[:2] for x in b[k]] for k in common)
    scores = sum(a[k] != b[k] for k in common)
    print(f"{len(common)} documents in both; {links} differ in links, {scores} in links or scores")
    return 1 if scores else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--compare", action="store_true")
    args = parser.parse_args(argv)
    if args.compare:
        return compare(*args.paths[:2])
    return dump(args.paths[0])


if __name__ == "__main__":
    sys.exit(main())
