"""End to end in a real headless Chromium: the real app (waitress + in-process queue worker), the real
pipeline with the bundled offline models, a CV upload, an offers import with hostile text, a full run,
results with charts and explanations, feedback, filters, and the language switch."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import pytest
from chromium import ARGS, CHROMIUM, browser_marks, launch  # noqa: F401  (ARGS, CHROMIUM: re-exported)

from jobapp.demo import demo_cv_path

XSS_TITLE = "Data Analyst <script>window.__xss=1</script> confirmé"

pytestmark = browser_marks()

OFFERS = [
    {
        "title": "Data Analyst (H/F)",
        "company": "Lumio Énergies",
        "location": "Lyon",
        "contract": "CDI",
        "url": "https://example.com/offres/1",
        "description": "Vous concevez des tableaux de bord Power BI, écrivez des requêtes SQL et automatisez les "
        "analyses en Python (pandas). Vous présentez vos résultats aux équipes commerciales.",
    },
    {
        "title": XSS_TITLE,
        "company": "Evil & Co",
        "location": "Paris",
        "contract": "CDD",
        "url": "https://example.com/offres/2",
        "description": 'Analyse de données <img src=x onerror="window.__xss=2"> SQL, Python, statistiques, '
        "reporting mensuel et visualisation de données pour la direction financière.",
    },
    {
        "title": "Infirmier de nuit (H/F)",
        "company": "CHU Nord",
        "location": "Lille",
        "contract": "CDI",
        "url": "https://example.com/offres/3",
        "description": "Soins infirmiers en service de médecine, gardes de nuit, surveillance des patients, "
        "administration des traitements et transmissions à l'équipe de jour.",
    },
    {
        "title": "Comptable fournisseurs",
        "company": "Acme",
        "location": "Nantes",
        "contract": "CDI",
        "url": "https://example.com/offres/4",
        "description": "Saisie et contrôle des factures fournisseurs, rapprochements bancaires, clôtures "
        "mensuelles, relations avec les fournisseurs et le commissaire aux comptes.",
    },
    {
        "title": "Data Engineer",
        "company": "Nuvola",
        "location": "Lyon",
        "contract": "CDI",
        "url": "https://example.com/offres/5",
        "description": "Pipelines de données en Python et SQL, orchestration Airflow, entrepôt de données "
        "BigQuery, qualité des données et documentation des flux.",
    },
]


@pytest.fixture
def live_app(jobapp_home: Path) -> Iterator[str]:
    """The real app on a free loopback port, with one in-process queue worker (like `jobapp serve`)."""
    from waitress.server import create_server

    from jobapp.tasks.queue import start_inprocess_consumer
    from jobapp.web import create_app

    server = create_server(create_app(), host="127.0.0.1", port=0, threads=8)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    consumer = start_inprocess_consumer(1)
    try:
        yield f"http://127.0.0.1:{server.effective_port}"
    finally:
        consumer.stop()
        server.close()
        thread.join(timeout=10)


def test_full_flow_in_chromium(live_app: str, tmp_path: Path) -> None:
    from playwright.sync_api import expect, sync_playwright

    offers_file = tmp_path / "offres.json"
    offers_file.write_text(json.dumps(OFFERS, ensure_ascii=False), "utf-8")
    outside: list[str] = []
    errors: list[str] = []
    with sync_playwright() as p:
        browser = launch(p)
        try:
            page = browser.new_page(locale="en-US", viewport={"width": 1280, "height": 900})
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)

            def only_local(route) -> None:
                if urlparse(route.request.url).hostname == "127.0.0.1":
                    route.continue_()
                else:  # the app must work offline: nothing may be fetched from elsewhere
                    outside.append(route.request.url)
                    route.abort()

            page.route("**/*", only_local)
            page.goto(live_app)
            expect(page.locator("#card-collect h2")).to_have_text("Collect job offers")
            # Without inputs the buttons say why they are disabled.
            expect(page.locator("#run-all")).to_be_disabled()
            expect(page.locator("#run-all-reason")).to_contain_text("Add offers")

            # Step 3: upload the demo CV (a real PDF).
            page.set_input_files("#cv-file", str(demo_cv_path("fr")))
            page.click("#form-cv button[type=submit]")
            expect(page.locator("#card-convert [data-role=message]")).to_contain_text("converted")
            expect(page.locator("#card-convert .cv-text")).to_contain_text("SQL")

            # Step 1: import offers from a JSON file.
            page.click("#card-collect [data-tab=file]")
            page.set_input_files("#form-offers-file input[name=file]", str(offers_file))
            page.click("#form-offers-file button[type=submit]")
            expect(page.locator("#card-collect [data-role=message]")).to_contain_text("5 new offer")
            expect(page.locator("#card-collect tbody tr")).to_have_count(5)

            # Run everything in fast mode.
            page.check("#no-llm")
            expect(page.locator("#run-all")).to_be_enabled()
            page.click("#run-all")
            ended = page.locator("#run-status[data-status=done], #run-status[data-status=failed]")
            expect(ended).to_be_attached(timeout=300_000)
            status = page.locator("#run-status")
            assert status.get_attribute("data-status") == "done", status.inner_text()
            for step in ("collect", "summarise", "convert", "profile", "match", "rerank", "explain"):
                expect(page.locator(f"#card-{step}")).to_have_attribute("data-state", "done")
            expect(page.locator("#card-summarise .log-line").first).to_be_attached()

            # Ranked results with score bars, keyword chips, verdicts, explanations and charts.
            results = page.locator("#result-list .result")
            expect(results).to_have_count(5)
            expect(results.first.locator(".scorebar")).to_be_visible()
            expect(page.locator("#result-list .explanation").first).to_be_visible()
            expect(page.locator("#result-list .verdict").first).to_be_visible()
            # Once ranked, the results come first and finished cards fold to one line; they open again.
            assert page.evaluate("document.querySelector('main').firstElementChild.id") == "results"
            expect(page.locator("#card-explain [data-role=toggle]")).to_have_attribute(
                "aria-expanded", "false"
            )
            page.click("#card-explain [data-role=toggle]")
            expect(page.locator("#card-explain .mini-exp").first).to_be_visible()
            for chart in ("#chart-top", "#chart-hist", "#chart-timings"):
                expect(page.locator(f"{chart} svg.chart-svg").first).to_be_attached()
            first_link = results.first.locator(".result-title a")
            expect(first_link).to_have_attribute("target", "_blank")
            expect(first_link).to_have_attribute("rel", "noopener noreferrer")

            # Hostile offer text is displayed as text and never runs.
            assert page.evaluate("typeof window.__xss") == "undefined"
            expect(page.locator(".result-title", has_text="<script>window.__xss=1</script>")).to_have_count(1)
            assert page.locator("img[src=x]").count() == 0

            # Feedback is stored.
            results.first.locator(".thumb-up").click()
            expect(results.first.locator(".saved-note")).to_contain_text("Saved")
            results.first.locator(".status-select").select_option("applied")
            expect(results.first.locator(".saved-note")).to_contain_text("Saved")
            top = page.evaluate("fetch('/api/results').then(r => r.json())")["results"][0]
            assert top["feedback"] == {"thumbs": 1, "status": "applied"}

            # Filters go through the API.
            page.fill("#filters input[name=location]", "lille")
            expect(results).to_have_count(1)
            expect(results.first).to_contain_text("Infirmier")
            page.click("#filters button[type=reset]")
            expect(results).to_have_count(5)

            # French.
            page.click("#lang-switch")
            expect(page.locator("#card-collect h2")).to_have_text("Collecter les offres")
            expect(page.locator("html")).to_have_attribute("lang", "fr")
            expect(page.locator("#results-title")).to_have_text("Vos offres classées")
            expect(page.locator("#result-list .result")).to_have_count(5)
            expect(page.locator("#chart-top svg.chart-svg").first).to_be_attached()
            page.screenshot(path=str(tmp_path / "jobapp-fr.png"), full_page=True)
            assert (tmp_path / "jobapp-fr.png").stat().st_size > 50_000
            assert page.evaluate("typeof window.__xss") == "undefined"
        finally:
            browser.close()
    assert outside == []
    assert errors == []
