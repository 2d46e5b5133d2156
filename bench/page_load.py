"""First load and cached reload of the web page in a real headless Chromium.

    python bench/page_load.py [--loads 5] [--no-run] [--json bench/results/page_load.json]

Starts the real server (``jobapp serve``, as users run it) on a fresh temporary data dir and a free
loopback port, imports the bundled demo offers and CV and runs the whole pipeline in fast mode (no
LLM), so the page has results, keywords, explanations and charts to draw (``--no-run``: offers and
CV only). Then, ``--loads`` times each:

* cold: a new browser context (empty HTTP cache) opens the page;
* cached: the same context opens the page again (a normal navigation, as a user coming back).

The figure is the browser's own clock from navigation start until the page says it is ready
(``<body data-ready>``: the first refresh from the API is drawn, charts included). Also printed:
bytes transferred and the number of requests that reached the server on each load. Targets: cold
median < 1.5 s, cached median < 0.5 s; exit status 1 when one is missed.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench"]
sys.path.insert(0, str(ROOT / "src"))

import httpx  # noqa: E402

TARGETS = {"cold": 1.5, "cached": 0.5}


def _by_path(name: str, path: Path) -> Any:
    """A module of a folder that is no package (bench/, tests/web/), loaded from its file."""
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


#: How the browser tests start Chromium, so the figures are measured in the same browser.
chromium = _by_path("chromium", ROOT / "tests" / "web" / "chromium.py")


def _server_class() -> Any:
    """bench/api.py's Server (``jobapp serve`` in a subprocess)."""
    return _by_path("bench_api", ROOT / "bench" / "api.py").Server


def seed(url: str, run: bool) -> None:
    """The demo offers and CV, then (``run``) every step in fast mode, waited for."""
    from jobapp.demo import demo_cv_path, demo_offers_path

    with httpx.Client(base_url=url, timeout=120) as c:
        headers = {"X-CSRF-Token": c.get("/api/csrf").json()["csrf"]}
        files = {"file": ("demo.json", demo_offers_path().read_bytes(), "application/json")}
        c.post("/api/offers/import", files=files, headers=headers).raise_for_status()
        cv = demo_cv_path("fr")
        cv_file = {"file": (cv.name, cv.read_bytes(), "application/pdf")}
        c.post("/api/cv", files=cv_file, headers=headers).raise_for_status()
        if not run:
            return
        started = c.post("/api/runs", json={"steps": "all", "params": {"no_llm": True}}, headers=headers)
        started.raise_for_status()
        run_id = started.json()["id"]
        deadline = time.monotonic() + 600
        while (status := c.get(f"/api/runs/{run_id}").json()["status"]) not in ("done", "failed"):
            if time.monotonic() > deadline:
                raise SystemExit("the pipeline run did not end within 10 minutes")
            time.sleep(0.5)
        if status != "done":
            raise SystemExit(f"the pipeline run ended {status}: see the server log")


def load(page: Any, url: str) -> dict[str, float]:
    """Open ``url`` and wait until the app is drawn; the browser's timings of that navigation."""
    page.goto(url, wait_until="commit")
    page.wait_for_selector("body[data-ready]", state="attached", timeout=60_000)
    return page.evaluate(
        """() => {
          const entries = [...performance.getEntriesByType("navigation"), ...performance.getEntriesByType("resource")];
          return {
            ready_s: Number(document.body.dataset.ready) / 1000,
            transferred_kb: entries.reduce((n, e) => n + (e.transferSize || 0), 0) / 1024,
            from_network: entries.filter((e) => e.transferSize > 0).length,
          };
        }"""
    )


def measure(url: str, loads: int) -> dict[str, list[dict[str, float]]]:
    from playwright.sync_api import sync_playwright

    figures: dict[str, list[dict[str, float]]] = {"cold": [], "cached": []}
    with sync_playwright() as p:
        browser = chromium.launch(p)
        try:
            warm = browser.new_context()  # the server's first request imports its page modules
            load(warm.new_page(), url)
            warm.close()
            for _ in range(loads):
                context = browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 900})
                page = context.new_page()
                figures["cold"].append(load(page, url))
                figures["cached"].append(load(page, url))
                context.close()
        finally:
            browser.close()
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--loads", type=int, default=5)
    parser.add_argument("--no-run", action="store_true", help="offers and CV only: no results, no charts")
    parser.add_argument("--url", help="measure a server already running (and seeded) at this address")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    if not chromium.CHROMIUM.exists():
        raise SystemExit(chromium.MISSING)
    if args.url:
        figures = measure(args.url, args.loads)
    else:
        with tempfile.TemporaryDirectory() as home:
            server = _server_class()(Path(home))
            try:
                seed(server.url, run=not args.no_run)
                figures = measure(server.url, args.loads)
            finally:
                server.stop()
    report: dict[str, Any] = {"loads": args.loads, "with_results": not args.no_run}
    ok = True
    for kind, rows in figures.items():
        ready = [r["ready_s"] for r in rows]
        report[kind] = {
            "median_s": round(statistics.median(ready), 3),
            "max_s": round(max(ready), 3),
            "transferred_kb": round(statistics.median(r["transferred_kb"] for r in rows), 1),
            "requests_to_server": statistics.median(r["from_network"] for r in rows),
            "target_s": TARGETS[kind],
        }
        ok = ok and report[kind]["median_s"] < TARGETS[kind]
    report["targets_met"] = ok
    text = json.dumps(report, indent=2)
    print(text)
    if args.json:
        args.json.write_text(text + "\n", "utf-8")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
