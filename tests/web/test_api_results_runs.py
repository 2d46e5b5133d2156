"""Steps 5-7 and runs through the API: results with filters, feedback, runs, events, timings, exports."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

import pytest
from seed import XSS_TITLE

from jobapp.scoring.calibration import verdict_for
from jobapp.steps.base import StepContext, StepResult
from jobapp.steps.registry import register_step, unregister_step


def _titles(resp) -> list[str]:
    assert resp.status_code == 200, resp.data
    return [r["offer"]["title"] for r in resp.get_json()["results"]]


# ---------------------------------------------------------------- results and filters


def test_state_counts_every_step(client, seeded) -> None:
    state = client.get("/api/state").get_json()
    assert state["counts"] == {
        "offers": 3,
        "summaries": 3,
        "cv": 1,
        "profile": 1,
        "matches": 3,
        "reranked": True,
        "explanations": 3,
    }
    assert state["cv"]["filename"] == "cv.txt"
    assert state["runs"][0]["status"] == "done"


def test_results_carry_offer_explanation_and_feedback(client, seeded) -> None:
    data = client.get("/api/results").get_json()
    assert 0 <= data["threshold"] <= 100
    rows = data["results"]
    assert [r["score"] for r in rows] == [82.0, 55.0, 12.0]
    top = rows[0]
    assert top["offer"]["company"] == "Lumio Énergies"
    assert top["explanation"]["verdict"] == "strong"
    assert top["keywords"] == {
        "matched": ["SQL"],
        "missing": ["Power BI"],
        "coverage": 0.5,
        "required": [],
        "missing_required": [],
    }
    # every row carries the verdict of the shared rule, explained or not
    assert [r["verdict"] for r in rows] == [verdict_for(r["score"]) for r in rows]
    assert data["strong_threshold"] > data["threshold"]
    assert top["feedback"] == {"thumbs": 0, "status": ""}
    assert rows[1]["offer"]["title"] == XSS_TITLE  # stored and returned as plain data, escaped by the page


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("min_score=50", ["Data Analyst (H/F)", XSS_TITLE]),
        ("min_score=90", []),
        ("keyword=soins", ["Infirmier de nuit"]),
        ("keyword=POWER%20BI", ["Data Analyst (H/F)"]),
        ("location=lyon", ["Data Analyst (H/F)"]),
        ("contract=cdd", [XSS_TITLE]),
        ("board=indeed", ["Infirmier de nuit"]),
        ("contract=cdi&location=lille", ["Infirmier de nuit"]),
        ("sort=title", [XSS_TITLE, "Data Analyst (H/F)", "Infirmier de nuit"]),
    ],
)
def test_results_filters_and_sort(client, seeded, query: str, expected: list[str]) -> None:
    titles = _titles(client.get(f"/api/results?{query}"))
    if query.startswith("sort=title"):
        assert titles == sorted(titles, key=str.lower)
    else:
        assert titles == expected


def test_results_sort_by_date_newest_first(client, seeded) -> None:
    rows = client.get("/api/results?sort=date").get_json()["results"]
    keys = [r["offer"]["date_posted"] or r["offer"]["found_at"] for r in rows]
    assert keys == sorted(keys, reverse=True)
    # An offer posted a week ago comes after the ones only known by today's collection date.
    assert rows[-1]["offer"]["title"] == "Data Analyst (H/F)"


@pytest.mark.parametrize("query", ["sort=colour", "min_score=abc"])
def test_results_bad_query_is_400(client, seeded, query: str) -> None:
    resp = client.get(f"/api/results?{query}")
    assert resp.status_code == 400 and resp.get_json()["message"]


def test_results_empty_without_cv(client) -> None:
    assert client.get("/api/results").get_json()["results"] == []


def test_summaries_listed(client, seeded) -> None:
    rows = client.get("/api/summaries").get_json()
    assert len(rows) == 3 and rows[0]["key_skills"] == ["SQL", "Python"]


def test_profile_shows_what_was_removed(client, seeded) -> None:
    profile = client.get("/api/cv/profile").get_json()
    assert profile["removed"] == {"name": 1, "email": 1}


# ---------------------------------------------------------------- feedback


def test_feedback_is_stored_and_shown_in_results(client, seeded) -> None:
    oid = seeded["offer_ids"][0]
    resp = client.post(f"/api/feedback/{oid}", json={"thumbs": 1})
    assert resp.get_json() == {"offer_id": oid, "thumbs": 1, "status": ""}
    resp = client.post(f"/api/feedback/{oid}", json={"status": "interview"})
    assert resp.get_json() == {"offer_id": oid, "thumbs": 1, "status": "interview"}
    top = client.get("/api/results").get_json()["results"][0]
    assert top["feedback"] == {"thumbs": 1, "status": "interview"}


@pytest.mark.parametrize(
    "body",
    [{"thumbs": 5}, {"thumbs": "up"}, {"status": "hired"}, {"status": 3}, {"thumbs": 1, "note": "x"}],
)
def test_feedback_bad_bodies_are_422(client, seeded, body: dict) -> None:
    resp = client.post(f"/api/feedback/{seeded['offer_ids'][0]}", json=body)
    assert resp.status_code == 422, resp.data


def test_feedback_unknown_offer_404_and_csrf_403(client, seeded) -> None:
    assert client.post("/api/feedback/999", json={"thumbs": 1}).status_code == 404
    assert client.raw.post(f"/api/feedback/{seeded['offer_ids'][0]}", json={"thumbs": 1}).status_code == 403


# ---------------------------------------------------------------- runs, events, cancel, timings


@pytest.fixture
def fake_summarise() -> Iterator[None]:
    """A fast deterministic summarise step registered through the real steps registry."""

    def run(ctx: StepContext) -> StepResult:
        for i in range(3):
            ctx.log("summarise", f"offer {i} summarised", done=i + 1, total=3)
            ctx.mark_done("summarise", f"o{i}")
        return StepResult(items=3, message="3 fake summaries")

    register_step("summarise", run)
    yield
    unregister_step("summarise")


def test_run_lifecycle_with_events_and_timings(client, fake_summarise) -> None:
    from jobapp.tasks.runs import execute_run

    resp = client.post("/api/runs", json={"steps": ["summarise"], "params": {"no_llm": True, "top": 5}})
    assert resp.status_code == 202
    run = resp.get_json()
    assert run["status"] == "queued" and run["params"] == {"no_llm": True, "top": 5}
    execute_run(run["id"])  # what the queue consumer does, in this thread
    done = client.get(f"/api/runs/{run['id']}").get_json()
    assert done["status"] == "done"
    assert done["progress"]["summarise"] == {"done": 3, "failed": 0, "total": 3}
    events = client.get(f"/api/runs/{run['id']}/events").get_json()
    messages = [e["message"] for e in events]
    assert "offer 2 summarised" in messages and messages[-1] == "Run finished."
    # Polling with the last id seen returns only newer events.
    middle = events[2]["id"]
    assert [e["id"] for e in client.get(f"/api/runs/{run['id']}/events?after={middle}").get_json()] == [
        e["id"] for e in events if e["id"] > middle
    ]
    timings = client.get("/api/timings").get_json()
    assert [t["step"] for t in timings] == ["summarise"] and timings[0]["items"] == 3
    assert client.get(f"/api/timings?run_id={run['id']}").get_json() == timings
    assert client.get("/api/runs?limit=1").get_json()[0]["id"] == run["id"]


def test_run_steps_specs(client) -> None:
    assert client.post("/api/runs", json={}).get_json()["steps"][0] == "collect"
    assert client.post("/api/runs", json={"steps": "match-explain"}).get_json()["steps"] == [
        "match",
        "rerank",
        "explain",
    ]


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ({"steps": ["fly"]}, 400),
        ({"steps": "explain-match"}, 400),
        ({"steps": 7}, 422),
        ({"params": {"top": 0}}, 422),
        ({"params": {"top": "ten"}}, 422),
        ({"params": {"no_llm": True, "model": "x"}}, 422),
        ({"steps": "all", "priority": 1}, 422),
    ],
)
def test_run_bad_bodies(client, body: dict, status: int) -> None:
    resp = client.post("/api/runs", json=body)
    assert resp.status_code == status, resp.data
    assert resp.get_json()["message"]


def test_cancel_a_queued_run(client) -> None:
    run = client.post("/api/runs", json={"steps": "match"}).get_json()
    resp = client.post(f"/api/runs/{run['id']}/cancel")
    assert resp.get_json() == {"id": run["id"], "status": "cancelled"}
    assert client.raw.post(f"/api/runs/{run['id']}/cancel").status_code == 403


@pytest.mark.parametrize("url", ["/api/runs/999", "/api/runs/999/events", "/api/runs/999/events?after=3"])
def test_unknown_run_is_404_json(client, url: str) -> None:
    resp = client.get(url)
    assert resp.status_code == 404
    assert resp.get_json()["error"] == "not_found" and "999" in resp.get_json()["message"]


def test_cancel_unknown_run_is_404(client) -> None:
    resp = client.post("/api/runs/999/cancel")
    assert resp.status_code == 404 and resp.is_json


def test_unknown_route_is_404(client) -> None:
    assert client.get("/api/nope").status_code == 404


# ---------------------------------------------------------------- exports


def test_exports_csv_and_json(client, seeded) -> None:
    resp = client.get("/api/export/1_offers.csv")
    assert resp.status_code == 200 and resp.mimetype == "text/csv"
    assert "attachment" in resp.headers["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(resp.get_data(as_text=True))))
    assert {r["title"] for r in rows} >= {"Data Analyst (H/F)", XSS_TITLE}
    matches = client.get("/api/export/5_6_matches.json").get_json()
    assert [m["rank"] for m in matches][:3] == [1, 2, 3]
    for name in ("2_offer_summaries", "3_cvs", "4_cv_profiles", "7_explanations", "runs", "step_timings"):
        assert client.get(f"/api/export/{name}.json").status_code == 200, name


@pytest.mark.parametrize("url", ["/api/export/1_offers.xml", "/api/export/passwords.csv"])
def test_bad_exports_are_400(client, url: str) -> None:
    resp = client.get(url)
    assert resp.status_code == 400 and resp.get_json()["message"]


# ---------------------------------------------------------------- time over runs, example data


def test_timings_of_the_latest_runs_oldest_first(client, seeded) -> None:
    from jobapp.store import db
    from jobapp.store.tables import RunRow, StepTimingRow, utcnow

    with db.session() as s:
        later = []
        for wall in (2.0, 4.0):
            run = RunRow(steps=["match"], params={}, status="done", current_step="match")
            s.add(run)
            s.flush()
            s.add(StepTimingRow(run_id=run.id, step="match", wall_s=wall, items=3, started_at=utcnow()))
            later.append(run.id)
    first = seeded["run_id"]
    assert [t["run_id"] for t in client.get("/api/timings").get_json()] == [later[1]]  # the latest only
    rows = client.get("/api/timings?runs=8").get_json()
    assert [(t["run_id"], t["step"]) for t in rows] == [
        (first, "match"),
        (first, "rerank"),
        (later[0], "match"),
        (later[1], "match"),
    ]
    assert [t["run_id"] for t in client.get("/api/timings?runs=2").get_json()] == later
    assert client.get(f"/api/timings?run_id={first}&runs=8").get_json() == rows[:2]  # run_id wins
    assert client.get("/api/timings?runs=ten").status_code == 400


def test_example_data_loads_the_demo_offers_and_the_cv_of_the_page_language(client) -> None:
    from jobapp.demo import load_demo_offers

    resp = client.post("/api/demo", headers={"Accept-Language": "fr-FR,fr;q=0.9"})
    assert resp.status_code == 201
    body = resp.get_json()
    assert len(body["new"]) == len(load_demo_offers()) and body["merged"] == []
    assert body["cv"]["filename"] == "cv_data_analyst_fr.pdf"
    state = client.get("/api/state").get_json()
    assert state["counts"]["offers"] == len(body["new"]) and state["cv"] == body["cv"]
    # Again, in English: the same offers are merged, not doubled; the English CV becomes current.
    again = client.post("/api/demo", headers={"Accept-Language": "en"}).get_json()
    assert again["new"] == [] and sorted(again["merged"]) == sorted(body["new"])
    assert again["cv"]["filename"] == "cv_nurse_en.txt"
    assert client.get("/api/state").get_json()["counts"]["offers"] == len(body["new"])
    # A cross-site form cannot load it: the CSRF token is required as for every POST.
    assert client.raw.post("/api/demo").status_code == 403
