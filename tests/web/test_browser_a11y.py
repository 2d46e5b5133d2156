"""Accessibility of the page in a real headless Chromium, in French and English: axe-core's WCAG 2.1
A/AA rules (text contrast, names, roles) on the page with results, the focus ring's contrast (which
axe does not check), and the step 1 tabs driven with the keyboard."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from chromium import browser_marks, launch

WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
#: Focusable things of each look: a tab, three kinds of button, a link on the dark top bar, a
#: field, an offer's link in the results.
FOCUSABLE = ["#tab-search", "#run-all", "#clear-offers", "#result-list .thumb-up", "#lang-switch",
             "#form-search input[name=query]", "#result-list .result-title a"]  # fmt: skip

#: Text of each look: ranks, muted notes, inactive tabs, state badges, verdicts, scores, chart labels.
KEY_TEXT = [".result-rank", ".muted", ".tab[aria-selected=false]", ".state", ".verdict", ".scorebar-value",
            ".mini-rank-num", ".chart-svg text", ".threshold", ".tagline", ".card-desc", ".log-count"]  # fmt: skip

pytestmark = browser_marks()


@contextmanager
def serving() -> Iterator[str]:
    """The real app (waitress) on a free loopback port, over the test's data dir."""
    from waitress.server import create_server

    from jobapp.web import create_app

    server = create_server(create_app(), host="127.0.0.1", port=0, threads=4)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.effective_port}"
    finally:
        server.close()
        thread.join(timeout=10)


@pytest.fixture
def seeded_app(seeded: dict[str, Any]) -> Iterator[str]:
    """The app over a database holding offers, a CV, results, explanations and a finished run."""
    with serving() as url:
        yield url


@pytest.fixture
def empty_app(jobapp_home: Path) -> Iterator[str]:
    """The app as a new user first sees it: waiting steps, disabled buttons with their reasons."""
    with serving() as url:
        yield url


@pytest.fixture
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = launch(p)
        try:
            yield chromium
        finally:
            chromium.close()


def open_page(browser: Any, url: str, lang: str) -> Any:
    """The page with every step card open (with a ranking they start folded): all of it is checked."""
    page = browser.new_page(locale=lang, viewport={"width": 1280, "height": 900})
    page.goto(url)
    page.wait_for_selector("body[data-ready]", state="attached")
    assert page.locator("html").get_attribute("lang") == lang
    folded = page.locator(".card-toggle[aria-expanded=false]")
    for _ in range(folded.count()):
        folded.first.click()
    page.wait_for_function("!document.querySelector('.card-body[hidden]')")
    page.wait_for_load_state("networkidle")  # the previews drawn on opening
    return page


def contrast(a: list[float], b: list[float]) -> float:
    """WCAG 2.1 contrast ratio of two sRGB colours given as 0-255 triples."""

    def luminance(rgb: list[float]) -> float:
        c = [v / 255 for v in rgb]
        lin = [v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4 for v in c]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def axe_violations(page: Any) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_AA}})
    assert "color-contrast" in {r["id"] for r in results.response["passes"]}  # the rule really ran
    return [
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes'][:5]]}"
        for v in results.response["violations"]
    ]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_axe_finds_no_wcag_aa_violation(seeded_app: str, browser: Any, lang: str) -> None:
    page = open_page(browser, seeded_app, lang)
    assert page.locator("#result-list .result").count() > 0  # the results and charts are checked too
    assert page.locator("#chart-top svg").count() == 1
    page.evaluate("() => document.querySelectorAll('details').forEach((d) => { d.open = true; })")
    for tab in ("search", "paste"):  # the first and another tab panel
        page.click(f"#tab-{tab}")
        found = axe_violations(page)
        assert found == [], "\n".join(found)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_axe_finds_no_wcag_aa_violation_on_the_empty_page(empty_app: str, browser: Any, lang: str) -> None:
    page = open_page(browser, empty_app, lang)
    assert page.locator("#run-all").is_disabled()  # its reason is shown beside it
    found = axe_violations(page)
    assert found == [], "\n".join(found)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_key_text_has_aa_contrast(seeded_app: str, browser: Any, lang: str) -> None:
    """Computed contrast of text axe leaves undecided (a one-digit rank is "too short" for it) and of
    the page's small grey text: 4.5:1, or 3:1 for large text (24 px, or 18.7 px bold)."""
    page = open_page(browser, seeded_app, lang)
    found = page.evaluate(
        """(selectors) => selectors.flatMap((sel) => [...document.querySelectorAll(sel)].map((el) => {
             const rgb = (c) => c.match(/[\\d.]+/g).slice(0, 3).map(Number);
             const style = getComputedStyle(el);
             let box = el;
             while (box && getComputedStyle(box).backgroundColor.match(/[\\d.]+/g)?.[3] === "0") box = box.parentElement;
             const size = parseFloat(style.fontSize), bold = Number(style.fontWeight) >= 700;
             return { sel, text: el.textContent.slice(0, 30), large: size >= 24 || (bold && size >= 18.66),
                      fg: rgb(el instanceof SVGElement ? style.fill : style.color),
                      bg: rgb(box ? getComputedStyle(box).backgroundColor : "rgb(255,255,255)") };
           }))""",
        KEY_TEXT,
    )
    assert {f["sel"] for f in found} == set(KEY_TEXT)  # every kind is on the page
    low = [f for f in found if contrast(f["fg"], f["bg"]) < (3 if f["large"] else 4.5)]
    assert low == [], low


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_focus_ring_stands_out_from_what_surrounds_it(seeded_app: str, browser: Any, lang: str) -> None:
    """WCAG 2.1 non-text contrast: the focus indicator is at least 3:1 against the colour beside it."""
    page = open_page(browser, seeded_app, lang)
    page.keyboard.press("Tab")  # from here on the browser shows focus as for a keyboard user
    for selector in FOCUSABLE:
        target = page.locator(selector).first
        target.focus()
        ring = target.evaluate(
            """(el) => {
              const rgb = (c) => c.match(/[\\d.]+/g).slice(0, 3).map(Number);
              const style = getComputedStyle(el);
              let box = el.parentElement;  // the ring is drawn outside the element, on its surroundings
              while (box && getComputedStyle(box).backgroundColor.match(/[\\d.]+/g)?.[3] === "0") box = box.parentElement;
              return { visible: el.matches(":focus-visible"), style: style.outlineStyle,
                       width: parseFloat(style.outlineWidth), colour: rgb(style.outlineColor),
                       behind: rgb(box ? getComputedStyle(box).backgroundColor : "rgb(255,255,255)") };
            }"""
        )
        assert ring["visible"] and ring["style"] == "solid" and ring["width"] >= 2, (selector, ring)
        assert contrast(ring["colour"], ring["behind"]) >= 3, (selector, ring)


def test_collect_tabs_follow_the_aria_tabs_pattern(seeded_app: str, browser: Any) -> None:
    page = open_page(browser, seeded_app, "en")
    tabs = page.locator("[role=tablist] [role=tab]")
    assert tabs.count() == 4
    names = ["search", "url", "paste", "file"]
    for name in names:  # each tab names its panel and the panel names it back
        tab = page.locator(f"#tab-{name}")
        panel = page.locator(f"#{tab.get_attribute('aria-controls')}")
        assert panel.get_attribute("role") == "tabpanel"
        assert panel.get_attribute("aria-labelledby") == f"tab-{name}"

    def shown() -> str:
        """The selected tab, after checking that only it is in the Tab order and only its panel is shown."""
        state = page.evaluate(
            """() => [...document.querySelectorAll('[role=tab]')].map((t) => ({
                 id: t.id, selected: t.getAttribute('aria-selected'), tabindex: t.tabIndex,
                 panel: !document.getElementById(t.getAttribute('aria-controls')).hidden,
                 focused: document.activeElement === t }))"""
        )
        on = [s for s in state if s["selected"] == "true"]
        assert len(on) == 1 and on[0]["tabindex"] == 0 and on[0]["panel"], state
        assert all(s["tabindex"] == -1 and not s["panel"] for s in state if s is not on[0]), state
        return str(on[0]["id"])

    assert shown() == "tab-search"
    page.locator("#tab-search").focus()
    for key, expected in [("ArrowRight", "url"), ("ArrowRight", "paste"), ("End", "file"), ("ArrowRight", "search"),
                          ("ArrowLeft", "file"), ("Home", "search"), ("ArrowLeft", "file")]:  # fmt: skip
        page.keyboard.press(key)
        assert shown() == f"tab-{expected}", key
        assert page.evaluate("document.activeElement.id") == f"tab-{expected}", key
    page.keyboard.press("Shift+Tab")  # leaving the tab list and coming back lands on the selected tab
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "tab-file"
    page.locator("#tab-url").click()  # the mouse still works
    assert shown() == "tab-url"
    assert page.locator("#form-url input[name=url]").is_visible()
