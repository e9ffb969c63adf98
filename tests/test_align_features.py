"""Anchor extraction for the lexical aligner: normalisation, numbers, Latin tokens, dictionary."""

from __future__ import annotations

import numpy as np
import pytest

from aligner.align import dictionary
from aligner.align.features import PairScores, coarsen, extract
from aligner.align.text import en_stems, latin_tokens, numbers
from aligner.normalize import normalise


def test_full_width_digits_and_separators_normalise_to_ascii_numbers():
    assert numbers(normalise("共１，０２４例，占３.５％")) == ["1024", "3.5"]
    assert numbers("1,024 of 2,000,000 (0.05%)") == ["1024", "2000000", "0.05"]


def test_moses_tokenised_english_is_joined_back():
    assert normalise("follow @-@ up of 42.7 months &apos;s") == "follow-up of 42.7 months 's"


def test_latin_tokens_keep_hyphenated_names_whole():
    tokens = latin_tokens("iPSC 衍生的 CAR-NK(CAR-iNK)与IL-15")
    # whole, with the hyphen dropped: Bcl-2 and Bcl2 are one name
    assert tokens == ["ipsc", "carnk", "carink", "il15"]


def test_english_stems_drop_stopwords_and_inflection():
    assert en_stems("The patients were approved for the trials") == ["patient", "approv", "trial"]


@pytest.mark.parametrize(
    ("gloss", "stems"),
    [
        ("to approve", ["approv"]),
        ("cell (biology)", ["cell"]),
        ("surname Li", []),
        ("variant of 夠|够[gou4]", []),
        ("old growth forest", []),  # an explanation, not a one-word translation
    ],
)
def test_only_short_translation_glosses_enter_the_index(gloss, stems):
    assert dictionary.gloss_stems(gloss) == stems


def test_dictionary_index_is_cached_on_disk_and_reused(tmp_path, monkeypatch):
    calls = []

    def fake_build():
        calls.append(1)
        return {"approv": ("批准",)}

    monkeypatch.setenv("ALIGNER_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(dictionary, "build_index", fake_build)
    monkeypatch.setattr(dictionary, "MIN_ENTRIES", 1)
    dictionary.en_zh_index.cache_clear()
    try:
        assert dictionary.en_zh_index() == {"approv": ("批准",)}
        files = list(tmp_path.glob("cedict-en-zh-*.json"))
        assert len(files) == 1
        assert dictionary.loads_index(files[0].read_bytes()) == {"approv": ("批准",)}
        dictionary.en_zh_index.cache_clear()
        assert dictionary.en_zh_index() == {"approv": ("批准",)}
        assert len(calls) == 1
    finally:
        dictionary.en_zh_index.cache_clear()


def test_chinese_sentences_evidence_dictionary_translations_as_substrings():
    feats = extract(
        ["The drug was approved in 2019.", "Nothing else."],
        ["该药物于2019年获得批准。", "别无其他。"],
        dictionary={"drug": ("药物",), "approv": ("批准",)},
    )
    assert set(feats.en_types[0].tolist()) <= set(feats.zh_types[0].tolist())
    assert len(feats.en_types[0]) == 3  # drug, approv, 2019
    assert len(feats.zh_types[1]) == 0


def test_pair_scores_sum_blocks_and_coarsening_keeps_totals():
    en = ["cell 1", "dose 2", "trial 3", "cell 4"]
    zh = ["细胞1", "剂量2", "试验3", "细胞4"]
    index = {"cell": ("细胞",), "dose": ("剂量",), "trial": ("试验",)}
    feats = extract(en, zh, dictionary=index)
    pairs = PairScores(feats, np.zeros(4, dtype=np.int64), np.full(4, 4, dtype=np.int64))
    full = np.array(
        [[pairs.cells(np.array(i), 1, np.array(j), 1)[0][0] for j in range(4)] for i in range(4)]
    )
    assert np.all(np.diag(full) > 0)
    assert full[0, 3] > 0 and full[0, 1] == 0  # "cell" is in EN 0 and ZH 3 too
    block = pairs.cells(np.array(0), 2, np.array(0), 2)
    assert sum(c for row in block for c in row) == pytest.approx(full[:2, :2].sum())
    coarse = coarsen(feats, 2, 2)
    assert coarse.en_len.tolist() == [feats.en_len[:2].sum(), feats.en_len[2:].sum()]
    assert len(coarse.en_types) == 2 and len(coarse.zh_types) == 2
