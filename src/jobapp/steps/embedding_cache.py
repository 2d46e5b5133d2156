"""Embeddings through the DB cache: a text is embedded once per model, ever."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from jobapp.domain import text_hash
from jobapp.models.base import Embedder
from jobapp.store import db, repo


def cached_embed(embedder: Embedder) -> Callable[[list[str]], np.ndarray]:
    """Wrap ``embedder.embed`` with the embeddings table (keyed by model name and text hash)."""

    def embed(texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, 0), dtype=np.float32)
        hashes = [text_hash(t) for t in texts]
        with db.session() as s:
            found = repo.get_embeddings(s, embedder.name, sorted(set(hashes)))
        todo = {h: t for h, t in zip(hashes, texts, strict=True) if h not in found}
        if todo:
            vectors = embedder.embed(list(todo.values()))
            fresh = dict(zip(todo.keys(), vectors, strict=True))
            with db.session() as s:
                repo.put_embeddings(s, embedder.name, fresh)
            found.update(fresh)
        return np.stack([found[h] for h in hashes]).astype(np.float32)

    return embed
