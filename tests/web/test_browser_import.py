"""A large offers import from the page, in a real headless Chromium: the upload starts a queued run,
the page follows it (log lines, the collect card turning done) and then lists the offers."""

from __future__ import annotations

import json
from hashlib import sha1
from pathlib import Path

import pytest
from chromium import browser_marks, launch
from test_browser import live_app  # noqa: F401  (live_app is a fixture)

pytestmark = browser_marks()


def test_a_large_import_is_followed_as_a_run(
    live_app: str,  # noqa: F811
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from playwright.sync_api import expect, sync_playwright

    from jobapp.steps import collect
    from jobapp.web import api

    monkeypatch.setattr(api, "IMPORT_INLINE_BYTES", 1000)  # this 12-offer file counts as large
    monkeypatch.setattr(collect, "CHUNK", 5)
    offers = [
        {
            "title": f"Magasinier cariste {i}",
            "company": "Logistique Ouest",
            "location": "Nantes",
            "url": f"https://example.com/mag/{i}",
            # a code unlike the other offers': twelve distinct offers, not near duplicates
            "description": f"Réception et préparation des commandes, CACES 3. Site {sha1(bytes([i])).hexdigest()}.",
        }
        for i in range(12)
    ]
    offers_file = tmp_path / "entrepots.json"
    offers_file.write_text(json.dumps(offers, ensure_ascii=False), "utf-8")
    errors: list[str] = []
    with sync_playwright() as p:
        browser = launch(p)
        try:
            page = browser.new_page(locale="en-US", viewport={"width": 1280, "height": 900})
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.goto(live_app)
            page.click("#card-collect [data-tab=file]")
            page.set_input_files("#form-offers-file input[name=file]", str(offers_file))
            page.click("#form-offers-file button[type=submit]")
            expect(page.locator("#card-collect")).to_have_attribute("data-state", "done", timeout=60_000)
            expect(page.locator("#run-status")).to_have_attribute("data-status", "done")
            # "Run #N started." was said when the upload started a run; it goes once the run is over.
            expect(page.locator("#card-collect [data-role=message]")).to_be_empty()
            log = page.locator("#card-collect .log-line")
            expect(log.filter(has_text="10 / 12 offers stored")).to_have_count(1)
            expect(log.filter(has_text="12 new offers")).to_have_count(1)
            expect(page.locator("#card-collect .count")).to_contain_text("12")
            expect(page.locator("#card-collect tbody tr")).to_have_count(10)  # the preview's first rows
            assert errors == []
        finally:
            browser.close()
