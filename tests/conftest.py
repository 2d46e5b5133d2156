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
    for name in ("JOBAPP_DATABASE_URL", "JOBAPP_QUEUE_URL", "JOBAPP_PROFILE", "JOBAPP_EMBEDDER",
                 "JOBAPP_RERANKER", "JOBAPP_LLM", "JOBAPP_TOKEN", "JOBAPP_ALLOW_PRIVATE_URLS"):
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
        pytest.skip("no PostgreSQL server: run the suite through `make test` (it starts one) "
                    "or set JOBAPP_TEST_POSTGRES_URL")
    return url
