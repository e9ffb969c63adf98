"""Chinese segmentation and jieba word helper: one named case per behaviour, plus the offsets
invariant. All texts are written for these tests; none come from the evaluation data."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from segment_fixtures import assert_offsets_invariant

from aligner.segment import segment_zh
from aligner.segment.words import add_words, zh_words

SEED = Path(__file__).resolve().parents[1] / "seeds" / "000_c7586fac1e89b2ba.txt"

CASES: dict[str, tuple[str, list[str]]] = {
    "full_stop_ends_sentence": (
        "细胞在冰上裂解。随后提取蛋白质。",
        ["细胞在冰上裂解。", "随后提取蛋白质。"],
    ),
    "question_and_exclamation_end_sentences": (
        "这种药有效吗？有效！试验仍在继续。",
        ["这种药有效吗？", "有效！", "试验仍在继续。"],
    ),
    "semicolon_never_ends_sentence": (
        "第一组接受药物；第二组接受安慰剂。两组均耐受良好。",
        ["第一组接受药物；第二组接受安慰剂。", "两组均耐受良好。"],
    ),
    "closing_quote_stays_with_full_stop": (
        "护士说：“请休息。”她离开了病房。",
        ["护士说：“请休息。”", "她离开了病房。"],
    ),
    "question_mark_quote_and_full_stop_stay_together": (
        "他问：“结果可靠吗？”。没有人回答。",
        ["他问：“结果可靠吗？”。", "没有人回答。"],
    ),
    "closing_bracket_stays_with_full_stop": (
        "剂量已下调（见表2。）后续队列未见毒性。",
        ["剂量已下调（见表2。）", "后续队列未见毒性。"],
    ),
    "title_marks_are_never_split": (
        "我们读了《肿瘤！免疫？》这本书吗？读了！",
        ["我们读了《肿瘤！免疫？》这本书吗？", "读了！"],
    ),
    "decimal_point_is_not_a_boundary": (
        "平均剂量为3.5 mg，范围为1.2-4.8 mg。差异很小。",
        ["平均剂量为3.5 mg，范围为1.2-4.8 mg。", "差异很小。"],
    ),
    "full_width_decimal_point_is_not_a_boundary": (
        "降幅为４．１７％。已达标。",
        ["降幅为４．１７％。", "已达标。"],
    ),
    "domain_name_is_not_a_boundary": (
        "数据见 example.org 网站。代码可索取。",
        ["数据见 example.org 网站。", "代码可索取。"],
    ),
    "half_width_period_in_chinese_context": (
        "细胞被裂解.随后提取蛋白质.",
        ["细胞被裂解.", "随后提取蛋白质."],
    ),
    "half_width_exclamation_and_question_in_chinese_context": (
        "有效吗?有效!继续试验。",
        ["有效吗?", "有效!", "继续试验。"],
    ),
    "latin_abbreviation_inside_chinese": (
        "多种细胞因子(e.g. IL-6)升高。其余不变。",
        ["多种细胞因子(e.g. IL-6)升高。", "其余不变。"],
    ),
    "latin_name_with_exclamation_inside_chinese": (
        "她在Yahoo!工作多年。后来离职。",
        ["她在Yahoo!工作多年。", "后来离职。"],
    ),
    "latin_sentence_end_before_chinese": (
        "结果见 Fig. 2 and Table 1. 其余数据见附录。",
        ["结果见 Fig. 2 and Table 1.", "其余数据见附录。"],
    ),
    "half_width_brackets_and_commas_as_in_the_seed": (
        "嵌合抗原受体(CAR)修饰的细胞,已获批准。它们很有效。",
        ["嵌合抗原受体(CAR)修饰的细胞,已获批准。", "它们很有效。"],
    ),
    "latin_abbreviation_inside_brackets": (
        "收缩压降幅更大（－12.5 mmHg vs.－4.1 mmHg）。达标者更多。",
        ["收缩压降幅更大（－12.5 mmHg vs.－4.1 mmHg）。", "达标者更多。"],
    ),
    "half_width_period_inside_brackets_continues": (
        "见说明（剂量减半.其余不变）后继续。结束。",
        ["见说明（剂量减半.其余不变）后继续。", "结束。"],
    ),
    "long_ellipsis_ends_sentence": (
        "他犹豫了……最后同意了。",
        ["他犹豫了……", "最后同意了。"],
    ),
    "single_ellipsis_before_chinese_ends_sentence": (
        "他犹豫了…最后同意了。",
        ["他犹豫了…", "最后同意了。"],
    ),
    "single_ellipsis_mark_continues": (
        "数值为1、2…10。均为整数。",
        ["数值为1、2…10。", "均为整数。"],
    ),
    "comma_after_terminal_continues": (
        "“好！”，他说。",
        ["“好！”，他说。"],
    ),
    "traditional_characters": (
        "這種藥物已獲批准。醫生們很滿意。",
        ["這種藥物已獲批准。", "醫生們很滿意。"],
    ),
    "whitespace_between_sentences_is_dropped": (
        "第一句。 \n 第二句。",
        ["第一句。", "第二句。"],
    ),
    "blank_line_separates_paragraphs": (
        "背景\n\n方法为标准方法。",
        ["背景", "方法为标准方法。"],
    ),
    "no_terminal_punctuation": ("没有句号的标题", ["没有句号的标题"]),
    "latin_only_text_uses_english_rules": (
        "Visit example.com. Then write to Dr. Wu.",
        ["Visit example.com.", "Then write to Dr. Wu."],
    ),
    "numbered_steps_inside_a_sentence": (
        "步骤如下：1.清洗样本；2.提取核酸；3.上机检测。结果见表1。",
        ["步骤如下：1.清洗样本；2.提取核酸；3.上机检测。", "结果见表1。"],
    ),
    "numbered_steps_with_full_width_points": (
        "流程为：１．称重；２．溶解。随后过滤。",
        ["流程为：１．称重；２．溶解。", "随后过滤。"],
    ),
    "numbered_items_after_a_stop": (
        "注意事项如下。1.避光保存。2.低温运输。",
        ["注意事项如下。", "1.避光保存。", "2.低温运输。"],
    ),
    "leading_ellipsis_stays_with_its_sentence": (
        "……患者随后好转。医生很满意。",
        ["……患者随后好转。", "医生很满意。"],
    ),
    "full_width_point_as_decimal": (
        "浓度为2．5毫克。效果明显。",
        ["浓度为2．5毫克。", "效果明显。"],
    ),
    "full_width_point_as_stop": (
        "实验已完成．数据正在分析．",
        ["实验已完成．", "数据正在分析．"],
    ),
    "empty_text": ("", []),
}


@pytest.mark.parametrize("name", list(CASES))
def test_golden_case(name: str) -> None:
    text, expected = CASES[name]
    assert [s.text for s in segment_zh(text)] == expected


@pytest.mark.parametrize("name", list(CASES))
def test_offsets_index_the_original_text(name: str) -> None:
    text, _ = CASES[name]
    assert_offsets_invariant(text, segment_zh(text))


def test_seed_chinese_gives_five_sentences() -> None:
    chinese = SEED.read_text(encoding="utf-8").splitlines()[4]
    sentences = segment_zh(chinese)
    assert len(sentences) == 5
    assert "美国 FDA" in sentences[0].text
    assert "“即用型”产品。" in sentences[3].text
    assert_offsets_invariant(chinese, sentences)


_ALPHABET = st.sampled_from(
    list("细胞药物试验。！？；，、“”‘’（）《》()[]…!?.,:0123456789 \n\tAbc")
    + ["e.g. ", "3.5", "……", "？”。"]
)
_TEXT = st.lists(_ALPHABET, max_size=80).map("".join)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_TEXT)
def test_offsets_invariant_on_generated_text(text: str) -> None:
    assert_offsets_invariant(text, segment_zh(text))


@settings(max_examples=10_000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(_TEXT, st.text(max_size=200)))
def _invariant_at_length(text: str) -> None:
    assert_offsets_invariant(text, segment_zh(text))


@pytest.mark.slow
def test_offsets_invariant_on_generated_text_at_length(request: pytest.FixtureRequest) -> None:
    if "slow" not in (request.config.getoption("markexpr") or ""):
        pytest.skip("10,000 examples: select with -m slow")
    _invariant_at_length()


def test_zh_words_keep_every_character_except_whitespace() -> None:
    text = "诱导多能干细胞 衍生的自然杀伤细胞。"
    words = zh_words(text)
    assert len(words) > 3
    assert "".join(words) == text.replace(" ", "")
    assert all(w.strip() == w and w for w in words)


def test_added_words_stay_whole() -> None:
    text = "可作为标准化和“即用型”产品，如CAR-iNK细胞。"
    add_words(["即用型", "CAR-iNK"])
    words = zh_words(text)
    assert "即用型" in words
    assert "CAR-iNK" in words


def test_add_words_is_idempotent_and_skips_blank_or_spaced_terms() -> None:
    assert add_words(["靶向递送系统X1"]) == 1
    assert add_words(["靶向递送系统X1", "  ", "two words"]) == 0
