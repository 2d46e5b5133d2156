"""The whole pipeline through the API with the real bundled offline models (no LLM): the path a user
of the web UI takes, executed in-process exactly as a queue worker executes it."""

from __future__ import annotations

import json

import pytest

from jobapp.demo import demo_cv_path, load_demo_offers

pytestmark = pytest.mark.slow

DATA_JOBS = {"Data Analyst (H/F)", "Data Analyst Marketing & CRM", "Business Intelligence Analyst (Power BI)"}
OTHER_JOBS = {
    "Registered Nurse - Acute Medical Unit",
    "Électricien(ne) bâtiment N3",
    "Plombier chauffagiste (H/F)",
    "Comptable général(e) (H/F)",
    "Chauffeur poids lourd SPL - Régional",
}


def test_upload_import_run_all_and_read_ranked_explained_results(client) -> None:
    from jobapp.tasks.runs import execute_run

    offers = [o for o in load_demo_offers() if o["title"] in DATA_JOBS | OTHER_JOBS]
    assert len(offers) == 8
    assert client.upload("/api/cv", demo_cv_path("fr").read_bytes(), "cv.pdf").status_code == 201
    imported = client.upload("/api/offers/import", json.dumps(offers).encode(), "offres.json")
    assert len(imported.get_json()["new"]) == 8

    run = client.post("/api/runs", json={"steps": "all", "params": {"no_llm": True, "top": 3}}).get_json()
    final = execute_run(run["id"])
    events = client.get(f"/api/runs/{run['id']}/events").get_json()
    assert final["status"] == "done", [e["message"] for e in events if e["level"] != "info"]
    assert {t["step"] for t in client.get("/api/timings").get_json()} == set(run["steps"])

    counts = client.get("/api/state").get_json()["counts"]
    assert counts["summaries"] == 8 and counts["profile"] == 1 and counts["matches"] == 8
    assert counts["reranked"] is True and counts["explanations"] == 3

    data = client.get("/api/results").get_json()
    rows = data["results"]
    scores = [r["score"] for r in rows]
    assert scores == sorted(scores, reverse=True) and all(0 <= s <= 100 for s in scores)
    top3 = {r["offer"]["title"] for r in rows[:3]}
    assert len(top3 & DATA_JOBS) >= 2, [r["offer"]["title"] for r in rows]
    best = rows[0]
    assert best["explanation"]["verdict"] in ("strong", "partial", "none") and best["explanation"]["summary"]
    assert best["keywords"]["matched"], best["keywords"]
    profile = client.get("/api/cv/profile").get_json()
    assert sum(profile["removed"].values()) >= 2  # the demo CV's name, e-mail, phone... are taken out
    # The filters work on real results too.
    above = client.get(f"/api/results?min_score={data['threshold']}").get_json()["results"]
    assert all(r["score"] >= data["threshold"] for r in above)
