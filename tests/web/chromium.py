"""The one place that says how the browser tests and bench/page_load.py start Chromium.

Plain Python with no import from the app or from pytest at module level, so the benchmark (which is
no test) loads it by path too. Chromium is the Debian package (``apt-get install chromium``),
driven by Playwright headless; tests are skipped with a clear reason when it is missing.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

CHROMIUM = Path("/usr/bin/chromium")
MISSING = "Chromium is not installed (apt-get install chromium)"
#: No sandbox (containers run as root), no GPU, and nothing the browser would fetch on its own.
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def launch(playwright: Any) -> Any:
    """A headless Chromium from a started ``sync_playwright()``."""
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)


def browser_marks() -> list[Any]:
    """The marks of every browser test module: ``pytestmark = browser_marks()``."""
    import pytest

    return [
        pytest.mark.browser,
        pytest.mark.slow,
        pytest.mark.skipif(not CHROMIUM.exists(), reason=MISSING),
    ]
