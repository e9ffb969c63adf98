"""Plain data passed between the pipeline stages.

Every stage takes and returns these dataclasses and nothing else, so a document can be followed
from `read` to `report` and any stage can be swapped or tested on its own.

Offsets are character offsets into the *original* text (`Document.en` / `Document.zh`), so a
sentence is always `text[start:end]`: segmentation never alters or drops characters.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pandas is imported lazily: it costs ~0.5 s at import
    import pandas as pd


_CONTROL = {c: f"\\x{c:02x}" for c in [*range(32), *range(127, 160)]} | {
    10: "\\n", 13: "\\r", 9: "\\t"} | {c: f"\\u{c:04x}" for c in [*range(0x202A, 0x202F),
                                                              *range(0x2066, 0x206A)]}


def one_line(text: str) -> str:
    """Control characters written as escapes: an error stays one line on a terminal or a log."""
    return text.translate(_CONTROL)


class AlignerError(Exception):
    """A problem with the user's input or configuration (not a bug).

    The CLI prints `str(error)` as one line on stderr and exits with `exit_code`; it never shows
    a traceback for these. The message names the file (and record id / line when known) and the
    problem, e.g. ``seeds/x.txt: no Chinese part found``.
    """

    exit_code = 2

    def __init__(self, problem: str, *, path: str | None = None, record: str | None = None):
        self.problem = problem
        self.path = path
        self.record = record
        super().__init__(self.message)

    @property
    def message(self) -> str:
        where = self.path or "<input>"
        if self.record is not None:
            where = f"{where} [{self.record}]"
        # one line whatever a record id, a file name or a quoted value holds (`\n` shown as is)
        return one_line(f"{where}: {self.problem}")

    def __str__(self) -> str:
        return self.message


class InputError(AlignerError):
    """Unreadable or unusable input: empty, binary, wrong encoding, a language missing."""


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence: its text and where it sits in the original document text."""

    text: str
    start: int
    end: int


@dataclass(slots=True)
class Document:
    """A bilingual record as read from disk, before any processing.

    `en_sentences`/`zh_sentences` are set only when the input was already split (pre-split files,
    corpora with sentence lists); otherwise the segmenters fill them. `warnings` collects doubtful
    but usable input (Traditional Chinese, very unbalanced sides): the run goes on and the CLI
    prints them.
    """

    id: str
    en: str
    zh: str
    meta: dict[str, Any] = field(default_factory=dict)
    source: str | None = None
    en_sentences: list[Sentence] | None = None
    zh_sentences: list[Sentence] | None = None
    warnings: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Link:
    """English sentence indices `en` aligned to Chinese sentence indices `zh` (0-based).

    Either side may be empty (a 1-0 or 0-1 link). `score` is a confidence in [0, 1].
    """

    en: tuple[int, ...]
    zh: tuple[int, ...]
    score: float

    @property
    def kind(self) -> str:
        return f"{len(self.en)}-{len(self.zh)}"


#: The link schema: one row per link, in this column order, in every tabular output (TSV,
#: Parquet, the DataFrame); JSONL leaves out `link` (the line order) and `kind` (derived).
#: Indices are 0-based sentence indices; `score` is the link confidence rounded to 4 places.
LINK_COLUMNS = ("doc", "link", "kind", "en", "zh", "score", "en_text", "zh_text")
JSONL_LINK_FIELDS = ("doc", "en", "zh", "en_text", "zh_text", "score")
SCORE_DIGITS = 4


@dataclass(frozen=True, slots=True)
class LinkEvidence:
    """What each sentence's own evidence says about one link (both sides non-empty), computed
    by `aligner.align.evidence.link_evidence` and read by the `omission`/`partial` checks."""

    hidden: tuple[tuple[str, int], ...] = ()  # ("en"|"zh", index): no evidence of translation
    partial: str | None = None  # "en" / "zh": the side that says clearly more
    unmatched: tuple[str, ...] = ()  # EN numbers, Latin tokens, terms, words the ZH side lacks
    weak: bool = False  # every sentence of the link barely matched (a shifted neighbour?)


@dataclass(slots=True)
class Alignment:
    """The result of aligning one document: its sentences on both sides and the links.

    Invariant (checked by `validate`): concatenating the `en` (resp. `zh`) indices of the links in
    order gives exactly ``0..len(en)-1`` (resp. ``0..len(zh)-1``): every sentence is in one link,
    in order.
    """

    doc: Document
    en: list[Sentence]
    zh: list[Sentence]
    links: list[Link]
    method: str = "lexical"
    evidence: list[LinkEvidence | None] | None = None  # per link; None: not computed

    def en_text(self, link: Link, sep: str = " ") -> str:
        return sep.join(self.en[i].text for i in link.en)

    def zh_text(self, link: Link, sep: str = "") -> str:
        return sep.join(self.zh[j].text for j in link.zh)

    def pairs(self) -> Iterator[tuple[Link, str, str]]:
        for link in self.links:
            yield link, self.en_text(link), self.zh_text(link)

    def validate(self) -> None:
        """Raise AssertionError if the coverage invariant is broken (a bug, not user error)."""
        en = [i for link in self.links for i in link.en]
        zh = [j for link in self.links for j in link.zh]
        if en != list(range(len(self.en))) or zh != list(range(len(self.zh))):
            raise AssertionError(f"{self.doc.id}: links do not cover every sentence once, in order")
        for link in self.links:
            if not (link.en or link.zh):
                raise AssertionError(f"{self.doc.id}: empty link")
            if not 0.0 <= link.score <= 1.0:
                raise AssertionError(f"{self.doc.id}: score {link.score} outside [0, 1]")

    def link_rows(self) -> Iterator[dict[str, Any]]:
        """One dict per link with every `LINK_COLUMNS` field (the one link schema)."""
        for i, (link, en_text, zh_text) in enumerate(self.pairs()):
            yield {"doc": self.doc.id, "link": i, "kind": link.kind, "en": list(link.en),
                   "zh": list(link.zh), "score": round(link.score, SCORE_DIGITS),
                   "en_text": en_text, "zh_text": zh_text}

    def to_records(self) -> list[dict[str, Any]]:
        """One dict per link, in the JSONL export's schema (`JSONL_LINK_FIELDS`)."""
        return [{k: row[k] for k in JSONL_LINK_FIELDS} for row in self.link_rows()]

    def to_dataframe(self) -> pd.DataFrame:
        import pandas as pd

        return pd.DataFrame(list(self.link_rows()), columns=list(LINK_COLUMNS))


@dataclass(frozen=True, slots=True)
class Term:
    """One glossary entry: the approved Chinese for an English term, plus tolerated and
    known-wrong renderings."""

    en: str
    zh: str
    variants: tuple[str, ...] = ()
    forbidden: tuple[str, ...] = ()
    note: str = ""


@dataclass(slots=True)
class Glossary:
    terms: list[Term] = field(default_factory=list)
    source: str | None = None

    def __len__(self) -> int:
        return len(self.terms)

    def __iter__(self) -> Iterator[Term]:
        return iter(self.terms)


@dataclass(frozen=True, slots=True)
class Finding:
    """One QA or terminology observation on one link of one document."""

    doc: str
    link: int
    check: str
    message: str
    text: str = ""
    severity: str = "error"
    accepted: str = ""  # "who: why" when a reviewer accepted it (a waiver); ignored by gates
