"""A disk cache in front of an ``embed`` callable.

Why: the bundled MiniLM reads ~11 long texts/s on 2 cores, so evaluating thousands of CV/offer
pairs is dominated by embedding. Texts rarely change between runs (benchmarks, ``jobapp eval`` on
the same file, weight learning), so vectors are kept on disk keyed by the text's hash and the model
name, and only unseen texts reach the model. The app itself caches embeddings in its database;
this file cache is for evaluation and benchmarks, which run without a database.
"""

from __future__ import annotations

import atexit
import hashlib
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

EmbedFn = Callable[[list[str]], np.ndarray]


def _key(model: str, text: str) -> str:
    return hashlib.sha1(f"{model}\x00{text}".encode()).hexdigest()


class DiskCachedEmbed:
    """``embed(texts)`` that remembers every vector in one ``.npz`` file.

    The file holds two arrays, ``keys`` (hashes) and ``vectors``. New vectors are kept in memory
    and written when ``save_every`` of them are pending, on :meth:`save`, and at interpreter exit
    (rewriting the whole file after every small call would cost more than the embedding).
    """

    def __init__(
        self,
        embed: EmbedFn,
        path: str | Path,
        model: str = "default",
        batch: int = 256,
        save_every: int = 2000,
    ) -> None:
        self.embed_fn = embed
        self.path = Path(path)
        self.model = model
        self.batch = batch
        self.save_every = save_every
        self._index: dict[str, int] = {}
        self._blocks: list[np.ndarray] = []
        self._rows = 0
        self._pending = 0
        if self.path.exists():
            with np.load(self.path, allow_pickle=False) as data:
                keys = [str(k) for k in data["keys"]]
                self._blocks = [np.asarray(data["vectors"], dtype=np.float32)]
            self._index = {k: i for i, k in enumerate(keys)}
            self._rows = len(keys)
        atexit.register(self.save)

    def __call__(self, texts: Sequence[str]) -> np.ndarray:
        texts = list(texts)
        keys = [_key(self.model, t) for t in texts]
        todo = sorted({k: t for k, t in zip(keys, texts, strict=True) if k not in self._index}.items())
        for start in range(0, len(todo), self.batch):
            part = todo[start : start + self.batch]
            vectors = np.asarray(self.embed_fn([t for _, t in part]), dtype=np.float32)
            for offset, (key, _) in enumerate(part):
                self._index[key] = self._rows + offset
            self._blocks.append(vectors)
            self._rows += len(part)
            self._pending += len(part)
        if self._pending >= self.save_every:
            self.save()
        if not texts:
            return np.zeros((0, self._vectors().shape[1] if self._rows else 0), dtype=np.float32)
        return self._vectors()[[self._index[k] for k in keys]]

    def _vectors(self) -> np.ndarray:
        if len(self._blocks) > 1:
            self._blocks = [np.vstack(self._blocks)]
        return self._blocks[0] if self._blocks else np.zeros((0, 0), dtype=np.float32)

    def save(self) -> None:
        """Write the file if anything new was embedded since the last save."""
        if not self._pending:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        ordered = sorted(self._index, key=self._index.__getitem__)
        tmp = self.path.with_name(self.path.name + ".tmp.npz")
        np.savez(tmp, keys=np.array(ordered), vectors=self._vectors())
        tmp.replace(self.path)
        self._pending = 0
