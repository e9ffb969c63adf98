"""Mining glossary entries from acronym definitions and verbatim Latin tokens."""

from __future__ import annotations

from score_fixtures import make_doc

from aligner.model import Glossary, Term
from aligner.score.mine import en_definitions, mine, mined_csv, zh_definitions


def test_english_expansions_follow_schwartz_hearst():
    text = ("Patients with non-small cell lung cancer (NSCLC) had a hazard ratio (HR) of 0.5; "
            "tumor necrosis factor alpha (TNF-alpha) rose.")
    assert en_definitions(text) == {"NSCLC": "non-small cell lung cancer", "HR": "hazard ratio",
                                    "TNF-alpha": "tumor necrosis factor alpha"}


def test_expansion_made_of_acronyms_is_not_a_definition():
    assert en_definitions("iPSC-derived NK (iPSC-NK) cells") == {}


def test_chinese_term_is_cut_after_the_last_function_character():
    assert zh_definitions("修饰免疫细胞的过继细胞疗法（ACT）已取得进展") == {"ACT": "过继细胞疗法"}


def test_mining_pairs_chinese_and_english_definitions_and_counts_records():
    docs = [
        make_doc("a", ["Non-small cell lung cancers (NSCLC) respond to PD-1 blockade."],
                 ["非小细胞肺癌(NSCLC)对PD-1阻断有反应。"]),
        make_doc("b", ["In non-small cell lung cancer (NSCLC), PD-1 inhibitors work."],
                 ["在非小细胞肺癌（NSCLC）中，PD-1抑制剂有效。"]),
        make_doc("c", ["Non-small cell lung cancer (NSCLC) is common."],
                 ["非小细胞性肺癌(NSCLC)很常见。"]),
    ]
    mined = {m.term.en: m for m in mine(docs)}
    nsclc = mined["non-small cell lung cancer"]
    assert (nsclc.term.zh, nsclc.term.variants, nsclc.count, nsclc.kind) == (
        "非小细胞肺癌", (), 3, "acronym")
    assert nsclc.seen == (("非小细胞性肺癌", 1),)  # seen, not approved as a variant
    assert mined["PD-1"].term.zh == "PD-1" and mined["PD-1"].count == 2
    assert mined["NSCLC"].kind == "verbatim"


def test_min_count_and_exclude_filter_candidates():
    docs = [make_doc("a", ["The FDA approved IL-15."], ["FDA批准了IL-15。"])]
    assert {m.term.en for m in mine(docs)} == {"FDA", "IL-15"}
    assert {m.term.en for m in mine(docs, exclude=Glossary([Term("fda", "FDA")]))} == {"IL-15"}
    assert mine(docs, min_count=2) == []


def test_acronym_dropped_from_the_chinese_is_not_mined_as_verbatim():
    docs = [make_doc("a", ["The FDA approved it."], ["美国食品药品监督管理局批准了它。"])]
    assert mine(docs) == []


def test_identifiers_are_not_mined_and_seen_renderings_are_a_separate_column():
    docs = [make_doc("a", ["The trial (NCT04280705, on ClinicalTrials) used IL-2."],
                     ["该试验(NCT04280705，见ClinicalTrials)使用了IL-2。"])]
    assert {m.term.en for m in mine(docs)} == {"IL-2"}
    header = mined_csv(mine(docs)).splitlines()[0]
    assert header.endswith(",count,seen")
