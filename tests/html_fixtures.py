"""A hand-made document for the HTML report tests: one term of each status, a low-confidence
link and a sentence full of markup that must show as text."""

from __future__ import annotations

from score_fixtures import make_doc

from aligner.config import Config
from aligner.model import Alignment, Document, Glossary, Link, Term
from aligner.pipeline import Pipeline, ReviewedDocument

HOSTILE_EN = ('Markup <script>document.title="pwned"</script> and '
              "<img src=x onerror=\"document.title='pwned'\"> stays text.")
HOSTILE_ZH = ('标记<script>document.title="pwned"</script>和'
              "<img src=x onerror=\"document.title='pwned'\">保持为文本。")

EN = [
    "The off-the-shelf product was approved by the FDA.",
    "Natural killer cells attack tumours.",
    "It is an immunotherapy.",
    "Adoptive cell therapy works in 95% of cases.",
    HOSTILE_EN,
]
ZH = [
    "该即用型产品已获FDA批准。",
    "自然杀手细胞攻击肿瘤。",
    "这是一种免疫疗法。",
    "这种方法在90%的病例中有效。",
    HOSTILE_ZH,
]
SCORES = [0.95, 0.8, 0.7, 0.3, 0.6]

GLOSSARY = Glossary([
    Term("off-the-shelf", "即用型"),
    Term("natural killer", "自然杀伤", forbidden=("自然杀手",)),
    Term("immunotherapy", "免疫治疗", variants=("免疫疗法",)),
    Term("adoptive cell therapy", "过继细胞疗法"),
], source="test-glossary.csv")


def document(doc_id: str = 'weird id "<b>x</b>"') -> Document:
    return make_doc(doc_id, EN, ZH, source="fixtures/<made>.txt")


def alignment(doc_id: str = 'weird id "<b>x</b>"') -> Alignment:
    doc = document(doc_id)
    links = [Link((i,), (i,), s) for i, s in enumerate(SCORES)]
    result = Alignment(doc, doc.en_sentences or [], doc.zh_sentences or [], links)
    result.validate()
    return result


def reviewed(doc_id: str = 'weird id "<b>x</b>"') -> ReviewedDocument:
    return Pipeline(Config(glossary=GLOSSARY)).score(alignment(doc_id))
