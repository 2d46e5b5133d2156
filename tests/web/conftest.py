"""Fixtures for the web tests: the app, a test client that sends the CSRF token, seeded results."""

from __future__ import annotations

import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

sys.path.insert(0, str(Path(__file__).parent))

from seed import seed

from jobapp.tasks import queue


def _make_template(base: Path, fill: bool) -> Path:
    """A migrated (and optionally seeded) SQLite database built once per session."""
    from jobapp.store import db

    home = base / ("seeded" if fill else "empty")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("JOBAPP_HOME", str(home))
        mp.delenv("JOBAPP_DATABASE_URL", raising=False)
        db.reset_engines()
        if fill:
            seed()
        else:
            db.engine()
        db.reset_engines()  # closes the connections: the WAL is checkpointed into jobapp.db
    return home / "jobapp.db"


@pytest.fixture(scope="session")
def db_templates(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    base = tmp_path_factory.mktemp("db-templates")
    return {"empty": _make_template(base, False), "seeded": _make_template(base, True)}


def _install(template: Path, home: Path) -> None:
    from jobapp.store import db

    db.reset_engines()
    home.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        (home / f"jobapp.db{suffix}").unlink(missing_ok=True)
    shutil.copyfile(template, home / "jobapp.db")


@pytest.fixture(autouse=True)
def _fresh_home(jobapp_home: Path, db_templates: dict[str, Path]) -> Iterator[None]:
    """A migrated empty database (copied: migrating one per test is slow) and a fresh queue."""
    _install(db_templates["empty"], jobapp_home)
    queue.reset_queue()
    yield
    queue.reset_queue()


@pytest.fixture
def app(jobapp_home: Path) -> Flask:
    from jobapp.web import create_app

    return create_app(testing=True)


class ApiClient:
    """The Flask test client plus the session's CSRF token on every state-changing request."""

    def __init__(self, client: FlaskClient) -> None:
        self.raw = client
        self.token = client.get("/api/csrf").get_json()["csrf"]

    def get(self, url: str, **kw: Any) -> Any:
        return self.raw.get(url, **kw)

    def post(self, url: str, **kw: Any) -> Any:
        kw.setdefault("headers", {})["X-CSRF-Token"] = self.token
        return self.raw.post(url, **kw)

    def delete(self, url: str, **kw: Any) -> Any:
        kw.setdefault("headers", {})["X-CSRF-Token"] = self.token
        return self.raw.delete(url, **kw)

    def upload(self, url: str, data: bytes, filename: str) -> Any:
        import io

        return self.post(url, data={"file": (io.BytesIO(data), filename)}, content_type="multipart/form-data")


@pytest.fixture
def client(app: Flask) -> ApiClient:
    return ApiClient(app.test_client())


@pytest.fixture
def seeded(jobapp_home: Path, db_templates: dict[str, Path]) -> dict[str, Any]:
    """The data dir holds the results of :func:`seed.seed` (ids are those of a fresh database)."""
    _install(db_templates["seeded"], jobapp_home)
    return {"offer_ids": [1, 2, 3], "cv_id": 1, "run_id": 1}
