"""A database is migrated once: the start of a process finds one already at head with one query,
an older one is upgraded, and the head read from the scripts' text is Alembic's own."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, inspect

from jobapp.store import db


def _columns(url: str, table: str) -> set[str]:
    eng = create_engine(url)
    try:
        return {c["name"] for c in inspect(eng).get_columns(table)}
    finally:
        eng.dispose()


def test_heads_read_from_the_scripts_are_alembics():
    url = "sqlite://"
    assert db.script_heads() == frozenset(ScriptDirectory.from_config(db.alembic_config(url)).get_heads())


def test_an_older_database_is_upgraded_and_a_current_one_is_left_alone(tmp_path: Path):
    url = f"sqlite:///{tmp_path / 'old.db'}"
    command.upgrade(db.alembic_config(url), "0002")  # as a version without message keys left it
    assert "message_data" not in _columns(url, "run_events")
    eng = db.engine(url)
    assert "message_data" in _columns(url, "run_events")
    assert db.at_head(eng)
    db.reset_engines()
    command.downgrade(db.alembic_config(url), "0002")  # behind again: the next start must see it
    assert not db.at_head(create_engine(url))
    db.engine(url)
    assert "message_data" in _columns(url, "run_events")
    db.reset_engines()


def test_a_new_database_is_not_at_head(tmp_path: Path):
    assert not db.at_head(create_engine(f"sqlite:///{tmp_path / 'new.db'}"))
