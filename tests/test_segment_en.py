"""English segmentation, one named case per behaviour (pySBD style), plus the offsets invariant.

All texts are written for these tests; none come from the evaluation data.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from segment_fixtures import assert_offsets_invariant

from aligner.segment import segment_en
from aligner.segment.english import explain_en, set_disabled_rules
from aligner.segment.rules_en import RULES

SEED = Path(__file__).resolve().parents[1] / "seeds" / "000_c7586fac1e89b2ba.txt"

CASES: dict[str, tuple[str, list[str]]] = {
    "period_ends_sentence": (
        "Cells were lysed on ice. Proteins were then extracted.",
        ["Cells were lysed on ice.", "Proteins were then extracted."],
    ),
    "question_and_exclamation_end_sentences": (
        "Does the drug work? It does! Trials continue.",
        ["Does the drug work?", "It does!", "Trials continue."],
    ),
    "double_punctuation_stays_together": (
        "Is that the result?! We expected less.",
        ["Is that the result?!", "We expected less."],
    ),
    "us_fda_is_not_a_boundary": (
        "The agent was cleared by the U.S. FDA in 2019. It is now widely used.",
        ["The agent was cleared by the U.S. FDA in 2019.", "It is now widely used."],
    ),
    "multi_period_abbreviation_ends_before_question_word": (
        "Most trials ran in the U.S. How do they generalise?",
        ["Most trials ran in the U.S.", "How do they generalise?"],
    ),
    "eg_never_ends_sentence": (
        "Several cytokines were measured, e.g. IL-6 and TNF. Levels rose.",
        ["Several cytokines were measured, e.g. IL-6 and TNF.", "Levels rose."],
    ),
    "eg_before_capitalised_example": (
        "Some kinases, e.g. JAK2, were inhibited by the compound.",
        ["Some kinases, e.g. JAK2, were inhibited by the compound."],
    ),
    "ie_never_ends_sentence": (
        "The primary end point, i.e. Overall survival, was met.",
        ["The primary end point, i.e. Overall survival, was met."],
    ),
    "et_al_before_year_in_parentheses": (
        "Novak et al. (2011) reported a similar effect. We extend it here.",
        ["Novak et al. (2011) reported a similar effect.", "We extend it here."],
    ),
    "et_al_before_reference_number": (
        "As described by Ortiz et al. [12] the assay is robust.",
        ["As described by Ortiz et al. [12] the assay is robust."],
    ),
    "et_al_at_sentence_end": (
        "This agrees with the findings of Brandt et al. Our study goes further.",
        ["This agrees with the findings of Brandt et al.", "Our study goes further."],
    ),
    "vs_is_not_a_boundary": (
        "Response was higher with drug vs. Placebo in every subgroup.",
        ["Response was higher with drug vs. Placebo in every subgroup."],
    ),
    "fig_before_number": (
        "Expression peaked on day 3 (Fig. 2). Thereafter it declined. See Fig. 5B for details.",
        [
            "Expression peaked on day 3 (Fig. 2).",
            "Thereafter it declined.",
            "See Fig. 5B for details.",
        ],
    ),
    "figs_before_range": (
        "Kinetics are shown in Figs. 3-4 and in the supplement.",
        ["Kinetics are shown in Figs. 3-4 and in the supplement."],
    ),
    "approx_before_number": (
        "The lesions measured approx. 5 mm across. None had ulcerated.",
        ["The lesions measured approx. 5 mm across.", "None had ulcerated."],
    ),
    "dosing_route_mid_sentence": (
        "Mice received 10 mg/kg i.p. on day 1. Controls received saline.",
        ["Mice received 10 mg/kg i.p. on day 1.", "Controls received saline."],
    ),
    "dosing_route_at_sentence_end": (
        "The compound was injected i.p. Tumours were measured weekly.",
        ["The compound was injected i.p.", "Tumours were measured weekly."],
    ),
    "dosing_schedule_mid_sentence": (
        "Patients took 200 mg b.i.d. for two weeks.",
        ["Patients took 200 mg b.i.d. for two weeks."],
    ),
    "unit_after_number_ends_sentence": (
        "Plates were kept for 18 h. Fresh medium was then added.",
        ["Plates were kept for 18 h.", "Fresh medium was then added."],
    ),
    "decimal_numbers_are_not_boundaries": (
        "The mean dose was 3.25 mg and the range 1.5-4.0 mg. It varied little.",
        ["The mean dose was 3.25 mg and the range 1.5-4.0 mg.", "It varied little."],
    ),
    "p_value_without_leading_zero": (
        "The difference was significant (P = .03). No adverse events occurred.",
        ["The difference was significant (P = .03).", "No adverse events occurred."],
    ),
    "single_capital_ends_sentence": (
        "This step requires vitamin K. Then clotting resumes.",
        ["This step requires vitamin K.", "Then clotting resumes."],
    ),
    "single_capital_after_lowercase_word_ends_sentence": (
        "The cells lacked vitamin D. Supplementation restored growth.",
        ["The cells lacked vitamin D.", "Supplementation restored growth."],
    ),
    "middle_initial_of_a_name": (
        "The assay was designed by Maria K. Novak in 2004.",
        ["The assay was designed by Maria K. Novak in 2004."],
    ),
    "initials_before_surname": (
        "Samples were a gift from H. T. Okafor of Lagos.",
        ["Samples were a gift from H. T. Okafor of Lagos."],
    ),
    "initial_before_a_known_surname": (
        "Reagents came courtesy J. Smith of Boston. They were frozen.",
        ["Reagents came courtesy J. Smith of Boston.", "They were frozen."],
    ),
    "initials_inside_a_reference_in_parentheses": (
        "This was first seen (K. Ito and M. Sato, unpublished data). We confirm it.",
        ["This was first seen (K. Ito and M. Sato, unpublished data).", "We confirm it."],
    ),
    "journal_abbreviations_inside_parentheses": (
        "A prior report (Mol. Cell. Biol. 8:100-110, 1990) found no effect. We did.",
        ["A prior report (Mol. Cell. Biol. 8:100-110, 1990) found no effect.", "We did."],
    ),
    "acronym_ends_sentence": (
        "One patient had MS. Treatment began at once.",
        ["One patient had MS.", "Treatment began at once."],
    ),
    "subscript_after_bracket_ends_sentence": (
        "Stimulation raised [Ca2+]i. This rise was transient.",
        ["Stimulation raised [Ca2+]i.", "This rise was transient."],
    ),
    "title_abbreviations": (
        "Dr. Chen examined the patient. Ms. Rivera gave consent. Mr. Park assisted.",
        ["Dr. Chen examined the patient.", "Ms. Rivera gave consent.", "Mr. Park assisted."],
    ),
    "time_abbreviation_mid_sentence": (
        "Samples were drawn at 8 a.m. and again at noon.",
        ["Samples were drawn at 8 a.m. and again at noon."],
    ),
    "abbreviation_before_number": (
        "Details are on p. 12 and in No. 4 of the series.",
        ["Details are on p. 12 and in No. 4 of the series."],
    ),
    "lowercase_gene_name_starts_sentence": (
        "Levels of the protein rose. mRNA levels did not change.",
        ["Levels of the protein rose.", "mRNA levels did not change."],
    ),
    "number_starts_sentence": (
        "Forty mice were treated. 12 of them died.",
        ["Forty mice were treated.", "12 of them died."],
    ),
    "inline_enumeration_stays_in_sentence": (
        "We aimed 1) to measure uptake and 2) to test toxicity.",
        ["We aimed 1) to measure uptake and 2) to test toxicity."],
    ),
    "enumerated_sentences": (
        "Two findings emerged. 1) Uptake was rapid. 2) Toxicity was low.",
        ["Two findings emerged.", "1) Uptake was rapid.", "2) Toxicity was low."],
    ),
    "list_items_without_periods": (
        "1) Collect the samples 2) Extract the RNA 3) Run the assay",
        ["1) Collect the samples", "2) Extract the RNA", "3) Run the assay"],
    ),
    "numbered_list_with_periods": (
        "1. Thaw the cells. 2. Count them.",
        ["1. Thaw the cells.", "2. Count them."],
    ),
    "lettered_list": (
        "a. Wash twice b. Fix in formalin",
        ["a. Wash twice", "b. Fix in formalin"],
    ),
    "bulleted_list": (
        "• Fever on admission • Cough for three days",
        ["• Fever on admission", "• Cough for three days"],
    ),
    "panel_labels_open_sentences": (
        "(A) Sections labelled with DAPI. (B) Sections labelled with phalloidin.",
        ["(A) Sections labelled with DAPI.", "(B) Sections labelled with phalloidin."],
    ),
    "quotation_ends_sentence": (
        'The nurse said, "Rest now." She left the room.',
        ['The nurse said, "Rest now."', "She left the room."],
    ),
    "quotation_inside_sentence": (
        "He called the result 'a surprise.' and moved on.",
        ["He called the result 'a surprise.' and moved on."],
    ),
    "parenthetical_sentence_inside_sentence": (
        "Doses were lowered (The first cohort had shown toxicity.) in later cohorts.",
        ["Doses were lowered (The first cohort had shown toxicity.) in later cohorts."],
    ),
    "four_dot_ellipsis_ends_sentence": (
        "We waited for a response.... Nothing happened.",
        ["We waited for a response....", "Nothing happened."],
    ),
    "period_then_spaced_ellipsis_opens_next": (
        "The dose was halved. . . . The effect persisted.",
        ["The dose was halved.", ". . . The effect persisted."],
    ),
    "spaced_four_dot_ellipsis_ends": (
        "The list was long . . . . Nobody read it.",
        ["The list was long . . . .", "Nobody read it."],
    ),
    "spaced_three_dot_ellipsis_continues": (
        "It faded . . . Then it returned.",
        ["It faded . . . Then it returned."],
    ),
    "closing_punctuation_follows": (
        "The question was: why? , and nobody knew.",
        ["The question was: why? , and nobody knew."],
    ),
    "spaced_ellipsis_inside_sentence": (
        "The signal faded . . . and then returned.",
        ["The signal faded . . . and then returned."],
    ),
    "email_address_before_sentence_end": (
        "Write to trials@example.org. Enrolment is open.",
        ["Write to trials@example.org.", "Enrolment is open."],
    ),
    "url_before_sentence_end": (
        "Data are at https://example.org/v1.2/data.csv. Code is available on request.",
        ["Data are at https://example.org/v1.2/data.csv.", "Code is available on request."],
    ),
    "exclamation_mark_in_a_name": (
        "She worked at Yahoo! for years.",
        ["She worked at Yahoo! for years."],
    ),
    "dash_after_exclamation_continues": (
        "The rats -- astonishingly! -- survived.",
        ["The rats -- astonishingly! -- survived."],
    ),
    "blank_line_separates_paragraphs": (
        "Background\n\nMethods were standard.",
        ["Background", "Methods were standard."],
    ),
    "text_without_terminal_punctuation": (
        "A title without a final period",
        ["A title without a final period"],
    ),
    "hyphenated_initials_before_surname": (
        "Antibodies were donated by K.-H. Lindqvist and used at 1:500.",
        ["Antibodies were donated by K.-H. Lindqvist and used at 1:500."],
    ),
    "initials_in_a_list_of_names": (
        "We thank R. Ferreira, D. Obi and W. Haraldsen for advice. Funding came from a trust.",
        ["We thank R. Ferreira, D. Obi and W. Haraldsen for advice.", "Funding came from a trust."],
    ),
    "single_capital_before_a_common_word_ends_sentence": (
        "The antibody binds a loop of E. There are two such loops.",
        ["The antibody binds a loop of E.", "There are two such loops."],
    ),
    "author_contribution_line": (
        "T. Marsh and P. Quenneville designed the screen. T. Marsh wrote the paper.",
        ["T. Marsh and P. Quenneville designed the screen.", "T. Marsh wrote the paper."],
    ),
    "compact_initials_before_a_bracket": (
        "Funds went to A.B.C. (NIH award 7) for the pilot. It ended in May.",
        ["Funds went to A.B.C. (NIH award 7) for the pilot.", "It ended in May."],
    ),
    "plural_title_before_names": (
        "Drs. Ilse Varga and Omar Siddiqui scored the slides blind.",
        ["Drs. Ilse Varga and Omar Siddiqui scored the slides blind."],
    ),
    "panel_range_label_opens_legend_sentence": (
        "D-F. Sagittal slices through the hindbrain at E12. G. Enlarged view of D.",
        ["D-F. Sagittal slices through the hindbrain at E12.", "G. Enlarged view of D."],
    ),
    "panel_label_with_bracket_and_period": (
        "C). Breeding scheme used to obtain double mutants.",
        ["C). Breeding scheme used to obtain double mutants."],
    ),
    "lowercase_panel_label_opens_sentence": (
        "Ventral view of a stage 20 embryo. (c) Lateral view of the same embryo.",
        ["Ventral view of a stage 20 embryo.", "(c) Lateral view of the same embryo."],
    ),
    "panel_label_after_gene_name": (
        "Loss of Sox9 in the gonad. (b) Counts of Sox9-positive nuclei.",
        ["Loss of Sox9 in the gonad.", "(b) Counts of Sox9-positive nuclei."],
    ),
    "statistics_line_after_significance_marks": (
        "Bars show means. *P < 0.05; **P < 0.01. n = 3–5 mice per group.",
        ["Bars show means.", "*P < 0.05; **P < 0.01.", "n = 3–5 mice per group."],
    ),
    "data_are_mean_sd": (
        "Data are mean ± SD. Each point is one animal.",
        ["Data are mean ± SD.", "Each point is one animal."],
    ),
    "sentence_ends_in_a_genotype": (
        "Tails were clipped from Pax6-/-. Littermates served as controls.",
        ["Tails were clipped from Pax6-/-.", "Littermates served as controls."],
    ),
    "legend_title_without_a_verb": (
        "Wnt7a signal across the forming limb bud. Slices were 10 µm thick.",
        ["Wnt7a signal across the forming limb bud.", "Slices were 10 µm thick."],
    ),
    "section_label_run_into_previous_sentence": (
        "Renal outcomes were unclear.Methods We enrolled 40 adults.",
        ["Renal outcomes were unclear.", "Methods We enrolled 40 adults."],
    ),
    "section_label_on_its_own_line": (
        "Background\nSleep loss is common.\nResults:\nMost adults slept less than 6 h.",
        ["Background", "Sleep loss is common.", "Results:", "Most adults slept less than 6 h."],
    ),
    "section_word_inside_a_sentence": (
        "Results were similar.Methods differ, however, between sites.",
        ["Results were similar.", "Methods differ, however, between sites."],
    ),
    "punctuation_only": ("? ? ?", ["? ? ?"]),
    "empty_text": ("", []),
    "whitespace_only": ("  \n\t ", []),
}


@pytest.mark.parametrize("name", list(CASES))
def test_golden_case(name: str) -> None:
    text, expected = CASES[name]
    assert [s.text for s in segment_en(text)] == expected


# Each rule in `rules_en.RULES` (and each built-in check) with a case above where it decides.
RULE_EXAMPLES = {
    "inside_brackets_continues": "initials_inside_a_reference_in_parentheses",
    "forced": "bulleted_list",
    "punctuation_only_is_not_a_sentence": "punctuation_only",
    "list_marker_is_not_a_sentence": "numbered_list_with_periods",
    "exclamation_in_a_name": "exclamation_mark_in_a_name",
    "period_then_spaced_ellipsis_opens_next": "period_then_spaced_ellipsis_opens_next",
    "inside_spaced_ellipsis": "spaced_ellipsis_inside_sentence",
    "spaced_four_dot_ellipsis_ends": "spaced_four_dot_ellipsis_ends",
    "spaced_three_dot_ellipsis_continues": "spaced_three_dot_ellipsis_continues",
    "four_dot_ellipsis_ends": "four_dot_ellipsis_ends_sentence",
    "closing_punctuation_follows": "closing_punctuation_follows",
    "dash_then_lowercase_continues": "dash_after_exclamation_continues",
    "lowercase_word_continues": "quotation_inside_sentence",
    "never_final_title": "title_abbreviations",
    "never_final_abbreviation": "figs_before_range",
    "abbreviation_before_number": "abbreviation_before_number",
    "et_al_before_citation": "et_al_before_year_in_parentheses",
    "et_al_before_capital_ends": "et_al_at_sentence_end",
    "dosing_route_before_capital_ends": "dosing_route_at_sentence_end",
    "acronym_ends_sentence": "acronym_ends_sentence",
    "subscript_after_bracket_ends": "subscript_after_bracket_ends_sentence",
    "unit_after_number_ends": "unit_after_number_ends_sentence",
    "abbreviation_before_sentence_starter": "multi_period_abbreviation_ends_before_question_word",
    "initial_after_capitalised_name": "middle_initial_of_a_name",
    "initials_before_name": "initials_before_surname",
    "initial_before_initial": "initials_before_surname",
    "initial_before_known_name": "initial_before_a_known_surname",
    "initial_in_a_list_of_names": "initials_in_a_list_of_names",
    "initials_before_bracket_continue": "compact_initials_before_a_bracket",
    "panel_label_is_not_a_sentence": "panel_range_label_opens_legend_sentence",
    "bracketed_panel_label_opens_sentence": "lowercase_panel_label_opens_sentence",
    "statistics_opens_sentence": "statistics_line_after_significance_marks",
    "single_capital_ends_sentence": "single_capital_after_lowercase_word_ends_sentence",
}


def test_a_rule_switched_off_no_longer_decides() -> None:
    """The ablation knob of `bench/segment_eval.py --cv` really removes the rule, and only
    while it is set."""
    text, expected = CASES["initials_in_a_list_of_names"]
    set_disabled_rules(frozenset({"initial_in_a_list_of_names"}))
    try:
        assert "initial_in_a_list_of_names" not in {d.reason for d in explain_en(text)}
        assert [s.text for s in segment_en(text)] != expected
    finally:
        set_disabled_rules(frozenset())
    assert [s.text for s in segment_en(text)] == expected


def test_every_rule_has_an_example() -> None:
    assert {rule.name for rule in RULES} <= set(RULE_EXAMPLES)


@pytest.mark.parametrize("rule", list(RULE_EXAMPLES))
def test_rule_decides_its_example(rule: str) -> None:
    text, _ = CASES[RULE_EXAMPLES[rule]]
    assert rule in {d.reason for d in explain_en(text)}


@pytest.mark.parametrize("name", list(CASES))
def test_offsets_index_the_original_text(name: str) -> None:
    text, _ = CASES[name]
    assert_offsets_invariant(text, segment_en(text))


def test_offsets_survive_irregular_whitespace() -> None:
    text = "  First sentence here.\n\n   Second one follows.\t Third.  "
    sentences = segment_en(text)
    assert [s.text for s in sentences] == [
        "First sentence here.",
        "Second one follows.",
        "Third.",
    ]
    assert_offsets_invariant(text, sentences)


def test_seed_abstract_gives_five_sentences_with_us_fda_in_the_first() -> None:
    english = SEED.read_text(encoding="utf-8").splitlines()[3]
    sentences = segment_en(english)
    assert len(sentences) == 5
    assert "U.S. FDA" in sentences[0].text
    assert sentences[-1].text.endswith("in cancer.")
    assert_offsets_invariant(english, sentences)


# Text built from the characters that drive the rules: terminals, closers, brackets, list
# markers, initials, digits and whitespace of all kinds.
_ALPHABET = st.sampled_from(
    list("aeiou bcdXYZ AB.. .!?;:,()[]\"'”’-–…•\n\t 0123456789")
    + ["e.g.", " et al. ", "Fig. ", " U.S. ", "1) ", " i.p. ", "Methods", "\nResults:\n", "(b) "]
)
_TEXT = st.lists(_ALPHABET, max_size=80).map("".join)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_TEXT)
def test_offsets_invariant_on_generated_text(text: str) -> None:
    assert_offsets_invariant(text, segment_en(text))


@settings(max_examples=10_000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(_TEXT, st.text(max_size=200)))
def _invariant_at_length(text: str) -> None:
    assert_offsets_invariant(text, segment_en(text))


@pytest.mark.slow
def test_offsets_invariant_on_generated_text_at_length(request: pytest.FixtureRequest) -> None:
    if "slow" not in (request.config.getoption("markexpr") or ""):
        pytest.skip("10,000 examples: select with -m slow")
    _invariant_at_length()
