"""Batching in the base classes and chunking of long texts (never silent truncation)."""

from __future__ import annotations

import numpy as np
import pytest

from jobapp.models.base import Embedder, Reranker, TextChunker, l2_normalise, split_into_windows
from jobapp.models.jsontext import NoJsonFound, parse_json_object, reply_for_schema, with_schema_instruction


class FakeTokenizer:
    """Whitespace 'tokenizer' with the two methods the chunker uses."""

    def tokenize(self, text):
        return text.split()

    def convert_tokens_to_string(self, tokens):
        return " ".join(tokens)


class RecordingEmbedder(Embedder):
    """Embeds a text as a one-hot of its first token's number, and records every batch."""

    batch_size = 4

    def __init__(self, max_tokens=None, tokenizer=None, dim=64):
        self.max_tokens = max_tokens
        self._tokenizer = tokenizer
        self.dim = dim
        self.batches: list[list[str]] = []

    def tokenizer(self):
        return self._tokenizer

    def dimension(self):
        return self.dim

    def _embed_batch(self, texts):
        self.batches.append(list(texts))
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            out[row, int(text.split()[0][1:]) % self.dim] = 3.0  # not unit length on purpose
        return out


def numbered(n, start=0):
    return " ".join(f"t{i}" for i in range(start, start + n))


def test_windows_cover_everything_with_overlap():
    windows = split_into_windows(list(range(10)), size=4, overlap=1)
    assert windows == [[0, 1, 2, 3], [3, 4, 5, 6], [6, 7, 8, 9]]
    assert split_into_windows([1, 2], size=4, overlap=1) == [[1, 2]]


def test_long_text_is_chunked_by_tokens_not_truncated():
    chunker = TextChunker(max_tokens=24, tokenizer=FakeTokenizer())  # 20 tokens per chunk (4 reserved)
    chunks = chunker.chunks(numbered(100))
    assert len(chunks) > 1
    assert all(len(c.split()) <= 20 for c in chunks)
    seen = {tok for c in chunks for tok in c.split()}
    assert seen == set(numbered(100).split())  # the end of the text is kept
    first, second = chunks[0].split(), chunks[1].split()
    assert first[-5:] == second[:5]  # 25 % overlap
    assert chunker.chunks("short text") == ["short text"]


def test_word_fallback_without_tokenizer():
    chunks = TextChunker(max_tokens=24).chunks(numbered(60))
    assert len(chunks) > 1 and all(len(c.split()) <= 12 for c in chunks)
    assert chunks[-1].split()[-1] == "t59"


def test_embed_combines_chunks_as_normalised_mean():
    embedder = RecordingEmbedder(max_tokens=24, tokenizer=FakeTokenizer())
    long_text = numbered(50)
    vectors = embedder.embed(["t7 short", long_text, "t9 other"])
    assert vectors.shape == (3, 64) and vectors.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, rtol=1e-6)
    chunks = TextChunker(24, FakeTokenizer()).chunks(long_text)
    expected = l2_normalise(np.mean(l2_normalise(embedder._embed_batch(chunks)), axis=0))[0]
    np.testing.assert_allclose(vectors[1], expected, rtol=1e-6)
    # every chunk contributes: the vector has one non-zero entry per chunk start
    assert np.count_nonzero(vectors[1]) == len(chunks) > 1
    assert vectors[0][7] == pytest.approx(1.0) and vectors[2][9] == pytest.approx(1.0)


def test_embed_batches_and_keeps_order():
    embedder = RecordingEmbedder()
    texts = [f"t{i}" for i in range(10)]
    vectors = embedder.embed(texts)
    assert [len(b) for b in embedder.batches] == [4, 4, 2]
    assert list(vectors.argmax(axis=1)) == list(range(10))
    assert embedder.embed([]).shape == (0, 64)


def test_reranker_batches_and_returns_flat_scores():
    class CountingReranker(Reranker):
        batch_size = 3

        def __init__(self):
            self.sizes = []

        def _score_batch(self, query, docs):
            self.sizes.append(len(docs))
            return np.array([[float(d.count(query))] for d in docs])

    reranker = CountingReranker()
    scores = reranker.rank("py", ["py py", "java", "py", "py py py", "c", "x", "py"])
    assert reranker.sizes == [3, 3, 1]
    assert scores.dtype == np.float32 and scores.tolist() == [2, 0, 1, 3, 0, 0, 1]
    assert reranker.rank("q", []).shape == (0,)


def test_json_from_prose_and_fences():
    assert parse_json_object('Voici: ```json\n{"a": {"b": 1}}\n``` fin') == {"a": {"b": 1}}
    assert parse_json_object('{broken {"ok": true}') == {"ok": True}
    with pytest.raises(NoJsonFound, match="no JSON object"):
        parse_json_object("no json here")
    assert reply_for_schema("nothing") == "nothing"


def test_schema_instruction_added_once():
    schema = {"type": "object", "properties": {"x": {"type": "string"}}}
    messages = [{"role": "system", "content": "Be brief."}, {"role": "user", "content": "Go"}]
    once = with_schema_instruction(messages, schema)
    assert (
        len(once) == 2 and "JSON schema" in once[0]["content"] and once[0]["content"].startswith("Be brief.")
    )
    assert with_schema_instruction(once, schema) == once
    assert with_schema_instruction([{"role": "user", "content": "Go"}], schema)[0]["role"] == "system"
