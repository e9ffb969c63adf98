"""Agreement with another version: span pairing and sacrebleu settings/signatures."""

from __future__ import annotations

import pytest
from score_fixtures import make_doc, one_to_one, seed_document, seed_sentences

from aligner.model import Alignment, InputError, Link
from aligner.pipeline import Pipeline
from aligner.score.agreement import AgreementScorer, Span, pair_spans, spans_of


@pytest.fixture(scope="module")
def scorer() -> AgreementScorer:
    return AgreementScorer()


def alignment(en: list[str], zh: list[str], links: list[Link]) -> Alignment:
    doc = make_doc("d", en, zh)
    return Alignment(doc, doc.en_sentences, doc.zh_sentences, links)


def test_identical_versions_agree_fully(scorer):
    a = one_to_one(seed_document())
    result = scorer.score_pair(a, one_to_one(seed_document()))
    assert (round(result.bleu, 6), round(result.chrf, 6), round(result.ter, 6)) == (100, 100, 0)
    assert len(result.spans) == 5 and all(s.bleu == pytest.approx(100) for s in result.spans)


def test_a_changed_sentence_lowers_only_its_span(scorer):
    en, zh = seed_sentences()
    other = list(zh)
    other[4] = other[4].replace("制造技术", "生产工艺").replace("未来前景", "今后展望")
    result = scorer.score_pair(one_to_one(make_doc("d", en, zh)),
                               one_to_one(make_doc("d", en, other)))
    assert [s.bleu == pytest.approx(100) for s in result.spans] == [True, True, True, True, False]
    assert result.spans[4].ter > 0 and result.spans[4].chrf < 100
    assert 0 < result.bleu < 100


def test_signatures_record_the_chinese_settings(scorer):
    sig = scorer.signatures()
    assert "tok:zh" in sig["bleu"] and "eff:no" in sig["bleu"]
    assert "eff:yes" in sig["bleu_sentence"]
    assert "nc:6" in sig["chrf"] and "nw:0" in sig["chrf"]
    assert "asian:yes" in sig["ter"] and "norm:yes" in sig["ter"]


def test_spans_follow_links_and_a_0_1_link_joins_the_previous_span():
    a = alignment(["A.", "B.", "C."], ["甲。", "乙。", "多。", "丙。"],
                  [Link((0,), (0,), 1), Link((1,), (1,), 1), Link((), (2,), 0),
                   Link((2,), (3,), 1)])
    assert spans_of(a) == [Span(0, 1, "甲。"), Span(1, 2, "乙。多。"), Span(2, 3, "丙。")]


def test_differing_link_structures_compare_over_the_smallest_common_english_span():
    hyp = [Span(0, 2, "甲乙"), Span(2, 3, "丙"), Span(3, 4, "丁")]
    ref = [Span(0, 1, "甲"), Span(1, 3, "乙丙"), Span(3, 4, "丁")]
    assert pair_spans(hyp, ref) == [(range(0, 3), "甲乙丙", "甲乙丙"), (range(3, 4), "丁", "丁")]


def test_merged_sentences_in_one_version_still_score_full_agreement(scorer):
    en = ["First.", "Second.", "Third."]
    merged = alignment(en, ["第一。第二。", "第三。"],
                       [Link((0, 1), (0,), 1), Link((2,), (1,), 1)])
    split = alignment(en, ["第一。", "第二。", "第三。"],
                      [Link((0,), (0,), 1), Link((1,), (1,), 1), Link((2,), (2,), 1)])
    result = scorer.score_pair(merged, split)
    assert [s.en for s in result.spans] == [(0, 1), (2,)]
    assert result.chrf == pytest.approx(100)


def test_versions_with_different_english_are_rejected(scorer):
    a = one_to_one(make_doc("d", ["A.", "B."], ["甲。", "乙。"]))
    b = one_to_one(make_doc("d", ["A."], ["甲。"]))
    with pytest.raises(InputError, match="align both to the same English"):
        scorer.score_pair(a, b)


def test_compare_aligns_a_plain_chinese_text_to_the_same_english(scorer):
    a = one_to_one(seed_document())
    result = scorer.compare(a, a.doc.zh, Pipeline().align)
    assert result.chrf == pytest.approx(100) and result.ter == pytest.approx(0)


def test_corpus_agreement_pools_spans_and_dataframe_lists_them(scorer):
    a = one_to_one(seed_document())
    per_doc = [scorer.score_pair(a, a), scorer.score_pair(a, a)]
    corpus = scorer.score_corpus(per_doc)
    assert corpus.doc == "*" and len(corpus.spans) == 10
    frame = corpus.to_dataframe()
    assert list(frame.columns) == ["doc", "en", "hyp", "ref", "bleu", "chrf", "ter"]


def test_corpus_ter_from_sentence_statistics_equals_sacrebleu_corpus_ter(scorer):
    en, zh = seed_sentences()
    other = [s.replace("细胞", "细胞群", 1) for s in zh[:3]] + zh[3:]
    a = one_to_one(make_doc("d", en, zh))
    b = one_to_one(make_doc("d", en, other))
    result = scorer.score_pair(a, b)
    direct = scorer.ter.corpus_score(zh, [other]).score
    assert result.ter == pytest.approx(direct) and result.ter > 0


def test_metrics_can_leave_out_ter():
    fast = AgreementScorer(metrics=("bleu", "chrf"))
    a = one_to_one(seed_document())
    result = fast.score_pair(a, a)
    assert result.bleu == pytest.approx(100) and result.ter != result.ter  # NaN
    assert set(result.signatures) == {"bleu", "bleu_sentence", "chrf"}
    with pytest.raises(ValueError, match="metrics"):
        AgreementScorer(metrics=("meteor",))
