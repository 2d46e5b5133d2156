"""The page at / : template, CSRF meta tag, languages, cached and compressed assets, translations."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from flask import Flask

from jobapp.documents.anonymise import KINDS
from jobapp.web import i18n

WEB = Path(__file__).resolve().parents[2] / "src" / "jobapp" / "web"


class _Scan(HTMLParser):
    """Collects <script> tags, inline event handlers and the CSRF meta tag of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.scripts: list[dict[str, str | None]] = []
        self.handlers: list[str] = []
        self.csrf: str | None = None
        self.links: list[dict[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        self.handlers += [k for k in a if k.startswith("on")]
        if tag == "script":
            self.scripts.append(a)
        if tag == "meta" and a.get("name") == "csrf-token":
            self.csrf = a.get("content")
        if tag == "a":
            self.links.append(a)


def _scan(html: str) -> _Scan:
    scan = _Scan()
    scan.feed(html)
    return scan


def test_page_carries_the_session_csrf_token_and_no_inline_code(app: Flask) -> None:
    c = app.test_client()
    resp = c.get("/")
    assert resp.status_code == 200 and resp.mimetype == "text/html"
    scan = _scan(resp.get_data(as_text=True))
    assert scan.csrf and scan.csrf == c.get("/api/csrf").get_json()["csrf"]
    assert scan.handlers == []
    for script in scan.scripts:  # every script is a file of ours, or inert JSON data
        assert script.get("src") or script.get("type") == "application/json", script
    srcs = [s["src"] for s in scan.scripts if s.get("src")]
    assert any(re.fullmatch(r"/assets/[0-9a-f]{16}/js/app\.js", s) for s in srcs)
    assert not any(s.startswith(("http:", "https:", "//")) for s in srcs)  # no CDN: works offline


def test_page_has_the_seven_steps_and_exports(app: Flask) -> None:
    html = app.test_client().get("/", headers={"Accept-Language": "en"}).get_data(as_text=True)
    for step in ("collect", "summarise", "convert", "profile", "match", "rerank", "explain"):
        assert f'id="card-{step}"' in html
        assert i18n.translate("en", f"step.{step}.title") in html
    exports = [a["href"] for a in _scan(html).links if a.get("href", "").startswith("/api/export/")]
    assert "/api/export/1_offers.csv" in exports and "/api/export/7_explanations.json" in exports


def test_every_export_link_of_the_page_works(app: Flask) -> None:
    c = app.test_client()
    for a in _scan(c.get("/").get_data(as_text=True)).links:
        if a.get("href", "").startswith("/api/export/"):
            assert c.get(a["href"]).status_code == 200, a["href"]


@pytest.mark.parametrize(
    ("headers", "cookie", "lang"),
    [
        ({"Accept-Language": "fr-FR,fr;q=0.9,en;q=0.8"}, None, "fr"),
        ({"Accept-Language": "en-GB,en;q=0.9"}, None, "en"),
        ({"Accept-Language": "de-DE"}, None, i18n.DEFAULT_LANGUAGE),
        ({"Accept-Language": "fr-FR"}, "en", "en"),
        ({"Accept-Language": "en"}, "fr", "fr"),
        ({}, "xx", i18n.DEFAULT_LANGUAGE),
    ],
)
def test_language_from_cookie_then_browser(app: Flask, headers: dict, cookie: str | None, lang: str) -> None:
    c = app.test_client()
    if cookie:
        c.set_cookie(i18n.COOKIE, cookie)
    html = c.get("/", headers=headers).get_data(as_text=True)
    assert f'<html lang="{lang}">' in html
    assert i18n.translate(lang, "step.collect.title") in html


def test_language_switch_sets_a_cookie(app: Flask) -> None:
    c = app.test_client()
    resp = c.get("/lang/fr")
    assert resp.status_code == 302 and resp.headers["Location"].endswith("/")
    assert "jobapp_lang=fr" in resp.headers["Set-Cookie"]
    html = c.get("/", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "Collecter les offres" in html and '<html lang="fr">' in html
    assert c.get("/lang/de").status_code == 404


def test_page_strings_are_escaped(app: Flask) -> None:
    html = app.test_client().get("/", headers={"Accept-Language": "en"}).get_data(as_text=True)
    data = re.search(r'<script type="application/json" id="i18n-data">(.*?)</script>', html, re.S)
    assert data and json.loads(data.group(1)) == i18n.strings("en")
    assert "</script" not in data.group(1).lower() and "<" not in data.group(1)


def _asset_urls(app: Flask) -> list[str]:
    html = app.test_client().get("/").get_data(as_text=True)
    return re.findall(r'(?:src|href)="(/assets/[^"]+)"', html)


def test_assets_have_a_content_address_and_are_cached_for_good(app: Flask) -> None:
    urls = _asset_urls(app)
    assert {u.split("/", 3)[3] for u in urls} >= {"app.css", "favicon.svg", "js/app.js", "js/privacy.js"}
    c = app.test_client()
    for url in urls:
        resp = c.get(url)
        assert resp.status_code == 200, url
        assert resp.headers["Cache-Control"] == "public, max-age=31536000, immutable", url
    # the modules import each other by relative paths: under the same digest they are served too
    digest = urls[0].split("/")[2]
    assert c.get(f"/assets/{digest}/js/charts.js").status_code == 200
    # an address from another version of the files is gone, never served with the new content
    assert c.get("/assets/0123456789abcdef/js/app.js").status_code == 404
    assert c.get(f"/assets/{digest}/../pages.py").status_code == 404


def test_asset_digest_changes_with_any_static_file(tmp_path: Path) -> None:
    from jobapp.web.assets import static_digest

    (tmp_path / "js").mkdir()
    (tmp_path / "js" / "a.js").write_text("export const a = 1;")
    before = static_digest(tmp_path)
    assert static_digest(tmp_path) == before
    (tmp_path / "js" / "a.js").write_text("export const a = 2;")
    assert static_digest(tmp_path) != before


def _decode(body: bytes, encoding: str) -> bytes:
    import gzip
    import zlib

    import brotli

    return {"br": brotli.decompress, "gzip": gzip.decompress, "deflate": zlib.decompress}[encoding](body)


# A browser without brotli gets gzip, or deflate for files (flask-compress streams them: no gzip).
@pytest.mark.parametrize(
    ("accept", "page_enc", "file_enc"), [("br", "br", "br"), ("gzip, deflate", "gzip", "deflate")]
)
def test_page_scripts_and_json_are_compressed(app: Flask, accept: str, page_enc: str, file_enc: str) -> None:
    c = app.test_client()
    app_js = next(u for u in _asset_urls(app) if u.endswith("/js/app.js"))
    for url, encoding in (("/", page_enc), (app_js, file_enc), ("/api/openapi.json", page_enc)):
        plain = c.get(url).get_data()
        resp = c.get(url, headers={"Accept-Encoding": accept})
        assert resp.headers["Content-Encoding"] == encoding, url
        assert "Accept-Encoding" in resp.headers["Vary"], url
        body = resp.get_data()
        assert len(body) < len(plain), url
        if url != "/":  # the page itself carries a fresh CSRF token per session
            assert _decode(body, encoding) == plain, url
    js = c.get(app_js, headers={"Accept-Encoding": accept})
    again = c.get(app_js, headers={"Accept-Encoding": accept, "If-None-Match": js.headers["ETag"]})
    assert again.status_code == 304


def test_no_charting_library_is_loaded(app: Flask) -> None:
    """The charts are drawn in SVG by charts.js: the page loads no multi-megabyte bundle."""
    c = app.test_client()
    sizes = [len(c.get(u).get_data()) for u in _asset_urls(app)]
    assert sum(sizes) < 200_000
    srcs = [s["src"] for s in _scan(c.get("/").get_data(as_text=True)).scripts if s.get("src")]
    assert srcs and all(s.startswith("/assets/") for s in srcs)


@pytest.mark.parametrize(
    "name",
    [
        "app.css",
        "favicon.svg",
        "js/app.js",
        "js/dom.js",
        "js/flow.js",
        "js/previews.js",
        "js/results.js",
        "js/charts.js",
    ],
)
def test_static_files_are_served(app: Flask, name: str) -> None:
    assert app.test_client().get(f"/static/{name}").status_code == 200


def test_translations_are_complete_in_both_languages() -> None:
    fr, en = i18n.strings("fr"), i18n.strings("en")
    assert set(fr) == set(en)
    assert all(v.strip() for v in (*fr.values(), *en.values()))
    for key in fr:  # same placeholders, so a sentence never loses its number in one language
        assert set(re.findall(r"{(\w+)}", fr[key])) == set(re.findall(r"{(\w+)}", en[key])), key
    differing = [k for k in fr if fr[k] != en[k]]
    assert len(differing) > 0.8 * len(fr)  # the French file is really French


def test_every_string_the_ui_uses_is_translated() -> None:
    used: set[str] = set()
    for js in (WEB / "static" / "js").glob("*.js"):
        used |= set(re.findall(r"""\bt\(\s*["']([a-z_.]+)["']""", js.read_text()))
    used |= set(re.findall(r"""t\('([a-z_.]+[a-z_])'""", (WEB / "templates" / "index.html").read_text()))
    # Keys built from a prefix and a value (t(`state.${state}`)) must exist for every value.
    for prefix, values in {
        "state.": ["waiting", "queued", "running", "done", "error"],
        "run.status.": ["queued", "running", "done", "failed", "cancelled", "interrupted"],
        "verdict.": ["strong", "partial", "none"],
        "removed.": list(KINDS),  # every kind of identifier the anonymiser removes
        "status.": ["to_apply", "applied", "interview", "rejected"],
        "step.": [
            f"{s}.{part}"
            for part in ("title", "desc", "short")
            for s in ("collect", "summarise", "convert", "profile", "match", "rerank", "explain")
        ],
    }.items():
        used |= {prefix + v for v in values}
    assert len(used) > 100
    for lang in i18n.LANGUAGES:
        assert used - set(i18n.strings(lang)) == set(), lang


def test_no_innerhtml_in_the_scripts() -> None:
    for js in (WEB / "static" / "js").glob("*.js"):
        text = js.read_text()
        assert not re.search(r"\.(innerHTML|outerHTML)\s*=|insertAdjacentHTML|document\.write", text), js.name


def test_serving_the_page_does_not_import_torch() -> None:
    code = (
        "import sys; from jobapp.web import create_app; app = create_app(testing=True); "
        "c = app.test_client(); assert c.get('/').status_code == 200; "
        "assert c.get('/api/state').status_code == 200; "
        "print(sorted(m for m in ('torch', 'sentence_transformers', 'spacy') if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True
    )
    assert out.stdout.strip() == "[]", out.stdout + out.stderr


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed (only used to syntax-check)")
def test_scripts_parse_as_es_modules(tmp_path: Path) -> None:
    for js in (WEB / "static" / "js").glob("*.js"):
        copy = tmp_path / f"{js.stem}.mjs"
        copy.write_text(js.read_text())
        out = subprocess.run(["node", "--check", str(copy)], capture_output=True, text=True, timeout=60)
        assert out.returncode == 0, f"{js.name}: {out.stderr}"


def test_page_is_laid_out_results_first_once_a_ranking_exists(app: Flask, seeded: dict) -> None:
    html = app.test_client().get("/").get_data(as_text=True)
    state = json.loads(
        re.search(r'<script type="application/json" id="state-data">(.*?)</script>', html).group(1)
    )
    assert state["counts"]["matches"] == 3 and state["cv"]["filename"] == "cv.txt"  # drawn without /api/state
    assert html.index('id="results"') < html.index('class="runbar"') < html.index('class="flow"')
    assert html.count('aria-expanded="false"') == 7 and html.count('class="card is-collapsed"') == 7
    assert len(re.findall(r'<div class="card-body" id="card-body-\w+" hidden>', html)) == 7


def test_page_without_a_ranking_shows_the_steps_first_and_open(app: Flask) -> None:
    html = app.test_client().get("/").get_data(as_text=True)
    assert html.index('class="runbar"') < html.index('class="flow"') < html.index('id="results"')
    assert html.count('aria-expanded="true"') >= 7 and "is-collapsed" not in html
    assert 'id="load-demo"' in html
