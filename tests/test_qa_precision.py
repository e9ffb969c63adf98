"""QA findings a reviewer can trust: clean renderings give nothing, real slips an error.

Every sentence here is written for these tests."""

from __future__ import annotations

import pytest
from score_fixtures import make_doc, one_to_one

from aligner.model import Glossary, Term
from aligner.score import Scorers
from aligner.score.abbrev import acronyms
from aligner.score.glossary import read_csv
from aligner.score.matcher import GlossaryMatcher, light_stem
from aligner.score.numbers import en_values, word_number, zh_values
from aligner.score.qa import CheckScorer
from aligner.score.waivers import accept, parse_waivers


def findings(en: list[str], zh: list[str], glossary: Glossary | None = None):
    return CheckScorer(glossary).score(one_to_one(make_doc("d", en, zh))).findings


def one(en: str, zh: str) -> list[tuple[str, str]]:
    return [(f.check, f.severity) for f in findings([en], [zh])]


# --- acronyms ----------------------------------------------------------------------------------


@pytest.mark.parametrize("en, zh", [
    ("The WHO issued new advice on masks.", "世界卫生组织发布了关于口罩的新建议。"),
    ("Stroke care in the UK improved.", "英国的卒中救治有所改善。"),
    ("The HR for death was 0.71.", "死亡的风险比为0.71。"),
    ("Most NSAIDs raise blood pressure.", "大多数NSAIDs会升高血压。"),
    ("IT IS AGREED THAT the trial stops.", "双方同意终止该试验。"),
    ("A grant of US$3 million was made.", "提供了300万美元的资助。"),
])
def test_acronym_rendered_by_its_known_chinese_or_not_an_acronym_is_clean(en, zh):
    assert one(en, zh) == []


def test_the_documents_own_definition_renders_a_later_acronym():
    en = ["Patients with atrial fibrillation (AF) were enrolled.", "AF recurred in 12 patients."]
    zh = ["纳入了心房颤动(AF)患者。", "12例患者心房颤动复发。"]
    assert findings(en, zh) == []


def test_a_look_alike_acronym_is_an_error_naming_both():
    (f,) = findings(["The FDA approved the drug."], ["FBA批准了该药物。"])
    assert (f.check, f.severity) == ("acronym", "error")
    assert "FDA written as FBA?" in f.message


def test_acronym_missing_is_an_error_only_where_the_document_keeps_it_verbatim():
    en = ["The KRT score was high.", "The KRT score fell."]
    assert [(f.link, f.severity) for f in findings(en, ["KRT评分较高。", "评分下降。"])] == [
        (1, "error")]
    lone = findings(["The KRT score fell."], ["评分下降。"])
    assert [f.severity for f in lone] == ["warning"]


def test_shouted_english_words_are_not_acronyms_but_real_ones_beside_them_are():
    assert acronyms("NOTICE OF TRIAL RESULTS from the WHO and UK NHS") == ["WHO", "UK", "NHS"]


# --- numbers -----------------------------------------------------------------------------------


@pytest.mark.parametrize("en, zh", [
    ("Cases rose in the 1980s.", "病例在20世纪80年代有所增加。"),
    ("Cases rose in the 1990s.", "病例在二十世纪九十年代有所增加。"),
    ("Hospitals saw thousands of cases.", "各医院收治了数千例病例。"),
    ("Data cover 2015–16.", "数据涵盖2015-2016年。"),
    ("It cost $4.6 billion.", "花费了46亿美元。"),
    ("Some 40 million people were tested.", "约4,000多万人接受了检测。"),
    ("Forty-two sites took part.", "共有42个中心参与。"),
    ("About half a million doses arrived.", "约50万剂疫苗到货。"),
    ("Masks fell by .05%.", "口罩减少了0.05%。"),
    ("Mice were randomised into 3 groups: saline, low dose and high dose.",
     "小鼠被随机分为生理盐水组、低剂量组和高剂量组。"),
])
def test_numbers_written_another_way_are_clean(en, zh):
    assert one(en, zh) == []


def test_a_changed_digit_inside_a_long_number_is_an_error():
    (f,) = findings(["We enrolled 1,482 patients."], ["我们纳入了1,428例患者。"])
    assert (f.check, f.severity) == ("numbers", "error")
    assert "1482" in f.message and "1428" in f.message


def test_a_number_in_the_next_link_is_moved_not_missing():
    en = ["The trial enrolled 240 adults.", "They were followed for a year."]
    zh = ["该试验纳入成人。", "240例成人随访了1年。"]
    found = findings(en, zh)
    assert [(f.link, f.severity) for f in found] == [(0, "warning"), (1, "warning")]
    assert all("moved" in f.message for f in found)


def test_same_digits_at_another_scale_are_a_warning():
    (f,) = findings(["The genome spans 29 kilobases."], ["基因组长约2.9万个碱基。"])
    assert f.severity == "warning" and "another scale" in f.message


def test_digits_of_a_name_are_values_never_demanded():
    checks = [f.check for f in findings(["Levels of IL-6 rose."], ["白细胞介素 6 水平升高。"])]
    assert "numbers" not in checks
    assert [f.check for f in findings(["K562 cells grew."], ["K562细胞生长。"])] == []


def test_word_numbers_and_values():
    assert word_number("a hundred and five") == 105
    assert word_number("two dozen") == 24
    assert "1960" in en_values("in the 1960s") and "3.5" in zh_values("三点五倍")
    assert "50000000" in zh_values("5千万人")


# --- units and negation -------------------------------------------------------------------------


def test_a_unit_changed_one_step_is_an_error_a_conversion_is_not():
    assert one("Each dose was 5 mg.", "每剂5 g。") == [("units", "error")]
    assert one("Each dose was 5 mg.", "每剂5毫克。") == []
    assert one("Each dose was 1.5 g.", "每剂1500 mg。") == []


def test_a_dropped_negation_is_a_warning():
    assert one("The drug did not reduce mortality.", "该药物降低了死亡率。") == [
        ("negation", "warning")]
    assert one("The drug did not reduce mortality.", "该药物未降低死亡率。") == []
    assert one("Symptoms did not appear until day 5.", "症状直到第5天才出现。") == []


# --- terms --------------------------------------------------------------------------------------


def test_greek_letters_keep_terms_apart():
    glossary = Glossary([Term("TNF-α", "肿瘤坏死因子α")])
    assert GlossaryMatcher(glossary).find_en("TNF-β rose") == []
    assert [m.text for m in GlossaryMatcher(glossary).find_en("TNF-α rose")] == ["TNF-α"]


def test_the_stemmer_keeps_inflections_together_and_different_words_apart():
    assert light_stem("therapies") == light_stem("therapy")
    assert light_stem("randomised") == light_stem("randomized")
    assert light_stem("isolated") == light_stem("isolate")
    for a, b in [("organization", "organ"), ("university", "universe"),
                 ("infection", "infected")]:
        assert light_stem(a) != light_stem(b)


def test_term_matching_details():
    glossary = Glossary([Term("U.S.", "美国"), Term("FDA", "FDA", ("美国食品药品监督管理局",)),
                         Term("ready-made", "即用型", (), ("现成即用型",))])
    scorer = Scorers(glossary).terms
    hits = scorer.hits_for_link("d", 0, "The U.S. FDA agreed.", "美国食品药品监督管理局同意。")
    assert {(h.term, h.en_match, h.status) for h in hits} == {
        ("U.S.", "U.S.", "ok"), ("FDA", "FDA", "variant")}
    (hit,) = scorer.hits_for_link("d", 0, "a ready-made product", "一种现成即用型产品")
    assert (hit.status, hit.zh_found) == ("forbidden", "现成即用型")
    (hit,) = Scorers(Glossary([Term("CAR-T", "CAR-T")])).terms.hits_for_link(
        "d", 0, "CAR-T cells", "CAR T细胞")
    assert hit.status == "ok"


def test_vendor_glossary_alternatives_and_notes_are_forms_not_literals():
    text = ("id,sourceString,targetString\n1,contagious,可传染 : 有传染性\n"
            "2,flu,流感 (FLU) [when the disease is meant]\n")
    terms = {t.en: t for t in read_csv(text)}
    assert terms["contagious"].zh == "可传染" and terms["contagious"].variants == ("有传染性",)
    assert terms["flu"].zh == "流感"


# --- accepted findings --------------------------------------------------------------------------


def test_waivers_mark_findings_accepted_with_who_and_why():
    waivers = parse_waivers("doc,check,text,link,who,why\n*,numbers,,,ann,idiom here\n")
    found = findings(["They work 7 days."], ["他们每天工作。"])
    (f,) = accept(found, waivers)
    assert f.accepted == "ann: idiom here"


def test_waiver_without_who_or_why_is_refused():
    from aligner.model import InputError

    with pytest.raises(InputError, match="who"):
        parse_waivers("doc,check,text,link,who,why\nd,numbers,,,,because\n")
