"""Every test runs against its own data directory (so its own SQLite database and queue)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


@pytest.fixture(autouse=True)
def jobapp_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    from jobapp.store import db

    home = tmp_path / "jobapp-home"
    monkeypatch.setenv("JOBAPP_HOME", str(home))
    # A developer's own settings must not leak into tests.
    for name in (
        "JOBAPP_DATABASE_URL",
        "JOBAPP_QUEUE_URL",
        "JOBAPP_PROFILE",
        "JOBAPP_EMBEDDER",
        "JOBAPP_RERANKER",
        "JOBAPP_LLM",
        "JOBAPP_TOKEN",
        "JOBAPP_ALLOW_PRIVATE_URLS",
    ):
        monkeypatch.delenv(name, raising=False)
    db.reset_engines()
    yield home
    db.reset_engines()


@pytest.fixture
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip("../shared is not present (a user's clone): this test reads the team's shared fixtures")
    return SHARED


@pytest.fixture
def postgres_url() -> str:
    url = os.environ.get("JOBAPP_TEST_POSTGRES_URL")
    if not url:
        pytest.skip(
            "no PostgreSQL server: run the suite through `make test` (it starts one) "
            "or set JOBAPP_TEST_POSTGRES_URL"
        )
    return url


class HashingEmbedder:
    """A deterministic bag-of-words embedder: texts sharing words are close. For unit tests only."""

    def __new__(cls, dim: str = "256"):  # type: ignore[no-untyped-def]
        import numpy as np

        from jobapp.extraction.normalise import normalise
        from jobapp.models.base import Embedder

        class _Hashing(Embedder):
            name = f"fake-hashing:{dim}"
            calls = 0

            def _embed_batch(self, texts: list[str]) -> np.ndarray:
                type(self).calls += len(texts)
                out = np.zeros((len(texts), int(dim)), dtype=np.float32)
                for i, t in enumerate(texts):
                    for w in normalise(t).split():
                        if len(w) > 2:
                            out[i, hash(w) % int(dim)] += 1.0
                    out[i, 0] += 1e-3
                return out

        return _Hashing()


@pytest.fixture
def fake_models(monkeypatch: pytest.MonkeyPatch):
    """Configure a fast deterministic embedder and no LLM, through the real registry."""
    from jobapp.models import registry

    registry.register_embedder("fake-hashing", HashingEmbedder)
    monkeypatch.setenv("JOBAPP_EMBEDDER", "fake-hashing:256")
    monkeypatch.setenv("JOBAPP_LLM", "none")
    monkeypatch.setenv("JOBAPP_RERANKER", "hybrid")
    monkeypatch.setenv("PYTHONHASHSEED", "0")
    registry.clear_cache()
    yield registry
    registry.clear_cache()
    registry.unregister("embedder", "fake-hashing")
