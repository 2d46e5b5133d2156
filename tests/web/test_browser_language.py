"""The page in one language shows none of the app's own sentences of the other (issue 16, item 1).

A real headless Chromium on the real app: a CV and offers in the page's language, a full run
(bundled offline models, no LLM), every step card opened (logs, previews, summaries), then the
page's visible text is checked against the other language's catalogues — the page's
(``web/translations``) and the server's messages (``jobapp/messages``). Whole catalogue values are
compared, not words; values the same in both languages (Score, CV, CDI...) and values found in the
test's own input texts (offer content is the user's, not the app's) are left out."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from chromium import browser_marks, launch
from test_browser import live_app  # noqa: F401  (fixture: the real app and an in-process worker)

from jobapp.demo import demo_cv_path
from jobapp.messages import catalogue
from jobapp.web.i18n import strings

pytestmark = browser_marks()

OFFERS = {
    "fr": [
        {"title": "Data Analyst (H/F)", "company": "Lumio Énergies", "location": "Lyon", "contract": "CDI",
         "url": "https://example.com/fr/1",
         "description": "Vous concevez des tableaux de bord Power BI, écrivez des requêtes SQL et automatisez les "
         "analyses en Python (pandas). Poste confirmé, trois ans d'expérience."},
        {"title": "Stage - Assistant(e) Data Analyst", "company": "Nuvola", "location": "Lyon", "contract": "Stage",
         "url": "https://example.com/fr/2",
         "description": "Stage de six mois : nettoyage de données, requêtes SQL, tableaux de bord et reporting."},
        {"title": "Infirmier de nuit (H/F)", "company": "CHU Nord", "location": "Lille", "contract": "CDD",
         "url": "https://example.com/fr/3",
         "description": "Soins infirmiers en service de médecine, gardes de nuit, surveillance des patients."},
    ],
    "en": [
        {"title": "Registered Nurse - Acute Medical Unit", "company": "City Hospital", "location": "Leeds",
         "contract": "Permanent", "url": "https://example.com/en/1",
         "description": "Deliver patient care on a busy acute ward: medication rounds, observations, wound "
         "care and handovers. NMC registration required; two years of experience."},
        {"title": "Healthcare Assistant - Care Home", "company": "Oak House", "location": "York",
         "contract": "Temporary", "url": "https://example.com/en/2",
         "description": "Support residents with personal care, meals and mobility; record observations."},
        {"title": "Data Engineer", "company": "Nuvola", "location": "London", "contract": "Permanent",
         "url": "https://example.com/en/3",
         "description": "Build data pipelines in Python and SQL, orchestrate them with Airflow, senior level."},
    ],
}  # fmt: skip
CVS = {"fr": demo_cv_path("fr"), "en": demo_cv_path("en")}


def foreign_values(lang: str, other: str, inputs: str) -> dict[str, str]:
    """{key: value} of ``other``'s catalogues that differ from ``lang``'s and are the app's own."""
    out = {}
    for source in (strings, catalogue):
        mine, theirs = source(lang), source(other)
        for key, value in theirs.items():
            if value != mine.get(key) and _literal_letters(value) >= 4 and not _in_inputs(value, inputs):
                out[f"{source.__name__}:{key}"] = value
    return out


#: The language vocabulary codes are stored in: level and source codes are English words ("mid",
#: "internship", "file", "paste"), contract codes French ones ("stage", "alternance").
CODE_LANGUAGE = {"level": "en", "source": "en", "contract": "fr"}


def foreign_codes(lang: str, inputs: str) -> set[str]:
    """Vocabulary codes of the other language the ``lang`` page must show as its own words."""
    codes = set()
    for key, word in catalogue(lang).items():
        group, _, code = key.partition(".")
        if CODE_LANGUAGE.get(group, lang) != lang and code.lower() != word.lower():
            codes.add(code)
    return {c for c in codes if not _code_pattern(c).search(inputs)}


def _code_pattern(code: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w-]){re.escape(code)}(?![\w-])", re.IGNORECASE)


def _literal_letters(template: str) -> int:
    return sum(c.isalpha() for c in re.sub(r"\{[^{}]*\}", "", template))


def _in_inputs(value: str, inputs: str) -> bool:
    return bool(_pattern(value).search(inputs))


def _pattern(template: str) -> re.Pattern[str]:
    """A catalogue value as a regex: placeholders match any text on one line, whole words only."""
    parts = re.split(r"\{[^{}]*\}", template)
    body = r"[^\n]+?".join(re.escape(p) for p in parts)
    return re.compile(rf"(?<!\w){body}(?!\w)")


def _visible_text_after_a_full_run(url: str, lang: str, tmp_path: Path) -> str:
    from playwright.sync_api import expect, sync_playwright

    offers_file = tmp_path / f"offers-{lang}.json"
    offers_file.write_text(json.dumps(OFFERS[lang], ensure_ascii=False), "utf-8")
    with sync_playwright() as p:
        browser = launch(p)
        try:
            page = browser.new_page(
                locale="fr-FR" if lang == "fr" else "en-US", viewport={"width": 1280, "height": 900}
            )
            page.goto(url)
            expect(page.locator("html")).to_have_attribute("lang", lang)
            page.set_input_files("#cv-file", str(CVS[lang]))
            page.click("#form-cv button[type=submit]")
            expect(page.locator("#card-convert .cv-text")).to_be_visible()
            page.click("#card-collect [data-tab=file]")
            page.set_input_files("#form-offers-file input[name=file]", str(offers_file))
            page.click("#form-offers-file button[type=submit]")
            expect(page.locator("#card-collect tbody tr")).to_have_count(len(OFFERS[lang]))
            page.check("#no-llm")
            page.click("#run-all")
            ended = page.locator("#run-status[data-status=done], #run-status[data-status=failed]")
            expect(ended).to_be_attached(timeout=300_000)
            assert page.locator("#run-status").get_attribute("data-status") == "done"
            expect(page.locator("#result-list .result")).to_have_count(len(OFFERS[lang]))
            folded = page.locator("[data-role=toggle][aria-expanded=false]")
            for _ in range(20):  # each card opened may redraw the others: one at a time
                if folded.count() == 0:
                    break
                folded.first.click()
            expect(page.locator("#card-summarise .log-line").first).to_be_visible()
            # Offscreen cards skip rendering (content-visibility): render all, as a scroll would.
            page.add_style_tag(content="* { content-visibility: visible !important; }")
            text: str = page.evaluate("document.body.innerText")
            return text
        finally:
            browser.close()


@pytest.mark.parametrize(("lang", "other"), [("fr", "en"), ("en", "fr")])
def test_no_sentence_of_the_other_language_after_a_full_run(live_app, tmp_path, lang, other):  # noqa: F811
    inputs = json.dumps(OFFERS[lang], ensure_ascii=False) + "\n" + _cv_text(lang)
    text = _visible_text_after_a_full_run(live_app, lang, tmp_path)
    assert len(text) > 2000  # the whole page: results, cards, logs
    found = {
        key: value
        for key, value in foreign_values(lang, other, inputs).items()
        if _pattern(value).search(text)
    }
    assert not found, f"{other} strings on the {lang} page: {found}"
    codes = [c for c in foreign_codes(lang, inputs) if _code_pattern(c).search(text)]
    assert not codes, f"vocabulary codes shown as they are stored on the {lang} page: {codes}"


def _cv_text(lang: str) -> str:
    from jobapp.documents import read_cv

    path = CVS[lang]
    return read_cv(path.read_bytes(), path.name).text
