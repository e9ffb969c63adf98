"""The library entry points: score_document / score_corpus / Scorers and their DataFrames."""

from __future__ import annotations

import pytest
from score_fixtures import make_doc, one_to_one, seed_document, seed_sentences

from aligner import score_corpus, score_document
from aligner.model import Glossary, Term
from aligner.score import Scorers, default_glossary

GLOSSARY = Glossary([Term("immunotherapy", "免疫治疗", ("免疫疗法",))], source="g.csv")


def test_score_document_uses_no_glossary_unless_given_one():
    score = score_document(one_to_one(seed_document()))
    assert score.terms.hits == [] and "|n:0|" in score.terms.signature
    shipped = score_document(one_to_one(seed_document()), default_glossary())
    assert shipped.terms.signature.startswith("terms|glossary:glossary.csv")
    assert {h.term for h in shipped.terms.hits} >= {"off-the-shelf"}
    assert score.links == 5 and score.agreement is None


def test_score_document_against_plain_text_adds_agreement():
    alignment = one_to_one(seed_document())
    score = score_document(alignment, against=alignment.doc.zh)
    assert score.agreement is not None and score.agreement.chrf == pytest.approx(100)
    assert score.summary()["agreement"]["signatures"]["ter"].startswith("nrefs:1")


def test_score_corpus_finds_cross_document_inconsistency_and_pools_agreement():
    a = one_to_one(make_doc("a", ["Immunotherapy helps."], ["免疫治疗有帮助。"]))
    b = one_to_one(make_doc("b", ["Immunotherapy helps."], ["免疫疗法有帮助。"]))
    corpus = score_corpus([a, b], GLOSSARY, against={"a": "免疫治疗有帮助。"})
    (inc,) = corpus.terms.inconsistencies
    assert inc.forms == {"免疫治疗": [("a", 0)], "免疫疗法": [("b", 0)]}
    assert corpus.agreement is not None and len(corpus.agreement.spans) == 1
    assert corpus.summary()["terms"]["accuracy"] == 0.5
    assert list(corpus.terms_dataframe()["doc"]) == ["a", "b"]


def test_corpus_findings_dataframe_lists_every_document_s_findings():
    en, zh = seed_sentences()
    bad = list(zh)
    bad[0] = bad[0].replace("六种", "七种")
    docs = [one_to_one(make_doc("clean", en, zh)), one_to_one(make_doc("bad", en, bad))]
    frame = score_corpus(docs).findings_dataframe()
    assert list(frame["doc"]) == ["bad"] and list(frame["check"]) == ["numbers"]


def test_scorers_are_built_once_and_reused():
    scorers = Scorers(GLOSSARY, checks=["numbers"])
    first = scorers.score(one_to_one(make_doc("a", ["In 2017."], ["2016年。"])))
    second = scorers.score(one_to_one(make_doc("b", ["In 2017."], ["2017年。"])))
    assert [f.check for f in first.findings] == ["numbers"] and second.findings == []
    assert scorers.agreement is scorers.agreement
