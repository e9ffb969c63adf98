"""Quotation balance of sentences, and the semantic aligner's use of it."""

from __future__ import annotations

import pytest
from test_semantic import ConceptEncoder, chinese, english

from aligner.align.quotes import (
    cumulative_nets,
    quote_net_en,
    quote_net_zh,
    quote_opens_en,
    quote_opens_zh,
)
from aligner.align.semantic import SemanticParams, align_semantic


@pytest.mark.parametrize(
    ("text", "net"),
    [
        ("'You're late again!' she laughed.", 0),
        ("'Yes, my lord, yes!", 1),
        ("I've got to go to the library!'", -1),
        ("He didn't know it was five o'clock.", 0),
        ('"Come here," she said, "and sit."', 0),
        ("He said: “Wait.", 1),
        ("It is the boys' turn.", -1),  # a plural possessive reads as a close: why the cap
    ],
)
def test_english_quotes_count_opens_minus_closes_and_skip_apostrophes(text, net):
    assert quote_net_en(text) == net


@pytest.mark.parametrize(
    ("text", "net"),
    [("老张笑道：“赢了十几块钱。”", 0), ("他说：“是，", 1), ("明白了。”", -1),
     ("「好」『壞』", 0)],
)
def test_chinese_quotes_count_opens_minus_closes(text, net):
    assert quote_net_zh(text) == net


def test_cumulative_nets_give_span_nets_by_difference():
    cum = cumulative_nets(["'Yes!", "no", "fine.'"], quote_net_en)
    assert list(cum) == [0, 1, 1, 0]
    assert cum[3] - cum[0] == 0 and cum[2] - cum[0] == 1


def test_a_link_that_cuts_a_quotation_on_one_side_only_costs_more():
    # EN 3 opens a quotation that EN 4 closes; ZH 3 (short) holds the whole quotation. EN 4
    # says nothing the encoder can place, so without the quote term the short ZH sentence
    # takes EN 3 alone and EN 4 is dropped; weighting the cut quotation keeps them together.
    en = [english(k) for k in range(1, 4)] + ["'Finding 4 was reported by the team.",
                                              "That was all, he thought.'"]
    en += [english(k) for k in range(5, 9)]
    zh = [chinese(k) for k in range(1, 4)] + ["“结果4。这些。”"] + [chinese(k) for k in range(5, 9)]

    def links(weight: float):
        params = SemanticParams(quote_weight=weight)
        return [(x.en, x.zh) for x in align_semantic(en, zh, encoder=ConceptEncoder(),
                                                     params=params)]

    assert ((3,), (3,)) in links(0.0)
    assert ((3, 4), (3,)) in links(0.3)


@pytest.mark.parametrize(
    ("text", "opens"), [("'Finding 4!' he said. 'And more.'", 2), ("It's five o'clock.", 0)]
)
def test_english_quotations_opened_are_counted(text, opens):
    assert quote_opens_en(text) == opens


def test_chinese_quotations_opened_are_counted():
    assert quote_opens_zh("他说：“好。”她说：“不。”") == 2


def test_an_english_quotation_is_not_merged_into_a_chinese_sentence_without_one():
    # EN 4 is a quotation the encoder cannot place and ZH has no quotation for it: counting
    # opened quotations leaves it unaligned instead of merging it into the unquoted EN 5 link.
    en = [english(k) for k in range(1, 4)] + ["'Finding 4 was reported!' he said.",
                                              "'That was all.'"]
    en += [english(k) for k in range(5, 9)]
    zh = [chinese(k) for k in range(1, 4)] + ["他说：“结果4！”"] + [chinese(k) for k in range(5, 9)]

    def links(weight: float):
        # size weight pinned at e5's -0.3: the shapes are priced as when the weight was tuned
        params = SemanticParams(quote_count_weight=weight, size_weight=-0.3)
        return [(x.en, x.zh) for x in align_semantic(en, zh, encoder=ConceptEncoder(),
                                                     params=params)]

    assert ((4, 5), (4,)) in links(0.0)
    assert ((4,), ()) in links(0.05) and ((5,), (4,)) in links(0.05)
