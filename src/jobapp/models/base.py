"""The three small interfaces every model backend implements: Embedder, Reranker, LLM.

Pipeline steps only ever talk to these interfaces (obtained from :mod:`jobapp.models.registry`), so
a backend (sentence-transformers, llama.cpp, an OpenAI-compatible server, a test fake) is swapped by
configuration, never by editing a step. Batching and long-text handling live here, in the base
classes, so every backend gets them for free and behaves the same way.

Nothing heavy is imported here: this module must stay importable without torch.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence
from typing import Any

import numpy as np

from jobapp.errors import InvalidInput, JobAppError

#: A chat message: ``{"role": "system" | "user" | "assistant", "content": "..."}``.
Message = dict[str, str]


class ContextTooLong(InvalidInput):
    """The prompt does not fit the LLM's context window (callers shorten the input and retry)."""

    code = "context_too_long"
    status = 413


class GenerationFailed(JobAppError):
    """One LLM request failed although the model is there (a bad request, an error mid-way).

    Unlike :class:`~jobapp.errors.ModelUnavailable` (misconfigured or unreachable model: the user
    must act), this concerns one input: batch callers log it and fall back for that record.
    """

    code = "generation_failed"
    status = 502


def l2_normalise(vectors: np.ndarray) -> np.ndarray:
    """Rows scaled to unit length (zero rows stay zero), as float32.

    Unit rows make the dot product a cosine similarity, which is what retrieval uses everywhere.
    """
    vectors = np.asarray(vectors, dtype=np.float32)
    if vectors.ndim == 1:
        vectors = vectors[None, :]
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return (vectors / norms).astype(np.float32)


def split_into_windows(pieces: Sequence[Any], size: int, overlap: int) -> list[list[Any]]:
    """Overlapping windows of at most ``size`` pieces (tokens or words) covering all of ``pieces``.

    Consecutive windows share ``overlap`` pieces so that a sentence cut at a window border is still
    seen whole by one of the two windows.
    """
    size = max(1, int(size))
    overlap = max(0, min(int(overlap), size - 1))
    if len(pieces) <= size:
        return [list(pieces)]
    step = size - overlap
    windows: list[list[Any]] = []
    start = 0
    while True:
        windows.append(list(pieces[start : start + size]))
        if start + size >= len(pieces):
            break
        start += step
    return windows


class TextChunker:
    """Splits a text too long for a model into overlapping chunks the model can read whole.

    Why: transformer encoders silently truncate their input at ``max_seq_length`` tokens. A job
    offer often puts its requirements (what matters most for matching) at the end, after a long
    company presentation; a CV lists skills after several pages of experience. Truncating would
    drop exactly that part. So a long text is cut into overlapping windows that each fit, every
    window is embedded, and the text's vector is the mean of the window vectors, re-normalised:
    the mean of unit vectors points toward what the windows have in common and keeps every part
    of the text represented, and re-normalising keeps cosine similarity meaningful.

    ``tokenizer`` is any object with ``tokenize(text) -> list[str]`` and
    ``convert_tokens_to_string(tokens) -> str`` (every Hugging Face tokenizer has both). Without a
    tokenizer, whitespace-separated words are used, with a conservative words-per-token ratio.
    """

    #: words are ~1.3 tokens on average for English/French WordPiece; stay on the safe side.
    WORDS_PER_TOKEN = 0.6

    def __init__(self, max_tokens: int, tokenizer: Any | None = None, overlap_ratio: float = 0.25) -> None:
        # Leave room for the special tokens ([CLS], [SEP], <s>...) the model adds around the text.
        self.max_tokens = max(8, int(max_tokens) - 4)
        self.tokenizer = tokenizer
        self.overlap_ratio = overlap_ratio

    def chunks(self, text: str) -> list[str]:
        """The text itself when it fits, else its overlapping chunks (in order)."""
        if self.tokenizer is not None and hasattr(self.tokenizer, "tokenize"):
            tokens = self.tokenizer.tokenize(text)
            if len(tokens) <= self.max_tokens:
                return [text]
            windows = split_into_windows(tokens, self.max_tokens, int(self.max_tokens * self.overlap_ratio))
            return [self._detokenize(w) for w in windows]
        words = text.split()
        max_words = max(4, int(self.max_tokens * self.WORDS_PER_TOKEN))
        if len(words) <= max_words:
            return [text]
        windows = split_into_windows(words, max_words, int(max_words * self.overlap_ratio))
        return [" ".join(w) for w in windows]

    def _detokenize(self, tokens: list[str]) -> str:
        convert = getattr(self.tokenizer, "convert_tokens_to_string", None)
        return convert(tokens) if callable(convert) else " ".join(tokens)


class Embedder(ABC):
    """A bi-encoder: texts -> unit vectors whose dot product is their similarity."""

    #: spec the embedder was created from (recorded with every stored result).
    name: str = "embedder"
    #: how many texts are sent to the backend at once.
    batch_size: int = 32
    #: longest input (in model tokens) the model reads; longer texts are chunked (see TextChunker).
    max_tokens: int | None = None

    def tokenizer(self) -> Any | None:
        """The model's tokenizer, used to chunk long texts by real tokens (None: by words)."""
        return None

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """One float32 row per text, L2-normalised; long texts are chunked, never truncated."""
        texts = list(texts)
        if not texts:
            return np.zeros((0, self.dimension()), dtype=np.float32)
        chunker = TextChunker(self.max_tokens, self.tokenizer()) if self.max_tokens else None
        pieces: list[str] = []
        owners: list[int] = []
        for index, text in enumerate(texts):
            for chunk in chunker.chunks(text) if chunker else [text]:
                pieces.append(chunk)
                owners.append(index)
        rows = [
            np.asarray(self._embed_batch(pieces[i : i + self.batch_size]), dtype=np.float32)
            for i in range(0, len(pieces), self.batch_size)
        ]
        chunk_vectors = l2_normalise(np.vstack(rows))
        if len(pieces) == len(texts):
            return chunk_vectors
        combined = np.zeros((len(texts), chunk_vectors.shape[1]), dtype=np.float32)
        counts = np.zeros(len(texts), dtype=np.float32)
        np.add.at(combined, owners, chunk_vectors)
        np.add.at(counts, owners, 1.0)
        return l2_normalise(combined / counts[:, None])

    def dimension(self) -> int:
        """Vector size (computed once from a probe embedding unless a backend knows it)."""
        return int(np.asarray(self._embed_batch(["dimension probe"])).shape[1])

    @abstractmethod
    def _embed_batch(self, texts: list[str]) -> np.ndarray:
        """Vectors for at most ``batch_size`` texts that each fit the model (need not be normalised)."""


class Reranker(ABC):
    """A cross-encoder: (query, doc) pairs -> raw relevance scores (higher = more relevant).

    Scores are raw model outputs (logits): calibration to 0-100 % happens in ``jobapp.scoring``.
    """

    name: str = "reranker"
    batch_size: int = 16

    def rank(self, query: str, docs: Sequence[str]) -> np.ndarray:
        """One float32 score per doc, in the docs' order."""
        docs = list(docs)
        if not docs:
            return np.zeros(0, dtype=np.float32)
        parts = [
            np.asarray(self._score_batch(query, docs[i : i + self.batch_size]), dtype=np.float32).reshape(-1)
            for i in range(0, len(docs), self.batch_size)
        ]
        return np.concatenate(parts).astype(np.float32)

    @abstractmethod
    def _score_batch(self, query: str, docs: list[str]) -> np.ndarray:
        """Scores for at most ``batch_size`` docs against ``query``."""


class LLM(ABC):
    """A chat model.

    ``generate(messages, schema=...)``: when ``schema`` (a JSON schema dict) is given and the
    runtime can constrain decoding to it (``supports_schema``), the output is guaranteed to parse
    and the parsed dict is returned. Otherwise the raw text is returned and the caller
    (``jobapp.llm``) is responsible for prompting with the schema and parsing/repairing the JSON.
    """

    name: str = "llm"
    #: True when ``generate(..., schema=...)`` returns a dict decoded under the schema.
    supports_schema: bool = False
    #: context window in tokens, when known (callers use it to budget prompts).
    context_tokens: int | None = None
    #: how many requests the runtime decodes at once: steps keep that many in flight
    #: (:mod:`jobapp.llm.parallel`); ``generate`` must then be safe to call from several threads.
    parallel: int = 1

    @abstractmethod
    def generate(
        self,
        messages: list[Message],
        schema: dict[str, Any] | None = None,
        max_tokens: int | None = None,
        temperature: float = 0.0,
    ) -> str | dict[str, Any]:
        """The assistant's reply to ``messages``."""

    def close(self) -> None:  # noqa: B027 - optional hook, most backends hold nothing to release
        """Release processes/servers the backend started (called by ``registry.clear_cache``)."""
