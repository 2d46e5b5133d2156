"""Board search against the local server: JobSpy's real HelloWork and Indeed scrapers run, pointed at
127.0.0.1 by patching their base URLs, so our glue, mapping, dedup and failure handling run for real."""

from __future__ import annotations

import pytest
from jobspy.hellowork import HelloWork
from jobspy.indeed import Indeed
from jobspy.util import RotatingProxySession

from jobapp.errors import InvalidInput
from jobapp.sources import search_boards
from jobapp.sources.boards import explain_failure
from jobapp.sources.jobspy_boards import contract_from_job_types
from jobapp.sources.url import resolve_url

SEARCH_PATH = "/fr-fr/emploi/recherche.html"
DESCRIPTION = (
    "<h2>Les missions du poste</h2><p>Vous rejoignez l'équipe <strong>Data</strong>.</p>"
    "<ul><li>Construire des modèles de prévision</li><li>Industrialiser avec Python &amp; SQL</li></ul>"
    "<h2>Le profil recherché</h2><p>3 ans d'expérience en machine learning.</p>"
)


@pytest.fixture
def boards_at(server, monkeypatch):
    """HelloWork and Indeed pointed at the local server."""
    monkeypatch.setattr(HelloWork, "base_url", server.base)
    monkeypatch.setattr(HelloWork, "search_url", server.url(SEARCH_PATH))
    monkeypatch.setattr(Indeed, "api_url", server.url("/indeed/graphql"))
    return server


def serve_hellowork(server, pages, cards=None):
    cards = (
        cards
        if cards is not None
        else [
            pages.hellowork_card(
                "1001",
                "Data Scientist H/F",
                "Acme Analytics",
                "Lyon 3e - 69",
                "CDI",
                "45 000 - 60 000 € / an",
            ),
            pages.hellowork_card(
                "1002", "Data Analyst", "Beta Conseil", "Villeurbanne - 69", "CDD", "2 500 € / mois"
            ),
            pages.hellowork_card("1003", "Stagiaire Data", "Gamma", "Lyon - 69", "Stage"),
            pages.hellowork_card("9999", "Offre approchante", "Autre", "Paris - 75", "CDI", related=True),
        ]
    )
    server.add(SEARCH_PATH, pages.hellowork_search_page(cards))
    for job_id, title, company in (
        ("1001", "Data Scientist H/F", "Acme Analytics"),
        ("1002", "Data Analyst", "Beta Conseil"),
        ("1003", "Stagiaire Data", "Gamma"),
    ):
        server.add(f"/fr-fr/emplois/{job_id}.html", pages.hellowork_offer_page(title, company, DESCRIPTION))


def test_hellowork_ok_and_indeed_403_in_parallel(boards_at, pages):
    server = boards_at
    serve_hellowork(server, pages)
    server.add("/indeed/graphql", "Forbidden", status=403, content_type="text/plain")

    lines = []
    result = search_boards(
        "data scientist",
        boards=["hellowork", "indeed"],
        location="Lyon",
        radius_km=20,
        count=10,
        progress=lines.append,
    )
    assert sorted(lines) == [
        "Indeed blocks automated searches for now (HTTP 403): wait 10 to 30 minutes, "
        "ask for fewer offers, or try another board.",
        "hellowork: 3 offer(s)",
    ]

    assert result.counts["hellowork"] == 3  # the "related offers" card is skipped
    assert {o.source for o in result.offers} == {"hellowork"}
    assert "indeed" in result.errors and "hellowork" not in result.errors
    assert "403" in result.errors["indeed"] and "another board" in result.errors["indeed"]
    assert server.hits("/indeed/graphql"), "Indeed's scraper really ran against the server"

    first = next(o for o in result.offers if o.source_id == "hw-1001")
    assert first.title == "Data Scientist H/F"
    assert first.company == "Acme Analytics"
    assert first.location == "Lyon 3e, 69, France"
    assert first.contract == "cdi"
    assert first.salary == "45 000 - 60 000 EUR / year"
    assert first.url == server.url("/fr-fr/emplois/1001.html")
    assert first.date_posted == "2026-11-20"
    # Sections and bullets survive as lines of clean text, without tags or entities.
    assert "Les missions du poste\n\nVous rejoignez l'équipe Data." in first.description
    assert "- Construire des modèles de prévision\n- Industrialiser avec Python & SQL" in first.description
    assert "<" not in first.description
    cdd = next(o for o in result.offers if o.source_id == "hw-1002")
    assert cdd.contract == "cdd, temps plein"
    assert cdd.salary == "2 500 EUR / month"

    query = server.hits(SEARCH_PATH)[0]["query"]
    assert query["k"] == ["data scientist"] and query["l"] == ["Lyon"]
    assert query["ray"] == ["19"]  # 20 km -> 12 miles in JobSpy -> 19 km on HelloWork
    assert any("Indeed" in line and "403" in line for line in result.messages())


def test_contract_filter_is_sent_and_rechecked(boards_at, pages):
    serve_hellowork(boards_at, pages)
    result = search_boards("data", boards=["hellowork"], contract="CDD", max_age_days=7)
    query = boards_at.hits(SEARCH_PATH)[0]["query"]
    assert query["c"] == ["CDD", "Travail_temp"] and query["d"] == ["w"]
    assert [o.source_id for o in result.offers] == ["hw-1002"]
    assert any("not cdd" in n for n in result.notices["hellowork"])


def test_empty_result_says_no_offers_found(boards_at, pages):
    boards_at.add(SEARCH_PATH, pages.hellowork_search_page([]))
    result = search_boards("astronaute", boards=["hellowork"], location="Brest")
    assert result.offers == [] and result.errors == {}
    assert result.notices["hellowork"] == ["no offers found for 'astronaute' near Brest."]


@pytest.mark.parametrize("status", [403, 429])
def test_blocked_board_says_what_to_do(boards_at, status):
    boards_at.add(SEARCH_PATH, "blocked", status=status)
    result = search_boards("data", boards=["hellowork"])
    message = result.errors["hellowork"]
    assert f"HTTP {status}" in message and "wait 10 to 30 minutes" in message and "fewer offers" in message
    assert result.offers == []


def test_server_error_and_unreachable_board(boards_at, monkeypatch):
    boards_at.add(SEARCH_PATH, "oops", status=500)
    assert "server error (HTTP 500)" in search_boards("data", boards=["hellowork"]).errors["hellowork"]
    monkeypatch.setattr(HelloWork, "search_url", "http://127.0.0.1:9/nothing")
    assert (
        "HelloWork refused or dropped the connection"
        in search_boards("data", boards=["hellowork"]).errors["hellowork"]
    )


def test_hanging_board_times_out_with_message(boards_at, monkeypatch, pages):
    monkeypatch.setattr(RotatingProxySession, "request_timeout", 1)
    boards_at.routes[SEARCH_PATH] = pages.hanging(3)
    result = search_boards("data", boards=["hellowork"])
    assert "did not answer in time" in result.errors["hellowork"]


def test_board_giving_up_keeps_the_others(boards_at, pages):
    serve_hellowork(boards_at, pages)
    boards_at.routes["/indeed/graphql"] = pages.hanging(3)
    result = search_boards("data", boards=["hellowork", "indeed"], board_timeout=2.0)
    assert result.counts["hellowork"] == 3
    assert result.errors["indeed"].startswith("Indeed did not answer in time")


def test_hellowork_search_url_becomes_the_same_search(boards_at, pages):
    serve_hellowork(boards_at, pages)
    request = resolve_url(
        "https://www.hellowork.com/fr-fr/emploi/recherche.html?k=Data+Scientist&l=Lyon&ray=30&c=CDD&d=m"
    )
    assert request.as_kwargs() == {
        "query": "Data Scientist",
        "boards": ["hellowork"],
        "location": "Lyon",
        "radius_km": 30,
        "count": 20,
        "contract": "cdd",
        "max_age_days": 30,
    }
    result = search_boards(**request.as_kwargs())
    assert [o.source_id for o in result.offers] == ["hw-1002"]


def test_validation_errors_are_clear():
    with pytest.raises(InvalidInput, match="Unknown job board 'monster'") as info:
        search_boards("data", boards=["monster"])
    assert "hellowork" in str(info.value) and "linkedin" in str(info.value)
    with pytest.raises(InvalidInput, match="no keywords"):
        search_boards("  ")
    with pytest.raises(InvalidInput, match="Unknown contract"):
        search_boards("data", contract="saisonnier lunaire")


def test_count_is_capped(boards_at, pages):
    serve_hellowork(boards_at, pages)
    result = search_boards("data", boards=["hellowork"], count=500)
    assert any("capped at 100" in n for n in result.notices["hellowork"])


def test_contract_mapping_and_failure_messages():
    from jobspy.model import JobType

    assert contract_from_job_types([JobType.FULL_TIME], "hellowork") == "cdi"
    assert contract_from_job_types([JobType.FULL_TIME], "indeed") == "temps plein"
    assert (
        contract_from_job_types([JobType.INTERNSHIP, JobType.PART_TIME], "hellowork")
        == "stage, temps partiel"
    )
    assert contract_from_job_types(None, "linkedin") == ""
    assert "pip install -U python-jobspy" in explain_failure("x", "no title link")
    assert "(HTTP 429)" in explain_failure("x", "response status code 429")
