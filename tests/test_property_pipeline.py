"""Nothing lost, nothing altered, on arbitrary Unicode: segmenter offsets cover the text with
only whitespace between sentences, every sentence lands in exactly one link in order, and any
bytes given to a reader become a Document or an InputError, never another exception.

Budgets come from the hypothesis profile (tests/conftest.py): 60 examples per property in the
default run, 10,000 with ``ALIGNER_HYPOTHESIS_PROFILE=thorough``.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aligner.model import Document, InputError
from aligner.pipeline import align_document
from aligner.read import iter_documents, read_pair, read_path
from aligner.read.seed import parse_seed
from aligner.segment import segment_en, segment_zh

SEED = Path(__file__).resolve().parents[1] / "seeds" / "000_c7586fac1e89b2ba.txt"

# Pieces that drive the segmenters' and readers' rules, mixed into arbitrary text: sentence ends
# of both languages, quotes, brackets, abbreviations, numbers, markup, controls and odd spaces.
PIECES = [
    ". ", "。", "！", "？", "…", "?!", "”", "“", "\"", "'", "（", "）", "(", ")", "《", "》", "；",
    "e.g. ", "et al. ", "Fig. 2", "U.S. FDA", "24 h.", "1) ", "(A) ", "3.5", "１２．５", "%",
    "\n", "\n\n", "\r\n", "\t", "\u3000", "\u00a0", "\u2028", "\x0b", "\x1c", "\u200b", "\ufeff",
    "<sup>2</sup>", "&amp;", "CAR-T", "iPSC", "IL-15", "细胞", "被激活", "T细胞", "患者",
    "The cells were activated", " patients ", "Ω", "é", "😀", "\U00020000",
]
mixed_text = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=8)),
                      max_size=60).map("".join)
any_text = st.one_of(st.text(max_size=300), mixed_text)


def assert_covers(text: str, sentences) -> None:
    """Sentences are non-empty, stripped, in order, index the text; only whitespace between."""
    pos = 0
    for s in sentences:
        assert s.text and s.text == s.text.strip(), s
        assert text[s.start:s.end] == s.text, s
        assert s.start >= pos, "overlap or disorder"
        assert text[pos:s.start].strip() == "", f"non-whitespace dropped: {text[pos:s.start]!r}"
        pos = s.end
    assert text[pos:].strip() == "", f"non-whitespace dropped at the end: {text[pos:]!r}"


@given(any_text)
def test_english_segmenter_covers_any_unicode_text(text):
    assert_covers(text, segment_en(text))


@given(any_text)
def test_chinese_segmenter_covers_any_unicode_text(text):
    assert_covers(text, segment_zh(text))


def assert_links_cover(alignment) -> None:
    en = [i for link in alignment.links for i in link.en]
    zh = [j for link in alignment.links for j in link.zh]
    assert en == list(range(len(alignment.en)))
    assert zh == list(range(len(alignment.zh)))
    assert all(link.en or link.zh for link in alignment.links)
    assert all(0.0 <= link.score <= 1.0 for link in alignment.links)


# documents of 0-40 sentences, so the DP's merges, omissions and band are exercised too
en_document = st.lists(st.one_of(mixed_text, st.text(max_size=30)), max_size=40).map(". ".join)
zh_document = st.lists(st.one_of(mixed_text, st.text(max_size=15)), max_size=40).map("。".join)


@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.one_of(any_text, en_document), st.one_of(any_text, zh_document))
def test_lexical_alignment_puts_every_sentence_in_one_link_in_order(en, zh):
    doc = Document(id="p", en=en, zh=zh)
    alignment = align_document(doc)
    assert_links_cover(alignment)
    assert_covers(en, alignment.en)
    assert_covers(zh, alignment.zh)


# --- readers: any bytes -> Document or InputError --------------------------------------------

seed_bytes = SEED.read_bytes()


@st.composite
def mutated_seed(draw) -> bytes:
    """The seed with a few bytes replaced, inserted or deleted: near-valid input reaches
    deeper into the parser than random bytes do."""
    data = bytearray(seed_bytes)
    for _ in range(draw(st.integers(1, 8))):
        at = draw(st.integers(0, len(data)))
        op = draw(st.sampled_from(["replace", "insert", "delete", "truncate"]))
        chunk = draw(st.binary(min_size=1, max_size=4))
        if op == "replace":
            data[at:at + len(chunk)] = chunk
        elif op == "insert":
            data[at:at] = chunk
        elif op == "delete":
            del data[at:at + len(chunk)]
        else:
            del data[at:]
    return bytes(data)


# JSON can carry what UTF-8 cannot: `"\ud800"` escapes decode to unpaired surrogates
any_chars = st.text(st.characters(exclude_categories=()), max_size=40)
json_record = st.fixed_dictionaries(
    {"id": st.one_of(any_chars, st.integers(), st.none()), "en": st.one_of(any_chars, mixed_text),
     "zh": st.one_of(any_chars, mixed_text, st.lists(any_chars, max_size=3))},
    optional={"meta": st.dictionaries(any_chars, any_chars, max_size=2)},
).map(lambda r: json.dumps(r).encode() + b"\n")

any_bytes = st.one_of(st.binary(max_size=400), mutated_seed(), json_record,
                      st.text(max_size=300).map(lambda t: t.encode("utf-8")),
                      mixed_text.map(lambda t: t.encode("utf-8")))


def read_or_refuse(path: Path) -> list[Document | InputError]:
    items = list(iter_documents([path]))
    for item in items:
        assert isinstance(item, Document | InputError), type(item)
        if isinstance(item, InputError):
            assert str(path) in str(item) and "\n" not in str(item)
        else:  # every writer can write what a reader accepted
            (item.id + item.en + item.zh).encode("utf-8")
    return items


@given(any_bytes, st.sampled_from([".txt", ".jsonl", ".tsv"]))
def test_any_bytes_in_a_record_or_corpus_file_are_read_or_refused(tmp_path_factory, data, ext):
    path = tmp_path_factory.mktemp("any") / f"r{ext}"
    path.write_bytes(data)
    read_or_refuse(path)
    try:
        read_path(path)
    except InputError:
        pass


@given(any_bytes, st.booleans())
def test_any_bytes_in_a_gzipped_corpus_are_read_or_refused(tmp_path_factory, data, compress):
    path = tmp_path_factory.mktemp("gz") / "c.jsonl.gz"
    path.write_bytes(gzip.compress(data) if compress else data)
    read_or_refuse(path)


@given(any_bytes, any_bytes, st.booleans())
def test_any_bytes_in_a_file_pair_are_read_or_refused(tmp_path_factory, en, zh, presplit):
    folder = tmp_path_factory.mktemp("pair")
    (folder / "a.en.txt").write_bytes(en)
    (folder / "a.zh.txt").write_bytes(zh)
    try:
        doc = read_pair(folder / "a.en.txt", folder / "a.zh.txt", presplit=presplit)
    except InputError as error:
        assert "\n" not in str(error)
        return
    if doc.en_sentences is not None:
        assert_covers(doc.en, doc.en_sentences)
        assert_covers(doc.zh, doc.zh_sentences)


@given(any_text)
def test_seed_parser_takes_any_text(text):
    try:
        doc = parse_seed(text, id="x", source="x.txt")
    except InputError as error:
        assert str(error).startswith("x.txt: ")
        return
    # nothing invented: every English and Chinese line comes from the input
    lines = {line.strip() for line in text.split("\n")}
    assert all(line in lines for line in doc.en.split("\n"))
    assert all(line in lines for line in doc.zh.split("\n"))
