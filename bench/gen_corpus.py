"""Synthetic bilingual (English–Chinese) biomedical abstracts, any number, deterministic.

Why synthetic: the scale benchmarks need corpora of 10k–1M records with realistic shape (5–12
sentences, numbers, glossary terms, some 2-1 and 1-0 links) and known gold links, and the
evaluation data may never be copied or multiplied into anything we ship. Every sentence here
comes from the templates below, written for this project.

Each record carries its gold links in ``meta["gold"]`` as ``[[en indices], [zh indices]]`` so a
benchmark can check alignment quality on the same corpus it times.

Usage:
    python bench/gen_corpus.py -n 10000 -o /tmp/corpus.jsonl.gz        # JSONL, gzip by suffix
    python bench/gen_corpus.py -n 200 --format dir -o /tmp/records/   # seed-format .txt files
    python bench/gen_corpus.py -n 1000 --bad-rate 0.01 -o bad.jsonl    # 1% records without Chinese
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import random
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

REPO = Path(__file__).resolve().parents[1]

# (English, Chinese) term pairs used when the repository has no data/glossary.csv yet.
FALLBACK_TERMS = [
    ("chimeric antigen receptor", "嵌合抗原受体"),
    ("natural killer cells", "自然杀伤细胞"),
    ("induced pluripotent stem cells", "诱导多能干细胞"),
    ("adoptive cell therapy", "过继细胞疗法"),
    ("cytokine release syndrome", "细胞因子释放综合征"),
    ("overall survival", "总生存期"),
    ("progression-free survival", "无进展生存期"),
    ("hepatocellular carcinoma", "肝细胞癌"),
    ("immune checkpoint inhibitors", "免疫检查点抑制剂"),
    ("tumor microenvironment", "肿瘤微环境"),
    ("randomized controlled trial", "随机对照试验"),
    ("gene expression", "基因表达"),
    ("flow cytometry", "流式细胞术"),
    ("monoclonal antibody", "单克隆抗体"),
    ("graft-versus-host disease", "移植物抗宿主病"),
]

# Sentence templates: (English, Chinese). Slots: {t} {t2} glossary terms, {n} {m} integers,
# {p} {q} percentages, {hr} a ratio, {lo}-{hi} its confidence interval, {y} a year, {d} days.
TEMPLATES = [
    ("{t} has emerged as a promising strategy for the treatment of patients with advanced "
     "solid tumors.",
     "{t}已成为治疗晚期实体瘤患者的一种有前景的策略。"),
    ("However, the mechanisms underlying resistance to {t} remain poorly understood.",
     "然而，{t}耐药的潜在机制仍不清楚。"),
    ("In this study, we enrolled {n} patients who were treated at our center between {y} and "
     "{y2}.",
     "本研究纳入了{y}年至{y2}年在本中心接受治疗的{n}例患者。"),
    ("Patients were randomly assigned to receive {t} or placebo for {d} days.",
     "患者被随机分配接受{t}或安慰剂治疗，为期{d}天。"),
    ("The primary end point was {t2}, and secondary end points included safety and quality of "
     "life.",
     "主要终点为{t2}，次要终点包括安全性和生活质量。"),
    ("A total of {n} participants completed the follow-up, with a median duration of {m} "
     "months.",
     "共有{n}名受试者完成随访，中位随访时间为{m}个月。"),
    ("The response rate was {p}% in the intervention group and {q}% in the control group.",
     "干预组的缓解率为{p}%，对照组为{q}%。"),
    ("The hazard ratio for death was {hr} (95% CI, {lo} to {hi}; P < 0.001).",
     "死亡风险比为{hr}（95% CI，{lo}～{hi}；P < 0.001）。"),
    ("Grade 3 or higher adverse events occurred in {p}% of patients.",
     "{p}%的患者发生了3级及以上不良事件。"),
    ("We used {t} to characterize the expression profiles of {n} samples.",
     "我们利用{t}对{n}份样本的表达谱进行了表征。"),
    ("Compared with conventional therapy, {t} was associated with a higher rate of complete "
     "remission.",
     "与常规治疗相比，{t}与更高的完全缓解率相关。"),
    ("These findings suggest that {t} may serve as a potential biomarker for {t2}.",
     "这些发现提示{t}可能成为{t2}的潜在生物标志物。"),
    ("Multivariate analysis showed that age older than {m} years was an independent risk "
     "factor.",
     "多因素分析显示，年龄大于{m}岁是独立危险因素。"),
    ("The incidence of {t} was significantly lower in the treatment group than in the control "
     "group.",
     "治疗组{t}的发生率显著低于对照组。"),
    ("Further prospective studies are needed to confirm the clinical value of {t}.",
     "需要进一步的前瞻性研究来证实{t}的临床价值。"),
    ("In conclusion, {t} is safe and effective in this population.",
     "总之，{t}在该人群中安全有效。"),
    ("Mice treated with {t} showed a {p}% reduction in tumor volume after {d} days.",
     "经{t}治疗的小鼠在{d}天后肿瘤体积减少了{p}%。"),
    ("We review recent advances in {t} and discuss the challenges that remain.",
     "我们综述了{t}的最新进展，并讨论了仍然存在的挑战。"),
    ("Serum levels of IL-6 increased {m}-fold within {d} hours of infusion.",
     "输注后{d}小时内血清IL-6水平升高了{m}倍。"),
    ("The U.S. FDA approved the first product of this class in {y}.",
     "美国FDA于{y}年批准了首个此类产品。"),
    ("Sensitivity and specificity were {p}% and {q}%, respectively.",
     "敏感性和特异性分别为{p}%和{q}%。"),
    ("No significant difference in {t2} was observed between the two groups (P = 0.{n3}).",
     "两组间{t2}差异无统计学意义（P = 0.{n3}）。"),
    ("Of the {n} eligible patients, {m} had received prior treatment with {t}.",
     "在{n}例符合条件的患者中，{m}例曾接受过{t}治疗。"),
    ("Our results provide new insights into the role of {t} in {t2}.",
     "我们的结果为{t}在{t2}中的作用提供了新的见解。"),
]

# English sentences that the Chinese version leaves out (1-0 links), as abstracts often do.
UNTRANSLATED = [
    "Trial registration: ClinicalTrials.gov identifier NCT0{n3}{n3}.",
    "Funded by the National Natural Science Foundation of China.",
    "Copyright {y} The Authors.",
    "This article is protected by copyright.",
]

JOURNALS = ["Front Immunol.", "Biomed Pharmacother.", "J Hematol Oncol.", "Cancer Lett.",
            "Mol Ther.", "Clin Transl Immunology.", "Int J Mol Sci."]
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
CITIES = ["Guangzhou 510515", "Shanghai 200032", "Beijing 100730", "Chengdu 610041",
          "Wuhan 430030", "Hangzhou 310003"]


@dataclass(frozen=True)
class Record:
    id: str
    en: list[str]
    zh: list[str]
    gold: list[tuple[list[int], list[int]]]
    journal: str
    year: int

    def to_json(self) -> dict:
        return {
            "id": self.id,
            "en": " ".join(self.en),
            "zh": "".join(self.zh),
            "meta": {"journal": self.journal, "year": self.year,
                     "gold": [[e, z] for e, z in self.gold]},
        }


def load_terms(path: Path | None = None) -> list[tuple[str, str]]:
    """Glossary pairs from `data/glossary.csv` when present (so term scoring finds hits), else
    the fallback list; multi-form cells (`a|b`) are skipped since templates need one form."""
    path = path or REPO / "data" / "glossary.csv"
    terms: list[tuple[str, str]] = []
    if path.is_file():
        with path.open(encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f):
                en, zh = (row.get("en") or "").strip(), (row.get("zh") or "").strip()
                if en and zh and "|" not in en + zh:
                    terms.append((en, zh))
    return terms or FALLBACK_TERMS


def _fill(rng: random.Random, template: tuple[str, str], terms: list[tuple[str, str]]):
    (t_en, t_zh), (t2_en, t2_zh) = rng.sample(terms, 2)
    lo = round(rng.uniform(0.3, 0.9), 2)
    slots = {
        "n": rng.randint(12, 4800), "m": rng.randint(2, 80), "p": round(rng.uniform(1, 95), 1),
        "q": round(rng.uniform(1, 95), 1), "hr": round(lo + rng.uniform(0.05, 0.3), 2),
        "lo": lo, "hi": round(lo + rng.uniform(0.35, 0.7), 2), "y": rng.randint(2005, 2016),
        "y2": rng.randint(2017, 2024), "d": rng.randint(3, 180), "n3": rng.randint(100, 999),
    }
    en = template[0].format(t=t_en, t2=t2_en, **slots)
    zh = template[1].format(t=t_zh, t2=t2_zh, **slots)
    return en[0].upper() + en[1:], zh


def make_record(rng: random.Random, index: int, terms: list[tuple[str, str]]) -> Record:
    """One abstract: 5–12 English sentences; about 1 in 6 records merges two English sentences
    into one Chinese sentence (2-1) and about 1 in 8 leaves an English sentence untranslated
    (1-0), at the end in 70% of those (where registration and copyright lines sit), never
    first."""
    n = rng.randint(5, 12)
    pairs = [_fill(rng, rng.choice(TEMPLATES), terms) for _ in range(n)]
    en: list[str] = []
    zh: list[str] = []
    gold: list[tuple[list[int], list[int]]] = []
    merge_at = rng.randrange(n - 1) if rng.random() < 1 / 6 else -1
    drop_at = -1
    if rng.random() < 1 / 8:  # registration / copyright lines mostly close an abstract
        drop_at = n if rng.random() < 0.7 else rng.randrange(1, n)
    i = 0
    while i <= n:
        if i == drop_at:
            extra = rng.choice(UNTRANSLATED).format(
                n3=rng.randint(100, 999), y=rng.randint(2015, 2025)
            )
            gold.append(([len(en)], []))
            en.append(extra)
        if i == n:
            break
        if i == merge_at:
            (e1, z1), (e2, z2) = pairs[i], pairs[i + 1]
            gold.append(([len(en), len(en) + 1], [len(zh)]))
            en += [e1, e2]
            zh.append(z1.rstrip("。") + "；" + z2)
            i += 2
            continue
        gold.append(([len(en)], [len(zh)]))
        en.append(pairs[i][0])
        zh.append(pairs[i][1])
        i += 1
    return Record(f"syn{index:07d}", en, zh, gold, rng.choice(JOURNALS), rng.randint(2015, 2025))


def generate(n: int, seed: int = 0, bad_rate: float = 0.0,
             terms: list[tuple[str, str]] | None = None) -> Iterator[Record]:
    """Records one at a time (never the whole corpus in memory). A "bad" record has English in
    place of its Chinese, which readers must reject as "no Chinese part"."""
    rng = random.Random(seed)
    terms = terms or load_terms()
    for i in range(n):
        record = make_record(rng, i, terms)
        if bad_rate and rng.random() < bad_rate:
            record = Record(record.id, record.en, list(record.en), [], record.journal, record.year)
        yield record


def seed_format(record: Record, rng: random.Random) -> str:
    """The layout of `seeds/*.txt`: affiliation, citation, English, Chinese, related citations."""
    month = rng.choice(MONTHS)
    lines = [
        f"Department of Oncology, University Hospital, {rng.choice(CITIES)}, China.",
        f"{record.journal} {record.year} {month};{rng.randint(1, 300)}:{rng.randint(1, 99999)}. "
        f"doi: 10.{rng.randint(1000, 9999)}/j.x.{record.year}.{rng.randint(100000, 999999)}.",
        " ".join(record.en),
        "".join(record.zh),
    ]
    lines += [f"{rng.choice(JOURNALS)} {rng.randint(2010, 2025)}-{rng.randint(1, 12)}"
              for _ in range(rng.randint(1, 4))]
    return "\n".join(lines) + "\n"


def write_jsonl(records: Iterator[Record], out: IO[str]) -> int:
    count = 0
    for record in records:
        out.write(json.dumps(record.to_json(), ensure_ascii=False) + "\n")
        count += 1
    return count


def write_dir(records: Iterator[Record], root: Path, seed: int = 0, per_dir: int = 1000) -> int:
    """Seed-format files in subfolders of `per_dir` records (a flat folder of 1M files is
    hostile to every file system tool)."""
    rng = random.Random(seed + 1)
    count = 0
    for record in records:
        sub = root / f"{count // per_dir:05d}"
        sub.mkdir(parents=True, exist_ok=True)
        (sub / f"{record.id}.txt").write_text(seed_format(record, rng), encoding="utf-8")
        count += 1
    return count


def write_output(records: Iterator[Record], output: str, fmt: str, seed: int = 0) -> int:
    """Write `records` as `--format`/`--output` ask (shared by the generators' command lines):
    a directory tree, JSONL on stdout (``-``), or a JSONL file (gzipped when it ends in .gz)."""
    if fmt == "dir":
        return write_dir(records, Path(output), seed)
    if output == "-":
        return write_jsonl(records, sys.stdout)
    opener = gzip.open if output.endswith(".gz") else open
    with opener(output, "wt", encoding="utf-8") as out:
        return write_jsonl(records, out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", "--records", type=int, default=1000)
    parser.add_argument("-o", "--output", default="-",
                        help="file (.jsonl or .jsonl.gz) or directory; '-' for stdout")
    parser.add_argument("--format", choices=["jsonl", "dir"], default="jsonl")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--bad-rate", type=float, default=0.0,
                        help="share of records whose Chinese part is missing (error handling)")
    parser.add_argument("--glossary", type=Path, help="CSV en,zh (default: data/glossary.csv)")
    args = parser.parse_args(argv)
    terms = load_terms(args.glossary) if args.glossary else None
    records = generate(args.records, args.seed, args.bad_rate, terms)
    count = write_output(records, args.output, args.format, args.seed)
    print(f"gen_corpus: {count} records -> {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
