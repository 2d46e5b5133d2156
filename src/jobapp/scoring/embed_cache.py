"""A disk cache in front of an ``embed`` callable.

Why: the bundled MiniLM reads ~11 long texts/s on 2 cores, so evaluating thousands of CV/offer
pairs is dominated by embedding. Texts rarely change between runs (benchmarks, ``jobapp eval`` on
the same file, weight learning), so vectors are kept on disk keyed by the text's hash and the model
name, and only unseen texts reach the model. The app itself caches embeddings in its database;
this file cache is for evaluation and benchmarks, which run without a database.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

EmbedFn = Callable[[list[str]], np.ndarray]


def _key(model: str, text: str) -> str:
    return hashlib.sha1(f"{model}\x00{text}".encode()).hexdigest()


class DiskCachedEmbed:
    """``embed(texts)`` that remembers every vector in one ``.npz`` file.

    The file holds two arrays, ``keys`` (hashes) and ``vectors``; it is rewritten after each call
    that computed something new (cheap next to the embedding itself).
    """

    def __init__(self, embed: EmbedFn, path: str | Path, model: str = "default", batch: int = 256) -> None:
        self.embed_fn = embed
        self.path = Path(path)
        self.model = model
        self.batch = batch
        self._index: dict[str, int] = {}
        self._vectors = np.zeros((0, 0), dtype=np.float32)
        if self.path.exists():
            with np.load(self.path, allow_pickle=False) as data:
                keys = [str(k) for k in data["keys"]]
                self._vectors = np.asarray(data["vectors"], dtype=np.float32)
            self._index = {k: i for i, k in enumerate(keys)}

    def __call__(self, texts: Sequence[str]) -> np.ndarray:
        texts = list(texts)
        keys = [_key(self.model, t) for t in texts]
        todo = sorted({k: t for k, t in zip(keys, texts, strict=True) if k not in self._index}.items())
        for start in range(0, len(todo), self.batch):
            part = todo[start : start + self.batch]
            vectors = np.asarray(self.embed_fn([t for _, t in part]), dtype=np.float32)
            self._append([k for k, _ in part], vectors)
        if not texts:
            return np.zeros((0, self._vectors.shape[1] if self._vectors.size else 0), dtype=np.float32)
        return self._vectors[[self._index[k] for k in keys]]

    def _append(self, keys: list[str], vectors: np.ndarray) -> None:
        base = len(self._index)
        self._vectors = vectors if self._vectors.size == 0 else np.vstack([self._vectors, vectors])
        for offset, key in enumerate(keys):
            self._index[key] = base + offset
        self.save()

    def save(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        ordered = sorted(self._index, key=self._index.__getitem__)
        tmp = self.path.with_name(self.path.name + ".tmp.npz")
        np.savez(tmp, keys=np.array(ordered), vectors=self._vectors)
        tmp.replace(self.path)
