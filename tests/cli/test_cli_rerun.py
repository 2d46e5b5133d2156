"""`jobapp run` again with nothing changed loads no model; in a log file every item gets a line."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from jobapp.cli import main

OFFERS = [
    {
        "title": "Data analyst",
        "company": "Acme",
        "url": "https://example.com/1",
        "description": "Missions : analyse de données avec Python, SQL et Power BI. Tableaux de bord.",
    },
    {
        "title": "Plombier chauffagiste",
        "company": "Eau Chaude",
        "url": "https://example.com/2",
        "description": "Installation de chaudières, soudure, dépannage sanitaire chez les particuliers.",
    },
    {
        "title": "Infirmier de bloc",
        "company": "Clinique",
        "url": "https://example.com/3",
        "description": "Soins infirmiers au bloc opératoire, stérilisation, accueil des patients.",
    },
]
CV = "Camille, data analyst. Python, SQL, Power BI, statistiques, tableaux de bord, analyse de données."


@pytest.fixture
def files(tmp_path: Path) -> list[str]:
    offers = tmp_path / "offers.json"
    offers.write_text(json.dumps(OFFERS, ensure_ascii=False), encoding="utf-8")
    cv = tmp_path / "cv.txt"
    cv.write_text(CV, encoding="utf-8")
    return ["--cv", str(cv), "--offers", str(offers)]


@pytest.fixture
def counted_embedder(monkeypatch: pytest.MonkeyPatch):
    """A fake embedder registered with a namer (as the built-ins are); counts how often it is loaded.

    The LLM stays the offline profile's default (SmolLM2 as GGUF), which the field policy asks for
    no field: a step must see that from its name alone, without starting llama.cpp.
    """
    from tests.conftest import HashingEmbedder

    from jobapp.models import registry

    loads: list[str] = []

    def load(arg: str):  # type: ignore[no-untyped-def]
        loads.append(arg)
        return HashingEmbedder(arg)

    registry.register_embedder("counted", load, name=lambda arg: f"counted:{arg}")
    monkeypatch.setenv("JOBAPP_EMBEDDER", "counted:64")
    monkeypatch.delenv("JOBAPP_LLM", raising=False)
    monkeypatch.setenv("JOBAPP_RERANKER", "hybrid")
    registry.clear_cache()
    yield loads
    registry.clear_cache()
    registry.unregister("embedder", "counted")


def run(*args: str):
    result = CliRunner().invoke(main, ["run", *args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result


def test_a_rerun_with_nothing_changed_loads_no_model(files, counted_embedder):
    from jobapp.models import registry

    first = run(*files, "--json")
    assert counted_embedder == ["64"]  # the first run needed the embedder
    assert registry.cached_specs() == [("embedder", "counted:64")]  # ... and only it
    registry.clear_cache()  # a new process: nothing loaded

    again = run(*files, "--json")
    assert registry.cached_specs() == []
    assert counted_embedder == ["64"]
    ranking = [(m["offer_id"], m["score"]) for m in json.loads(first.stdout)["matches"]]
    assert [(m["offer_id"], m["score"]) for m in json.loads(again.stdout)["matches"]] == ranking
    assert "Nothing changed since the last ranking" in again.stderr


def test_a_changed_offer_loads_the_embedder_again(files, counted_embedder, tmp_path):
    from jobapp.models import registry

    run(*files, "--json")
    registry.clear_cache()
    more = tmp_path / "more.json"
    more.write_text(json.dumps([{**OFFERS[0], "url": "https://example.com/4", "title": "BI"}]))
    run("--offers", str(more), "--json")
    assert counted_embedder == ["64", "64"]


def test_output_that_is_not_a_terminal_gets_a_line_per_item(files, fake_models):
    out = run(*files, "--no-llm").stdout  # CliRunner's output is not a terminal, like a log file
    for step in ("summarise", "explain"):
        counts = re.findall(rf"^{step} (\d+)/(\d+): \S", out, flags=re.M)
        assert [int(done) for done, _ in counts] == list(range(1, len(OFFERS) + 1)), out
        assert {int(total) for _, total in counts} == {len(OFFERS)}
    assert re.search(r"^rerank 3/3: Ranked 3 offers", out, flags=re.M)
    assert not re.search(r"━ +\d+/\d+", out)  # no progress bar drawn into the log


def test_the_same_cv_file_again_is_selected_without_being_read_again(files, fake_models, monkeypatch):
    from jobapp import documents
    from jobapp.store import db, repo

    cv_file = Path(files[1])
    first = json.loads(CliRunner().invoke(main, ["cv", "add", str(cv_file), "--json"]).stdout)
    other = cv_file.with_name("other.txt")
    other.write_text("Alex, plombier chauffagiste. Soudure, chaudières.", encoding="utf-8")
    assert CliRunner().invoke(main, ["cv", "add", str(other)]).exit_code == 0

    def no_read(data: bytes, filename: str = ""):  # type: ignore[no-untyped-def]
        raise AssertionError("a CV already stored was read again")

    monkeypatch.setattr(documents, "read_cv", no_read)
    again = json.loads(CliRunner().invoke(main, ["cv", "add", str(cv_file), "--json"]).stdout)
    assert again == first
    with db.session() as s:
        assert repo.current_cv(s).id == first["id"]  # and it is the current CV again


def test_every_command_is_listed_with_the_module_that_defines_it():
    import importlib

    from jobapp.cli import COMMAND_MODULES

    defined = {}
    for module in set(COMMAND_MODULES.values()):
        for command in importlib.import_module(f"jobapp.cli.{module}").COMMANDS:
            defined[command.name] = module
    assert defined == COMMAND_MODULES  # a command missing here could not be run
    help_text = CliRunner().invoke(main, ["--help"]).output
    assert all(name in help_text for name in COMMAND_MODULES)


def test_a_run_of_the_first_steps_only_ends_cleanly_without_a_ranking(files, fake_models):
    out = run("--offers", files[3], "--steps", "collect-summarise", "--no-llm")
    assert "No ranking yet" in out.stdout
    data = json.loads(run("--offers", files[3], "--steps", "collect", "--json").stdout)
    assert data["matches"] == [] and data["cv"] is None


def test_a_long_embedding_reports_in_the_log_as_it_goes(files, fake_models, monkeypatch):
    from jobapp.steps import embedding_cache, ranking

    monkeypatch.setattr(embedding_cache, "PROGRESS_CHUNK", 1)  # one text a chunk, a line each
    every_chunk = ranking.embedding_progress
    monkeypatch.setattr(ranking, "embedding_progress", lambda ctx, step: every_chunk(ctx, step, every=0.0))
    out = run(*files, "--no-llm", "--json").stderr
    assert re.findall(r"^match (\d)/4: Embedded", out, flags=re.M) == ["1", "2", "3", "4"]  # CV + 3 offers


def test_embedding_by_chunks_gives_the_vectors_of_one_call(fake_models, monkeypatch):
    import numpy as np

    from jobapp.steps import embedding_cache

    texts = [offer["description"] for offer in OFFERS] + [CV]
    whole = fake_models.get_embedder().embed(texts)
    monkeypatch.setattr(embedding_cache, "PROGRESS_CHUNK", 3)
    reports: list[tuple[int, int]] = []
    chunked = embedding_cache.cached_embed(fake_models.get_embedder(), lambda *r: reports.append(r))(texts)
    assert reports == [(3, 4), (4, 4)]
    assert np.allclose(chunked, whole)
