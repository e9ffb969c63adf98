"""Small bilingual corpora written by the tests themselves (never from the evaluation data)."""

from __future__ import annotations

import json
from pathlib import Path

PAIRS = [
    ("Chimeric antigen receptor T cells were infused in {n} patients.",
     "{n}例患者接受了嵌合抗原受体T细胞输注。"),
    ("The response rate was {p}% after {d} days.", "{d}天后缓解率为{p}%。"),
    ("Natural killer cells were expanded from induced pluripotent stem cells.",
     "自然杀伤细胞由诱导多能干细胞扩增而来。"),
    ("No serious adverse events were observed.", "未观察到严重不良事件。"),
    ("The FDA approved the product in {y}.", "FDA于{y}年批准了该产品。"),
]


def record(i: int) -> dict:
    """Record `i`: 3–5 sentence pairs with numbers that differ per record."""
    k = 3 + i % 3
    slots = {"n": 10 + i, "p": 20 + i % 70, "d": 7 + i % 30, "y": 2000 + i % 25}
    chosen = [PAIRS[(i + j) % len(PAIRS)] for j in range(k)]
    return {
        "id": f"r{i:05d}",
        "en": " ".join(en.format(**slots) for en, _ in chosen),
        "zh": "".join(zh.format(**slots) for _, zh in chosen),
    }


def write_jsonl(path: Path, n: int, bad: tuple[int, ...] = ()) -> Path:
    """`n` records; those in `bad` have English where the Chinese should be (a reader error)."""
    with path.open("w", encoding="utf-8") as f:
        for i in range(n):
            r = record(i)
            if i in bad:
                r["zh"] = r["en"]
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    return path
