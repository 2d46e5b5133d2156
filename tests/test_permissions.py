"""The data folder and what it holds are private: 0700 folders, 0600 files, the secret key never
readable by others, not even while it is being written."""

from __future__ import annotations

import os
import stat
import threading

from jobapp import config


def _mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_data_folder_is_created_0700_and_an_old_0755_one_is_tightened(jobapp_home):
    assert _mode(config.home()) == 0o700
    assert _mode(config.data_path("uploads", "x.bin").parent) == 0o700
    jobapp_home.chmod(0o755)
    config.home()
    assert _mode(jobapp_home) == 0o700


def test_database_and_queue_files_are_0600(jobapp_home):
    from jobapp.domain import Offer
    from jobapp.steps.collect import upsert_offers
    from jobapp.store import db
    from jobapp.tasks import queue

    with db.session() as s:
        upsert_offers(s, [Offer(title="Data analyst", description="SQL", source="file")])
    queue.queue_url()
    files = [p for p in jobapp_home.iterdir() if p.is_file()]
    assert {"jobapp.db", "queue.db"} <= {p.name for p in files}
    for path in files:  # the WAL and shared-memory files of SQLite too
        assert _mode(path) == 0o600, path.name


def test_an_existing_loose_database_is_tightened(jobapp_home):
    loose = jobapp_home / "jobapp.db"
    jobapp_home.mkdir(parents=True, exist_ok=True)
    loose.write_bytes(b"")
    loose.chmod(0o644)
    config.database_url()
    assert _mode(loose) == 0o600


def test_secret_key_is_0600_from_its_first_byte(jobapp_home, monkeypatch):
    from jobapp import web

    seen = {}
    real_link = os.link

    def spying_link(src, dst):
        seen["mode_before_publish"] = stat.S_IMODE(os.stat(src).st_mode)
        seen["size_before_publish"] = os.stat(src).st_size
        return real_link(src, dst)

    monkeypatch.setattr(os, "link", spying_link)
    key = web._secret_key()
    assert seen == {"mode_before_publish": 0o600, "size_before_publish": 32}
    path = jobapp_home / "secret_key"
    assert _mode(path) == 0o600 and len(key) == 32
    assert web._secret_key() == key  # stable across restarts
    assert [p.name for p in jobapp_home.iterdir() if p.name.startswith(".secret_key")] == []


def test_concurrent_first_starts_agree_on_one_key(jobapp_home):
    from jobapp import web

    config.home()
    keys: list[bytes] = []
    threads = [threading.Thread(target=lambda: keys.append(web._secret_key())) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(keys) == 8 and len(set(keys)) == 1 and len(keys[0]) == 32


def test_a_loose_secret_key_is_tightened(jobapp_home):
    from jobapp import web

    path = config.data_path("secret_key")
    path.write_bytes(b"k" * 32)
    path.chmod(0o644)
    assert web._secret_key() == b"k" * 32
    assert _mode(path) == 0o600
