r"""English sentence-boundary knowledge, kept as data (pySBD style) so it reads as a list.

`english.py` decides every candidate boundary (terminal punctuation, closing quotes/brackets,
then whitespace) by the first rule below whose contexts match; when none matches, Punkt
(NLTK's English parameters plus `BIO_ABBREVIATIONS`) decides. Punkt is good at ordinary
abbreviations and capitalisation statistics; it knows nothing of biomedical writing
(``et al.``, ``Fig. 2``, ``i.p.``, ``24 h.``, ``NF-kappa B.``) nor of lists and spaced
ellipses, which is what these rules are for. Two checks live in code because they count
rather than match: a candidate inside brackets closed soon after never splits, and bullets,
blank lines and the next item of a list are forced boundaries; and a sentence so far with no
letter or digit ("? ? ?", the dots of a leading ellipsis) never ends.

A rule is ``(name, left, right, split)``:
- ``left`` is a regex that must match at the *end* of the sentence so far (its last 48
  characters, up to and including the terminal and any closers); a pattern starting with
  ``\A`` must match the *whole* sentence so far;
- ``right`` is a regex that must match at the *start* of the text after the whitespace;
- ``split`` is the decision when both match (``None`` matches anything).
Keep rules general (a behaviour, not a sentence); `tests/test_segment_en.py` maps every rule
to a named case where it decides (`explain_en` shows which rule decided what).
"""

from __future__ import annotations

import re
from typing import NamedTuple


class Rule(NamedTuple):
    name: str
    left: str | None
    right: str | None
    split: bool


def _words(*groups: str) -> list[str]:
    return [w for group in groups for w in group.split()]


# Added to Punkt's abbreviation types (lower case, without the final period). Punkt then
# treats a following lower-case word as "same sentence" and a capitalised one by its
# orthographic statistics.
BIO_ABBREVIATIONS = _words(
    "e.g i.e al cf viz vs approx ca resp incl esp etc ibid",
    "fig figs eq eqs ref refs tab suppl no nos vol vols pp chap sect sec ch art",
    "i.p i.v i.m i.c.v i.t s.c p.o b.i.d t.i.d q.i.d q.d q.o.d p.r.n h.s a.c p.c",
    "dr mr mrs ms prof mt jr sr st rev hon capt sgt messrs mme mlle",
    "dept univ inst assoc natl intl lab exp expt",
    "sp spp var subsp cv",
    "wt mut conc dil max min avg",
    "a.m p.m u.s u.k e.u u.s.a u.n ph.d m.d b.sc m.sc d.phil",
    "jan feb aug sep sept oct nov dec",
)

# Abbreviations after which a sentence (practically) never ends, whatever follows: titles and
# words that announce a reference, a number or an example.
# Titles are matched with their capital ("Ms. Lee", not "MS. Later"); the rest in any case.
NEVER_FINAL_TITLES = _words("Mr Mrs Ms Dr Drs Prof Profs Mt Rev Hon Capt Sgt Messrs Mme Mlle")
NEVER_FINAL = _words("fig figs eq eqs tab suppl approx ca cf viz vs e.g i.e")

# Dosing routes and schedules usually close a clause: before a capital they end the sentence.
DOSING = _words("i.p i.v i.m i.c.v i.t s.c p.o b.i.d t.i.d q.i.d q.d q.o.d p.r.n")

# Abbreviations that end a sentence only rarely and never before a number: "p. 12", "No. 5",
# "Rs. 250", "N°. 17".
BEFORE_NUMBER = _words("p pp no nos nr n° vol vols ref refs ch chap sect sec art rs op")

# Units that, written after a number and followed by a period, end a sentence ("24 h. The").
UNITS = _words(
    "h hr hrs min s sec d wk wks mo yr yrs",
    "mg g kg µg μg ng pg ml mL l L µl μl µL μL dl dL",
    "mm cm m km nm µm μm mM nM pM µM μM M mol mmol kDa Da bp kb",
    "U IU Hz kHz V mV Gy °C °F",
)

# Names written with an exclamation mark that does not end the sentence (from pySBD's list).
EXCLAMATION_WORDS = _words("Yahoo! Yum! Jeopardy! Y!J")

# Words after which a capital with a period is a person's initial in a list of names ("We thank
# A. Berg, C. Diaz and E. Fox"; "a gift from G. Hale"), not a one-letter name ending a sentence.
NAME_LIST_OPENERS = _words("and by from to of with thank thanks &")

# Headings of structured abstracts. Run into the previous sentence without a space
# ("...unclear.Methods We enrolled...") they still start a new sentence; alone on a line they
# are a sentence of their own.
SECTION_LABELS = _words(
    "Abstract Background Introduction Objective Objectives Aim Aims Purpose Context",
    "Methods Method Design Setting Settings Participants Patients Interventions",
    "Measurements Materials Results Findings Conclusion Conclusions Interpretation",
    "Discussion Significance Limitations",
)

# Capitalised words that open sentences often enough that an initial-like token ("B.")
# before them is a sentence end, not a person's initial.
SENTENCE_STARTERS = _words(
    "The A An This These That Those Thus Therefore However Moreover Furthermore In On At",
    "We Our It Its They Their Both Each All No Neither Although Though While When After",
    "Before Since Because As By For From With Without Taken Together Finally Here Further",
    "Collectively Consistent Similarly Conversely Interestingly Importantly Surprisingly",
    "Also Such Only Using Of To Then Hence Nevertheless Nonetheless Instead Indeed",
    "How What Why Where Who Which He She You Is Are Do Does Did Can",
)


def _alt(words: list[str]) -> str:
    """A regex alternation of literal words, longest first so ``figs`` wins over ``fig``."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


_UPPER = r"[\"'“‘(\[]*[A-Z]"  # next sentence opens with a capital, maybe after a quote/bracket
_BULLETS = "•⁃▪◦‣●"
# A list marker opening a sentence: "1.", "1)", "1.)", "a.", "iv)", optionally after a bullet.
LIST_MARKER = rf"[{_BULLETS}]?\s*(?:\d{{1,3}}|[A-Za-z]|[ivxIVX]{{1,4}})(?:\.\)|\.|\))"
# A figure-panel label: "B", "C-K", "A,B", "(b)", "B)", "(D-F)".
_PANEL = r"(?:[A-Z](?:\s?[-–,]\s?[A-Z])*|\([A-Za-z](?:\s?[-–,]\s?[A-Za-z])*\)|[A-Z]\))"

# A word, number or bracketed term before a full stop that is not an abbreviation that never
# ends a sentence ("e.g.", "Fig.", "Dr."): "panels B-G." "0.01." "(KO)."
_TOKEN_BEFORE_STOP = (
    rf"(?<![.\w-])(?!(?i:{_alt(NEVER_FINAL + NEVER_FINAL_TITLES)})\.)"
    r"(?:[\w-]*[\w)\]%]|\d+(?:\.\d+)+)\."
)
_NAME_WORD = r"[A-Z](?![A-Z])[^\W\d_]"  # "Smith", "Müller"; not "DNA", not "The" alone

RULES: list[Rule] = [
    # "1.", "a.", "• 9." at the start: a list marker, not a sentence.
    Rule("list_marker_is_not_a_sentence", rf"\A\s*{LIST_MARKER}", None, False),
    # "C-K." or "B)." opening a figure legend's sentence: a panel label, not a sentence.
    Rule("panel_label_is_not_a_sentence", rf"\A{_PANEL}\.", None, False),
    Rule("exclamation_in_a_name", rf"(?<!\w)(?:{_alt(EXCLAMATION_WORDS)})", None, False),
    # Ellipses. "reagents. . . . Then" is a period then an ellipsis opening the next sentence;
    # ". . . ." after a space is an ellipsis plus a period; ". . ." alone leaves the sentence
    # open; "that.... She" ends it.
    Rule("period_then_spaced_ellipsis_opens_next", r"\w[.!?]", r"\.\s\.\s\.\s+" + _UPPER, True),
    Rule("inside_spaced_ellipsis", None, r"\.", False),
    Rule("spaced_four_dot_ellipsis_ends", r"\s\.\s\.\s\.\s\.", _UPPER, True),
    Rule("spaced_three_dot_ellipsis_continues", r"\s\.\s\.\s\.", None, False),
    Rule("four_dot_ellipsis_ends", r"\w(?:\.\.\.\.|…\.)", _UPPER, True),
    # What follows cannot open a sentence.
    Rule("closing_punctuation_follows", None, r"[,;:!?)\]}%]", False),
    Rule("dash_then_lowercase_continues", None, r"-{1,3}\s*[a-z]", False),
    # A panel label or a statistics line ("n = 4", "*P < 0.05") after a full stop opens a
    # sentence of a figure legend, even in lower case.
    Rule(
        "bracketed_panel_label_opens_sentence",
        _TOKEN_BEFORE_STOP,
        r"\([a-z]\)\s",
        True,
    ),
    Rule(
        "statistics_opens_sentence",
        _TOKEN_BEFORE_STOP,
        r"\**[nNPp]\s?[=<>≤≥]\s?\.?\d",
        True,
    ),
    # Other lower-case words continue the sentence.
    Rule("lowercase_word_continues", None, r"(?!\([a-z]\)\s)[\"'“‘(\[]?[a-z]+(?![\w-])", False),
    # Abbreviations.
    Rule("never_final_title", rf"(?<![\w.])(?:{_alt(NEVER_FINAL_TITLES)})\.", None, False),
    Rule("never_final_abbreviation", rf"(?<![\w.])(?i:{_alt(NEVER_FINAL)})\.", None, False),
    Rule(
        "abbreviation_before_number",
        rf"(?<![\w.])(?i:{_alt(BEFORE_NUMBER)})\.",
        r"[\d#(]",
        False,
    ),
    Rule("et_al_before_citation", r"\bet\.?\s+al\.", r"[\d(\[]", False),
    Rule("et_al_before_capital_ends", r"\bet\.?\s+al\.", _UPPER, True),
    # A panel label or a statistics line ("n = 4", "*P < 0.05") after a full stop opens a
    # sentence of a figure legend, even in lower case.
    Rule("dosing_route_before_capital_ends", rf"(?<![\w.])(?:{_alt(DOSING)})\.", _UPPER, True),
    Rule("acronym_ends_sentence", r"(?<![\w.])[A-Z]{2,}[\w-]*\.", _UPPER, True),
    Rule("subscript_after_bracket_ends", r"[\])][a-z]\.", _UPPER, True),
    Rule("unit_after_number_ends", rf"\d\s?(?:{_alt(UNITS)})\.", _UPPER, True),
    Rule(
        "abbreviation_before_sentence_starter",
        r"\w\.",
        rf"[\"'“‘(]?(?:{_alt(SENTENCE_STARTERS)})\b(?![-.])",
        True,
    ),
    # Single capitals: "Maria K. Novak" is a name, "vitamin K. Then" a sentence end.
    Rule(
        "initial_after_capitalised_name",
        r"(?<![\w-])[A-Z][a-z]+\s(?:[A-Z]\.\s?)*[A-Z]\.",
        rf"(?!(?:{_alt(SENTENCE_STARTERS)})\b)[A-Z][a-z]",
        False,
    ),
    Rule(
        "initial_in_a_list_of_names",
        rf"(?:[,;(]|(?<![\w-])(?:{_alt(NAME_LIST_OPENERS)}))\s+[A-Z]\.",
        rf"(?!(?:{_alt(SENTENCE_STARTERS)})\b){_NAME_WORD}",
        False,
    ),
    # "awarded to D.K.L. (grant 12-345)": compact initials before a bracket go on.
    Rule("initials_before_bracket_continue", r"(?<![\w.])(?:[A-Z]\.){2,}", r"[(\[]", False),
    Rule(
        "initials_before_name",
        r"(?<![\w.])[A-Z]\.(?:\s?|-)[A-Z]\.",
        rf"(?!(?:{_alt(SENTENCE_STARTERS)})\b)[A-Z][a-z]",
        False,
    ),
    Rule("initial_before_initial", r"(?<![\w.])[A-Z]\.", r"[A-Z]\.(?:\s|[A-Z]\.)", False),
    Rule("single_capital_ends_sentence", r"(?<![\w.])[A-Z]\.", _UPPER, True),
]
