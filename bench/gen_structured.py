"""Synthetic structured abstracts and article sections, with the shapes real bilingual records have.

Why: the development sets hold few of the shapes that break alignment on unseen records, so
this generator writes them (every sentence from templates written for this project):

- structured abstracts: a title, then labelled sections (``Objective`` / ``目的`` ...); the label
  is a line of its own, or starts the first sentence of its section (``Methods We ...`` /
  ``方法 我们…``);
- short headings and labels between 1-1 pairs (``Trial oversight`` / ``试验监督``);
- the English split finer than the Chinese: two to four English sentences to one Chinese one,
  joined with ``；`` or ``，``;
- numbers written as words on one side (``Twenty-eight patients`` / ``28例患者``,
  ``two groups`` / ``两组``), statistics (``95% CI``, ``P<.05``), gene names with Greek letters;
- a Chinese title closed by a half-width stop, run into the first sentence;
- Traditional Chinese (converted with OpenCC), the gold unchanged.

    python bench/gen_structured.py -n 5 | head        # JSONL: {"id", "en", "zh", "gold"}

`generate(n, seed)` is what `align_eval.py --datasets struct` and `fit_costs.py` read.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections.abc import Iterator
from dataclasses import dataclass

# (English, Chinese); slots: {n} {m} counts, {w} a count as an English word with {wn} its
# digits, {p} a percentage, {r} a correlation, {lo} {hi} an interval, {g} a gene, {d} a dose
SENTENCES = [
    ("We enrolled {n} adults with chronic kidney disease at four hospitals.",
     "我们在四家医院纳入了{n}例慢性肾病成人患者。"),
    ("{W} patients discontinued the study drug because of adverse events.",
     "{wn}例患者因不良事件停用研究药物。"),
    ("Participants were assigned to the two groups in a 1:1 ratio.",
     "受试者按1:1的比例被分配至两组。"),
    ("The odds ratio was {hr} (95% CI {lo}-{hi}, P<.05).",
     "比值比为{hr}（95% CI {lo}~{hi}，P<0.05）。"),
    ("Expression of {g} correlated with tumor size (r={r}).",
     "{g}的表达与肿瘤大小相关（r={r}）。"),
    ("The drug was given at {d} mg/kg once daily for {m} weeks.",
     "药物以{d} mg/kg的剂量每日给药一次，共{m}周。"),
    ("Serum creatinine fell by {p}% after treatment.",
     "治疗后血清肌酐下降了{p}%。"),
    ("Blood pressure was measured at every visit.",
     "每次访视时均测量血压。"),
    ("The median follow-up was {m} months.",
     "中位随访时间为{m}个月。"),
    ("No deaths were attributed to the intervention.",
     "没有死亡被归因于干预措施。"),
    ("Knockdown of {g} reduced cell proliferation in vitro.",
     "敲低{g}可在体外抑制细胞增殖。"),
    ("Adherence was similar in both arms.",
     "两组的依从性相似。"),
    ("Quality of life improved in {p}% of participants.",
     "{p}%的受试者生活质量得到改善。"),
    ("These data support a larger randomized trial.",
     "这些数据支持开展更大规模的随机试验。"),
    ("Samples were stored at -80 °C until analysis.",
     "样本在分析前保存于-80 °C。"),
    ("Most events were mild and resolved without treatment.",
     "大多数事件为轻度，未经治疗即消退。"),
]
# several English sentences that Chinese joins into one with ；or ，
JOINED = [
    (["The trial was stopped early.", "Enrollment was slower than planned."],
     "由于入组慢于计划，试验提前终止。"),
    (["Mice were housed in groups of four.", "Food and water were given freely.",
      "The light cycle was twelve hours."],
     "小鼠每笼四只饲养，自由进食饮水，光照周期为12小时。"),
    (["We measured {g} by ELISA.", "Each sample was run twice.", "Plates were read at 450 nm.",
      "Values below the limit of detection were set to half of it."],
     "我们用ELISA检测{g}；每份样本检测两次，于450 nm处读板，低于检测限的数值设为检测限的一半。"),
    (["Two reviewers screened the records.", "Disagreements were settled by a third."],
     "两名评审员筛选记录，分歧由第三名评审员解决。"),
]
SECTIONS = [("Background", "背景"), ("Objective", "目的"), ("Methods", "方法"),
            ("Results", "结果"), ("Conclusions", "结论")]
HEADINGS = [("Oversight of the trial", "试验的监督"), ("Who could take part", "受试者入选"),
            ("How we analysed the data", "数据分析方法"), ("Study design", "研究设计"),
            ("Outcome measures", "结局指标"), ("Safety", "安全性"), ("Data sharing", "数据共享")]
TITLES = [("Effect of a low-salt diet on renal function", "低盐饮食对肾功能的影响"),
          ("Gene expression in early lung injury", "早期肺损伤中的基因表达"),
          ("A pilot study of home dialysis", "居家透析的初步研究")]
GENES = ["Bcl-2", "IL-1β", "TNF-α", "p53", "HIF-1α", "IL-6", "VEGF-A"]
NUMBER_WORDS = [("Twenty-eight", 28), ("Twelve", 12), ("Thirty-five", 35), ("Nine", 9),
                ("Forty", 40), ("Sixteen", 16)]
ZH_NUMERALS = {28: "二十八", 12: "十二", 35: "三十五", 9: "九", 40: "四十", 16: "十六"}


@dataclass(frozen=True)
class Record:
    id: str
    en: list[str]
    zh: list[str]
    gold: list[tuple[list[int], list[int]]]

    def to_json(self) -> dict:
        return {"id": self.id, "en": self.en, "zh": self.zh,
                "gold": [[e, z] for e, z in self.gold]}


def _fill(rng: random.Random, en: str, zh: str) -> tuple[str, str]:
    word, value = rng.choice(NUMBER_WORDS)
    # Chinese writes the count in digits or in numerals
    wn = str(value) if rng.random() < 0.6 else ZH_NUMERALS[value]
    lo = round(rng.uniform(1.05, 1.6), 2)
    slots = {"n": rng.randint(20, 900), "m": rng.randint(2, 40), "p": rng.randint(5, 80),
             "hr": round(lo + rng.uniform(0.1, 0.5), 2), "lo": lo,
             "hi": round(lo + rng.uniform(0.8, 1.5), 2), "r": round(rng.uniform(0.2, 0.8), 2),
             "g": rng.choice(GENES), "d": rng.choice([0.5, 1, 2, 5, 10]), "W": word, "wn": wn}
    return en.format(**slots), zh.format(**slots)


class _Builder:
    def __init__(self) -> None:
        self.en: list[str] = []
        self.zh: list[str] = []
        self.gold: list[tuple[list[int], list[int]]] = []

    def link(self, en: list[str], zh: list[str]) -> None:
        self.gold.append((list(range(len(self.en), len(self.en) + len(en))),
                          list(range(len(self.zh), len(self.zh) + len(zh)))))
        self.en += en
        self.zh += zh


def make_record(rng: random.Random, index: int) -> Record:
    """One structured abstract or article section with 4–14 links of the shapes above."""
    b = _Builder()
    title_en, title_zh = rng.choice(TITLES)
    structured = rng.random() < 0.6
    label_own_line = rng.random() < 0.5
    first_zh_prefix = ""
    if rng.random() < 0.3:  # a Chinese title closed by a half-width stop, run into sentence 1
        first_zh_prefix = title_zh + rng.choice([". ", "."])
        pending_title: str | None = title_en
    else:
        pending_title = None
        if rng.random() < 0.5:
            b.link([title_en], [title_zh])
    sections = SECTIONS if structured else [(None, None)]
    for label_en, label_zh in sections:
        body: list[tuple[list[str], str]] = []
        for _ in range(rng.randint(1, 3)):
            r = rng.random()
            if r < 0.2:
                ens, zh = rng.choice(JOINED)
                g = rng.choice(GENES)
                body.append(([e.format(g=g) for e in ens], zh.format(g=g)))
            elif r < 0.3 and not structured:
                h_en, h_zh = rng.choice(HEADINGS)
                body.append(([h_en], h_zh))
            else:
                en, zh = _fill(rng, *rng.choice(SENTENCES))
                body.append(([en], zh))
        if label_en and label_own_line:
            b.link([label_en], [label_zh])
        for k, (ens, zh) in enumerate(body):
            if label_en and not label_own_line and k == 0:
                ens = [f"{label_en} {ens[0]}", *ens[1:]]
                zh = f"{label_zh} {zh}"
            if pending_title is not None:
                ens = [pending_title, *ens]
                zh = first_zh_prefix + zh
                pending_title = None
            b.link(ens, [zh])
    if not structured and len(b.gold) > 1 and rng.random() < 0.5:  # headings between links
        h_en, h_zh = rng.choice(HEADINGS)
        at = rng.randrange(1, len(b.gold))
        _insert_heading(b, at, h_en, h_zh)
    zh = b.zh
    if rng.random() < 0.15:
        zh = _traditional(zh)
    return Record(f"struct{index:05d}", b.en, zh, b.gold)


def _insert_heading(b: _Builder, at: int, en: str, zh: str) -> None:
    """Put a heading link before gold link ``at`` (indices after it shift by one)."""
    e0, z0 = b.gold[at][0][0], b.gold[at][1][0] if b.gold[at][1] else len(b.zh)
    b.en.insert(e0, en)
    b.zh.insert(z0, zh)
    shifted = [([i + (i >= e0) for i in e], [j + (j >= z0) for j in z]) for e, z in b.gold]
    b.gold[:] = shifted[:at] + [([e0], [z0])] + shifted[at:]


def _traditional(zh: list[str]) -> list[str]:
    import opencc

    conv = opencc.OpenCC("s2t")
    return [conv.convert(s) for s in zh]


def generate(n: int, seed: int = 13) -> Iterator[Record]:
    rng = random.Random(seed)
    for i in range(n):
        yield make_record(rng, i)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", "--records", type=int, default=10)
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args(argv)
    for record in generate(args.records, args.seed):
        print(json.dumps(record.to_json(), ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
