"""Embeddings through the DB cache: a text is embedded once per model, ever."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from jobapp.domain import text_hash
from jobapp.models.base import Embedder
from jobapp.store import db, repo

#: Texts embedded between two progress reports: a few seconds of a CPU model (~11 texts/s).
PROGRESS_CHUNK = 32

#: Told ``(texts embedded so far, texts to embed)`` after each chunk.
ProgressFn = Callable[[int, int], None]


def cached_embed(
    embedder: Embedder, on_progress: ProgressFn | None = None
) -> Callable[[list[str]], np.ndarray]:
    """Wrap ``embedder.embed`` with the embeddings table (keyed by model name and text hash).

    With ``on_progress``, texts not stored yet are embedded and stored a chunk at a time, so a long
    embedding reports as it goes (and what was embedded before a crash is kept).
    """

    def embed(texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, 0), dtype=np.float32)
        hashes = [text_hash(t) for t in texts]
        with db.session() as s:
            found = repo.get_embeddings(s, embedder.name, sorted(set(hashes)))
        todo = {h: t for h, t in zip(hashes, texts, strict=True) if h not in found}
        keys = list(todo)
        size = PROGRESS_CHUNK if on_progress else max(1, len(keys))
        for start in range(0, len(keys), size):
            chunk = keys[start : start + size]
            vectors = embedder.embed([todo[h] for h in chunk])
            fresh = dict(zip(chunk, vectors, strict=True))
            with db.session() as s:
                repo.put_embeddings(s, embedder.name, fresh)
            found.update(fresh)
            if on_progress:
                on_progress(start + len(chunk), len(keys))
        return np.stack([found[h] for h in hashes]).astype(np.float32)

    return embed
