"""The approved baseline: a stable, diff-friendly JSON committed next to the translations.

Layout::

    {"aligner_baseline": 1, "aligner_version": "...", "glossary": "...",
     "documents": {"<id>": {"en": [...], "zh": [...], "links": [...], "terms": [...],
                            "findings": [...], "confidence": 0.83, ...}}}

Keys are sorted and each document is its own block, so a re-snapshot after an approved edit
shows up in review as a small diff of the document that changed. Nothing time-dependent goes
in: snapshotting the same input twice gives byte-identical files.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from aligner.model import SCORE_DIGITS, AlignerError

if TYPE_CHECKING:
    from aligner.pipeline import ReviewedDocument

BASELINE_FORMAT = 1
# a baseline holds a few KB per document; a file far beyond any corpus's is not one, and
# loading it would exhaust memory (a crash exits 1, which CI reads as drift)
MAX_BASELINE_BYTES = 1 << 30


def link_key(en: list[int] | tuple[int, ...], zh: list[int] | tuple[int, ...], prev_en: int) -> str:
    """Name a link by its English sentences, so a re-alignment of the Chinese still pairs up.

    A Chinese-only link (a sentence with no English counterpart) is named after the English
    sentence it follows.
    """
    if en:
        return "en " + (f"{en[0]}" if len(en) == 1 else f"{en[0]}-{en[-1]}")
    return f"zh {zh[0]} after en {prev_en}" if zh else f"empty after en {prev_en}"


def link_keys(links: list[dict[str, Any]]) -> list[str]:
    keys, prev = [], -1
    for link in links:
        keys.append(link_key(link["en"], link["zh"], prev))
        if link["en"]:
            prev = link["en"][-1]
    return keys


def document_record(reviewed: ReviewedDocument) -> dict[str, Any]:
    """The JSON block of one document: what `check` needs to tell what moved since."""
    alignment = reviewed.alignment
    doc = alignment.doc
    return {
        "source": doc.source,
        "method": alignment.method,
        "en": [s.text for s in alignment.en],
        "zh": [s.text for s in alignment.zh],
        "links": [
            {"en": list(link.en), "zh": list(link.zh), "score": round(link.score, SCORE_DIGITS)}
            for link in alignment.links
        ],
        "terms": sorted(
            (
                {"link": t.link, "term": t.term, "status": t.status, "found": t.zh_found,
                 "approved": t.approved}
                for t in reviewed.terms
            ),
            key=lambda t: (t["link"], t["term"], t["status"], t["found"]),
        ),
        "findings": sorted(
            (
                {
                    "link": f.link,
                    "check": f.check,
                    "message": f.message,
                    "text": f.text,
                    "severity": f.severity,
                }
                for f in reviewed.findings
            ),
            key=lambda f: (f["link"], f["check"], f["text"], f["message"]),
        ),
        "confidence": round(reviewed.confidence(), SCORE_DIGITS),
    }


def build_baseline(
    reviewed: Iterable[ReviewedDocument], *, glossary: str | None = None
) -> dict[str, Any]:
    from aligner.version import __version__

    documents: dict[str, Any] = {}
    for item in reviewed:
        documents[item.doc.id] = document_record(item)
    return {
        "aligner_baseline": BASELINE_FORMAT,
        "aligner_version": __version__,
        "glossary": glossary,
        "documents": documents,
    }


def dumps_baseline(baseline: dict[str, Any]) -> str:
    return json.dumps(baseline, sort_keys=True, indent=1, ensure_ascii=False) + "\n"


def dump_baseline(baseline: dict[str, Any], path: str | Path) -> None:
    """Atomic: a full disk or a cancelled job leaves the approved baseline as it was."""
    from aligner.outfile import write_atomic

    write_atomic(path, dumps_baseline(baseline), "baseline")


def load_baseline(path: str | Path) -> dict[str, Any]:
    """Read and validate a baseline; any problem is a one-line `AlignerError` (exit 2)."""
    where = str(path)
    from aligner.read.textfile import decode_text

    try:
        size = Path(path).stat().st_size
        if size > MAX_BASELINE_BYTES:
            raise AlignerError(f"baseline is {size / 2**20:.0f} MiB, over the "
                               f"{MAX_BASELINE_BYTES // 2**20} MiB a baseline may hold",
                               path=where)
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise AlignerError(
            "baseline not found (create it with `aligner snapshot ... -o FILE`)", path=where
        ) from None
    except OSError as error:
        raise AlignerError(f"cannot read baseline ({error.strerror or error})",
                           path=where) from None
    text = decode_text(data, where)  # binary / not UTF-8 / empty: the readers' messages
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise AlignerError(
            f"not valid JSON (line {error.lineno}, column {error.colno}: {error.msg})", path=where
        ) from None
    except RecursionError:  # exit 2 (bad input), never 1 (which reads as drift)
        raise AlignerError("not a baseline: JSON nested too deeply", path=where) from None
    except MemoryError:
        raise AlignerError("baseline too large to load in memory", path=where) from None
    if not isinstance(data, dict) or "aligner_baseline" not in data:
        raise AlignerError("not an aligner baseline (no 'aligner_baseline' field)", path=where)
    if data["aligner_baseline"] != BASELINE_FORMAT:
        raise AlignerError(
            f"baseline format {data['aligner_baseline']!r} is not supported "
            f"(this aligner reads format {BASELINE_FORMAT}); re-create it with `aligner snapshot`",
            path=where,
        )
    documents = data.get("documents")
    if not isinstance(documents, dict):
        raise AlignerError("'documents' must be an object keyed by document id", path=where)
    for doc_id, record in documents.items():
        _validate_record(record, where, doc_id)
    return data


def _validate_record(record: Any, where: str, doc_id: str) -> None:
    def bad(problem: str) -> AlignerError:
        return AlignerError(problem, path=where, record=doc_id)

    if not isinstance(record, dict):
        raise bad("document entry must be an object")
    for name in ("en", "zh", "links"):
        if not isinstance(record.get(name), list):
            raise bad(f"'{name}' must be a list")
    n_en, n_zh = len(record["en"]), len(record["zh"])
    for link in record["links"]:
        if not (
            isinstance(link, dict)
            and isinstance(link.get("en"), list)
            and isinstance(link.get("zh"), list)
            and isinstance(link.get("score"), int | float)
            and all(isinstance(i, int) and 0 <= i < n_en for i in link["en"])
            and all(isinstance(j, int) and 0 <= j < n_zh for j in link["zh"])
        ):
            raise bad(f"malformed link {json.dumps(link, ensure_ascii=False)[:80]}")
    for name in ("terms", "findings"):
        items = record.setdefault(name, [])
        if not isinstance(items, list) or not all(
            isinstance(x, dict) and isinstance(x.get("link"), int) for x in items
        ):
            raise bad(f"'{name}' must be a list of objects with a 'link' index")
    if not isinstance(record.get("confidence", 0.0), int | float):
        raise bad("'confidence' must be a number")
