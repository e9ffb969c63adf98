"""TMX 1.4 translation memory, the format CAT tools (OmegaT, Trados, translate-toolkit) import.

Written as it goes, one `<tu>` per 1-1 / n-m link, so a corpus never sits in memory. Links with
an empty side (1-0, 0-1) are left out by default, because a translation unit without a
translation only pollutes a memory; they are counted in the returned stats instead.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TextIO

from aligner.model import Alignment
from aligner.report.linebreaks import join_line_breaks
from aligner.report.stats import WriteStats
from aligner.safe import xml_attr, xml_escape

# characters XML 1.0 forbids are dropped (a strict parser rejects the whole file for one of
# them), markup characters escaped: see `aligner.safe`
clean = xml_escape


def header(*, srclang: str = "en") -> str:
    from aligner.version import __version__

    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<tmx version="1.4">\n'
        f'  <header creationtool="aligner" creationtoolversion="{clean(__version__)}" '
        f'segtype="sentence" o-tmf="aligner" adminlang="en" srclang="{clean(srclang)}" '
        'datatype="plaintext"/>\n'
        "  <body>\n"
    )


FOOTER = "  </body>\n</tmx>\n"


def translation_unit(
    doc: str, index: int, score: float, en_text: str, zh_text: str, *, en_lang: str, zh_lang: str
) -> str:
    return (
        f'    <tu tuid="{xml_attr(doc)}:{index}">\n'
        f'      <prop type="x-doc">{clean(doc)}</prop>\n'
        f'      <prop type="x-score">{score:.4f}</prop>\n'
        f'      <tuv xml:lang="{en_lang}"><seg>{clean(en_text)}</seg></tuv>\n'
        f'      <tuv xml:lang="{zh_lang}"><seg>{clean(zh_text)}</seg></tuv>\n'
        "    </tu>\n"
    )


def write_tmx(
    alignments: Iterable[Alignment],
    stream: TextIO,
    *,
    include_unpaired: bool = False,
    en_lang: str = "en",
    zh_lang: str = "zh",
    keep_line_breaks: bool = False,
) -> WriteStats:
    """Hard-wrapped line breaks are joined (a CAT tool imports them as broken segments)
    unless `keep_line_breaks`."""
    stats = WriteStats()
    stream.write(header(srclang=en_lang))
    for alignment in alignments:
        stats.documents += 1
        for i, (link, en_text, zh_text) in enumerate(alignment.pairs()):
            if not (link.en and link.zh) and not include_unpaired:
                stats.skipped += 1
                continue
            stream.write(
                translation_unit(alignment.doc.id, i, link.score,
                                 join_line_breaks(en_text, keep=keep_line_breaks),
                                 join_line_breaks(zh_text, keep=keep_line_breaks),
                                 en_lang=en_lang, zh_lang=zh_lang)
            )
            stats.links += 1
    stream.write(FOOTER)
    return stats
