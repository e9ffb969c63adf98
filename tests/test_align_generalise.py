"""Anchors and link types that make alignment hold on record shapes the dev sets lack.

Every sentence here is written for these tests (no evaluation-set text): structured abstracts
with section labels, headings between 1-1 pairs, numbers as words, statistics written two ways,
Traditional Chinese, a Chinese title closed by a half-width stop, one Chinese sentence for many
English ones.
"""

from __future__ import annotations

import dataclasses
import json
from importlib import resources

import opencc
import pytest

from aligner.align import align_sentences
from aligner.align.costs import FALLBACK, FITTED_PARAMS, CostParams, link_types_for
from aligner.align.features import FeatureWeights
from aligner.align.text import (
    en_is_heading,
    en_number_words,
    en_section_labels,
    en_units,
    numbers,
    zh_is_heading,
    zh_numerals,
    zh_section_labels,
    zh_units,
)
from aligner.model import Glossary, Term


def links(en, zh, **kw):
    return [(list(link.en), list(link.zh)) for link in align_sentences(en, zh, **kw)]


def one_to_one(n):
    return [([i], [i]) for i in range(n)]


# --- the anchor functions -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Twenty-eight patients withdrew.", ["28"]),
        ("twenty eight of them", ["28"]),
        ("Two groups and three arms", ["2", "3"]),
        ("three hundred mice", ["300"]),
        ("one of the patients", []),  # "one" alone is a pronoun as often as a count
        ("Someone often stone", []),  # whole words only
    ],
)
def test_english_number_words_become_digits(text, expected):
    assert en_number_words(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("二十八例患者退出", ["28"]),
        ("两组之间", ["2"]),
        ("共一百零五名受试者", ["105"]),
        ("三万份样本", ["30000"]),
        ("第二组", []),  # an ordinal, not a count
        ("统一标准和一些问题", []),  # 一 inside words
        ("两者均可", []),  # 两 without a measure word
    ],
)
def test_chinese_numerals_before_measure_words_become_digits(text, expected):
    assert zh_numerals(text) == expected


def test_statistics_written_two_ways_meet():
    assert numbers("P<.05; r=0.50") == numbers("P<0.05，r=0.5") == ["0.05", "0.5"]
    assert numbers("95% CI 1.12-2.87") == ["95", "1.12", "2.87"]


def test_units_after_numbers_meet_in_latin_or_chinese():
    assert en_units("given at 5 mg/kg for 12 h; 2 µg/mL") == {"mg", "kg", "h", "μg", "ml"}
    assert zh_units("按5毫克/公斤给药12小时，2 μg/ml") == {"mg", "kg", "h", "μg", "ml"}
    assert zh_units("克服困难，分析数据") == set()  # no number before: words, not units
    assert en_units("and/or in 2019") == set()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Methods We enrolled adults.", {"methods"}),
        ("METHODS: a cohort study.", {"methods"}),
        ("Objective", {"objective"}),
        ("The diet lowered salt intake.Results Blood pressure fell.", {"results"}),
        ("Results were similar in both arms.", set()),  # prose, not a label
        ("We chose the design carefully.", set()),
    ],
)
def test_english_section_labels(text, expected):
    assert en_section_labels(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("方法 我们纳入了成人患者。", {"methods"}),
        ("【结果】血压下降。", {"results"}),
        ("目的：评价低盐饮食。", {"objective"}),
        ("结论", {"conclusions"}),
        ("结果显示血压下降。", set()),  # "the results show": prose
        ("肾功能的影响. 背景 高盐饮食常见。", {"background"}),  # after a run-in title
    ],
)
def test_chinese_section_labels_need_a_separator(text, expected):
    assert zh_section_labels(text) == expected


def test_heading_lines_are_recognised_on_both_sides():
    assert en_is_heading("Oversight of the trial")
    assert not en_is_heading("The trial was overseen by a board.")
    assert not en_is_heading("and along with a fever")  # lower-case: speech, not a heading
    assert zh_is_heading("试验的监督")
    assert not zh_is_heading("试验由委员会监督。")
    assert zh_is_heading("低盐饮食对肾功能的影响. 目的 评价低盐饮食。")  # run-in title
    assert not zh_is_heading("剂量为1.5 mg/kg，每日一次。")  # a decimal point is no title stop


# --- alignment on records of these shapes ---------------------------------------------------

ARTICLE_EN = [
    "We enrolled 240 adults with chronic kidney disease at four hospitals.",
    "Oversight of the trial",
    "An independent board reviewed the safety data every six months.",
    "The sponsor had no role in the analysis.",
    "Who could take part",
    "Adults aged 40 to 75 years with stable kidney function were eligible.",
    "Patients receiving dialysis were excluded.",
]
ARTICLE_ZH = [
    "我们在四家医院纳入了240例慢性肾病成人患者。",
    "试验的监督",
    "独立委员会每六个月审查一次安全性数据。",
    "申办方未参与数据分析。",
    "受试者入选",
    "年龄40～75岁、肾功能稳定的成人符合入选条件。",
    "正在接受透析的患者被排除。",
]


def test_headings_between_one_to_one_pairs_stay_one_to_one():
    assert links(ARTICLE_EN, ARTICLE_ZH) == one_to_one(len(ARTICLE_EN))


STRUCTURED_EN = [
    "Objective",
    "To assess whether a low-salt diet slows the decline of kidney function.",
    "Methods",
    "Twenty-eight patients were assigned to the diet and 30 to usual care.",
    "Kidney function was measured every three months for two years.",
    "Results",
    "The decline was slower with the diet (hazard ratio 0.62, 95% CI 0.41-0.93; P=.02).",
    "Conclusions",
    "A low-salt diet may protect kidney function.",
]
STRUCTURED_ZH = [
    "目的",
    "评估低盐饮食能否延缓肾功能下降。",
    "方法",
    "二十八例患者被分配至饮食组，30例至常规治疗组。",
    "每三个月测量一次肾功能，共两年。",
    "结果",
    "饮食组肾功能下降较慢（风险比0.62，95% CI 0.41~0.93；P=0.02）。",
    "结论",
    "低盐饮食可能保护肾功能。",
]


def test_structured_abstract_labels_on_their_own_lines_align_one_to_one():
    assert links(STRUCTURED_EN, STRUCTURED_ZH) == one_to_one(len(STRUCTURED_EN))


def test_traditional_chinese_aligns_like_simplified_and_keeps_its_text():
    traditional = [opencc.OpenCC("s2t").convert(s) for s in STRUCTURED_ZH]
    assert traditional != STRUCTURED_ZH
    result = align_sentences(STRUCTURED_EN, traditional)
    assert [(list(x.en), list(x.zh)) for x in result] == one_to_one(len(STRUCTURED_EN))


def test_glossary_terms_match_traditional_chinese_through_the_simplified_view():
    from aligner.align.features import extract

    glossary = Glossary([Term(en="low-salt diet", zh="低盐饮食")])
    en = ["A low-salt diet was given.", "Blood was drawn weekly."]
    zh = ["給予低鹽飲食。", "每週抽血一次。"]

    def term_evidence(weights):
        f = extract(en, zh, dictionary=None, glossary=glossary, weights=weights)
        return [len(t) for t in f.zh_types]

    assert term_evidence(FeatureWeights()) == [1, 0]
    assert term_evidence(FeatureWeights(traditional=False)) == [0, 0]


def test_section_labels_anchor_label_lines_to_chinese_run_in_labels():
    """English labels on lines of their own, Chinese labels starting the section's first
    sentence: each label joins its sentence in a 2-1 link, rather than going unmatched."""
    zh = [
        "目的 " + STRUCTURED_ZH[1],
        "方法 " + STRUCTURED_ZH[3],
        STRUCTURED_ZH[4],
        "结果 " + STRUCTURED_ZH[6],
        "结论 " + STRUCTURED_ZH[8],
    ]
    gold = [([0, 1], [0]), ([2, 3], [1]), ([4], [2]), ([5, 6], [3]), ([7, 8], [4])]
    assert links(STRUCTURED_EN, zh) == gold
    assert links(STRUCTURED_EN, zh, weights=FeatureWeights(section=0.0)) != gold


def test_title_run_into_the_first_chinese_sentence_is_one_link_with_it():
    en = ["A low-salt diet and kidney function", *STRUCTURED_EN[1:2], *STRUCTURED_EN[3:5]]
    zh = ["低盐饮食与肾功能. " + STRUCTURED_ZH[1], *STRUCTURED_ZH[3:5]]
    assert links(en, zh) == [([0, 1], [0]), ([2], [1]), ([3], [2])]


def test_one_chinese_sentence_may_carry_many_english_ones():
    en = [
        "Mice were kept in groups of four.",
        "Food was given freely.",
        "Water was given freely.",
        "Lights were on for 12 hours a day.",
        "Cages were cleaned every week.",
        "The room was kept at 22 degrees.",
        "Tumour size was measured twice a week.",
    ]
    zh = [
        "小鼠每笼4只，自由进食和饮水，每日光照12小时，每周清洁笼具，室温保持在22度。",
        "每周测量两次肿瘤大小。",
    ]
    params = CostParams(max_en=6)
    assert links(en, zh, params=params) == [([0, 1, 2, 3, 4, 5], [0]), ([6], [1])]
    # with five at most, the search cannot express it
    assert links(en, zh, params=dataclasses.replace(params, max_en=5)) != [
        ([0, 1, 2, 3, 4, 5], [0]),
        ([6], [1]),
    ]


def test_number_words_are_weak_anchors_not_strong_ones():
    """A strong anchor left unmatched makes a merge dearer; "two" is often translated without a
    numeral (俩, 双), so number words must not count as strong."""
    from aligner.align.dictionary import en_zh_index
    from aligner.align.features import extract

    f = extract(["Two men came."], ["俩人来了。"], dictionary=en_zh_index())
    word_types = f.en_types[0][~f.strong[f.en_types[0]]]
    assert len(word_types) == len(f.en_types[0])
    off = extract(
        ["Two men came."],
        ["俩人来了。"],
        dictionary=en_zh_index(),
        weights=FeatureWeights(number_words=False),
    )
    assert len(off.en_types[0]) == len(f.en_types[0]) - 1


# --- link types and fitted constants --------------------------------------------------------


def test_link_types_follow_the_limits():
    types = link_types_for(9, 3)
    assert (9, 1) in types and (10, 1) not in types
    assert (1, 3) in types and (1, 4) not in types
    assert {(2, 2), (3, 2), (2, 3)} <= set(types)
    penalties = CostParams(max_en=9, max_zh=3, per_extra=0.5).penalties
    assert penalties[(9, 1)] == pytest.approx(4.0)
    assert penalties[(1, 1)] == 0.0


def test_fitted_constants_are_known_cost_params_with_their_refit_script():
    names = {f.name for f in dataclasses.fields(CostParams)}
    assert set(FALLBACK) == names
    fitted = json.loads(resources.files("aligner.data").joinpath(FITTED_PARAMS).read_text())
    assert fitted["fitted_by"].startswith("bench/fit_costs.py")
    assert set(fitted["params"]) <= names
    assert {k: getattr(CostParams(), k) for k in fitted["params"]} == fitted["params"]
