"""Applications: stages with dates and notes, the history kept, exports, on SQLite and PostgreSQL."""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from alembic import command
from click.testing import CliRunner
from sqlalchemy import create_engine, text

from jobapp.cli import main
from jobapp.domain import Offer
from jobapp.errors import InvalidInput, NotFound
from jobapp.steps import applications as use
from jobapp.steps.collect import upsert_offers
from jobapp.store import db, repo


def _offers(titles: list[tuple[str, str]]) -> list[int]:
    offers = [
        Offer(
            title=t,
            company=c,
            url=f"https://example.com/apply/{i}-{t.replace(' ', '-')}",
            description=f"{t} chez {c}: missions et profil. " * 4,
            source="file",
        )
        for i, (t, c) in enumerate(titles)
    ]
    with db.session() as s:
        result = upsert_offers(s, offers)
    return result.new


@pytest.fixture
def offer_ids() -> list[int]:
    return _offers([("Assistant comptable", "Cabinet Durand"), ('=HYPERLINK("x")', "Évil")])


def test_an_application_moves_through_its_stages_and_keeps_its_history(offer_ids) -> None:
    first, _ = offer_ids
    use.set_status(first, "applied", "Candidature envoyée par le site", "2026-11-02")
    use.set_status(first, "interview", "Entretien avec la DRH", "2026-11-20")
    app = use.set_status(first, "offer", when="2026-11-28")
    assert [e.status for e in app.history] == ["applied", "interview", "offer"]
    assert (
        app.status == "offer"
        and app.applied.startswith("2026-11-02")
        and app.updated.startswith("2026-11-28")
    )
    assert (app.title, app.company) == ("Assistant comptable", "Cabinet Durand")
    # back-dated steps sort by their date, not by when they were typed
    earlier = use.set_status(first, "to_apply", when="2026-10-30")
    assert earlier.history[0].status == "to_apply" and earlier.status == "offer"
    # the result rows read the same status
    with db.session() as s:
        assert repo.all_feedback(s)[first]["status"] == "offer"


def test_feedback_status_from_the_ui_is_a_step_and_an_empty_one_clears(offer_ids) -> None:
    first, _ = offer_ids
    with db.session() as s:
        repo.set_feedback(s, first, status="applied")
        repo.set_feedback(s, first, thumbs=1)  # thumbs alone: no new step
    assert [e.status for e in use.list_applications()[0].history] == ["applied"]
    with db.session() as s:
        repo.set_feedback(s, first, status="")
        assert repo.all_feedback(s)[first] == {"thumbs": 1, "status": ""}
    assert use.list_applications() == []


@pytest.mark.parametrize(
    ("status", "when", "message"),
    [
        ("hired", None, "Unknown application status"),
        ("applied", "30/11/2026", "Invalid date"),
        ("applied", (datetime.now() + timedelta(days=3)).date().isoformat(), "in the future"),
    ],
)
def test_bad_input_says_what_to_do_and_records_nothing(offer_ids, status, when, message) -> None:
    with pytest.raises(InvalidInput, match=message) as err:
        use.set_status(offer_ids[0], status, when=when)
    assert err.value.hint
    assert use.list_applications() == []


def test_unknown_offer(offer_ids) -> None:
    with pytest.raises(NotFound):
        use.set_status(9999, "applied")


def test_follow_up_flags_open_applications_without_news(offer_ids) -> None:
    first, second = offer_ids
    old = (datetime.now() - timedelta(days=15)).date().isoformat()
    use.set_status(first, "applied", when=old)
    use.set_status(second, "rejected", when=old)  # closed: no reminder
    by_id = {a.offer_id: a for a in use.list_applications()}
    assert use.needs_follow_up(by_id[first]) and not use.needs_follow_up(by_id[second])
    assert not use.needs_follow_up(by_id[first], days=30)
    assert [a.offer_id for a in use.list_applications("applied")] == [first]


def test_exports_carry_title_company_link_status_dates_and_no_formula(offer_ids) -> None:
    first, second = offer_ids
    use.set_status(first, "applied", "relancer lundi", "2026-11-02")
    use.set_status(second, "applied", when="2026-11-03")
    rows = list(csv.DictReader(io.StringIO(use.export(use.list_applications(), "csv"))))
    assert [r["title"] for r in rows] == ['\'=HYPERLINK("x")', "Assistant comptable"]
    assert rows[1]["company"] == "Cabinet Durand" and rows[1]["url"].startswith("https://example.com/apply/")
    assert rows[1]["status"] == "applied" and rows[1]["applied"].startswith("2026-11-02")
    assert rows[1]["note"] == "relancer lundi"
    data = json.loads(use.export(use.list_applications(), "json"))
    assert data[1]["history"][0]["note"] == "relancer lundi"


def test_applications_survive_a_restart_and_the_cli_drives_them(offer_ids, tmp_path: Path) -> None:
    first, _ = offer_ids
    run = CliRunner().invoke(main, ["applications", "set", str(first), "applied", "--note", "via le site"])
    assert run.exit_code == 0, run.output
    db.reset_engines()  # a new process: only the database remembers
    listed = json.loads(CliRunner().invoke(main, ["applications", "list", "--json"]).stdout)
    assert listed[0]["status"] == "applied" and listed[0]["history"][0]["note"] == "via le site"
    bad = CliRunner().invoke(main, ["applications", "set", str(first), "hired"])
    assert bad.exit_code == 2 and "Use one of: to_apply, applied" in bad.output
    out = tmp_path / "apps.csv"
    assert CliRunner().invoke(main, ["applications", "export", "--out", str(out)]).exit_code == 0
    assert "Assistant comptable,Cabinet Durand" in out.read_text(encoding="utf-8")


def test_statuses_set_before_the_history_existed_become_its_first_step(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'old.db'}"
    command.upgrade(db.alembic_config(url), "0003")
    eng = create_engine(url)
    with eng.begin() as c:
        c.execute(
            text(
                "INSERT INTO offers (id, title, company, location, contract, salary, url, description, "
                "source, source_id, date_posted, text_hash, created_at, updated_at) VALUES "
                "(1, 'Cariste', 'Logi', '', '', '', 'https://example.com/c', 'Conduite de chariots', "
                "'file', '', '', 'h', '2026-11-01', '2026-11-01')"
            )
        )
        c.execute(
            text(
                "INSERT INTO feedback (offer_id, thumbs, status, updated_at) VALUES (1, 1, 'interview', '2026-11-05')"
            )
        )
    eng.dispose()
    db.engine(url)  # upgraded at start
    with db.session(url) as s:
        from jobapp.store import applications

        (app,) = applications.applications(s)
    assert app.status == "interview" and app.updated.startswith("2026-11-05")
    db.reset_engines()


def test_postgresql(postgres_url, monkeypatch) -> None:
    monkeypatch.setenv("JOBAPP_DATABASE_URL", postgres_url)
    db.reset_engines()
    try:
        (oid,) = _offers([("Cariste PostgreSQL", "Entrepôt Nord")])
        use.set_status(oid, "applied", "PG", "2026-11-02")
        app = use.set_status(oid, "withdrawn", when="2026-11-04")
        assert [e.status for e in app.history] == ["applied", "withdrawn"]
        db.reset_engines()
        assert any(a.offer_id == oid and a.status == "withdrawn" for a in use.list_applications())
        with db.session() as s:
            repo.delete_offers(s, [oid])  # the history goes with its offer
        assert all(a.offer_id != oid for a in use.list_applications())
    finally:
        db.reset_engines()
