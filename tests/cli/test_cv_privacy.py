"""Privacy from the command line: `cv show --anonymised` is what the models read, `cv list`,
`cv delete`, `forget --all`, and no file name or CV text in run events."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from jobapp.cli import main
from jobapp.models.base import LLM, Message
from jobapp.store import db, repo

CV = (
    "Jean Dupont\njean.dupont@exemple.fr · 06 12 34 56 78\n8 rue des Acacias, 69003 Lyon\n\n"
    "Data analyst\nExpérience\n2021 - 2024 Data analyst chez Lumio, Lyon : SQL, Python, Power BI.\n"
    "Formation\nMaster statistique, Université Lyon 2\n"
)
IDENTIFIERS = ("Dupont", "jean.dupont@exemple.fr", "06 12 34 56 78", "rue des Acacias")


def invoke(*args: str, input: str | None = None) -> Any:
    return CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)


@pytest.fixture
def cv_file(tmp_path: Path) -> Path:
    path = tmp_path / "CV_Jean_Dupont.txt"
    path.write_text(CV, encoding="utf-8")
    return path


class RecordingLLM(LLM):
    """Answers an empty object and keeps every message it was sent."""

    name = "recording-llm"
    supports_schema = False

    def __init__(self) -> None:
        self.sent: list[list[Message]] = []

    def generate(
        self,
        messages: list[Message],
        schema: dict[str, Any] | None = None,
        max_tokens: int | None = None,
        temperature: float = 0.0,
    ) -> str | dict[str, Any]:
        self.sent.append(messages)
        return "{}"


def test_show_anonymised_json_is_exactly_what_the_profile_prompt_carries(cv_file: Path):
    from jobapp.llm import prompts
    from jobapp.llm.profile import build_cv_profile, ensure_anonymised

    assert invoke("cv", "add", str(cv_file)).exit_code == 0
    r = invoke("cv", "show", "--anonymised", "--json")
    assert r.exit_code == 0, r.output
    view = json.loads(r.stdout)
    text = view["text"]
    assert all(i not in text for i in IDENTIFIERS), text
    assert "Data analyst" in text and "Power BI" in text  # what matching needs stays

    with db.session() as s:
        stored = repo.current_cv(s)
    assert stored is not None
    llm = RecordingLLM()
    build_cv_profile(stored.text, llm)  # what the profile step calls, on the stored text
    assert llm.sent, "the profile step did not call the model"
    for messages in llm.sent:
        user = "\n".join(m["content"] for m in messages if m["role"] == "user")
        assert prompts.fence(text, "CV") in user  # the very text the CLI printed, nothing else
        assert all(i not in user for i in IDENTIFIERS)
    # and it passes the guard every CV prompt must pass before leaving for a model
    ensure_anonymised(prompts.task_messages("cv_profile", "fr", text), text, stored.text)


def test_show_anonymised_spans_point_at_the_placeholders(cv_file: Path):
    invoke("cv", "add", str(cv_file))
    view = json.loads(invoke("cv", "show", "--anonymised", "--json").stdout)
    kinds = {r["kind"] for r in view["redactions"]}
    assert {"name", "email", "phone"} <= kinds, view["redactions"]
    for r in view["redactions"]:
        assert view["text"][r["start"] : r["end"]].startswith("["), r
    plain = invoke("cv", "show", "--anonymised")
    assert plain.exit_code == 0 and plain.stdout.rstrip("\n") == view["text"].rstrip("\n")


def test_list_and_delete_a_cv(cv_file: Path, tmp_path: Path):
    other = tmp_path / "other.txt"
    other.write_text(
        "Infirmière de nuit, soins, gardes, travail en équipe, 10 ans d'expérience.", encoding="utf-8"
    )
    invoke("cv", "add", str(cv_file))
    invoke("cv", "add", str(other))
    rows = json.loads(invoke("cv", "list", "--json").stdout)
    assert [r["current"] for r in rows] == [True, False] and rows[1]["filename"] == "CV_Jean_Dupont.txt"
    gone = rows[1]["id"]

    r = invoke("cv", "delete", str(gone), "--json")
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout)["cvs"] == 1
    assert [x["id"] for x in json.loads(invoke("cv", "list", "--json").stdout)] == [rows[0]["id"]]
    missing = invoke("cv", "delete", str(gone), "--yes")
    assert missing.exit_code == 2 and f"No CV with id {gone}" in missing.output


def test_delete_asks_for_confirmation(cv_file: Path):
    invoke("cv", "add", str(cv_file))
    r = invoke("cv", "delete", "1", input="n\n")
    assert r.exit_code != 0
    with db.session() as s:
        assert repo.list_cvs(s)  # still there


def test_forget_all(cv_file: Path, jobapp_home: Path):
    invoke("cv", "add", str(cv_file))
    assert invoke("forget").exit_code == 2  # says what to forget instead of guessing
    r = invoke("forget", "--all", "--yes", "--json")
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout)["cvs"] == 1
    db.reset_engines()
    for path in jobapp_home.rglob("*"):
        if path.is_file():
            assert b"dupont" not in path.read_bytes().lower(), path


def test_run_events_and_params_name_no_file_and_quote_no_cv_text(cv_file: Path, fake_models: Any):
    from jobapp.store.tables import RunEventRow, RunRow
    from jobapp.tasks.runs import create_run, execute_run

    run_id = create_run(["convert", "profile"], {"cv_file": str(cv_file), "no_llm": True})
    assert execute_run(run_id)["status"] == "done"
    with db.session() as s:
        events = [e.message for e in s.query(RunEventRow).filter(RunEventRow.run_id == run_id)]
        params = s.get(RunRow, run_id).params  # type: ignore[union-attr]
    assert any("CV #" in e for e in events), events
    joined = "\n".join(events).lower()
    for needle in ("dupont", "jean", "exemple.fr", "06 12", "acacias"):
        assert needle not in joined, (needle, events)
    assert "cv_file" not in params and params["cv_id"] >= 1  # the path (holding the name) is gone


def test_list_prints_a_hostile_file_name_as_text(tmp_path: Path):
    path = tmp_path / "[red]cv[bold] \x1b[31m.txt"
    path.write_text(CV, encoding="utf-8")
    assert invoke("cv", "add", str(path)).exit_code == 0
    out = invoke("cv", "list").stdout
    assert "[red]cv[bold]" in out and "\x1b" not in out
