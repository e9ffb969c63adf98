"""QA checks: injected errors are found, clean text (the seed) gives nothing."""

from __future__ import annotations

import pytest
from score_fixtures import make_doc, one_to_one, seed_document, seed_sentences

from aligner.model import Alignment, Link
from aligner.score import score_document
from aligner.score.glossary import default_glossary
from aligner.score.numbers import en_values, zh_values
from aligner.score.qa import CheckScorer, acronyms, balanced


def findings(en: list[str], zh: list[str], **kwargs):
    return CheckScorer(default_glossary(), **kwargs).score(one_to_one(make_doc("d", en, zh))
                                                           ).findings


def checks_of(en: str, zh: str) -> list[str]:
    return [f.check for f in findings([en], [zh])]


def injected(link: int, old: str, new: str) -> Alignment:
    en, zh = seed_sentences()
    assert old in zh[link]
    zh[link] = zh[link].replace(old, new, 1)
    return one_to_one(make_doc("injected", en, zh))


def test_clean_seed_gives_no_findings_at_all():
    score = score_document(one_to_one(seed_document()))
    assert score.findings == []


def test_changed_number_is_found_on_its_link():
    score = score_document(injected(0, "六种", "七种"))
    assert [(f.link, f.check) for f in score.findings] == [(0, "numbers")]


def test_changed_digit_is_reported_on_both_sides():
    (f,) = findings(["Survival was 85.3% at 3 years."], ["3年生存率为86.3%。"])
    assert f.check == "numbers" and "85.3" in f.message and "86.3" in f.message


def test_dropped_acronym_is_found_with_its_name():
    score = score_document(injected(1, "CAR-T 细胞", "细胞"))
    assert [(f.link, f.check, f.text) for f in score.findings] == [(1, "acronym", "CAR-T")]


def test_sentence_left_in_english_is_found():
    en, zh = seed_sentences()
    zh[2] = en[2]
    score = score_document(one_to_one(make_doc("d", en, zh)))
    assert {f.check for f in score.findings if f.link == 2} >= {"untranslated"}
    assert {f.link for f in score.findings} == {2}


def test_forbidden_term_is_found_by_score_document():
    score = score_document(injected(3, "即用型", "现成的"), default_glossary())
    assert [(f.link, f.check) for f in score.findings] == [(3, "term-forbidden")]


def test_acronym_glued_to_chinese_counts_as_kept():
    assert checks_of("Approved by the FDA in 2017.", "2017年获FDA批准。") == []


def test_acronym_missing_when_glued_text_lacks_it():
    assert checks_of("Approved by the FDA in 2017.", "2017年获批准。") == ["acronym"]


def test_glossary_variant_of_an_acronym_is_accepted():
    assert checks_of("Approved by the FDA.", "获美国食品药品监督管理局批准。") == []


def test_gene_names_keep_their_numbers_and_hyphen_variants_are_equal():
    assert acronyms("IL-15 armored CAR-T cells and anti-PD-1 with iPSC-derived NK") == [
        "IL-15", "CAR-T", "PD-1", "iPSC", "NK"]
    assert checks_of("IL-15 armored CAR-T cells.", "IL15武装的CAR T细胞。") == []
    # the digits of a name are the acronym check's business (found once, as a look-alike)
    (f,) = findings(["IL-15 armored cells."], ["IL-1武装的细胞。"])
    assert (f.check, f.severity) == ("acronym", "error") and "IL-1" in f.message


def test_roman_numerals_and_dotted_abbreviations_are_not_acronyms():
    assert acronyms("a phase III trial in the U.S. and e.g. Fig. 2") == []


def test_fullwidth_digits_ranges_and_percent_normalise():
    assert checks_of("Rates were 12% to 15% (range, 0.34 to 0.77).",
                     "比率为１２％～１５％（范围，0.34–0.77）。") == []


def test_thousands_separators_and_wan_multiplier():
    assert checks_of("It affected 130,000 patients and 8,400 children.",
                     "影响了13万名患者和8400名儿童。") == []


def test_number_words_on_either_side_satisfy_digits():
    assert checks_of("six CAR-T cell products in three cycles", "6种CAR-T细胞产品，3个周期") == []
    assert checks_of("6 products on day 12", "六种产品，第十二日") == []
    assert checks_of("twice weekly in September 2023", "2023年9月，每周2次") == []


def test_number_word_values():
    assert {"6", "2"} <= en_values("six times, twice")
    assert {"6", "12", "2018", "130000"} <= zh_values("六种，十二，二〇一八，13万")


def test_chinese_punctuation_and_fullwidth_brackets_are_not_flagged():
    assert checks_of("Cells (NK) were used; results [see below] were good.",
                     "使用了细胞（NK）；结果【见下文】良好。") == []


def test_unbalanced_chinese_bracket_is_found_when_english_is_balanced():
    assert checks_of("Cells (NK) were used.", "使用了细胞（NK细胞。") == ["brackets"]


def test_bracket_imbalance_shared_with_english_is_not_the_translator_s():
    assert checks_of("Cells (NK were used.", "使用了细胞（NK细胞。") == []


def test_list_markers_are_not_unbalanced_brackets():
    assert balanced("1) 获益；2) 风险") and balanced("a) x, b) y") and not balanced("(x")


def test_english_gloss_in_brackets_is_not_untranslated():
    assert checks_of("adjusted for the household income-to-poverty ratio",
                     "按照收入贫困比（household income to poverty ratio）校正") == []


def test_run_of_english_words_in_chinese_is_untranslated():
    assert checks_of("This was adjusted for age and income.",
                     "按照 age and household income 进行了校正。") == ["untranslated"]


def test_length_far_outside_the_document_norm_is_found():
    en = [f"Sentence {w} describes the results of the trial in some detail here." for w in
          ("alpha", "beta", "gamma", "delta", "kappa", "omega")]
    zh = ["句子描述了本试验的结果，较为详细。"] * 6
    zh[4] = "短。"
    found = [(f.link, f.check) for f in findings(en, zh)]
    assert found == [(4, "length-ratio")]


def test_empty_links_are_reported_both_ways():
    en, zh = ["First sentence here.", "Second sentence here."], ["第一句。", "多出来的一句。"]
    doc = make_doc("d", en, zh)
    links = [Link((0,), (0,), 1.0), Link((1,), (), 0.0), Link((), (1,), 0.0)]
    alignment = Alignment(doc, doc.en_sentences, doc.zh_sentences, links)
    found = CheckScorer().score(alignment).findings
    assert [(f.link, f.check) for f in found] == [(1, "omission"), (2, "omission")]
    assert "no Chinese" in found[0].message and "no English" in found[1].message


def test_selected_checks_only_and_unknown_check_rejected():
    assert [f.check for f in findings(["Approved in 2017 by the FDA."], ["2016年获批准。"],
                                      checks=["numbers"])] == ["numbers"]
    with pytest.raises(ValueError, match="unknown checks"):
        CheckScorer(checks=["spelling"])


def test_findings_dataframe_columns():
    frame = score_document(injected(0, "六种", "七种")).findings_dataframe()
    assert list(frame.columns) == ["doc", "link", "check", "severity", "message", "text",
                                   "accepted"]
    assert frame.loc[0, "check"] == "numbers"


def test_unit_exponents_are_not_numbers():
    assert checks_of("200 mg per square meter", "200 mg/m²") == []
    assert checks_of("200 mg per square meter", "200 mg / m2") == []


def test_counted_one_and_article_yi_are_not_demanded_from_the_english():
    assert checks_of("given every 3 weeks by the last author",
                     "每3周给药1次，由最后一名作者负责") == []
    assert checks_of("given every 3 weeks", "每3周给药2次") == ["numbers"]


def test_flipped_comparison_sign_is_found_and_fullwidth_sign_is_equal():
    assert checks_of("P<0.001 in patients aged ≥18 years", "患者年龄≥18岁，P＜0.001") == []
    (f,) = findings(["patients aged ≥18 years"], ["患者年龄≤18岁"])
    assert f.check == "numbers" and "comparison differs" in f.message


def test_closing_bracket_after_a_number_is_a_pair_not_a_list_marker():
    assert balanced("the groups (table 1).")
    assert checks_of("the groups (table 1).", "各组（表1。") == ["brackets"]
