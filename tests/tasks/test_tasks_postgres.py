"""Scale-out configuration: PostgreSQL database (+ Redis queue) shared by several worker processes.

Skipped unless the suite has a PostgreSQL server (``JOBAPP_TEST_POSTGRES_URL``, set by ``make test``).
Each test gets its own database, so workers never see runs other tests left behind.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import update
from sqlalchemy.engine import make_url
from task_helpers import race_execute_step, runs_on_two_workers, worker_pids_that_started_steps

from jobapp.store.db import reset_engines, session
from jobapp.store.tables import RunRow, utcnow
from jobapp.tasks import leases, queue, runs

pytestmark = pytest.mark.slow


@pytest.fixture
def pg_database(postgres_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    import psycopg

    server = make_url(postgres_url)
    name = f"jobapp_tasks_{uuid.uuid4().hex[:10]}"
    admin = server.set(drivername="postgresql").render_as_string(hide_password=False)
    try:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
    except psycopg.Error as exc:
        pytest.skip(f"cannot create a test database on {server.host}: {exc}")
    url = server.set(database=name).render_as_string(hide_password=False)
    monkeypatch.setenv("JOBAPP_DATABASE_URL", url)
    reset_engines()
    yield url
    reset_engines()
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_claim_and_recovery_compare_and_set_on_postgresql(pg_database: str, tmp_path: Path) -> None:
    out = tmp_path / "out.txt"
    run_id = runs.create_run(["fake_slow"], {"n": 4, "delay": 0.02, "out": out})
    assert sorted(race_execute_step(run_id, "fake_slow")) == ["done", "skipped", "skipped"]
    assert len(out.read_text().splitlines()) == 4

    stale = runs.create_run(["fake_a"], {})
    with session() as s:
        s.execute(
            update(RunRow)
            .where(RunRow.id == stale)
            .values(status="running", worker_id="elsewhere:1", heartbeat_at=utcnow() - timedelta(minutes=5))
        )
    enqueued: list[tuple[int, str]] = []
    assert leases.recover_stale_runs(30, lambda r, s: enqueued.append((r, s))) == [stale]
    assert leases.recover_stale_runs(30, lambda r, s: enqueued.append((r, s))) == []
    assert enqueued == [(stale, "fake_a")]


def test_two_worker_processes_on_redis_and_postgresql(
    pg_database: str, redis_url: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import redis

    redis.Redis.from_url(redis_url).flushdb()
    monkeypatch.setenv("JOBAPP_QUEUE_URL", redis_url)
    queue.reset_queue()
    out = tmp_path / "out.txt"
    env = {"JOBAPP_QUEUE_URL": redis_url, "JOBAPP_DATABASE_URL": pg_database}
    ids, finals, pids = runs_on_two_workers(env, out, delay=0.2)
    assert [r["status"] for r in finals] == ["done"] * 4
    assert worker_pids_that_started_steps(ids) == pids
    lines = out.read_text().splitlines()
    assert len(lines) == len(set(lines)) == 4 * 8
