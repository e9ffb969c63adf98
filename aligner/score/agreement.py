"""Agreement between two Chinese versions of the same English (sacrebleu BLEU, chrF, TER).

"Another version" is an earlier approved translation, a machine translation or a reference. Both
versions are aligned to the *same* English sentences; their links are then paired by English
sentence indices. Where the two link structures differ (one version merged two sentences the
other kept apart), the Chinese of each is concatenated over the smallest English span on which
both agree, so every Chinese sentence of both versions is compared exactly once.

Settings (the only ones that score Chinese sensibly, see ECOSYSTEM.md): BLEU `tokenize='zh'`
with effective order at sentence level; chrF with character 6-grams and no word n-grams; TER
`normalized=True, asian_support=True`. Metric objects are built once per scorer (construction
is slow) and every figure is reported with its sacrebleu signature.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from aligner.model import Alignment, Document, InputError

NAN = float("nan")

if TYPE_CHECKING:
    import pandas as pd


@dataclass(frozen=True, slots=True)
class Span:
    """English sentences [en_start, en_end) and the Chinese one version gives for them."""

    en_start: int
    en_end: int
    zh: str


@dataclass(frozen=True, slots=True)
class SpanScore:
    doc: str
    en: tuple[int, ...]
    hyp: str  # the version being scored
    ref: str  # the other version
    bleu: float
    chrf: float
    ter: float
    ter_edits: float = 0.0  # TER's sufficient statistics, summed for the corpus score
    ter_ref_length: float = 0.0


@dataclass(slots=True)
class Agreement:
    """Scores of one document (or a corpus, `doc == "*"`) with their sacrebleu signatures."""

    doc: str
    bleu: float
    chrf: float
    ter: float
    signatures: dict[str, str]
    spans: list[SpanScore] = field(default_factory=list)

    def summary(self) -> dict[str, object]:
        def figure(x: float) -> float | None:  # a left-out metric (NaN) is null in JSON
            return round(x, 2) if x == x else None

        return {"doc": self.doc, "spans": len(self.spans), "bleu": figure(self.bleu),
                "chrf": figure(self.chrf), "ter": figure(self.ter),
                "signatures": self.signatures}

    def to_dataframe(self) -> pd.DataFrame:
        import pandas as pd

        cols = ["doc", "en", "hyp", "ref", "bleu", "chrf", "ter"]
        return pd.DataFrame([[getattr(s, c) for c in cols] for s in self.spans], columns=cols)


def spans_of(alignment: Alignment) -> list[Span]:
    """One span per link; a 0-1 link joins the span before it (the first span if leading)."""
    units: list[list] = []  # [en_start, en_end, zh parts]
    pending: list[str] = []
    for link in alignment.links:
        zh = alignment.zh_text(link)
        if not link.en:
            if units:
                units[-1][2].append(zh)
            else:
                pending.append(zh)
            continue
        units.append([link.en[0], link.en[-1] + 1, [*pending, zh]])
        pending = []
    if pending:  # no English at all
        units.append([0, 0, pending])
    return [Span(s, e, "".join(parts)) for s, e, parts in units]


def pair_spans(hyp: list[Span], ref: list[Span]) -> list[tuple[range, str, str]]:
    """Group both versions' spans over the smallest common English cuts."""
    common = {s.en_end for s in hyp} & {s.en_end for s in ref}
    out = []
    hi = ri = 0
    start = 0
    for cut in sorted(common):
        h_parts, r_parts = [], []
        while hi < len(hyp) and hyp[hi].en_end <= cut:
            h_parts.append(hyp[hi].zh)
            hi += 1
        while ri < len(ref) and ref[ri].en_end <= cut:
            r_parts.append(ref[ri].zh)
            ri += 1
        out.append((range(start, cut), "".join(h_parts), "".join(r_parts)))
        start = cut
    return out


METRICS = ("bleu", "chrf", "ter")


class AgreementScorer:
    """Build once (sacrebleu objects are slow to construct), compare many document pairs."""

    name = "agreement"

    def __init__(self, metrics: Iterable[str] = METRICS) -> None:
        from sacrebleu.metrics import BLEU, CHRF, TER

        self.metrics = tuple(metrics)
        if set(self.metrics) - set(METRICS) or not self.metrics:
            raise ValueError(f"metrics must be among {METRICS}, got {self.metrics}")

        self.bleu_sentence = BLEU(tokenize="zh", effective_order=True)
        self.bleu_corpus = BLEU(tokenize="zh")
        self.chrf = CHRF()  # char 6-grams, word_order=0: chrF++ treats unspaced Chinese as 1 word
        self.ter = TER(normalized=True, asian_support=True)
        self._signatures: dict[str, str] | None = None

    def signatures(self) -> dict[str, str]:
        """Signatures need one evaluation to know `nrefs`; computed once on a dummy pair."""
        if self._signatures is None:
            for metric in (self.bleu_sentence, self.bleu_corpus, self.chrf, self.ter):
                metric.corpus_score(["一"], [["一"]])
            self._signatures = {
                "bleu": str(self.bleu_corpus.get_signature()),
                "bleu_sentence": str(self.bleu_sentence.get_signature()),
                "chrf": str(self.chrf.get_signature()),
                "ter": str(self.ter.get_signature()),
            }
        return self._signatures

    def score_pair(self, hyp: Alignment, ref: Alignment) -> Agreement:
        """Compare two alignments of the same English (same number of English sentences)."""
        if len(hyp.en) != len(ref.en):
            raise InputError(
                f"versions have {len(hyp.en)} and {len(ref.en)} English sentences: "
                "align both to the same English", record=hyp.doc.id, path=hyp.doc.source)
        spans = []
        for en_range, h, r in pair_spans(spans_of(hyp), spans_of(ref)):
            edits = self.ter.sentence_score(h, [r]) if "ter" in self.metrics else None
            spans.append(SpanScore(
                hyp.doc.id, tuple(en_range), h, r,
                self.bleu_sentence.sentence_score(h, [r]).score if "bleu" in self.metrics
                else NAN,
                self.chrf.sentence_score(h, [r]).score if "chrf" in self.metrics else NAN,
                edits.score if edits is not None else NAN,
                edits.num_edits if edits is not None else 0.0,
                edits.ref_length if edits is not None else 0.0,
            ))
        return self._aggregate(hyp.doc.id, spans)

    def score_corpus(self, results: Iterable[Agreement]) -> Agreement:
        spans = [s for a in results for s in a.spans]
        return self._aggregate("*", spans)

    def _aggregate(self, doc: str, spans: list[SpanScore]) -> Agreement:
        hyps = [s.hyp for s in spans]
        refs = [[s.ref for s in spans]]
        if not spans:
            return Agreement(doc, 0.0, 0.0, 100.0, self.signatures(), [])
        # corpus TER = total edits / total reference length (what sacrebleu computes), summed
        # from the sentence statistics instead of re-running the slow shift search
        ref_length = sum(s.ter_ref_length for s in spans)
        ter = 100 * sum(s.ter_edits for s in spans) / ref_length if ref_length > 0 else (
            0.0 if all(not s.hyp for s in spans) else 100.0)
        return Agreement(
            doc,
            self.bleu_corpus.corpus_score(hyps, refs).score if "bleu" in self.metrics else NAN,
            self.chrf.corpus_score(hyps, refs).score if "chrf" in self.metrics else NAN,
            ter if "ter" in self.metrics else NAN,
            {k: v for k, v in self.signatures().items() if k.split("_")[0] in self.metrics},
            spans,
        )

    def compare(self, alignment: Alignment, other_zh: str | Document,
                align: Callable[[Document], Alignment]) -> Agreement:
        """Align another Chinese version to this alignment's English with `align` (the
        pipeline's: the same glossary and method), then `score_pair`."""
        return self.score_pair(alignment, align(version_document(alignment, other_zh)))


def version_document(alignment: Alignment, other_zh: str | Document) -> Document:
    """The document to align for another version: `other_zh` (text, or a Document whose
    Chinese is used) with `alignment`'s English sentences, so the two versions share English
    indices. Aligning it is the pipeline's job (`Pipeline.other_version`): this stage does not
    know how documents are aligned."""
    doc = alignment.doc
    if isinstance(other_zh, Document):
        zh_text, zh_sents, source = other_zh.zh, other_zh.zh_sentences, other_zh.source
    else:
        zh_text, zh_sents, source = other_zh, None, doc.source
    return Document(doc.id, doc.en, zh_text, meta=dict(doc.meta), source=source,
                    en_sentences=list(alignment.en), zh_sentences=zh_sents)
