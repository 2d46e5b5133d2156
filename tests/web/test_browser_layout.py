"""Results first, in a real headless Chromium (issue 16, items 3 and 4): once a ranking exists the
results come before the steps and are visible without scrolling at 375 and 1280 px wide, the step
cards are folded to one line each and open again (mouse and keyboard), filters that keep no offer
leave the charts drawn, the timing chart has a bar per run, and a first visit can load the example
data. Screenshots of both widths are kept: under pytest's temporary folder, or in
``$JOBAPP_TEST_ARTIFACTS`` when set (CI keeps that folder)."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from chromium import browser_marks, launch
from test_browser_a11y import serving

pytestmark = browser_marks()

STEPS = ["collect", "summarise", "convert", "profile", "match", "rerank", "explain"]


def _second_run_timings() -> int:
    """A second finished run with its step timings (the seed holds one): the chart shows runs over time."""
    from jobapp.store import db
    from jobapp.store.tables import RunRow, StepTimingRow, utcnow

    with db.session() as s:
        run = RunRow(steps=["match", "rerank"], params={}, status="done", current_step="rerank")
        run.started_at = utcnow() - timedelta(seconds=5)
        run.finished_at = utcnow()
        s.add(run)
        s.flush()
        for step, wall in (("match", 3.0), ("rerank", 1.0)):
            s.add(
                StepTimingRow(
                    run_id=run.id, step=step, wall_s=wall, items=3, items_per_s=3 / wall, started_at=utcnow()
                )
            )
        return int(run.id)


@pytest.fixture
def artefacts(tmp_path: Path) -> Iterator[Path]:
    folder = tmp_path / "screenshots"
    folder.mkdir()
    yield folder
    keep = os.environ.get("JOBAPP_TEST_ARTIFACTS")
    if keep:
        shutil.copytree(folder, Path(keep) / "layout", dirs_exist_ok=True)


@pytest.fixture
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = launch(p)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.mark.parametrize("width", [375, 1280])
def test_results_come_first_and_cards_fold(
    seeded: dict[str, Any], browser: Any, artefacts: Path, width: int
) -> None:
    from playwright.sync_api import expect

    second_run = _second_run_timings()
    errors: list[str] = []
    with serving() as url:
        page = browser.new_page(locale="fr-FR", viewport={"width": width, "height": 800})
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(url)
        page.wait_for_selector("body[data-ready]", state="attached")
        first = page.locator("#result-list .result").first
        expect(first).to_be_visible()
        # The results section is the first thing in <main>, and the best offer starts in the window.
        assert page.evaluate("document.querySelector('main').firstElementChild.id") == "results"
        box = first.bounding_box()
        assert box is not None and box["y"] + 40 < 800, box
        page.screenshot(path=str(artefacts / f"results-first-{width}.png"))
        assert (artefacts / f"results-first-{width}.png").stat().st_size > 10_000

        # Every step card is one line: its name, a short summary, its state (on a phone the summary
        # is a second line of small type); its content is hidden.
        for step in STEPS:
            card = page.locator(f"#card-{step}")
            expect(card.locator("[data-role=toggle]")).to_have_attribute("aria-expanded", "false")
            expect(card.locator(".card-body")).to_be_hidden()
            height = card.bounding_box()["height"]
            assert height < (62 if width < 680 else 48), (step, height)
        expect(page.locator("#card-collect [data-role=summary]")).to_have_text("3 offres")
        expect(page.locator("#card-convert [data-role=summary]")).to_have_text("CV : cv.txt")
        page.screenshot(path=str(artefacts / f"page-{width}.png"), full_page=True)
        charts = page.locator(".charts")
        charts.scroll_into_view_if_needed()
        for chart in ("#chart-top", "#chart-hist", "#chart-timings"):
            expect(page.locator(f"{chart} svg.chart-svg .bar").first).to_be_visible()
        charts.screenshot(path=str(artefacts / f"charts-{width}.png"))

        # A folded card opens on a click, draws its preview then, and folds again.
        toggle = page.locator("#card-collect [data-role=toggle]")
        toggle.click()
        expect(toggle).to_have_attribute("aria-expanded", "true")
        expect(page.locator("#card-collect tbody tr")).to_have_count(3)
        toggle.click()
        expect(page.locator("#card-collect .card-body")).to_be_hidden()
        # ... and from the keyboard: the title is a real button.
        summarise = page.locator("#card-summarise [data-role=toggle]")
        summarise.focus()
        page.keyboard.press("Enter")
        expect(summarise).to_have_attribute("aria-expanded", "true")
        expect(page.locator("#card-summarise .summary").first).to_be_visible()

        # The timing chart has one stacked bar per run, the newest at the bottom.
        labels = page.locator("#chart-timings .bar-label")
        expect(labels).to_have_count(2)
        expect(labels.last).to_have_text(f"n°{second_run}")
        expect(page.locator("#chart-timings .bar.step-4 title").last).to_contain_text("3.00 s")

        # A filter that keeps no offer leaves the histogram drawn (all offers, pale) and says so.
        page.fill("#filters input[name=keyword]", "aucune-offre-ne-contient-ceci")
        expect(page.locator("#result-list .empty-state")).to_be_visible()
        expect(page.locator("#chart-hist svg.chart-svg")).to_be_attached()
        expect(page.locator("#chart-hist rect.is-context").first).to_be_attached()
        expect(page.locator("#chart-top")).to_contain_text("Aucune offre ne correspond")
        page.fill("#filters input[name=keyword]", "")
        expect(page.locator("#chart-hist rect.is-context")).to_have_count(0)
    assert errors == []


def test_first_visit_loads_the_example_data(jobapp_home: Path, browser: Any) -> None:
    from playwright.sync_api import expect

    errors: list[str] = []
    with serving() as url:
        page = browser.new_page(locale="en-US", viewport={"width": 1280, "height": 800})
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(url)
        page.wait_for_selector("body[data-ready]", state="attached")
        # No ranking yet: the steps come first, open, and the example-data button is offered.
        assert page.evaluate("document.querySelector('main').lastElementChild.id") == "results"
        expect(page.locator("#card-collect [data-role=toggle]")).to_have_attribute("aria-expanded", "true")
        page.click("#load-demo")
        message = page.locator("#card-collect [data-role=message]")
        expect(message).to_contain_text("Example data loaded: 40 offers", timeout=60_000)
        expect(page.locator("#first-visit")).to_be_hidden()
        expect(page.locator("#card-collect")).to_have_attribute("data-state", "done")
        expect(page.locator("#card-convert")).to_have_attribute("data-state", "done")
        expect(page.locator("#card-convert .cv-name")).to_have_text("cv_nurse_en.txt")  # the page's language
        expect(page.locator("#run-all")).to_be_enabled()
        expect(message).to_be_empty(timeout=15_000)  # a message of success clears itself
    assert errors == []
