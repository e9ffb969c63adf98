"""The small-document path of the lexical aligner gives the general path's links.

`lexical.small_align` (costs tabulated over the whole grid, search over plain lists) exists only
for speed, so its contract is equality with `lexical.general_align` (windowed costs, numpy rows):
same links on the same features, costs equal to rounding. Documents are drawn from a small
bilingual vocabulary of our own (dictionary words, numbers, Latin tokens, a glossary term) so
that anchors, merges, omissions and near-ties all occur; up to 40 sentences a side, so that the
band (16 ZH sentences either side of the diagonal) does not always cover the grid.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aligner.align.costs import CostParams, LexicalCost, grid_costs
from aligner.align.dp import band, monotonic_align, table_align
from aligner.align.features import FeatureWeights, extract
from aligner.align.lexical import general_align, small_align
from aligner.model import Glossary, Term

# (English, Chinese) pieces: a sentence pair is a few pieces joined
PIECES = [
    ("the patients", "患者"), ("were treated", "接受治疗"), ("with cells", "用细胞"),
    ("in the trial", "在试验中"), ("blood pressure", "血压"), ("increased", "增加"),
    ("decreased", "降低"), ("the tumour", "肿瘤"), ("survival", "生存"), ("mice", "小鼠"),
    ("IL-15", "IL-15"), ("CAR-NK cells", "CAR-NK细胞"), ("FDA", "FDA"), ("12", "12"),
    ("3.5 mg", "3.5 mg"), ("2019", "2019年"), ("randomised", "随机"), ("the dose", "剂量"),
    ("adverse events", "不良事件"), ("and", "和"),
]
GLOSSARY = Glossary([Term("adverse events", "不良事件"), Term("survival", "生存期", ("生存",))])

piece = st.integers(0, len(PIECES) - 1)
sentence_pair = st.lists(piece, min_size=1, max_size=5)


@st.composite
def documents(draw):
    """A parallel document with some sentences merged, dropped or added on one side."""
    pairs = draw(st.lists(sentence_pair, min_size=1, max_size=40))
    en, zh = [], []
    for ids in pairs:
        e = " ".join(PIECES[k][0] for k in ids).capitalize() + "."
        z = "".join(PIECES[k][1] for k in ids) + "。"
        action = draw(st.sampled_from(["keep"] * 6 + ["merge", "drop_en", "drop_zh"]))
        if action == "merge" and zh:
            zh[-1] = zh[-1] + z
            en.append(e)
        elif action == "drop_en":
            zh.append(z)
        elif action == "drop_zh":
            en.append(e)
        else:
            en.append(e)
            zh.append(z)
    return en or ["Mice."], zh or ["小鼠。"]


def features(en, zh, glossary):
    from aligner.align.dictionary import en_zh_index

    return extract(en, zh, dictionary=en_zh_index(), glossary=glossary, weights=FeatureWeights())


def assert_same_path(fast, general):
    """Same links and link costs; or, where two different paths cost the same to within
    rounding (costs agree to ~1e-14, not bit for bit), either of the tied paths.

    Such exact ties need repeated sentences (this generator makes many); none occurred on the
    benchmark sets or on 2,000 synthetic abstracts."""
    fast_total = sum(c for *_, c in fast)
    general_total = sum(c for *_, c in general)
    if [(e, z) for e, z, _ in fast] != [(e, z) for e, z, _ in general]:
        assert abs(fast_total - general_total) < 1e-9, (fast, general)
        return
    np.testing.assert_allclose([c for *_, c in fast], [c for *_, c in general], atol=1e-9)


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(documents(), st.booleans())
def test_small_document_path_gives_the_general_paths_links(doc, use_glossary):
    en, zh = doc
    feats = features(en, zh, GLOSSARY if use_glossary else None)
    params = CostParams()
    assert_same_path(small_align(feats, params), general_align(feats, params))


@settings(max_examples=20, suppress_health_check=[HealthCheck.too_slow])
@given(documents(), st.sampled_from([1, 2, 4]))
def test_small_document_path_follows_a_narrow_band_like_the_general_path(doc, width):
    en, zh = doc
    feats = features(en, zh, GLOSSARY)
    params = CostParams(member_weight=0.0, lex_scale="prod")
    assert_same_path(small_align(feats, params, width), general_align(feats, params, width))


def test_tabulated_costs_equal_windowed_costs():
    en = ["The patients were treated with cells.", "Survival increased in 12 mice.", "FDA."]
    zh = ["患者接受治疗用细胞。", "12只小鼠生存增加。", "FDA。", "和。"]
    feats = features(en, zh, GLOSSARY)
    params = CostParams()
    tables = grid_costs(feats, params)
    cost = LexicalCost(feats, params)
    n, m = len(en), len(zh)
    lo, hi = np.zeros(n + 1, dtype=np.int64), np.full(n + 1, m, dtype=np.int64)
    cost.set_window(lo, hi)
    for (a, b), table in tables.items():
        for i in range(a, n + 1):
            js = np.arange(b, m + 1)
            expected = cost(a, b, i, js)
            got = [table if not isinstance(table, list) else table[i][j] for j in js]
            np.testing.assert_allclose(got, expected, atol=1e-12, err_msg=f"{(a, b)} at {i}")
    assert (3, 2) in tables and (4, 1) not in tables  # types larger than the grid are left out


class TableCost:
    """A `dp.CostFn` reading the same tables that `table_align` reads."""

    def __init__(self, tables):
        self.tables = tables

    def __call__(self, a, b, i, js):
        table = self.tables[(a, b)]
        if not isinstance(table, list):
            return np.full(len(js), float(table))
        return np.array([table[i][j] for j in js], dtype=np.float64)


@settings(max_examples=80)
@given(
    st.integers(1, 12),
    st.integers(1, 12),
    st.integers(0, 2**32 - 1),
    st.sampled_from([1, 2, 3, 20]),
    st.booleans(),
)
def test_list_search_equals_row_search_including_ties(n, m, seed, width, ties):
    """Small integer costs make exact ties frequent: the first link type listed must win."""
    rng = np.random.default_rng(seed)
    types = CostParams().link_types
    tables = {}
    for a, b in types:
        if a > n or b > m:
            continue
        if a == 0 or b == 0:
            tables[(a, b)] = 3.0
            continue
        grid = rng.integers(0, 4, size=(n + 1, m + 1)).astype(np.float64)
        tables[(a, b)] = (grid if ties else grid + rng.random(grid.shape)).tolist()
    lo, hi = band(n, m, width)
    try:
        expected = monotonic_align(n, m, TableCost(tables), types, lo, hi)
    except ValueError:
        expected = None
    if expected is None:
        with pytest.raises(ValueError):
            table_align(n, m, tables, types, lo, hi)
    else:
        assert table_align(n, m, tables, types, lo, hi) == expected


def glossary_types(en, zh, glossary):
    """Per EN and per ZH sentence: the glossary term positions found (from the type keys)."""
    feats = extract(en, zh, dictionary=None, glossary=glossary, weights=FeatureWeights())
    strong_terms = np.flatnonzero(feats.strong)
    return (
        [len(set(t.tolist()) & set(strong_terms.tolist())) for t in feats.en_types],
        [len(set(t.tolist()) & set(strong_terms.tolist())) for t in feats.zh_types],
    )


def test_glossary_edited_between_documents_is_seen_by_the_next_document():
    en, zh = ["Adverse events were rare.", "Survival improved."], ["不良事件罕见。", "生存期改善。"]
    glossary = Glossary([Term("adverse events", "不良事件")])
    assert glossary_types(en, zh, glossary) == ([1, 0], [1, 0])
    glossary.terms.append(Term("survival", "生存期"))
    assert glossary_types(en, zh, glossary) == ([1, 1], [1, 1])
    glossary.terms = [Term("survival", "生存期")]
    assert glossary_types(en, zh, glossary) == ([0, 1], [0, 1])


def test_glossary_term_matches_in_any_case_including_dotless_i():
    """The substring pre-test (one per document) must never reject what the case-insensitive
    regex accepts."""
    glossary = Glossary([Term("Imatinib", "伊马替尼"), Term("Kinase", "激酶")])
    zh = ["给予伊马替尼。", "一种激酶。"]
    for en, found in [
        (["IMATINIB was given.", "A KINASE."], [1, 1]),
        (["ımatınıb was given.", "A kınase."], [1, 1]),
        # one matcher with term scoring: inflections are the term (`Kinases` is `Kinase`)
        (["Imatinibs were given.", "Kinases."], [1, 1]),
        (["Imatinibum was given.", "Kinasemia."], [0, 0]),
    ]:
        assert glossary_types(en, zh, glossary)[0] == found, en


@settings(max_examples=30, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_short_and_long_document_word_matching_find_the_same_evidence(doc):
    """`_dictionary_evidence` builds sets for short documents and probes substrings for long
    ones; forcing either way on the same document gives the same features."""
    import aligner.align.features as features_module

    en, zh = doc
    short = features(en, zh, GLOSSARY)
    saved = features_module.FEW_SENTENCES
    features_module.FEW_SENTENCES = -1
    try:
        long = features(en, zh, GLOSSARY)
    finally:
        features_module.FEW_SENTENCES = saved
    assert [t.tolist() for t in short.zh_types] == [t.tolist() for t in long.zh_types]
    assert [t.tolist() for t in short.en_types] == [t.tolist() for t in long.en_types]


def test_dictionary_words_are_found_inside_chinese_sentences():
    feats = features(["Blood pressure decreased in mice."], ["小鼠血压降低。", "无关。"], None)
    assert len(feats.zh_types[0]) == 2 and len(feats.zh_types[1]) == 0  # blood, pressure
