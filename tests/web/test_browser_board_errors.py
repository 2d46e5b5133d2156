"""An offline HelloWork search then a good import, in a real headless Chromium (French page): the
collect card shows the failure as one French sentence, once, then turns done when the import succeeds
and stays done after a reload. Being offline is played by the HTTP session raising what curl_cffi
raises when no address can be found; everything else (app, queue worker, scraper, page) is real."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from chromium import browser_marks, launch
from test_api_board_errors import CURL_OFFLINE
from test_browser import OFFERS, live_app  # noqa: F401  (live_app is a fixture)

pytestmark = browser_marks()


def test_failed_search_then_good_import_shows_done(
    live_app: str,  # noqa: F811
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from curl_cffi.requests.exceptions import DNSError
    from jobspy.util import TLSRotating
    from playwright.sync_api import expect, sync_playwright

    def no_network(self, *args, **kwargs):
        raise DNSError(CURL_OFFLINE, code=6)

    monkeypatch.setattr(TLSRotating, "request", no_network)
    offers_file = tmp_path / "offres.json"
    offers_file.write_text(json.dumps(OFFERS[:2], ensure_ascii=False), "utf-8")
    errors: list[str] = []
    with sync_playwright() as p:
        browser = launch(p)
        try:
            page = browser.new_page(locale="fr-FR", viewport={"width": 1280, "height": 900})
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.goto(live_app)
            card = page.locator("#card-collect")
            page.fill("#form-search input[name=query]", "data analyst")
            page.click("#form-search button[type=submit]")
            expect(card).to_have_attribute("data-state", "error", timeout=60_000)
            board_lines = card.locator(".log-line").filter(has_text="HelloWork")
            expect(board_lines).to_have_count(1)
            expect(board_lines).to_contain_text(
                "HelloWork est injoignable : cet ordinateur semble hors ligne"
            )
            assert "curl" not in card.inner_text().lower()
            assert "ci-dessus" not in card.inner_text() and "above" not in card.inner_text()

            page.click("#card-collect [data-tab=file]")
            page.set_input_files("#form-offers-file input[name=file]", str(offers_file))
            page.click("#form-offers-file button[type=submit]")
            expect(card).to_have_attribute("data-state", "done", timeout=30_000)
            page.reload()
            expect(card.locator(".log-line").filter(has_text="HelloWork")).to_have_count(1)  # log loaded
            expect(card).to_have_attribute("data-state", "done")
            assert errors == []
        finally:
            browser.close()
