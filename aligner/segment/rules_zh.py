"""Chinese sentence-boundary punctuation, kept as data.

Chinese marks sentence ends explicitly, so the rules are about which marks count and what
sticks to them:
- `。！？` (and the half-width `｡`, `．`) always end a sentence, except inside a book/article
  title `《…》`;
- `；` never does (the UD Chinese gold keeps clauses joined by it in one sentence);
- closing quotes and brackets after the mark stay with it (`。”`, `？”。`);
- half-width `.` `!` `?` end a sentence only in Chinese context: `3.5`, `example.com`,
  `e.g.`, `在Yahoo!工作` and marks inside brackets (`（… vs.－4.1 mmHg）`) do not;
- an ellipsis of two or more `…` (or six dots) ends a sentence unless a comma-like mark or
  lower-case Latin follows; a single `…` only before a Chinese character or an opening quote
  (it also marks ranges: `1…10`);
- a decimal point between digits never ends a sentence, in full-width digits too (`４．１７`);
- nor does the point of an item number opening a clause (`：1.收集…；2.分析…`, `１．称重`);
- marks that open a sentence (a leading `……`) do not end it;
- a blank line always ends a sentence; text with no CJK character or punctuation at all goes
  to the English segmenter.
"""

from __future__ import annotations

from aligner.scripts import CJK_IDEOGRAPHS

FULL_WIDTH_TERMINALS = "。！？｡．"
HALF_WIDTH_TERMINALS = ".!?"
ELLIPSES = "…⋯"

# Marks that close a quotation or bracket and belong to the sentence before them.
CLOSERS = "”’」』）)]】〕〉》\"'"

# After a sentence end, these mean the sentence goes on.
CONTINUERS = "，、；：,;:"

# Before an item number ("1." "２．") these mean the point numbers an item, not a stop:
# "步骤如下：1.收集样本；2.分析数据。" is one sentence.
ENUMERATION_OPENERS = "：:；;，,。、（(\n"

# A title between these never contains a sentence boundary (《你好！世界》).
TITLE_OPEN, TITLE_CLOSE = "《", "》"

# Latin abbreviations whose period, inside Chinese text, does not end a sentence.
LATIN_ABBREVIATIONS = frozenset(
    "e.g i.e etc al vs cf fig figs no vol dr mr mrs ms prof approx ca ref eq".split()
)

# CJK ideographs and full-width punctuation: what "Chinese context" means.
CJK = (
    CJK_IDEOGRAPHS  # ideographs (aligner.scripts: the one definition)
    + "\u3000-\u303f\u3040-\u30ff\uff00-\uffef"  # CJK punctuation, kana, full-width forms
)
