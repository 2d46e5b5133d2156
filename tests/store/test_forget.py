"""Delete on request: after deleting a CV (or everything), its e-mail, phone and name are nowhere in
the data folder (every file, as bytes) nor in the database (every column of every table), on SQLite
and on PostgreSQL. The CV goes through the real pipeline first (convert, profile, match, rerank,
explain with a deterministic embedder and no LLM), so every kind of derived record exists."""

from __future__ import annotations

import random
import uuid
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import inspect, select, text

from jobapp.domain import Offer
from jobapp.steps.collect import upsert_offers
from jobapp.store import db, repo
from jobapp.store.tables import CvRow, EmbeddingRow, RunRow


def _identity() -> dict[str, str]:
    """Unique per test, so a shared PostgreSQL holding other tests' rows cannot fool the search."""
    tag = uuid.uuid4().hex[:6]
    digits = [random.randint(10, 99) for _ in range(4)]
    return {
        "first": "Maëlle",
        "last": f"Quintard{tag.upper()}",
        "email": f"maelle.quintard.{tag}@exemple.fr",
        "phone": "06 " + " ".join(str(d) for d in digits),
        "file": f"CV_Maelle_Quintard{tag.upper()}.txt",
    }


def _cv_text(who: dict[str, str]) -> str:
    return (
        f"{who['first']} {who['last']}\n{who['email']} | {who['phone']}\n12 rue des Lilas, 69003 Lyon\n\n"
        "Data analyst\nExpérience\n2021 - 2024 Data analyst, Lumio Énergies, Lyon\n"
        "SQL, Python, Power BI, tableaux de bord, statistiques.\n"
        f"Formation\nMaster statistique, Université Lyon 2\nContact : {who['first']} {who['last']}\n"
    )


OFFERS = [
    Offer(
        title="Data Analyst (H/F)",
        company="Lumio",
        location="Lyon",
        url="https://example.com/forget/1",
        description="SQL, Python, Power BI. Tableaux de bord et statistiques.",
        source="file",
    ),
    Offer(
        title="Infirmier de nuit",
        company="CHU Nord",
        location="Lille",
        url="https://example.com/forget/2",
        description="Soins infirmiers, gardes de nuit, travail en équipe.",
        source="file",
    ),
]


def _needles(who: dict[str, str]) -> list[bytes]:
    """Every form the identity could be stored in: UTF-8 as written, e-mail local part, the phone
    digits run together, the last name alone (case folded by the search)."""
    out = {who["email"], who["email"].split("@")[0], who["last"], who["phone"], who["phone"].replace(" ", "")}
    out.add(f"{who['first']} {who['last']}")
    return [n.lower().encode() for n in out]


def _hits_in_files(folder: Path, who: dict[str, str]) -> list[str]:
    found = []
    for path in folder.rglob("*"):
        if path.is_file():
            data = path.read_bytes().lower()
            found += [f"{path.name}: {n.decode()}" for n in _needles(who) if n in data]
    return found


def _hits_in_database(url: str | None, who: dict[str, str]) -> list[str]:
    """Every column of every table, read as text (catches JSON columns and run parameters too)."""
    eng = db.engine(url)
    found = []
    with eng.connect() as c:
        for table in inspect(eng).get_table_names():
            q = f"SELECT * FROM {table}" if eng.dialect.name == "sqlite" else f"SELECT t::text FROM {table} t"
            for row in c.execute(text(q)):
                blob = " ".join(repr(v) for v in row).lower()
                found += [f"{table}: {n.decode()}" for n in _needles(who) if n.decode() in blob]
    return found


def _run_pipeline(who: dict[str, str], folder: Path, keep: bool) -> int:
    """Upload the CV (kept on disk when ``keep``), then run the CV steps as a real run given its path."""
    from jobapp.steps.convert import add_cv_upload
    from jobapp.tasks.runs import create_run, execute_run

    with db.session() as s:
        upsert_offers(s, OFFERS)
    data = _cv_text(who).encode()
    cv = add_cv_upload(data, who["file"], keep=keep)
    path = folder / who["file"]
    path.write_bytes(data)
    run_id = create_run(
        ["convert", "profile", "match", "rerank", "explain"], {"cv_file": str(path), "no_llm": True}
    )
    assert execute_run(run_id)["status"] == "done"
    path.unlink()  # the user's own copy, outside the data folder
    with db.session() as s:
        repo.set_feedback(s, repo.list_offers(s)[0].id or 0, thumbs=1, status="applied")
    assert cv.id is not None
    return cv.id


def _check_everything_derived_exists(url: str | None, cv_id: int, who: dict[str, str], home: Path) -> None:
    with db.session(url) as s:
        assert repo.latest_profile(s, cv_id) is not None
        assert repo.latest_matches(s, cv_id)
        assert repo.latest_explanations(s, cv_id)
        assert s.scalar(select(EmbeddingRow.text_hash).limit(1)) is not None
    # the identity is really stored before the delete: the search below can fail
    assert _hits_in_database(url, who)


def _offer_hashes(offers: list[Offer]) -> set[str]:
    from jobapp.domain import text_hash
    from jobapp.scoring.features import offer_fields

    return {text_hash(o.full_text()) for o in offers} | {
        text_hash(t) for o in offers for t in offer_fields(o, None).values()
    }


@pytest.fixture
def sqlite_home(jobapp_home: Path, fake_models: Any) -> Path:
    return jobapp_home


def test_forget_all_leaves_no_trace_in_sqlite_files(sqlite_home: Path, tmp_path: Path):
    from jobapp.steps.forget import forget_everything

    who = _identity()
    cv_id = _run_pipeline(who, tmp_path, keep=True)
    _check_everything_derived_exists(None, cv_id, who, sqlite_home)
    assert _hits_in_files(sqlite_home, who)  # kept file and database pages hold it before

    deleted = forget_everything()

    assert deleted.cvs == 1 and deleted.profiles >= 1 and deleted.matches >= 2 and deleted.explanations >= 1
    assert deleted.embeddings >= 1 and deleted.feedback == 1 and deleted.runs >= 1 and deleted.files
    assert deleted.applications == 1  # the "applied" step of the history
    db.reset_engines()  # closes pooled connections: nothing is held in memory either
    assert _hits_in_files(sqlite_home, who) == []
    assert _hits_in_database(None, who) == []
    wal = sqlite_home / "jobapp.db-wal"
    assert not wal.exists() or wal.stat().st_size == 0
    with db.session() as s:
        offers = repo.list_offers(s)
        left = set(s.scalars(select(EmbeddingRow.text_hash)))
    assert len(offers) == len(OFFERS)  # offers are not the user's data
    # every vector left is an offer's: none of the CV's (vectors hold no text to search for)
    assert left and left <= _offer_hashes(offers)


def test_deleting_one_cv_keeps_the_other_and_the_offer_embeddings(sqlite_home: Path, tmp_path: Path):
    from jobapp.steps.forget import delete_cv

    gone, kept = _identity(), _identity()
    kept["first"] = "Théo"
    gone_id = _run_pipeline(gone, tmp_path, keep=True)
    kept_id = _run_pipeline(kept, tmp_path, keep=False)
    assert gone_id != kept_id

    with db.session() as s:
        before = len(s.scalars(select(EmbeddingRow.text_hash)).all())
    deleted = delete_cv(gone_id)

    assert deleted.cvs == 1 and deleted.embeddings >= 1 and deleted.files == [f"cv-{gone_id}.txt"]
    db.reset_engines()
    assert _hits_in_files(sqlite_home, gone) == []
    assert _hits_in_database(None, gone) == []
    with db.session() as s:
        assert [c.id for c in repo.list_cvs(s)] == [kept_id]
        assert repo.latest_matches(s, kept_id)
        after = len(s.scalars(select(EmbeddingRow.text_hash)).all())
    # only the deleted CV's vectors went: the offers' and the other CV's stay cached
    assert before - after == deleted.embeddings
    assert _hits_in_database(None, kept)


def test_a_run_still_in_progress_blocks_the_delete(sqlite_home: Path, tmp_path: Path):
    from jobapp.errors import InvalidInput
    from jobapp.steps.forget import delete_cv
    from jobapp.tasks.runs import create_run

    who = _identity()
    cv_id = _run_pipeline(who, tmp_path, keep=False)
    create_run(["profile"], {})  # queued: its worker would read the CV
    with pytest.raises(InvalidInput, match="in progress"):
        delete_cv(cv_id)
    with db.session() as s:
        assert s.get(CvRow, cv_id) is not None


def test_unknown_cv_is_a_clear_error(sqlite_home: Path):
    from jobapp.errors import NotFound
    from jobapp.steps.forget import delete_cv

    with pytest.raises(NotFound, match="No CV with id 999"):
        delete_cv(999)


def test_delete_leaves_no_trace_in_postgresql(
    postgres_url: str, fake_models: Any, jobapp_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    from jobapp.steps.forget import delete_cv

    monkeypatch.setenv("JOBAPP_DATABASE_URL", postgres_url)
    db.reset_engines()
    who = _identity()
    cv_id = _run_pipeline(who, tmp_path, keep=True)
    _check_everything_derived_exists(None, cv_id, who, jobapp_home)
    with db.session() as s:
        runs = s.scalars(select(RunRow.id)).all()
    assert runs

    deleted = delete_cv(cv_id)

    assert deleted.cvs == 1 and deleted.profiles >= 1 and deleted.embeddings >= 1 and deleted.runs >= 1
    assert _hits_in_database(None, who) == []
    assert _hits_in_files(jobapp_home, who) == []  # the kept file went too


def test_forget_all_lets_an_offer_collection_run_on(sqlite_home: Path, tmp_path: Path):
    from jobapp.errors import InvalidInput
    from jobapp.steps.forget import forget_everything
    from jobapp.tasks.runs import create_run

    _run_pipeline(_identity(), tmp_path, keep=False)
    collecting = create_run(["collect"], {"offers_text": "Data analyst, SQL, Python, Lyon. " * 3})
    forget_everything()  # a queued collection holds no CV data: not refused, not deleted
    with db.session() as s:
        assert [r.id for r in s.scalars(select(RunRow))] == [collecting]
        assert repo.list_cvs(s) == []

    _run_pipeline(_identity(), tmp_path, keep=False)
    create_run(["match"], {})
    with pytest.raises(InvalidInput, match="in progress"):
        forget_everything()
    with db.session() as s:
        assert repo.list_cvs(s)
