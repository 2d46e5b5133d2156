"""The privacy block of the CV card in a real headless Chromium: upload a CV asking to keep the file,
see the anonymised text with the redactions highlighted, then "Delete my data"."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_browser import ARGS, CHROMIUM, live_app  # noqa: F401  (the live_app fixture)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Chromium is not installed (apt-get install chromium)"),
]

CV = (
    "Jean Dupont\njean.dupont@exemple.fr · 06 12 34 56 78\n8 rue des Acacias, 69003 Lyon\n\n"
    "Data analyst\nExpérience\n2021 - 2024 Data analyst chez Lumio, Lyon : SQL, Python, Power BI.\n"
)


def test_anonymised_view_and_delete_my_data(live_app: str, tmp_path: Path, jobapp_home: Path) -> None:  # noqa: F811
    from playwright.sync_api import expect, sync_playwright

    cv = tmp_path / "CV_Jean_Dupont.txt"
    cv.write_text(CV, encoding="utf-8")
    errors: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            page = browser.new_page(locale="fr-FR")
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.goto(live_app)
            page.set_input_files("#cv-file", str(cv))
            page.check("#cv-keep")
            page.click("#form-cv button[type=submit]")
            expect(page.locator("#card-convert [data-role=message]")).to_contain_text("converti")
            expect(page.locator("#cv-kept")).to_contain_text("cv-1.txt")

            page.click("#cv-anonymised summary")
            text = page.locator("#cv-anonymised [data-role=anonymised-text]")
            # the first anonymisation loads spaCy's French model: seconds on a busy 2-core machine
            expect(text).to_contain_text("Data analyst", timeout=90_000)
            marks = page.locator("#cv-anonymised mark.redaction")
            expect(marks.first).to_be_visible()
            assert marks.count() >= 3
            assert {"[NAME]", "[EMAIL]", "[PHONE]"} <= set(marks.all_text_contents())
            assert "Dupont" not in text.inner_text() and "06 12" not in text.inner_text()
            assert "retiré" in (marks.first.get_attribute("title") or "")

            page.on("dialog", lambda d: d.accept())
            expect(page.locator("#forget-all")).to_have_text("Supprimer mes données")
            page.click("#forget-all")
            expect(page.locator("#forget-message")).to_contain_text("supprimées")
            page.wait_for_load_state("load")
        finally:
            browser.close()
    assert errors == []
    assert not (jobapp_home / "cv-files" / "cv-1.txt").exists()
    # with the server and its queue worker still running: no file of the data folder holds the CV
    for path in jobapp_home.rglob("*"):
        if path.is_file():
            data = path.read_bytes().lower()
            assert b"dupont" not in data and b"06 12 34 56 78" not in data, path
