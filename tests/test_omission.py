"""`omission` and `partial` findings: a deleted sentence is never hidden inside a confident link."""

from __future__ import annotations

import json

import pytest
from score_fixtures import SEED

from aligner.cli import main
from aligner.config import Config
from aligner.pipeline import Pipeline, sentences_of
from aligner.read import iter_documents


def _seed_doc():
    return next(iter(iter_documents([str(SEED)])))


def _seed_sentences():
    en, zh = sentences_of(_seed_doc())
    return [s.text for s in en], [s.text for s in zh]


def _without(tmp_path, sentence: str):
    text = SEED.read_text(encoding="utf-8")
    assert text.count(sentence) == 1
    path = tmp_path / SEED.name
    path.write_text(text.replace(sentence, "", 1), encoding="utf-8")
    return path


def _score(path):
    """Align and score as every command does (no glossary: the default)."""
    doc = next(iter(iter_documents([str(path)])))
    reviewed = Pipeline(Config()).review(doc)
    return reviewed.alignment, reviewed.score


def test_the_clean_seed_has_no_omission_or_partial_finding(capsys):
    _, score = _score(SEED)
    assert [f for f in score.findings if f.check in ("omission", "partial")] == []
    assert main(["score", str(SEED), "--fail-on", "omission,partial"]) == 0
    capsys.readouterr()


@pytest.mark.parametrize("k", range(5))
def test_a_deleted_chinese_sentence_is_reported_with_its_english(tmp_path, capsys, k):
    en, zh = _seed_sentences()
    path = _without(tmp_path, zh[k])
    alignment, score = _score(path)
    alone = any(link.en == (k,) and not link.zh for link in alignment.links)
    named = [f for f in score.findings if f.check == "omission" and f.text == en[k]]
    assert alone or named
    assert main(["score", str(path), "--fail-on", "omission"]) == 1
    out = capsys.readouterr().out
    assert "omission" in out


@pytest.mark.parametrize("k", range(5))
def test_a_deleted_english_sentence_is_reported_with_its_chinese(tmp_path, capsys, k):
    en, zh = _seed_sentences()
    path = _without(tmp_path, en[k])
    _, score = _score(path)
    assert any(f.check == "omission" and f.text == zh[k] for f in score.findings)


def test_findings_carry_the_sentence_text_in_json(tmp_path, capsys):
    en, zh = _seed_sentences()
    path = _without(tmp_path, zh[4])
    assert main(["score", str(path), "--format", "json", "--fail-on", "empty-link"]) == 1
    data = json.loads(capsys.readouterr().out)
    omissions = [f for f in data["findings"] if f["check"] == "omission"]
    assert omissions and omissions[0]["text"] == en[4]
    assert en[4][:40] in omissions[0]["message"]


def test_a_dropped_clause_is_a_partial_finding_naming_what_is_missing():
    from aligner.align.evidence import link_evidence
    from aligner.model import Alignment, Document, Link, Sentence
    from aligner.score.qa import CheckScorer

    en = ["The trial enrolled 240 patients with advanced melanoma at 12 hospitals.",
          "Overall survival improved from 14 months to 22 months, and toxicity was mild, "
          "with grade 3 events in 8 percent of patients treated with the vaccine and no deaths "
          "related to treatment.",
          "The vaccine was well tolerated in older patients."]
    zh = ["该试验在12家医院纳入了240例晚期黑色素瘤患者。",
          "总生存期从14个月提高到22个月。",
          "老年患者对该疫苗耐受良好。"]

    def sentences(texts, sep):
        out, pos = [], 0
        for t in texts:
            out.append(Sentence(t, pos, pos + len(t)))
            pos += len(t) + len(sep)
        return out

    doc = Document("d", " ".join(en), "".join(zh))
    links = [Link((i,), (i,), 0.99) for i in range(3)]
    alignment = Alignment(doc, sentences(en, " "), sentences(zh, ""), links)
    assert CheckScorer(None, ["partial"]).score(alignment).findings == []  # no evidence yet
    alignment.evidence = link_evidence(en, zh, links)
    found = CheckScorer(None, ["partial"]).score(alignment).findings
    assert [f.link for f in found] == [1]
    assert "English says more" in found[0].message
    assert "8" in found[0].text.split(", ") and "3" in found[0].text.split(", ")


def test_html_report_highlights_the_link_with_an_omission(tmp_path, capsys):
    import re

    en, zh = _seed_sentences()
    path = _without(tmp_path, zh[4])
    out = tmp_path / "report.html"
    assert main(["report", str(path), "-o", str(out)]) == 0
    capsys.readouterr()
    page = out.read_text(encoding="utf-8")
    rows = re.findall(r'<tr id="[^"]*-link-(\d+)" class="[^"]*\bomission\b[^"]*">(.*?)</tr>',
                      page, re.S)
    assert rows and all("omission" in body for _, body in rows)
    clean = tmp_path / "clean.html"
    assert main(["report", str(SEED), "-o", str(clean)]) == 0
    capsys.readouterr()
    assert 'class="omission' not in clean.read_text(encoding="utf-8").split("</style>")[1]


def test_a_link_hiding_an_untranslated_sentence_scores_below_0_9(tmp_path):
    en, zh = _seed_sentences()
    path = _without(tmp_path, zh[1])  # English 2 loses its Chinese; the seed merges it into 1
    alignment, score = _score(path)
    hiding = {f.link for f in score.findings if f.check == "omission"}
    merged = [k for k in hiding if len(alignment.links[k].en) > 1]
    assert merged and all(alignment.links[k].score < 0.9 for k in merged)


def test_null_links_have_one_confidence_whatever_the_method():
    from aligner.align.confidence import null_confidence

    assert null_confidence("lexical") == null_confidence("semantic")
    assert 0.0 < null_confidence("lexical") < 1.0


def test_member_charge_is_the_same_on_both_search_paths(monkeypatch):
    """`members.py` plugs into both DP paths; enabled, they still give the same links, and an
    untranslated sentence next to its neighbour is left alone rather than merged."""
    from aligner.align import members
    from aligner.align.costs import CostParams
    from aligner.align.dictionary import en_zh_index
    from aligner.align.features import FeatureWeights, extract
    from aligner.align.lexical import general_align, small_align

    en = ["The patients were treated with cells in the trial.",
          "Blood pressure decreased in mice given the dose.",
          "The tumour grew slowly.",  # untranslated: merged into sentence 2 without the charge
          "Adverse events were mild."]
    zh = ["试验中患者接受了细胞治疗。", "给药小鼠的血压降低。", "不良事件轻微。"]
    feats = extract(en, zh, dictionary=en_zh_index(), weights=FeatureWeights())
    monkeypatch.setattr(members, "MEMBER_COST", 0.0)
    assert ((1, 2), (1,)) in [(e, z) for e, z, _ in small_align(feats, CostParams())]
    monkeypatch.setattr(members, "MEMBER_COST", 3.0)
    small = small_align(feats, CostParams())
    general = general_align(feats, CostParams())
    assert [(e, z) for e, z, _ in small] == [(e, z) for e, z, _ in general]
    assert ((2,), ()) in [(e, z) for e, z, _ in small]
