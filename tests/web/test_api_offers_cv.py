"""Steps 1 and 3 through the API: offers in (file, URL, paste, search), CV upload, and bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from jobapp.demo import demo_cv_path

OFFERS = [
    {
        "title": "Data Analyst",
        "company": "Lumio",
        "location": "Lyon",
        "contract": "CDI",
        "url": "https://example.com/o/1",
        "description": "SQL, Power BI and Python for dashboards and reporting.",
    },
    {
        "title": "Infirmier",
        "company": "CHU",
        "location": "Lille",
        "contract": "CDD",
        "url": "https://example.com/o/2",
        "description": "Soins infirmiers en service de nuit, travail en équipe.",
    },
]


def _json(resp):
    assert resp.is_json, resp.data[:300]
    return resp.get_json()


# ---------------------------------------------------------------- import (in the request, or a run)


def test_import_json_file_stores_offers_and_keeps_the_upload(client, jobapp_home: Path) -> None:
    resp = client.upload("/api/offers/import", json.dumps(OFFERS).encode(), "offers.json")
    assert resp.status_code == 201, resp.data
    body = _json(resp)
    assert len(body["new"]) == 2 and body["merged"] == []
    listed = _json(client.get("/api/offers"))
    assert [o["title"] for o in listed] == ["Data Analyst", "Infirmier"]
    one = _json(client.get(f"/api/offers/{listed[0]['id']}"))
    assert one["company"] == "Lumio" and one["sightings"]
    assert _json(client.get("/api/state"))["counts"]["offers"] == 2
    # Importing the same file again merges instead of doubling.
    again = _json(client.upload("/api/offers/import", json.dumps(OFFERS).encode(), "offers.json"))
    assert again["new"] == [] and len(again["merged"]) == 2
    uploads = list((jobapp_home / "uploads").iterdir())
    assert uploads and all(p.name.startswith("offers-") for p in uploads)


def test_a_large_import_is_a_queued_run_with_progress(client, monkeypatch: pytest.MonkeyPatch) -> None:
    from jobapp.steps import collect
    from jobapp.tasks.runs import execute_run
    from jobapp.web import api

    monkeypatch.setattr(api, "IMPORT_INLINE_BYTES", 300)  # this file counts as large
    monkeypatch.setattr(collect, "CHUNK", 2)
    offers = [
        {
            "title": f"Comptable {i}",
            "company": "Acme",
            "url": f"https://example.com/c/{i}",
            "description": f"Tenue de la comptabilité générale, dossier {i}.",
        }
        for i in range(5)
    ]
    resp = client.upload("/api/offers/import", json.dumps(offers).encode(), "comptables.json")
    assert resp.status_code == 202, resp.data
    run = _json(resp)
    assert run["steps"] == ["collect"] and run["status"] == "queued"
    assert run["params"]["offers_file_name"] == "comptables.json"
    assert _json(client.get("/api/offers")) == []  # nothing was imported inside the request
    execute_run(run["id"])  # what the queue consumer does, in this thread
    finished = _json(client.get(f"/api/runs/{run['id']}"))
    assert finished["status"] == "done"
    assert finished["progress"]["collect"] == {"done": 4, "failed": 0, "total": 4}  # 3 chunks + the file
    messages = [e["message"] for e in _json(client.get(f"/api/runs/{run['id']}/events"))]
    assert "2 / 5 offers stored" in messages and "5 / 5 offers stored" in messages
    listed = _json(client.get("/api/offers"))
    assert [o["title"] for o in listed] == [f"Comptable {i}" for i in range(5)]
    one = _json(client.get(f"/api/offers/{listed[0]['id']}"))
    assert one["sightings"][0]["detail"] == "comptables.json"


def test_a_large_bad_file_fails_its_run_with_the_reason(client, monkeypatch: pytest.MonkeyPatch) -> None:
    from jobapp.tasks.runs import execute_run
    from jobapp.web import api

    monkeypatch.setattr(api, "IMPORT_INLINE_BYTES", 10)
    resp = client.upload("/api/offers/import", b"{not json at all, but long", "offers.json")
    assert resp.status_code == 202
    run_id = _json(resp)["id"]
    execute_run(run_id)
    finished = _json(client.get(f"/api/runs/{run_id}"))
    assert finished["status"] == "failed" and finished["error"]
    errors = [e["message"] for e in _json(client.get(f"/api/runs/{run_id}/events")) if e["level"] == "error"]
    assert any("offers.json" in m for m in errors), errors


def test_import_csv_file(client) -> None:
    csv = "Poste;Entreprise;Lieu;Description\nComptable;Acme;Nantes;Tenue de la comptabilité générale et fiscale.\n"
    resp = client.upload("/api/offers/import", csv.encode("cp1252"), "offres.csv")
    assert resp.status_code == 201
    assert _json(client.get("/api/offers"))[0]["title"] == "Comptable"


@pytest.mark.parametrize(("data", "name"), [(b"", "offers.json"), (b"{not json", "offers.json")])
def test_import_bad_files_are_clean_4xx(client, data: bytes, name: str) -> None:
    resp = client.upload("/api/offers/import", data, name)
    assert 400 <= resp.status_code < 500
    assert _json(resp)["message"]


def test_import_without_file_field(client) -> None:
    resp = client.post("/api/offers/import", data={"other": "x"}, content_type="multipart/form-data")
    assert resp.status_code == 400
    assert "file" in _json(resp)["hint"]


def test_unknown_offer_is_404_json(client) -> None:
    resp = client.get("/api/offers/999")
    assert resp.status_code == 404 and _json(resp)["error"] == "not_found"


def test_delete_offers(client, seeded) -> None:
    assert client.raw.delete("/api/offers").status_code == 403  # no CSRF token
    resp = client.delete("/api/offers")
    assert resp.status_code == 200 and _json(resp)["deleted"] == 3
    assert _json(client.get("/api/offers")) == []


# ---------------------------------------------------------------- run-starting sources


def test_url_paste_and_search_start_collect_runs(client) -> None:
    r1 = client.post("/api/offers/url", json={"url": "https://example.com/offre/42"})
    assert r1.status_code == 202
    run = _json(r1)
    assert run["steps"] == ["collect"] and run["status"] == "queued"
    assert run["params"]["offer_url"] == "https://example.com/offre/42"
    r2 = client.post(
        "/api/offers/paste", json={"text": "Data analyst H/F à Lyon, CDI, SQL et Python requis."}
    )
    assert r2.status_code == 202 and _json(r2)["params"]["offers_text"].startswith("Data analyst")
    r3 = client.post(
        "/api/offers/search",
        json={
            "query": "data analyst",
            "location": "Lyon",
            "count": 5,
            "contract": "cdi",
            "boards": ["hellowork"],
        },
    )
    assert r3.status_code == 202
    assert _json(r3)["params"]["search"]["count"] == 5
    runs = _json(client.get("/api/runs"))
    assert [r["id"] for r in runs] == [_json(r3)["id"], _json(r2)["id"], run["id"]]


@pytest.mark.parametrize(
    ("url", "body"),
    [
        ("/api/offers/url", {"url": "not a url"}),
        ("/api/offers/url", {"url": "https://example.com/x", "extra": 1}),
        ("/api/offers/url", {"url": 42}),
        ("/api/offers/url", {}),
        ("/api/offers/paste", {"text": "too short"}),
        ("/api/offers/paste", {"text": ["a list"]}),
        ("/api/offers/search", {"query": "x"}),
        ("/api/offers/search", {"query": "data", "count": 0}),
        ("/api/offers/search", {"query": "data", "count": "many"}),
        ("/api/offers/search", {"query": "data", "boards": []}),
        ("/api/offers/search", {"query": "data", "radius_km": -1}),
        ("/api/offers/search", {"query": "data", "colour": "blue"}),
    ],
)
def test_bad_bodies_are_422_with_the_field(client, url: str, body: dict) -> None:
    resp = client.post(url, json=body)
    assert resp.status_code == 422, resp.data
    data = _json(resp)
    assert data["error"] == "invalid_body" and data["problems"]


def test_unknown_board_is_400_before_any_run(client) -> None:
    resp = client.post("/api/offers/search", json={"query": "data", "boards": ["monster-jobs"]})
    assert resp.status_code == 400
    assert "hellowork" in _json(resp)["hint"]
    assert _json(client.get("/api/runs")) == []


@pytest.mark.parametrize("payload", ["[1, 2]", "not json", ""])
def test_non_object_bodies_are_400(client, payload: str) -> None:
    resp = client.post("/api/offers/url", data=payload, content_type="application/json")
    assert resp.status_code == 400
    assert "JSON object" in _json(resp)["message"]


def test_missing_or_wrong_csrf_is_403(client) -> None:
    assert client.raw.post("/api/offers/url", json={"url": "https://example.com/x"}).status_code == 403
    resp = client.raw.post(
        "/api/offers/url", json={"url": "https://example.com/x"}, headers={"X-CSRF-Token": "forged"}
    )
    assert resp.status_code == 403 and _json(resp)["error"] == "csrf"
    assert _json(client.get("/api/runs")) == []


# ---------------------------------------------------------------- CV upload (step 3)


def test_cv_upload_pdf_is_converted(client) -> None:
    pdf = demo_cv_path("fr").read_bytes()
    resp = client.upload("/api/cv", pdf, "mon cv.pdf")
    assert resp.status_code == 201, resp.data
    doc = _json(resp)
    assert doc["format"] == "pdf" and doc["pages"] >= 1 and len(doc["text"].split()) > 100
    assert _json(client.get("/api/cv"))["id"] == doc["id"]
    state = _json(client.get("/api/state"))
    assert state["counts"]["cv"] == 1 and state["cv"]["filename"] == "mon cv.pdf"
    assert _json(client.get("/api/cv/profile")) is None  # converted, not profiled yet


def test_cv_upload_txt(client) -> None:
    from jobapp.demo import demo_cv_path

    resp = client.upload("/api/cv", demo_cv_path("en").read_bytes(), "cv.txt")
    assert resp.status_code == 201 and _json(resp)["format"] == "txt"
    tiny = client.upload("/api/cv", "Jeanne Martin\nInfirmière.\n".encode(), "cv2.txt")
    assert tiny.status_code in (400, 422) and "text" in _json(tiny)["message"]


def test_disguised_upload_is_415_with_a_clear_message(client) -> None:
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
    resp = client.upload("/api/cv", png, "cv.pdf")
    assert resp.status_code == 415
    body = _json(resp)
    text = (body["message"] + " " + body.get("hint", "")).lower()
    assert "png" in text or "image" in text, body
    assert "pdf" in text
    assert _json(client.get("/api/state"))["counts"]["cv"] == 0


def test_path_in_file_name_is_not_used_to_store(client, jobapp_home: Path, tmp_path: Path) -> None:
    import io

    pdf = demo_cv_path("fr").read_bytes()
    resp = client.post(  # kept on request: the only case where a CV file is written
        "/api/cv",
        data={"file": (io.BytesIO(pdf), "../../x.pdf"), "keep": "1"},
        content_type="multipart/form-data",
    )
    assert resp.status_code == 201
    stored = list((jobapp_home / "cv-files").iterdir())
    assert len(stored) == 1 and stored[0].name == f"cv-{_json(resp)['id']}.pdf"
    assert stored[0].read_bytes() == pdf
    # Nothing named x.pdf in or around the data dir (uploads/../../x.pdf would be tmp_path/x.pdf).
    assert not list(tmp_path.rglob("x.pdf"))
    assert (
        not (tmp_path.parent / "x.pdf").exists()
        and not Path("x.pdf").exists()
        and not Path("../x.pdf").exists()
    )


def test_oversized_upload_is_413(jobapp_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JOBAPP_MAX_UPLOAD_MB", "0.01")  # ~10 KB
    from conftest import ApiClient
    from jobapp.web import create_app

    client = ApiClient(create_app(testing=True).test_client())
    resp = client.upload("/api/cv", b"a" * 50_000, "cv.txt")
    assert resp.status_code == 413
    assert "MB" in _json(resp)["message"]
    assert not (jobapp_home / "uploads").exists() or not list((jobapp_home / "uploads").iterdir())


def test_cv_without_any_is_409(client) -> None:
    resp = client.get("/api/cv")
    assert resp.status_code == 409 and "CV" in _json(resp)["message"]
    assert client.get("/api/cv/profile").status_code == 409
