"""Every line of a real run's log comes from the message catalogue, and the log endpoint shows it in
the page's language: a full pipeline (fake embedder, the offline default LLM named but never loaded)
run twice (computed, then all cached), read in French and in English."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from jobapp.messages import Message, catalogue, from_data, recognise

OFFERS = [
    {"title": "Data analyst", "company": "Acme", "url": "https://example.com/1",
     "description": "Missions : analyse de données avec Python, SQL et Power BI. Stage de six mois."},
    {"title": "Plombier chauffagiste", "company": "Eau Chaude", "url": "https://example.com/2",
     "description": "Installation de chaudières, soudure, dépannage sanitaire. CDI, confirmé."},
]  # fmt: skip
CV = "Camille, analyste de données. Python, SQL, Power BI, statistiques, tableaux de bord. Étudiante."


@pytest.fixture
def sources(tmp_path: Path) -> dict[str, str]:
    offers = tmp_path / "offers.json"
    offers.write_text(json.dumps(OFFERS, ensure_ascii=False), encoding="utf-8")
    cv = tmp_path / "cv.txt"
    cv.write_bytes(CV.encode("cp1252"))  # read with a warning (the encoding guessed)
    return {"offers_file": str(offers), "cv_file": str(cv)}


@pytest.fixture
def offline_default_llm(fake_models, monkeypatch: pytest.MonkeyPatch):
    """The offline profile's LLM: named by the steps (the field policy skips it), never loaded."""
    monkeypatch.delenv("JOBAPP_LLM", raising=False)
    fake_models.clear_cache()
    return fake_models


def _run(params: dict[str, Any]) -> int:
    from jobapp.tasks.runs import create_run, execute_run

    run_id = create_run("all", params)
    assert execute_run(run_id)["status"] == "done"
    return run_id


def _plain_strings(data: dict[str, Any]) -> list[str]:
    """The string parameters of a stored message, nested ones included."""
    out: list[str] = []
    for value in data["params"].values():
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, dict):
                out += _plain_strings(item)
            elif isinstance(item, str):
                out.append(item)
    return out


def test_every_run_event_renders_from_a_catalogue_key(client, sources, offline_default_llm):
    from jobapp.tasks.runs import run_events

    run_ids = [_run(sources), _run(sources)]  # the second finds everything stored
    for run_id in run_ids:
        events = run_events(run_id)
        assert len(events) > 10
        untranslated = [e["message"] for e in events if e["message_data"] is None]
        assert not untranslated, f"log lines with no catalogue key: {untranslated}"
        # A parameter that is itself a catalogue sentence must be passed as a Message, not as text.
        flattened = [s for e in events for s in _plain_strings(e["message_data"])]
        assert not [s for s in flattened if isinstance(recognise(s), Message)]
        for lang in ("fr", "en"):
            client.raw.set_cookie("jobapp_lang", lang)
            shown = client.get(f"/api/runs/{run_id}/events").get_json()
            assert [e["id"] for e in shown] == [e["id"] for e in events]
            for raw, page in zip(events, shown, strict=True):
                assert page["message"] == from_data(raw["message_data"]).render(lang)
                assert "message_data" not in page
    keys = {e["message_data"]["key"] for run_id in run_ids for e in run_events(run_id)}
    assert {"cv.decoded_as", "llm.skipped_step", "ranking.cached", "run.finished"} <= keys


def test_french_log_differs_from_english_where_the_catalogue_does(client, sources, fake_models):
    run_id = _run(sources)
    client.raw.set_cookie("jobapp_lang", "fr")
    french = [e["message"] for e in client.get(f"/api/runs/{run_id}/events").get_json()]
    client.raw.set_cookie("jobapp_lang", "en")
    english = [e["message"] for e in client.get(f"/api/runs/{run_id}/events").get_json()]
    assert "Le fichier texte a été décodé en cp1252." in french
    assert "The text file was decoded as cp1252." in english
    assert french[-1] == "Exécution terminée." and english[-1] == "Run finished."
    assert any(m.startswith("Étape collecte terminée en ") for m in french)
    # No French line is an English catalogue sentence (values the same in both languages aside).
    english_only = {v for k, v in catalogue("en").items() if v != catalogue("fr")[k] and "{" not in v}
    assert not english_only & set(french)


def test_rows_written_before_keys_still_read_in_french(client, sources, fake_models):
    """A run event stored as English text only (before message keys existed) is recognised."""
    from jobapp.store.db import session
    from jobapp.store.tables import RunEventRow

    run_id = _run(sources)
    with session() as s:
        s.add(
            RunEventRow(run_id=run_id, step="convert", message="Repeated page headers/footers were removed.")
        )
        s.add(RunEventRow(run_id=run_id, step="convert", message="Something no catalogue knows."))
    client.raw.set_cookie("jobapp_lang", "fr")
    french = [e["message"] for e in client.get(f"/api/runs/{run_id}/events").get_json()]
    assert french[-2:] == [
        "Les en-têtes et pieds de page répétés ont été retirés.",
        "Something no catalogue knows.",
    ]
