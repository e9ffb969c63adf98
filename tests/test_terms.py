"""Term matching and terminology consistency."""

from __future__ import annotations

from score_fixtures import make_doc, one_to_one, seed_document

from aligner.model import Glossary, Term
from aligner.score.glossary import default_glossary
from aligner.score.matcher import GlossaryMatcher
from aligner.score.terms import TermScorer, merge_reports

CELL = Glossary([
    Term("CAR-iNK", "CAR-iNK"),
    Term("CAR", "CAR"),
    Term("off-the-shelf", "即用型", ("通用型",), ("现成的",)),
    Term("adoptive cell therapy", "过继细胞疗法", ("过继细胞治疗",), ("收养细胞疗法",)),
    Term("natural killer", "自然杀伤细胞", (), ("杀伤细胞",)),
    Term("immunotherapy", "免疫治疗", ("免疫疗法",)),
], source="cell.csv")


def hits(en: str, zh: str, glossary: Glossary = CELL):
    return TermScorer(glossary).hits_for_link("d", 0, en, zh)


def statuses(en: str, zh: str, glossary: Glossary = CELL) -> dict[str, str]:
    return {h.term: h.status for h in hits(en, zh, glossary)}


def test_english_matching_tolerates_plural_and_case():
    matcher = GlossaryMatcher(CELL)
    found = [m.text for m in matcher.find_en("Adoptive Cell Therapies and immunotherapies")]
    assert found == ["Adoptive Cell Therapies", "immunotherapies"]


def test_acronyms_match_case_sensitively_and_with_plural_s():
    matcher = GlossaryMatcher(CELL)
    assert [m.text for m in matcher.find_en("CARs on the car")] == ["CARs"]


def test_longest_match_wins_car_ink_is_not_also_car():
    assert [m.text for m in GlossaryMatcher(CELL).find_en("CAR-iNK cells")] == ["CAR-iNK"]


def test_multiword_term_does_not_match_across_a_comma():
    assert GlossaryMatcher(CELL).find_en("adoptive cell, therapy") == []


def test_approved_form_is_ok_even_with_fullwidth_latin_in_the_chinese():
    assert statuses("CAR-iNK cells", "ＣＡＲ－ｉＮＫ细胞") == {"CAR-iNK": "ok"}


def test_term_inside_unsegmented_chinese_is_found_without_jieba():
    assert statuses("an off-the-shelf product", "作为“即用型”产品") == {"off-the-shelf": "ok"}


def test_variant_forbidden_and_missing_are_told_apart():
    assert statuses("off-the-shelf", "通用型产品") == {"off-the-shelf": "variant"}
    assert statuses("off-the-shelf", "现成的产品") == {"off-the-shelf": "forbidden"}
    assert statuses("off-the-shelf", "产品") == {"off-the-shelf": "missing"}


def test_forbidden_form_inside_the_approved_form_is_not_reported():
    assert statuses("natural killer cells", "自然杀伤细胞") == {"natural killer": "ok"}


def test_forbidden_form_next_to_approved_form_is_reported():
    assert statuses("natural killer", "自然杀伤细胞和杀伤细胞") == {"natural killer": "forbidden"}


def test_latin_form_is_not_found_inside_a_longer_latin_token():
    assert statuses("CAR expression", "CARD表达") == {"CAR": "missing"}


def test_hit_records_surface_form_found_form_and_count():
    (hit,) = hits("Adoptive cell therapies and adoptive cell therapy", "过继细胞治疗")
    assert (hit.en_match, hit.status, hit.zh_found, hit.approved, hit.count) == (
        "Adoptive cell therapies", "variant", "过继细胞治疗", "过继细胞疗法", 2)


def test_clean_seed_has_no_forbidden_or_missing_terms():
    report = TermScorer(default_glossary()).score(one_to_one(seed_document()))
    assert len(report.hits) >= 25
    assert report.counts["forbidden"] == 0 and report.counts["missing"] == 0
    assert report.findings() == []


def test_seed_uses_two_renderings_of_immunotherapy_and_that_is_an_inconsistency():
    report = TermScorer(default_glossary()).score(one_to_one(seed_document()))
    (inc,) = [i for i in report.inconsistencies if i.term == "immunotherapy"]
    assert set(inc.forms) == {"免疫治疗", "免疫疗法"}


def test_forbidden_swap_is_found_and_lowers_accuracy():
    doc = seed_document("swapped")
    doc_zh = [s.text for s in doc.zh_sentences]
    doc_zh[3] = doc_zh[3].replace("即用型", "现成的")
    en = [s.text for s in doc.en_sentences]
    report = TermScorer(default_glossary()).score(one_to_one(make_doc("swapped", en, doc_zh)))
    forbidden = [h for h in report.hits if h.status == "forbidden"]
    assert [(h.link, h.term, h.zh_found) for h in forbidden] == [(3, "off-the-shelf", "现成的")]
    assert [f.check for f in report.findings()] == ["term-forbidden"]
    clean = TermScorer(default_glossary()).score(one_to_one(seed_document()))
    assert report.accuracy < clean.accuracy


def test_accuracy_is_exact_match_rate_and_accepted_rate_counts_variants():
    doc = make_doc("d", ["Immunotherapy works.", "Immunotherapy again.", "Off-the-shelf."],
                   ["免疫治疗有效。", "免疫疗法。", "产品。"])
    report = TermScorer(CELL).score(one_to_one(doc))
    assert report.counts == {"ok": 1, "variant": 1, "forbidden": 0, "missing": 1}
    assert report.accuracy == 1 / 3 and report.accepted_rate == 2 / 3


def test_inconsistency_across_documents_names_where_each_form_was_used():
    scorer = TermScorer(CELL)
    a = scorer.score(one_to_one(make_doc("a", ["Immunotherapy."], ["免疫治疗。"])))
    b = scorer.score(one_to_one(make_doc("b", ["Immunotherapy."], ["免疫疗法。"])))
    assert a.inconsistencies == [] and b.inconsistencies == []
    (inc,) = merge_reports([a, b]).inconsistencies
    assert inc.forms == {"免疫治疗": [("a", 0)], "免疫疗法": [("b", 0)]}


def test_report_dataframe_has_one_row_per_hit():
    report = TermScorer(CELL).score(one_to_one(make_doc("d", ["CAR-iNK off-the-shelf."],
                                                        ["CAR-iNK 即用型。"])))
    frame = report.to_dataframe()
    assert list(frame["status"]) == ["ok", "ok"] and list(frame["doc"]) == ["d", "d"]


def test_signature_names_the_glossary_and_its_size():
    assert str(TermScorer(CELL).signature()).startswith("terms|glossary:cell.csv|n:6|")


def test_words_whose_stem_turns_y_into_i_still_match():
    glossary = Glossary([Term("dry eye", "干眼"), Term("die", "死亡")])
    found = [m.text for m in GlossaryMatcher(glossary).find_en("Dry eyes; cells dying")]
    assert found == ["Dry eyes", "dying"]
