"""The lexical aligner end to end: coverage, merges, omissions, anchors, glossary, confidences.

All fixtures are written for these tests (plus the project's seed record).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aligner.align import align_sentences
from aligner.model import Glossary, Link, Term

SEED = Path(__file__).resolve().parents[1] / "seeds" / "000_c7586fac1e89b2ba.txt"

# A made-up trial report. EN 2 and 3 are one Chinese sentence; EN 5 has no translation.
EN = [
    "We enrolled 412 patients with advanced gastric cancer at 23 hospitals.",
    "Patients were randomly assigned to receive chemotherapy or placebo.",
    "The primary end point was overall survival.",
    "Secondary end points included safety and quality of life.",
    "The median follow-up was 31.5 months.",
    "We thank the nurses and the families who took part in this study.",
    "Overall survival was longer in the chemotherapy group than in the placebo group.",
    "Serious adverse events occurred in 18% of the patients.",
]
ZH = [
    "我们在23家医院纳入了412例晚期胃癌患者。",
    "患者被随机分配接受化疗或安慰剂。",
    "主要终点为总生存期，次要终点包括安全性和生活质量。",
    "中位随访时间为31.5个月。",
    "化疗组的总生存期长于安慰剂组。",
    "18%的患者发生了严重不良事件。",
]
EXPECTED = [
    ((0,), (0,)),
    ((1,), (1,)),
    ((2, 3), (2,)),
    ((4,), (3,)),
    ((5,), ()),
    ((6,), (4,)),
    ((7,), (5,)),
]


def pairs(links: list[Link]) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    return [(link.en, link.zh) for link in links]


def assert_valid(links: list[Link], n: int, m: int) -> None:
    assert [i for link in links for i in link.en] == list(range(n))
    assert [j for link in links for j in link.zh] == list(range(m))
    assert all(link.en or link.zh for link in links)
    assert all(0.0 <= link.score <= 1.0 for link in links)


def test_merge_and_omission_are_found_exactly():
    assert pairs(align_sentences(EN, ZH)) == EXPECTED


def test_omitted_sentence_gets_a_low_confidence_and_clean_links_a_high_one():
    links = align_sentences(EN, ZH)
    by_pair = {(link.en, link.zh): link.score for link in links}
    assert by_pair[((5,), ())] <= 0.3
    assert min(by_pair[((0,), (0,))], by_pair[((7,), (5,))]) > 0.8


def test_seed_record_gives_five_one_to_one_links():
    from aligner.pipeline import align_document
    from aligner.read import read_seed

    alignment = align_document(read_seed(SEED))
    assert [link.kind for link in alignment.links] == ["1-1"] * 5
    assert pairs(alignment.links) == [((i,), (i,)) for i in range(5)]


def test_numbers_decide_which_sentence_was_dropped_when_lengths_cannot():
    en = [
        "The first group received a dose of 40 mg per day for 120 days.",
        "The second group received a dose of 80 mg per day for 230 days.",
        "The third group received a dose of 60 mg per day for 310 days.",
    ]
    zh = ["第一组接受每日40 mg剂量，持续120天。", "第三组接受每日60 mg剂量，持续310天。"]
    expected = [((0,), (0,)), ((1,), ()), ((2,), (1,))]
    assert pairs(align_sentences(en, zh, use_dictionary=False)) == expected
    assert pairs(align_sentences(en, zh)) == expected


def test_full_width_digits_and_thousands_separators_match_ascii_numbers():
    en = [
        "Of the 1,024 samples collected, 512 were positive for the virus.",
        "All samples were stored at minus 80 degrees until analysis.",
    ]
    zh = ["全部样本在分析前均于零下８０度保存。"]
    assert pairs(align_sentences(en, zh, use_dictionary=False)) == [((0,), ()), ((1,), (0,))]
    zh = ["在收集的１，０２４份样本中，５１２份病毒检测呈阳性。"]
    assert pairs(align_sentences(en, zh, use_dictionary=False)) == [((0,), (0,)), ((1,), ())]


def test_latin_tokens_decide_where_a_split_sentence_belongs():
    en = [
        "The EMA approved the drug for children in Europe.",
        "The FDA followed one year later and approved it for adults in America.",
    ]
    zh = ["EMA批准该药用于欧洲儿童。", "一年后FDA跟进，", "批准其用于美国成人。"]
    expected = [((0,), (0,)), ((1,), (1, 2))]
    assert pairs(align_sentences(en, zh, use_dictionary=False)) == expected
    assert pairs(align_sentences(en, zh)) == expected
    # the same fragment without its Latin anchor: length alone attaches it to the first sentence
    zh[1] = "一年后跟进，"
    assert pairs(align_sentences(en, zh, use_dictionary=False)) != expected


def test_glossary_term_pulls_a_fragment_to_its_sentence():
    en = [
        "These cells grow quickly in culture and keep their killing activity.",
        "They are an off-the-shelf product.",
    ]
    zh = ["这些细胞在培养中生长迅速，并保持杀伤活性。", "即用型产品。", "它们是一种产品。"]
    glossary = Glossary([Term("off-the-shelf", "即用型")])
    expected = [((0,), (0,)), ((1,), (1, 2))]
    assert pairs(align_sentences(en, zh, glossary=glossary, use_dictionary=False)) == expected
    assert pairs(align_sentences(en, zh, use_dictionary=False)) != expected


def test_dictionary_translations_pair_sentences_with_no_shared_symbols():
    en = ["The patients were treated in the hospital.", "The weather was cold and wet."]
    zh = ["天气又冷又湿。"]
    assert pairs(align_sentences(en, zh)) == [((0,), ()), ((1,), (0,))]


def test_traditional_chinese_finds_dictionary_anchors_too():
    from aligner.align.dictionary import en_zh_index
    from aligner.align.features import extract

    feats = extract(["The weather was cold."], ["天氣很冷。"], dictionary=en_zh_index())
    assert len(feats.en_types[0]) == 2  # weather, cold
    assert set(feats.en_types[0].tolist()) <= set(feats.zh_types[0].tolist())
    en = ["The hospital bought new equipment for the laboratory.", "The weather was cold."]
    assert pairs(align_sentences(en, ["天氣很冷。"])) == [((0,), ()), ((1,), (0,))]


def test_tokenised_lowercased_english_aligns_like_running_text():
    tokenised = [
        "we enrolled 412 patients with advanced gastric cancer at 23 hospitals .",
        "patients were randomly assigned to receive chemotherapy or placebo .",
        "the primary end point was overall survival .",
        "secondary end points included safety and quality of life .",
        "the median follow @-@ up was 31.5 months .",
        "we thank the nurses and the families who took part in this study .",
        "overall survival was longer in the chemotherapy group than in the placebo group .",
        "serious adverse events occurred in 18 % of the patients .",
    ]
    assert pairs(align_sentences(tokenised, ZH)) == EXPECTED


@pytest.mark.parametrize(("n", "m"), [(0, 0), (0, 3), (4, 0)])
def test_an_empty_side_gives_only_empty_links(n, m):
    links = align_sentences(EN[:n], ZH[:m])
    assert_valid(links, n, m)
    assert all(link.kind == ("1-0" if n else "0-1") for link in links)


EN_WORDS = ["patient", "cell", "dose", "trial", "2019", "FDA", "CAR-NK", "survival", "the", "of"]
ZH_CHUNKS = ["患者", "细胞", "剂量", "试验", "2019", "FDA", "CAR-NK", "生存", "的", "。", "，"]
en_sentence = st.lists(st.sampled_from(EN_WORDS), min_size=0, max_size=25).map(" ".join)
zh_sentence = st.lists(st.sampled_from(ZH_CHUNKS), min_size=0, max_size=20).map("".join)


def check_coverage(en: list[str], zh: list[str]) -> None:
    assert_valid(align_sentences(en, zh), len(en), len(zh))


@settings(max_examples=200, deadline=None)
@given(st.lists(en_sentence, max_size=30), st.lists(zh_sentence, max_size=30))
def test_every_sentence_is_in_exactly_one_link_in_order(en, zh):
    check_coverage(en, zh)


@pytest.mark.slow
@settings(max_examples=10_000, deadline=None)
@given(st.lists(en_sentence, max_size=60), st.lists(zh_sentence, max_size=60))
def test_every_sentence_is_in_exactly_one_link_in_order_many_cases(en, zh):
    check_coverage(en, zh)
