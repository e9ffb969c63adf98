"""`aligner segment`: split English or Chinese text into sentences, one per line."""

from __future__ import annotations

import argparse
import json
import sys

from aligner.cli.common import open_output
from aligner.model import InputError

EPILOG = """\
The text is read from FILE, or from standard input when FILE is `-` or missing. Without
--lang the language is judged from the script (share of Chinese characters). A seed-format
record (English and Chinese abstracts in one file) gives the part in --lang; offsets then index
that part (its lines joined with \n), as in `aligner align`.

--format text (default): one sentence per line (line breaks inside a sentence become spaces).
--format jsonl: {"text", "start", "end"} per sentence; start/end are character offsets into
the input text (after a UTF-8 BOM, with line ends normalised to \\n).

examples:
  aligner segment --lang en abstract.en.txt
  echo '细胞被激活。随后增殖！' | aligner segment --lang zh
  aligner segment --lang zh --format jsonl abstract.zh.txt -o sentences.jsonl
"""


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "segment",
        help="split text into sentences",
        description="Split English or Chinese text into sentences.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("file", nargs="?", default="-", metavar="FILE",
                        help="text file, or - for standard input (default)")
    parser.add_argument("--lang", choices=["en", "zh"],
                        help="language of the text (default: judged from the script)")
    parser.add_argument("-f", "--format", choices=["text", "jsonl"], default="text")
    parser.add_argument("-o", "--output", metavar="FILE", help="write here instead of stdout")
    parser.set_defaults(func=run)


def read_input(name: str) -> tuple[str, str]:
    from aligner.read.textfile import decode_text, read_text

    if name == "-":
        return decode_text(sys.stdin.buffer.read(), "<stdin>"), "<stdin>"
    return read_text(name), name


def part_of_record(text: str, lang: str, where: str) -> str:
    """The `lang` part of a bilingual seed record, or the text unchanged if it is not one."""
    from aligner.read.seed import parse_seed

    try:
        doc = parse_seed(text, id=where, source=where)
    except InputError:
        return text
    return doc.en if lang == "en" else doc.zh


def run(args: argparse.Namespace) -> int:
    from aligner.scripts import language_of
    from aligner.segment import segment

    text, where = read_input(args.file)
    lang = args.lang or language_of(text)
    if lang is None:
        raise InputError("cannot tell whether the text is English or Chinese; pass --lang",
                         path=where)
    if args.lang and language_of(text) is None:
        text = part_of_record(text, args.lang, where)
    sentences = segment(text, lang)
    with open_output(args.output) as stream:
        for s in sentences:
            if args.format == "jsonl":
                record = {"text": s.text, "start": s.start, "end": s.end}
                stream.write(json.dumps(record, ensure_ascii=False) + "\n")
            else:
                stream.write(" ".join(s.text.splitlines()) + "\n")
    return 0
