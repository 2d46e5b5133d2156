"""Privacy in the web app: an uploaded CV is not kept unless asked (then owner-only and listed), the
anonymised text with its redaction spans, deleting one CV, and "Delete my data"."""

from __future__ import annotations

import io
import re
import stat
from pathlib import Path
from typing import Any

import pytest

CV = (
    "Jean Dupont\njean.dupont@exemple.fr · 06 12 34 56 78\n8 rue des Acacias, 69003 Lyon\n\n"
    "Data analyst\nExpérience\n2021 - 2024 Data analyst chez Lumio, Lyon : SQL, Python, Power BI.\n"
).encode()


def _upload(client: Any, data: bytes, name: str, keep: bool = False) -> Any:
    fields: dict[str, Any] = {"file": (io.BytesIO(data), name)}
    if keep:
        fields["keep"] = "1"
    return client.post("/api/cv", data=fields, content_type="multipart/form-data")


def _files_holding(home: Path, needle: bytes) -> list[str]:
    return [p.name for p in home.rglob("*") if p.is_file() and needle.lower() in p.read_bytes().lower()]


def test_upload_keeps_no_raw_file_by_default(client, jobapp_home: Path) -> None:
    resp = _upload(client, CV, "CV_Jean_Dupont.txt")
    assert resp.status_code == 201
    assert not (jobapp_home / "uploads").exists() and not (jobapp_home / "cv-files").exists()
    # only the database holds the text (deleted with the CV), and no file is named after the CV
    assert not list(jobapp_home.rglob("*Dupont*"))
    assert client.get("/api/cvs").get_json()[0]["kept_files"] == []


@pytest.mark.parametrize("how", ["form", "setting"])
def test_a_kept_file_is_owner_only_listed_and_deleted_with_its_cv(
    client, jobapp_home: Path, monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    if how == "setting":
        monkeypatch.setenv("JOBAPP_KEEP_CV_FILES", "1")
    resp = _upload(client, CV, "CV_Jean_Dupont.txt", keep=how == "form")
    assert resp.status_code == 201
    cv_id = resp.get_json()["id"]
    kept = jobapp_home / "cv-files" / f"cv-{cv_id}.txt"
    assert kept.read_bytes() == CV
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600
    assert stat.S_IMODE(kept.parent.stat().st_mode) == 0o700
    assert client.get("/api/cvs").get_json() == [
        {
            "id": cv_id,
            "filename": "CV_Jean_Dupont.txt",
            "format": "txt",
            "current": True,
            "kept_files": [kept.name],
        }
    ]

    deleted = client.delete(f"/api/cv/{cv_id}")
    assert deleted.status_code == 200 and deleted.get_json()["deleted"]["files"] == 1
    assert not kept.exists()
    assert client.get("/api/cvs").get_json() == []
    assert client.delete(f"/api/cv/{cv_id}").status_code == 404


def test_anonymised_text_with_redaction_spans(client) -> None:
    _upload(client, CV, "cv.txt")
    view = client.get("/api/cv/anonymised").get_json()
    text = view["text"]
    for identifier in ("Dupont", "jean.dupont@exemple.fr", "06 12 34 56 78", "Acacias"):
        assert identifier not in text
    assert "Data analyst" in text
    spans = view["redactions"]
    assert {"name", "email", "phone"} <= {r["kind"] for r in spans}
    for r in spans:
        assert re.fullmatch(r"\[[A-Z_]+\]", text[r["start"] : r["end"]]), r
    assert view["removed"].get("email") == 1

    from jobapp.steps.anonymised import anonymised_cv
    from jobapp.store import db, repo

    with db.session() as s:
        doc = repo.current_cv(s)
    assert doc is not None and anonymised_cv(doc)["text"] == text  # the CLI's view, the same text


def test_anonymised_without_a_cv_is_a_clear_409(client) -> None:
    resp = client.get("/api/cv/anonymised")
    assert resp.status_code == 409 and "CV" in resp.get_json()["message"]


def test_forget_needs_an_explicit_confirmation(client) -> None:
    _upload(client, CV, "cv.txt")
    assert client.post("/api/forget", json={}).status_code in (400, 422)
    assert client.post("/api/forget", json={"confirm": False}).status_code == 422
    assert client.get("/api/state").get_json()["counts"]["cv"] == 1
    # without the CSRF token the request is refused before anything is deleted
    assert client.raw.post("/api/forget", json={"confirm": True}).status_code in (400, 403)
    assert client.get("/api/state").get_json()["counts"]["cv"] == 1


def test_delete_my_data_removes_every_cv_and_its_traces(client, jobapp_home: Path) -> None:
    _upload(client, CV, "CV_Jean_Dupont.txt", keep=True)
    _upload(client, b"Infirmiere de nuit, soins, gardes, travail en equipe, 10 ans.", "other.txt")
    assert _files_holding(jobapp_home, b"jean.dupont@exemple.fr")

    resp = client.post("/api/forget", json={"confirm": True})
    assert resp.status_code == 200
    assert resp.get_json()["deleted"]["cvs"] == 2 and resp.get_json()["deleted"]["files"] == 1
    assert client.get("/api/state").get_json()["counts"]["cv"] == 0
    from jobapp.store import db

    db.reset_engines()
    for needle in (b"jean.dupont@exemple.fr", b"Dupont", b"06 12 34 56 78"):
        assert _files_holding(jobapp_home, needle) == []


@pytest.mark.parametrize("lang,label", [("en", "Delete my data"), ("fr", "Supprimer mes données")])
def test_the_page_offers_delete_my_data_and_the_anonymised_view(app, lang: str, label: str) -> None:
    page = app.test_client().get("/", headers={"Accept-Language": lang}).get_data(as_text=True)
    assert label in page and 'id="forget-all"' in page and 'id="cv-anonymised"' in page
    assert 'name="keep"' in page and "js/privacy.js" in page
    js = app.test_client().get("/static/js/privacy.js")
    assert js.status_code == 200 and b"/api/cv/anonymised" in js.data and b"/api/forget" in js.data


def test_raw_cvs_an_older_version_kept_go_at_the_next_upload(client, jobapp_home: Path) -> None:
    old = jobapp_home / "uploads"
    old.mkdir(parents=True)
    (old / "cv.pdf-0123abcd").write_bytes(b"%PDF-1.4 Jean Dupont")
    (old / "offers-4567").write_bytes(b"title\nData analyst\n")
    assert _upload(client, CV, "cv.txt").status_code == 201
    assert sorted(p.name for p in old.iterdir()) == ["offers-4567"]  # offer files are not the user's CV
