"""Fuzzing /api from its own OpenAPI document with schemathesis, against a real HTTP server.

Every documented operation gets generated requests, valid and invalid (positive and negative
generation), on a data folder seeded with offers, a CV and a run. Each answer must not be a server
error, every 4xx must be a JSON error with a message a person can read, and every 2xx the status
the document gives. A stateful pass follows the document's links (a created run -> read, events,
cancel; a listed offer -> read, feedback; the CV -> delete).

Runs stay fast and offline: the app only enqueues runs (no worker consumes them here) and models
are the deterministic fakes registered through the real registry. Hypothesis is derandomized so a
failure found once is found again.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import pytest
import requests
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from jobapp.web import openapi

pytestmark = [pytest.mark.slow, pytest.mark.timeout(300)]  # real servers, a minute in all

# The first anonymised-CV answer loads spaCy's French model (about 10 s on a busy 2-core machine).
REQUEST_TIMEOUT = 60

# Small enough for CI's time budget; JOBAPP_FUZZ_EXAMPLES=200 digs deeper by hand.
EXAMPLES = int(os.environ.get("JOBAPP_FUZZ_EXAMPLES", "15"))
FUZZ_SETTINGS = settings(
    max_examples=EXAMPLES,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)


@dataclass
class LiveServer:
    url: str
    session: requests.Session  # carries the session cookie the CSRF token belongs to
    headers: dict[str, str]  # the CSRF token, as the page's script sends it


@contextmanager
def served(app: Any) -> Iterator[str]:
    """``app`` served by waitress (as ``jobapp serve`` does) on a free loopback port; yields its URL."""
    from waitress import wasyncore
    from waitress.server import create_server

    sockets: dict[int, Any] = {}
    server = create_server(app, map=sockets, host="127.0.0.1", port=0, threads=4)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.effective_port}"
    finally:
        server.task_dispatcher.shutdown()  # requests in flight end first
        # Sockets closed by the server's own loop thread (closing them from here races its select()):
        # the loop then has nothing left to watch and returns.
        server.trigger.pull_trigger(lambda: wasyncore.close_all(sockets))
        thread.join(timeout=10)


@pytest.fixture
def live_server(seeded: dict[str, Any], fake_models: Any) -> Iterator[LiveServer]:
    """The real app on a free loopback port, over a seeded, temporary data folder."""
    from jobapp.web import create_app

    with served(create_app()) as url, requests.Session() as session:
        token = session.get(f"{url}/api/csrf", timeout=10).json()["csrf"]
        yield LiveServer(url, session, {"X-CSRF-Token": token})


def documented_operations() -> list[tuple[str, str]]:
    """(method, URL path) of every documented operation, its parameters filled with seeded records."""
    fill = {"{offer_id}": "1", "{cv_id}": "1", "{run_id}": "1", "{name}": "1_offers", "{fmt}": "json"}
    operations = []
    for path, ops in openapi.document()["paths"].items():
        for name, value in fill.items():
            path = path.replace(name, value)
        operations += [(method, path) for method in ops]
    return operations


def errors_are_json_with_a_message(ctx: Any, response: Any, case: Any) -> bool | None:
    """Every 4xx tells the client what went wrong, in the API's one error shape."""
    if not 400 <= response.status_code < 500:
        return None
    content_type = (response.headers.get("content-type") or [""])[0]  # lowercased names, lists of values
    assert content_type.startswith("application/json"), (
        f"{response.status_code} answered as {content_type!r}, not JSON: {response.text[:200]!r}"
    )
    payload = response.json()
    assert isinstance(payload, dict) and isinstance(payload.get("message"), str) and payload["message"], (
        f"{response.status_code} without a message: {payload!r}"
    )
    return True


def success_is_the_documented_status(ctx: Any, response: Any, case: Any) -> bool | None:
    """A 2xx is the one the document promises (201 for a created CV, 202 for a started run...), so
    the document stays true to the routes. Other methods' probes (OPTIONS, HEAD) are not its to say."""
    if not 200 <= response.status_code < 300 or case.method.upper() != case.operation.method.upper():
        return None
    documented = [code for code in case.operation.definition.raw["responses"] if code.startswith("2")]
    assert str(response.status_code) in documented, (
        f"{case.method} {case.path} answered {response.status_code}, the document says {documented}"
    )
    return True


CHECKS = [not_a_server_error, errors_are_json_with_a_message, success_is_the_documented_status]

# The document the server serves at /api/openapi.json (built from the same code, so known before the
# server starts: pytest needs the operations to name the tests).
schema = schemathesis.openapi.from_dict(openapi.document())


@schema.parametrize()
@FUZZ_SETTINGS
def test_every_operation_survives_fuzzing(case: Any, live_server: LiveServer) -> None:
    case.call_and_validate(
        base_url=live_server.url,
        session=live_server.session,
        headers=live_server.headers,
        checks=CHECKS,
        timeout=REQUEST_TIMEOUT,
    )


def test_linked_operations_survive_fuzzing(live_server: LiveServer) -> None:
    """Sequences that follow the document's links: start a run, then read, poll and cancel it; list
    offers, then read one and give feedback; read the CV, then delete it."""
    base = schema.as_state_machine()

    class Workflow(base):  # type: ignore[misc, valid-type]
        def get_call_kwargs(self, case: Any) -> dict[str, Any]:
            return {
                "base_url": live_server.url,
                "session": live_server.session,
                "headers": live_server.headers,
                "timeout": REQUEST_TIMEOUT,
            }

        def validate_response(
            self, response: Any, case: Any, additional_checks: Any = None, **kw: Any
        ) -> None:
            case.validate_response(response, checks=CHECKS, transport_kwargs=kw)

    Workflow.run(settings=settings(FUZZ_SETTINGS, max_examples=max(5, EXAMPLES // 2), stateful_step_count=6))


@pytest.mark.parametrize(
    "path",
    [
        "/api/timings?run_id=9223372036854775808",  # past the largest SQL integer: was a 500
        "/api/timings?run_id=9223372036854775807.5",
        "/api/timings?run_id=-1",
        "/api/timings?run_id=" + "9" * 5000,  # past the digits Python converts to int
    ],
)
def test_fuzzing_finds_stay_fixed(live_server: LiveServer, path: str) -> None:
    resp = live_server.session.get(f"{live_server.url}{path}", timeout=REQUEST_TIMEOUT)
    assert resp.status_code == 400 and "record id" in resp.json()["message"], path
    largest = live_server.session.get(f"{live_server.url}/api/timings?run_id={2**63 - 1}", timeout=10)
    assert largest.status_code == 200 and largest.json() == []  # read exactly, not rounded up past it


def test_the_documented_examples_are_real_records(live_server: LiveServer) -> None:
    """The document's examples steer fuzzing to real records: they must exist, or they steer nowhere."""
    export = openapi.document()["paths"]["/api/export/{name}.{fmt}"]["get"]["parameters"]
    for name in next(p for p in export if p["name"] == "name")["schema"]["examples"]:
        resp = live_server.session.get(f"{live_server.url}/api/export/{name}.json", timeout=REQUEST_TIMEOUT)
        assert resp.status_code == 200, name
    for path in ("/api/offers/1", "/api/runs/1", "/api/runs/1/events"):
        assert live_server.session.get(f"{live_server.url}{path}", timeout=REQUEST_TIMEOUT).status_code == 200


def test_no_state_changing_operation_runs_without_the_csrf_token(live_server: LiveServer) -> None:
    """Every documented POST/DELETE, sent by a client that never fetched the CSRF token (what a
    cross-site form is), is a 403 JSON error, and the seeded data is still all there."""
    unsafe = [(m, path) for m, path in documented_operations() if m in ("post", "put", "patch", "delete")]
    assert len(unsafe) >= 10
    for method, path in unsafe:
        resp = requests.request(method, f"{live_server.url}{path}", json={"confirm": True}, timeout=10)
        assert resp.status_code == 403 and resp.json()["error"] == "csrf", (method, path)
    state = live_server.session.get(f"{live_server.url}/api/state", timeout=10).json()
    assert state["counts"]["offers"] == 3 and state["cv"]["id"] == 1


def test_off_loopback_every_operation_needs_the_access_token(
    seeded: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("JOBAPP_HOST", "0.0.0.0")  # what the app is told it listens on: off loopback
    monkeypatch.setenv("JOBAPP_TOKEN", "fuzz-token-for-tests")
    from jobapp.web import create_app

    with served(create_app()) as url:
        for method, path in documented_operations():
            resp = requests.request(method, f"{url}{path}", timeout=10)
            assert resp.status_code == 401 and resp.json()["error"] == "unauthorized", (method, path)
        bearer = {"Authorization": "Bearer fuzz-token-for-tests"}
        assert requests.get(f"{url}/api/state", headers=bearer, timeout=10).status_code == 200


def test_a_rebound_host_name_gets_400_from_the_real_server(live_server: LiveServer) -> None:
    for method, path in (("get", "/api/cv"), ("get", "/api/csrf"), ("post", "/api/runs"), ("get", "/")):
        resp = requests.request(
            method, f"{live_server.url}{path}", headers={"Host": "attacker.example:5000"}, timeout=10
        )
        assert resp.status_code == 400, (method, path)
        assert resp.json()["error"] == "host" and resp.json()["message"]
    assert requests.get(f"{live_server.url}/api/state", timeout=10).status_code == 200
