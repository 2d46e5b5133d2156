"""The bench/eval disk cache of embeddings: computes each text once, survives a restart."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from jobapp.scoring.embed_cache import DiskCachedEmbed


def test_cache_embeds_each_text_once_and_persists(tmp_path: Path) -> None:
    seen: list[str] = []

    def embed(texts: list[str]) -> np.ndarray:
        seen.extend(texts)
        return np.array([[len(t), 1.0] for t in texts], dtype=np.float32)

    path = tmp_path / "cache.npz"
    cache = DiskCachedEmbed(embed, path, model="m", save_every=1000)
    first = cache(["ab", "abc"])
    again = cache(["abc", "ab", "abcd"])
    assert seen == ["ab", "abc", "abcd"]
    assert np.allclose(again[0], first[1]) and np.allclose(again[1], first[0])
    cache.save()
    reopened = DiskCachedEmbed(embed, path, model="m")
    assert np.allclose(reopened(["abcd"]), [[4.0, 1.0]])
    assert len(seen) == 3
    other_model = DiskCachedEmbed(embed, path, model="other")
    other_model(["ab"])
    assert len(seen) == 4  # vectors are keyed by model too
