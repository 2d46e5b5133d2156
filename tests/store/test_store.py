"""The store on real SQLite (and real PostgreSQL when the suite runs through `make test`)."""

from __future__ import annotations

import json

import numpy as np
import pytest
from sqlalchemy import inspect

from jobapp.domain import CvDocument, Match, Offer, OfferSummary
from jobapp.steps.collect import upsert_offers
from jobapp.store import db, repo
from jobapp.store.export import export_all

TABLES = {
    "offers",
    "offer_keys",
    "offer_sightings",
    "cvs",
    "offer_summaries",
    "cv_profiles",
    "embeddings",
    "matches",
    "explanations",
    "feedback",
    "runs",
    "run_events",
    "step_timings",
    "step_items",
}


def _offer(i: int, **kw) -> Offer:
    base = {
        "title": f"Data analyst {i}",
        "company": "Acme",
        "url": f"https://example.com/o/{i}",
        "description": f"Analyse de données numéro {i} avec Python et SQL. " * 5,
        "source": "file",
    }
    base.update(kw)
    return Offer(**base)


def test_migrations_create_every_table_on_sqlite_in_wal_mode():
    eng = db.engine()
    assert set(inspect(eng).get_table_names()) >= TABLES
    with eng.connect() as c:
        assert c.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"


def test_migrations_match_the_tables():
    """The Alembic revisions and the SQLAlchemy tables describe the same schema."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from jobapp.store.tables import Base

    with db.engine().connect() as c:
        diff = compare_metadata(MigrationContext.configure(c), Base.metadata)
    assert diff == []


def test_postgresql_round_trip(postgres_url):
    db.reset_engines()
    eng = db.engine(postgres_url)
    assert set(inspect(eng).get_table_names()) >= TABLES
    with db.session(postgres_url) as s:
        res = upsert_offers(s, [_offer(1, url="https://example.com/pg/unique-1")])
        oid = (res.new or res.merged)[0]
    with db.session(postgres_url) as s:
        assert repo.get_offer(s, oid).title == "Data analyst 1"
        repo.delete_offers(s, [oid])


def test_duplicates_are_merged_not_doubled():
    with db.session() as s:
        first = upsert_offers(s, [_offer(1), _offer(2)])
        assert len(first.new) == 2
        # Same URL with tracking parameters, richer data: merged into the known offer.
        again = upsert_offers(s, [_offer(1, url="https://example.com/o/1?utm_source=x", salary="40k")])
        assert again.new == [] and again.merged == first.new[:1]
        assert repo.get_offer(s, first.new[0]).salary == "40k"
        assert len(repo.list_offers(s)) == 2
        assert len(repo.offer_sightings(s, first.new[0])) == 2


def test_cv_added_twice_is_one_cv_and_becomes_current():
    doc = CvDocument(filename="a.txt", format="txt", text="Python SQL", sha256="a" * 64)
    other = CvDocument(filename="b.txt", format="txt", text="Excel", sha256="b" * 64)
    with db.session() as s:
        a = repo.add_cv(s, doc)
        repo.add_cv(s, other)
        assert repo.current_cv(s).filename == "b.txt"
        again = repo.add_cv(s, doc)
        assert again.id == a.id
        assert repo.current_cv(s).filename == "a.txt"


def test_no_cv_is_a_clear_error():
    from jobapp.errors import MissingPrerequisite

    with db.session() as s, pytest.raises(MissingPrerequisite, match="No CV"):
        repo.current_cv(s)


def test_embeddings_cache_round_trip_float32():
    v = np.random.default_rng(0).normal(size=(3, 8)).astype(np.float32)
    with db.session() as s:
        repo.put_embeddings(s, "m", {"h0": v[0], "h1": v[1]})
        repo.put_embeddings(s, "m", {"h1": v[1], "h2": v[2]})  # h1 again: not duplicated
        got = repo.get_embeddings(s, "m", ["h0", "h1", "h2", "missing"])
    assert set(got) == {"h0", "h1", "h2"}
    np.testing.assert_array_equal(got["h2"], v[2])


def test_export_writes_every_step_as_csv_and_json(tmp_path):
    with db.session() as s:
        ids = upsert_offers(s, [_offer(1, title="Ingénieur données")]).new
        cv = repo.add_cv(s, CvDocument(filename="cv.txt", format="txt", text="Python", sha256="c" * 64))
        repo.save_summary(s, OfferSummary(offer_id=ids[0], key_skills=["Python"], model="x", input_hash="h"))
        repo.save_matches(
            s, [Match(offer_id=ids[0], cv_id=cv.id, rank=1, score=81.5, engine="hybrid:m")], "h"
        )
    paths = export_all(tmp_path / "out")
    names = {p.name for p in paths}
    for stem in ("1_offers", "2_offer_summaries", "3_cvs", "4_cv_profiles", "5_6_matches", "7_explanations"):
        assert f"{stem}.csv" in names and f"{stem}.json" in names
    offers = json.loads((tmp_path / "out" / "1_offers.json").read_text(encoding="utf-8"))
    assert offers[0]["title"] == "Ingénieur données"
    csv_text = (tmp_path / "out" / "5_6_matches.csv").read_text(encoding="utf-8-sig")
    assert "81.5" in csv_text
