"""The API's own contract: OpenAPI document, CSRF token, access token, security headers."""

from __future__ import annotations

import re

import pytest
from flask import Flask

HTTP_METHODS = {"get", "post", "put", "patch", "delete"}


def _openapi_path(rule: str) -> str:
    """Flask's /api/runs/<int:run_id> -> OpenAPI's /api/runs/{run_id}."""
    return re.sub(r"<(?:[a-z_]+:)?([a-z_]+)>", r"{\1}", rule)


def test_openapi_document_lists_every_api_route(client, app: Flask) -> None:
    doc = client.get("/api/openapi.json").get_json()
    assert doc["openapi"].startswith("3.") and doc["info"]["title"] and doc["info"]["version"]
    documented = {(path, method) for path, ops in doc["paths"].items() for method in ops}
    served = {
        (_openapi_path(rule.rule), method.lower())
        for rule in app.url_map.iter_rules()
        if rule.endpoint.startswith("api.")
        for method in rule.methods or ()
        if method.lower() in HTTP_METHODS
    }
    assert served, "no API routes found"
    assert served - documented == set(), "routes missing from the OpenAPI document"
    assert documented - served == set(), "documented routes that do not exist"


def test_openapi_operations_are_well_formed(client) -> None:
    doc = client.get("/api/openapi.json").get_json()
    schemas = doc["components"]["schemas"]
    operations = {op["operationId"]: op for ops in doc["paths"].values() for op in ops.values()}
    assert len(operations) == sum(len(ops) for ops in doc["paths"].values()), "operationIds must be unique"
    for path, ops in doc["paths"].items():
        params = set(re.findall(r"{(\w+)}", path))
        for method, op in ops.items():
            success = [code for code in op["responses"] if code.startswith("2")]
            assert method in HTTP_METHODS and op["summary"] and success, (path, method)
            in_path = {p["name"] for p in op.get("parameters", []) if p["in"] == "path"}
            assert in_path == params, (path, method)
            for link in op["responses"][success[0]].get("links", {}).values():
                target = operations[link["operationId"]]
                assert set(link["parameters"]) <= {p["name"] for p in target["parameters"]}, link
            content = op.get("requestBody", {}).get("content", {})
            for media in content.values():
                ref = media["schema"].get("$ref")
                if ref:
                    assert ref.split("/")[-1] in schemas, ref
    run_body = schemas["RunBody"]
    assert run_body["additionalProperties"] is False and "steps" in run_body["properties"]
    upload = doc["paths"]["/api/cv"]["post"]["requestBody"]["content"]["multipart/form-data"]
    assert upload["schema"]["required"] == ["file"]


def test_openapi_document_is_valid_openapi(client) -> None:
    import schemathesis

    doc = client.get("/api/openapi.json").get_json()
    schemathesis.openapi.from_dict(doc).validate()  # raises on anything the OpenAPI 3.1 schema refuses


def test_health_and_csrf(client) -> None:
    assert client.get("/api/health").get_json() == {"status": "ok"}
    token = client.get("/api/csrf").get_json()["csrf"]
    assert token == client.token and len(token) >= 32  # stable within a session


def test_csrf_token_differs_per_session(app: Flask) -> None:
    a = app.test_client().get("/api/csrf").get_json()["csrf"]
    b = app.test_client().get("/api/csrf").get_json()["csrf"]
    assert a != b


def test_security_headers(client) -> None:
    resp = client.get("/api/state")
    csp = resp.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-eval" not in csp and "frame-ancestors 'none'" in csp
    assert resp.headers["X-Content-Type-Options"] == "nosniff"
    assert resp.headers["X-Frame-Options"] == "DENY"


def test_access_token_required_off_loopback(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JOBAPP_HOST", "0.0.0.0")
    monkeypatch.setenv("JOBAPP_TOKEN", "s3cret-token-for-tests")
    from jobapp.web import create_app

    app = create_app(testing=True)
    anon = app.test_client()
    resp = anon.get("/api/state")
    assert resp.status_code == 401 and "token" in resp.get_json()["hint"]
    assert anon.get("/").status_code == 401
    assert anon.get("/api/state", headers={"Authorization": "Bearer wrong"}).status_code == 401
    assert (
        anon.get("/api/state", headers={"Authorization": "Bearer s3cret-token-for-tests"}).status_code == 200
    )
    browser = app.test_client()
    assert browser.get("/?token=s3cret-token-for-tests").status_code == 200
    assert browser.get("/api/state").status_code == 200  # the session remembers it


def test_a_rebound_host_name_is_refused_on_loopback(app: Flask) -> None:
    anon = app.test_client()
    for path in ("/", "/api/cv", "/api/csrf"):  # the page (CSRF token), the CV, the token route
        resp = anon.get(path, headers={"Host": "attacker.example:5000"})
        assert resp.status_code == 400, path
        assert resp.get_json()["error"] == "host"
    posted = anon.post("/api/feedback/1", json={"thumbs": 1}, headers={"Host": "attacker.example"})
    assert posted.status_code == 400
    for host in ("localhost", "127.0.0.1:5000", "[::1]:5000", "LOCALHOST:80", "app.localhost"):
        assert anon.get("/api/state", headers={"Host": host}).status_code == 200, host


def test_extra_host_names_can_be_allowed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JOBAPP_ALLOWED_HOSTS", "jobs.lan, other.lan")
    from jobapp.web import create_app

    anon = create_app(testing=True).test_client()
    assert anon.get("/api/state", headers={"Host": "jobs.lan:5000"}).status_code == 200
    assert anon.get("/api/state", headers={"Host": "attacker.example"}).status_code == 400


def test_non_ascii_tokens_are_refused_cleanly(monkeypatch: pytest.MonkeyPatch, app: Flask) -> None:
    # CSRF: a header value outside ASCII is a 403, not a crash
    browser = app.test_client()
    browser.get("/api/csrf")
    resp = browser.post("/api/feedback/1", json={"thumbs": 1}, headers={"X-CSRF-Token": "é" * 40})
    assert resp.status_code == 403 and resp.get_json()["error"] == "csrf"
    monkeypatch.setenv("JOBAPP_HOST", "0.0.0.0")
    monkeypatch.setenv("JOBAPP_TOKEN", "s3cret-token-for-tests")
    from jobapp.web import create_app

    anon = create_app(testing=True).test_client()
    assert anon.get("/api/state", headers={"Authorization": "Bearer ü-token"}).status_code == 401
    assert anon.get("/api/state?token=%C3%A9%F0%9F%94%91").status_code == 401


def test_a_session_is_tied_to_the_token_it_was_let_in_with(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JOBAPP_HOST", "0.0.0.0")
    monkeypatch.setenv("JOBAPP_TOKEN", "first-token-for-tests")
    from jobapp.web import create_app

    app = create_app(testing=True)
    browser = app.test_client()
    assert browser.get("/?token=first-token-for-tests").status_code == 200
    assert browser.get("/api/state").status_code == 200
    app.config["ACCESS_TOKEN"] = "second-token-for-tests"  # a restart under another token
    assert browser.get("/api/state").status_code == 401
    assert browser.get("/api/state?token=second-token-for-tests").status_code == 200


@pytest.mark.parametrize(
    "path",
    [
        "/api/offers/9223372036854775808",  # one past the largest database id
        "/api/runs/99999999999999999999999/events",
        "/api/no-such-route",
    ],
)
def test_unroutable_api_urls_answer_json_404(client, path: str) -> None:
    resp = client.get(path)
    assert resp.status_code == 404
    assert resp.get_json()["message"]


@pytest.mark.parametrize("value", ["inf", "-inf", "nan", "1e30", "-5", "abc"])
def test_number_query_parameters_never_crash(client, value: str) -> None:
    for path in (f"/api/runs?limit={value}", f"/api/results?min_score={value}"):
        resp = client.get(path)
        assert resp.status_code in (200, 400), (path, resp.status_code)
        if resp.status_code == 400:
            assert resp.get_json()["message"]


def test_a_deeply_nested_body_is_a_clear_error(client) -> None:
    resp = client.post("/api/feedback/1", data="[" * 100_000 + "]" * 100_000, content_type="application/json")
    assert resp.status_code == 400
    assert "nested" in resp.get_json()["message"]
