"""Engine, sessions and schema migrations.

SQLite (WAL, in the data dir) by default, PostgreSQL when ``JOBAPP_DATABASE_URL`` says so. The
schema is owned by Alembic: :func:`engine` upgrades a database to the latest revision the first time a
process opens it, so a user never runs a migration by hand (a database already there costs one query).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from jobapp import config
from jobapp.errors import JobAppError

_MIGRATIONS = Path(__file__).with_name("migrations")
_engines: dict[str, Engine] = {}
_lock = threading.Lock()


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    # WAL lets the web app read while a worker writes; busy_timeout waits instead of failing.
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=30000")
    cur.close()


def alembic_config(url: str) -> Any:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(_MIGRATIONS))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


def upgrade(url: str) -> None:
    """Bring the database at ``url`` to the latest schema."""
    from alembic import command

    command.upgrade(alembic_config(url), "head")


_REVISION = re.compile(r'^revision = "(\w+)"', re.MULTILINE)
_DOWN_REVISION = re.compile(r'^down_revision = "(\w+)"', re.MULTILINE)


@cache
def script_heads() -> frozenset[str]:
    """The newest revisions of our migration scripts, read from their text: importing Alembic and
    loading its script directory costs more than a whole CLI run with nothing to do."""
    revisions, parents = set(), set()
    for script in (_MIGRATIONS / "versions").glob("*.py"):
        text = script.read_text("utf-8")
        revisions.update(_REVISION.findall(text))
        parents.update(_DOWN_REVISION.findall(text))
    return frozenset(revisions - parents)


def at_head(eng: Engine) -> bool:
    """True when the database already carries the newest revision (no migration to run)."""
    try:
        with eng.connect() as conn:
            stored = {row[0] for row in conn.execute(text("SELECT version_num FROM alembic_version"))}
    except DBAPIError:  # no version table yet: a new database
        return False
    return bool(stored) and stored == script_heads()


def engine(url: str | None = None) -> Engine:
    """The process-wide engine for ``url`` (default: the configured database), migrated."""
    url = url or config.database_url()
    with _lock:
        eng = _engines.get(url)
        if eng is None:
            eng = _make_engine(url)
            _engines[url] = eng
    return eng


def _make_engine(url: str) -> Engine:
    kwargs: dict = {"future": True}
    if url.startswith("sqlite"):
        kwargs["connect_args"] = {"check_same_thread": False, "timeout": 30}
    else:
        kwargs["pool_pre_ping"] = True
    try:
        eng = create_engine(url, **kwargs)
    except Exception as exc:  # bad URL, missing driver
        raise JobAppError(
            f"Cannot open the database {url!r}: {exc}",
            hint="Check JOBAPP_DATABASE_URL (e.g. postgresql+psycopg://user:pw@host/db) or unset it for SQLite.",
        ) from exc
    if url.startswith("sqlite"):
        event.listen(eng, "connect", _sqlite_pragmas)
    try:
        if not at_head(eng):
            upgrade(url)
    except Exception as exc:
        raise JobAppError(
            f"Cannot prepare the database {url!r}: {exc}",
            hint="Is the database server running and reachable? Is the URL right?",
        ) from exc
    return eng


def reset_engines() -> None:
    """Forget cached engines (tests switch JOBAPP_HOME between cases)."""
    with _lock:
        for eng in _engines.values():
            eng.dispose()
        _engines.clear()


@contextmanager
def session(url: str | None = None) -> Iterator[Session]:
    """A unit of work: committed on success, rolled back on error."""
    factory = sessionmaker(bind=engine(url), expire_on_commit=False)
    with factory() as s:
        try:
            yield s
            s.commit()
        except BaseException:
            s.rollback()
            raise
