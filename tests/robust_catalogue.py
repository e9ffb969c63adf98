"""The bad-input catalogue: every case users' publishing systems produce, as data.

One table drives the tests (`tests/test_robust_catalogue.py`) and the README's table
(`python tests/robust_catalogue.py` prints it), so the documentation cannot drift from what is
tested. A case builds its input files in a folder and names the command line(s) to run, the
fragment the one-line message must contain and the exit status.
"""

from __future__ import annotations

import gzip
import json
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "000_c7586fac1e89b2ba.txt"

EN = "The cells were activated in vitro. They then proliferated rapidly in culture."
ZH = "细胞在体外被激活。随后它们在培养中迅速增殖。"
TRADITIONAL = "細胞在體外被激活。隨後它們在培養中迅速增殖。"


def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


def big_record(mb: int) -> bytes:
    """A seed-format record of `mb` MiB: English and Chinese paragraphs in turn."""
    block = ("The cells were activated. " * 1000 + "\n" + "细胞被激活。" * 1000 + "\n").encode()
    return block * (mb * 2**20 // len(block)) + b"x" * (mb * 2**20 % len(block))


def jsonl(*records: object) -> bytes:
    return "".join(
        (r if isinstance(r, str) else json.dumps(r, ensure_ascii=False)) + "\n" for r in records
    ).encode()


GOOD = {"id": "good", "en": EN, "zh": ZH}

# record commands: how each one reads a record file (FILE is replaced by the input's path)
RECORD_COMMANDS = {
    "align": ["align", "FILE", "-f", "jsonl", "-o", "OUT/out.jsonl"],
    "score": ["score", "FILE", "-o", "OUT/score.txt"],
    "snapshot": ["snapshot", "FILE", "-o", "OUT/baseline.json"],
    "check": ["check", "FILE", "-b", "BASELINE"],
    "report": ["report", "FILE", "-o", "OUT/report.html"],
    "terms mine": ["terms", "mine", "FILE", "-o", "OUT/terms.csv"],
    "segment": ["segment", "FILE", "-o", "OUT/sentences.txt"],
}


@dataclass(frozen=True)
class Case:
    name: str
    input: str  # what the README calls the input
    files: Callable[[], dict[str, bytes]]  # file name -> bytes; the first is FILE
    fragment: str  # must appear in the message on stderr
    code: int = 2
    commands: tuple[str, ...] = ()  # record commands run on FILE (cross product)
    argv: tuple[str, ...] = ()  # or one explicit command line (FILE, DIR, OUT, BASELINE)
    record: str | None = None  # record id / line the message must name
    kind: str = "error"  # error | warning | ok
    slow: bool = False  # run only with -m slow
    env: dict[str, str] = field(default_factory=dict)  # environment for the run
    names_file: bool = True  # the message names FILE (not, e.g., an environment variable)
    extra: dict[str, str] = field(default_factory=dict)


ALL = tuple(c for c in RECORD_COMMANDS if c != "segment")
TEXT = (*ALL, "segment")


def _random_bytes(n: int, seed: int = 7) -> bytes:
    return bytes(b or 1 for b in random.Random(seed).randbytes(n))


CATALOGUE: list[Case] = [
    # --- the file as a whole ------------------------------------------------------------------
    Case("empty", "empty file", lambda: {"empty.txt": b""}, "empty file", commands=TEXT),
    Case("whitespace", "whitespace only", lambda: {"blank.txt": b" \n\t\r\n  \n"},
         "file has only whitespace", commands=TEXT),
    Case("english-only", "only English", lambda: {"en.txt": (EN + "\n").encode()},
         "no Chinese part found", commands=ALL),
    Case("chinese-only", "only Chinese", lambda: {"zh.txt": (ZH + "\n").encode()},
         "no English part found", commands=ALL),
    Case("gb18030", "GB18030 (not UTF-8)", lambda: {"gb.txt": seed_text().encode("gb18030")},
         "not UTF-8 (looks like GB18030); convert with iconv -f GB18030 -t UTF-8",
         commands=TEXT),
    Case("big5", "Big5, two lines (too short for charset statistics)",
         lambda: {"big5.txt": f"{EN}\n{TRADITIONAL}\n".encode("big5")},
         "not UTF-8 (looks like BIG5); convert with iconv -f BIG5 -t UTF-8", commands=TEXT),
    Case("utf16", "UTF-16 with BOM", lambda: {"u16.txt": seed_text().encode("utf-16")},
         "not UTF-8 (looks like UTF-16); convert with iconv -f UTF-16 -t UTF-8", commands=TEXT),
    Case("binary", "binary (random bytes, no NUL)",
         lambda: {"blob.txt": _random_bytes(3000)}, "binary file (control bytes), not text",
         commands=TEXT),
    Case("nul", "NUL bytes inside text",
         lambda: {"nul.txt": seed_text().encode()[:400] + b"\x00" + seed_text().encode()[400:]},
         "binary file (contains NUL bytes), not text", commands=TEXT),
    Case("gzip-as-text", "gzip data named .txt",
         lambda: {"gz.txt": gzip.compress(seed_text().encode())}, "gzip-compressed, not text",
         commands=TEXT),
    Case("truncated-gzip", "truncated .jsonl.gz",
         lambda: {"c.jsonl.gz": gzip.compress(jsonl(*[GOOD] * 200))[:300]},
         "gzip file is truncated", commands=ALL),
    Case("not-gzip", ".jsonl.gz that is not gzip",
         lambda: {"c.jsonl.gz": jsonl(GOOD)}, "not a valid gzip file", commands=ALL),
    Case("missing", "file does not exist", lambda: {}, "no such file", commands=ALL,
         extra={"FILE": "missing.txt"}),
    Case("empty-dir", "directory with no records", lambda: {"notes.md": b"# notes\n"},
         "directory holds no records", commands=ALL, extra={"FILE": "DIR"}),
    # --- one record inside a corpus ----------------------------------------------------------
    Case("jsonl-malformed", "malformed JSONL line",
         lambda: {"c.jsonl": jsonl(GOOD, '{"id": "x", "en": ')}, "malformed JSON",
         record="line 2", commands=ALL),
    Case("jsonl-not-object", "JSONL line that is not an object",
         lambda: {"c.jsonl": jsonl(GOOD, "[1, 2]")}, "expected a JSON object per line",
         record="line 2", commands=ALL),
    Case("jsonl-missing-field", "JSONL record without `zh`",
         lambda: {"c.jsonl": jsonl(GOOD, {"id": "r2", "en": EN})}, "missing field 'zh'",
         record="r2", commands=ALL),
    Case("jsonl-wrong-type", "JSONL `en` is a number",
         lambda: {"c.jsonl": jsonl(GOOD, {"id": "r2", "en": 5, "zh": ZH})},
         "field 'en' must be a string or a list of strings", record="r2", commands=ALL),
    Case("jsonl-bad-utf8", "JSONL line not UTF-8, past the first 64 KiB (in the head, the "
         "whole file is refused with the encoding message)",
         lambda: {"c.jsonl": jsonl(*[{**GOOD, "id": f"good{i or ''}"} for i in range(600)])
                            + b'{"id": "r2", "en": "\xff\xfe", "zh": "x"}\n'},
         "line is not UTF-8", record="line 601", commands=ALL),
    Case("jsonl-surrogate", "JSONL `\\ud800` escape (valid JSON, not Unicode text)",
         lambda: {"c.jsonl": jsonl(GOOD, '{"id": "r2", "en": "A \\ud800 B.", "zh": "甲。"}')},
         "holds an unpaired surrogate", record="r2", commands=ALL),
    Case("tsv-columns", "TSV row with too few columns",
         lambda: {"c.tsv": f"id\ten\tzh\ngood\t{EN}\t{ZH}\nr2\t{EN}\n".encode()},
         "expected 3 tab-separated fields (id, en, zh), found 2", record="line 3",
         commands=ALL),
    # --- doubtful but usable: a warning, the record is aligned --------------------------------
    Case("swapped", "languages swapped (Chinese given as `--en`)",
         lambda: {"zh.txt": ZH.encode(), "en.txt": EN.encode()},
         "languages look swapped", code=0, kind="warning",
         argv=("align", "--en", "DIR/zh.txt", "--zh", "DIR/en.txt", "-o", "OUT/o.tsv")),
    Case("markup", "HTML/XML markup and entities (`&amp;`, `<sup>`)",
         lambda: {"m.txt": (f"IL-2<sup>+</sup> T &amp; B cells were activated. {EN}\n"
                            f"IL-2<sup>+</sup> T&amp;B细胞被激活。{ZH}\n").encode()},
         "the text holds HTML/XML markup", code=0, kind="warning", commands=("align", "score")),
    Case("traditional", "Traditional Chinese",
         lambda: {"t.txt": f"{EN}\n{TRADITIONAL}\n".encode()}, "the Chinese looks Traditional",
         code=0, kind="warning", commands=("align", "score")),
    Case("long-line", "a single 1 MB line (40,000 sentences a side)",
         lambda: {"long.jsonl": jsonl({"id": "long", "en": "The cells were activated. " * 40_000,
                                       "zh": "细胞被激活。" * 40_000})},
         "", code=0, kind="ok", argv=("align", "FILE", "-f", "jsonl", "-o", "OUT/o.jsonl"),
         slow=True),
    Case("long-line-small", "a single 260 KB line (10,000 sentences a side)",
         lambda: {"long.jsonl": jsonl({"id": "long", "en": "The cells were activated. " * 10_000,
                                       "zh": "细胞被激活。" * 10_000})},
         "", code=0, kind="ok", argv=("align", "FILE", "-f", "jsonl", "-o", "OUT/o.jsonl")),
    Case("huge-record", "a 100 MB record (.txt)", lambda: {"big.txt": big_record(100)},
         "record is 100.0 MiB, over the 4 MiB limit for one record", commands=ALL, slow=True),
    Case("huge-line", "a 100 MB line in a JSONL corpus (the other records are aligned)",
         lambda: {"big.jsonl": jsonl(GOOD, {"id": "huge", "en": "x" * 100 * 2**20, "zh": ZH},
                                     {**GOOD, "id": "good2"})},
         "record is 100.0 MiB, over the 4 MiB limit", record="line 2", commands=ALL, slow=True),
    Case("record-over-limit", "a record over `ALIGNER_MAX_RECORD_MB` (here 0.05)",
         lambda: {"r.jsonl": jsonl(GOOD, {"id": "long", "en": EN * 800, "zh": ZH * 800})},
         "over the 0.05 MiB limit for one record", record="line 2", commands=ALL,
         env={"ALIGNER_MAX_RECORD_MB": "0.05"}),
    Case("record-limit-invalid", "`ALIGNER_MAX_RECORD_MB` not a number",
         lambda: {"r.txt": seed_text().encode()},
         "$ALIGNER_MAX_RECORD_MB: must be a positive number of MiB", commands=("align",),
         env={"ALIGNER_MAX_RECORD_MB": "lots"}, names_file=False),
    Case("against-encoding", "`score --against-zh` file in GB18030",
         lambda: {"mt.txt": (ZH * 20).encode("gb18030")}, "not UTF-8 (looks like GB18030)",
         argv=("score", "SEED", "--against-zh", "FILE", "-o", "OUT/s.txt")),
    Case("against-malformed", "`score --against` corpus with a malformed line",
         lambda: {"v2.jsonl": jsonl(GOOD, "{oops")}, "malformed JSON", record="line 2",
         argv=("score", "SEED", "--against", "FILE", "-o", "OUT/s.txt")),
    # --- glossary ----------------------------------------------------------------------------
    Case("glossary-empty-entry", "glossary row with an empty side",
         lambda: {"g.csv": b"en,zh\nCAR-T,CAR-T\nT cell,\n"}, "both 'en' and 'zh' must be filled",
         record="line 3", argv=("score", "SEED", "--glossary", "FILE", "-o", "OUT/s.txt")),
    Case("glossary-columns", "glossary with wrong columns",
         lambda: {"g.csv": b"term,translation\nCAR-T,CAR-T\n"},
         "glossary header must name columns 'en' and 'zh'",
         argv=("align", "SEED", "--glossary", "FILE", "-o", "OUT/o.tsv")),
    Case("glossary-empty", "empty glossary", lambda: {"g.csv": b"\n"}, "glossary is empty",
         argv=("terms", "mine", "SEED", "--known", "FILE")),
    Case("glossary-encoding", "glossary in GB18030",
         lambda: {"g.csv": "en,zh\nT cell,T细胞\n".encode("gb18030") * 3},
         "not UTF-8 (looks like GB18030)",
         argv=("score", "SEED", "--glossary", "FILE", "-o", "OUT/s.txt")),
    Case("glossary-format", "glossary with an unknown extension", lambda: {"g.json": b"{}"},
         "unknown glossary format '.json'",
         argv=("score", "SEED", "--glossary", "FILE", "-o", "OUT/s.txt")),
    Case("glossary-duplicates", "glossary with duplicate entries and a BOM (merged: later "
         "renderings become variants)",
         lambda: {"g.csv": "\ufeffen,zh\nT cell,T细胞\nT cell,T淋巴细胞\nT cell,T细胞\n".encode()},
         "", code=0, kind="ok", argv=("score", "SEED", "--glossary", "FILE", "-o", "OUT/s.txt")),
    # --- baseline ----------------------------------------------------------------------------
    Case("baseline-invalid-json", "baseline hand-edited into invalid JSON",
         lambda: {"b.json": b'{"aligner_baseline": 1, "documents": {'}, "not valid JSON (line 1",
         argv=("check", "SEED", "-b", "FILE")),
    Case("baseline-format", "baseline of another format version",
         lambda: {"b.json": b'{"aligner_baseline": 0, "documents": {}}'},
         "baseline format 0 is not supported", argv=("check", "SEED", "-b", "FILE")),
    Case("baseline-not-ours", "JSON that is not a baseline", lambda: {"b.json": b"[1, 2]"},
         "not an aligner baseline", argv=("check", "SEED", "-b", "FILE")),
    Case("baseline-bad-link", "baseline with a hand-edited link index",
         lambda: {"b.json": json.dumps({"aligner_baseline": 1, "documents": {"d": {
             "en": ["A."], "zh": ["甲。"], "links": [{"en": [5], "zh": [0], "score": 1}]}}
         }).encode()}, "malformed link", record="d", argv=("check", "SEED", "-b", "FILE")),
    Case("baseline-binary", "baseline that is binary", lambda: {"b.json": b"\x00\x01" * 50},
         "binary file", argv=("check", "SEED", "-b", "FILE")),
    Case("baseline-version", "baseline from another aligner version", lambda: {},
         "made with aligner 0.0.1", code=0, kind="warning",
         argv=("check", "SEED", "-b", "OLD_VERSION_BASELINE")),
    # --- pyproject.toml ----------------------------------------------------------------------
    Case("config-type", "`pyproject.toml` threshold of the wrong type",
         lambda: {"pyproject.toml": b'[tool.aligner.check]\nmax_changed_links = "two"\n'},
         "max_changed_links must be an integer, got 'two'",
         argv=("check", "SEED", "-b", "BASELINE", "--config", "FILE")),
    Case("config-bool", "`pyproject.toml` threshold `true` for a count",
         lambda: {"pyproject.toml": b"[tool.aligner.check]\nmax_new_findings = true\n"},
         "max_new_findings must be an integer, got True",
         argv=("check", "SEED", "-b", "BASELINE", "--config", "FILE")),
    Case("config-negative", "`pyproject.toml` negative threshold",
         lambda: {"pyproject.toml": b"[tool.aligner.check]\nmin_chrf = -1\n"},
         "min_chrf must not be negative",
         argv=("check", "SEED", "-b", "BASELINE", "--config", "FILE")),
    Case("config-unknown", "`pyproject.toml` unknown key",
         lambda: {"pyproject.toml": b"[tool.aligner.check]\nmax_links = 1\n"},
         "unknown key 'max_links'", argv=("check", "SEED", "-b", "BASELINE", "--config", "FILE")),
    Case("config-toml", "`pyproject.toml` that is not TOML",
         lambda: {"pyproject.toml": b"[tool.aligner.check\nx = \n"}, "invalid TOML",
         argv=("check", "SEED", "-b", "BASELINE", "--config", "FILE")),
    Case("config-aligner-key", "`[tool.aligner]` unknown key (any command)",
         lambda: {"pyproject.toml": b"[tool.aligner]\nglosary = 'terms.csv'\n"},
         "unknown key 'glosary'", argv=("align", "SEED", "--config", "FILE")),
    Case("config-aligner-method", "`[tool.aligner]` unknown method",
         lambda: {"pyproject.toml": b"[tool.aligner]\nmethod = 'neural'\n"},
         "method must be one of", argv=("score", "SEED", "--config", "FILE")),
    Case("config-aligner-glossary", "`[tool.aligner]` glossary that does not exist",
         lambda: {"pyproject.toml": b"[tool.aligner]\nglossary = 'missing.csv'\n"},
         "glossary file not found", argv=("report", "SEED", "--config", "FILE",
                                          "-o", "OUT/r.html"), names_file=False),
    # --- outputs -----------------------------------------------------------------------------
    Case("output-dir-missing", "`-o` into a missing folder", lambda: {},
         "cannot write output", argv=("align", "SEED", "-o", "OUT/no/such/dir/o.tsv")),
    Case("errors-dir-missing", "`--errors` into a missing folder", lambda: {},
         "cannot write errors file",
         argv=("align", "SEED", "--errors", "OUT/no/such/e.jsonl", "-o", "OUT/o.tsv")),
    Case("output-is-input", "`-o` naming the input itself (refused before it is opened)",
         lambda: {"c.jsonl": jsonl(GOOD)}, "refusing to overwrite an input",
         argv=("align", "FILE", "-f", "jsonl", "-o", "FILE")),
    Case("output-in-input-dir", "`-o` inside an input folder, where the walker would read it",
         lambda: {"r.txt": seed_text().encode()}, "is inside the input directory",
         argv=("align", "DIR", "-o", "DIR/links.jsonl")),
    Case("junit-is-baseline", "`check --junit` naming the baseline", lambda: {},
         "refusing to overwrite an input",
         argv=("check", "SEED", "-b", "BASELINE", "--junit", "BASELINE"), names_file=False),
    # --- adversarial input (denial of service) ----------------------------------------------
    Case("jsonl-deep", "JSONL line nested 1,000 deep (the other records are aligned)",
         lambda: {"c.jsonl": jsonl(GOOD, "[" * 1000 + "]" * 1000)},
         "JSON nested too deeply", record="line 2", commands=ALL),
    Case("baseline-deep", "baseline nested 100,000 deep",
         lambda: {"b.json": b'{"aligner_baseline": 1, "documents": ' + b"[" * 100_000
                  + b"]" * 100_000 + b"}"},
         "JSON nested too deeply", argv=("check", "SEED", "-b", "FILE")),
    Case("baseline-glossary-outside", "baseline whose `glossary` points outside its project",
         lambda: {"b.json": b'{"aligner_baseline": 1, "glossary": "../../../../etc/passwd", '
                  b'"documents": {}}'},
         "'glossary' points outside the project", argv=("check", "SEED", "-b", "FILE")),
    Case("record-limit-inf", "`ALIGNER_MAX_RECORD_MB=inf`",
         lambda: {"r.txt": seed_text().encode()},
         "$ALIGNER_MAX_RECORD_MB: must be a positive number of MiB", commands=("align",),
         env={"ALIGNER_MAX_RECORD_MB": "inf"}, names_file=False),
    Case("sentence-limit", "a record with more sentences than `ALIGNER_MAX_SENTENCES` (here 5)",
         lambda: {"c.jsonl": jsonl(GOOD, {"id": "many", "en": EN * 5, "zh": ZH * 5})},
         "English sentences, over the limit of 5 per record", record="many",
         commands=tuple(c for c in ALL if c != "terms mine"),  # mining aligns nothing
         env={"ALIGNER_MAX_SENTENCES": "5"}),
    Case("zh-numerals", "5,000 Chinese numerals in a row (int() refuses > 4,300 digits)",
         lambda: {"c.jsonl": jsonl({"id": "n", "en": "Counts: " + "seven " * 2500 + "kinds.",
                                    "zh": "计数：" + "七" * 5000 + "种。"})},
         "", code=0, kind="ok", commands=("score", "snapshot", "report")),
    Case("digits", "100,000 digits in one number on both sides (quadratic acronym scan)",
         lambda: {"c.jsonl": jsonl({"id": "d", "en": "Value " + "7" * 100_000 + " seen.",
                                    "zh": "数值" + "7" * 100_000 + "。"})},
         "", code=0, kind="ok", commands=("score",)),
    Case("long-token", "a 100,000-letter token on both sides (quadratic English-run scan)",
         lambda: {"c.jsonl": jsonl({"id": "t", "en": "Word " + "a" * 100_000 + "B end.",
                                    "zh": "词" + "a" * 100_000 + "B。"})},
         "the zh field is mostly Latin script", code=0, kind="warning", commands=("score",)),
    Case("nested-brackets", "brackets nested 50,000 deep in the Chinese",
         lambda: {"c.jsonl": jsonl({"id": "b", "en": "Note " + "x " * 50_000 + "end.",
                                    "zh": "注" + "(" * 50_000 + "译" + ")" * 50_000 + "。"})},
         "unbalanced sides", code=0, kind="warning", commands=("score",)),
]


def command_lines(case: Case) -> list[tuple[str, list[str]]]:
    """(label, argv with placeholders) of every command line the case runs."""
    if case.argv:
        return [(case.argv[0] if case.argv[0] != "terms" else "terms mine", list(case.argv))]
    return [(name, list(RECORD_COMMANDS[name])) for name in case.commands]


def markdown_table() -> str:
    """The README table: input, commands, message (or outcome), exit status."""
    rows = ["| input | commands | message on stderr | exit |", "|---|---|---|---|"]
    for case in CATALOGUE:
        commands = ", ".join(f"`{label}`" for label, _ in command_lines(case))
        where = f"FILE [{case.record}]: " if case.record else "FILE: "
        if case.kind == "error":
            where = where if case.names_file else ""
            message = f"`aligner: error: {where}…{case.fragment}…`"
        elif case.kind == "warning":
            message = f"`aligner: warning: FILE: …{case.fragment}…` (then processed)"
        else:
            message = "none: processed normally"
        rows.append(f"| {case.input} | {commands} | {message} | {case.code} |")
    return "\n".join(rows) + "\n"


if __name__ == "__main__":
    print(markdown_table(), end="")
