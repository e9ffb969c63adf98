"""Readers and writers at corpus scale, and how often the doubtful-input warnings fire.

Builds abstract-sized records from gold-aligned data in ../shared/data (runs of 8 gold links,
so each record is a real translation pair), writes them as a temporary .jsonl.gz and .tsv corpus
(outside the repository), then measures:
- read speed and peak Python memory of `iter_documents` streaming the corpus;
- writer throughput (tsv, jsonl, tmx) on diagonal alignments (the writers alone, no aligner);
- warnings on real translations (false alarms), on records whose Chinese lost 3/4 of its
  sentences, and on the same records converted to Traditional Chinese.

Usage: python bench/read_export_bench.py [--records N]
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

from _data import data_dir, missing

from aligner import Alignment, Link, iter_documents
from aligner.read.validate import balance_warning, traditional_warning
from aligner.report import WRITERS

DATA = data_dir()
SOURCES = ["paramed-nejm-dev/paramed-nejm-dev.jsonl", "bertalign-mac-dev/bertalign-mac-dev.jsonl"]
RUN = 8


def gold_records() -> list[dict]:
    records = []
    for name in SOURCES:
        for line in (DATA / name).open(encoding="utf-8"):
            doc = json.loads(line)
            zh = doc.get("zh_detok") or doc["zh"]
            gold = doc.get("gold_corrected") or doc["gold"]
            links = [(e, z) for e, z in gold if e and z]
            for k in range(0, len(links) - RUN + 1, RUN):
                run = links[k : k + RUN]
                records.append({
                    "id": f"{doc['doc_id']}-{k}",
                    "en": " ".join(doc["en"][i] for e, _ in run for i in e),
                    "zh": "".join(zh[j] for _, z in run for j in z),
                })
    return records


class Sink:
    """A text stream that only counts, so the bench measures the writer and not the disk."""

    def __init__(self) -> None:
        self.chars = 0

    def write(self, text: str) -> int:
        self.chars += len(text)
        return len(text)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--records", type=int, default=20000)
    args = parser.parse_args()
    if missing("read_export_bench", *SOURCES):
        return 0
    base = gold_records()
    print(f"{len(base)} gold-aligned records of {RUN} links from {', '.join(SOURCES)}")

    # warnings on real translations
    balance = sum(1 for r in base if balance_warning(r["en"], r["zh"]))
    trad_fp = sum(1 for r in base if traditional_warning(r["zh"]))
    truncated = sum(
        1 for r in base if balance_warning(r["en"], r["zh"][: max(1, len(r["zh"]) // 4)])
    )
    import opencc

    s2t = opencc.OpenCC("s2t")
    trad = sum(1 for r in base if traditional_warning(s2t.convert(r["zh"])))
    n = len(base)
    print(f"unbalanced-sides warning: {balance}/{n} false alarms on real pairs; "
          f"fires on {truncated}/{n} with 3/4 of the Chinese cut")
    print(f"traditional warning: {trad_fp}/{n} false alarms on Simplified; "
          f"fires on {trad}/{n} converted to Traditional")

    with tempfile.TemporaryDirectory() as tmp:
        corpus_gz, corpus_tsv = Path(tmp) / "c.jsonl.gz", Path(tmp) / "c.tsv"
        with gzip.open(corpus_gz, "wt", encoding="utf-8") as gz, corpus_tsv.open(
            "w", encoding="utf-8"
        ) as tsv:
            for i in range(args.records):
                r = dict(base[i % n], id=f"r{i}")
                gz.write(json.dumps(r, ensure_ascii=False) + "\n")
                tsv.write(f"{r['id']}\t{r['en']}\t{r['zh']}\n")
        for corpus in (corpus_gz, corpus_tsv):
            t = time.perf_counter()
            docs = sum(1 for d in iter_documents([corpus]) if not isinstance(d, Exception))
            elapsed = time.perf_counter() - t
            size = corpus.stat().st_size / 1e6
            print(f"read {corpus.name}: {docs} records ({size:.1f} MB on disk) in "
                  f"{elapsed:.2f} s = {docs / elapsed:,.0f} records/s")
        # memory in a separate pass: tracemalloc slows every allocation several-fold
        tracemalloc.start()
        for _ in iter_documents([corpus_gz]):
            pass
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        print(f"peak Python memory while streaming {args.records} records: {peak / 1e6:.1f} MB")

        def alignments():
            for d in iter_documents([corpus_gz]):
                en = [s for s in d.en.split(". ") if s]
                zh = [s for s in d.zh.split("。") if s]
                from aligner import Sentence

                ens = [Sentence(s, 0, 0) for s in en]
                zhs = [Sentence(s, 0, 0) for s in zh]
                m = min(len(ens), len(zhs))
                links = [Link((i,), (i,), 0.5) for i in range(m)]
                links += [Link((i,), (), 0.0) for i in range(m, len(ens))]
                links += [Link((), (j,), 0.0) for j in range(m, len(zhs))]
                yield Alignment(doc=d, en=ens, zh=zhs, links=links)

        prepared = list(alignments())
        for fmt in ("tsv", "jsonl", "tmx", "table"):
            sink = Sink()
            t = time.perf_counter()
            stats = WRITERS[fmt](prepared, sink)
            elapsed = time.perf_counter() - t
            print(f"write {fmt}: {stats.links:,} links in {elapsed:.2f} s = "
                  f"{stats.links / elapsed:,.0f} links/s ({sink.chars / 1e6:.1f} M chars)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
