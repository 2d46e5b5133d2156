"""An offline HelloWork search through the API: the search run really runs (JobSpy's HelloWork scraper,
our classifier, the collect step, the run log), with the one thing a test cannot do for real — being
offline — played by the HTTP session raising what curl_cffi raises when no address can be found."""

from __future__ import annotations

import pytest
from curl_cffi.requests.exceptions import DNSError
from jobspy.util import TLSRotating

CURL_OFFLINE = (
    "Failed to perform, curl: (6) Could not resolve host: www.hellowork.com (Domain name not found). "
    "See https://curl.se/libcurl/c/libcurl-errors.html first for more details."
)


@pytest.fixture
def offline(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_network(self, *args, **kwargs):
        raise DNSError(CURL_OFFLINE, code=6)

    monkeypatch.setattr(TLSRotating, "request", no_network)


def _search_offline(client) -> int:
    from jobapp.tasks.runs import execute_run

    resp = client.post("/api/offers/search", json={"query": "data analyst", "boards": ["hellowork"]})
    assert resp.status_code == 202
    run_id = resp.get_json()["id"]
    execute_run(run_id)  # what the queue consumer does, in this thread
    return run_id


@pytest.mark.parametrize(
    ("lang", "start"),
    [
        ("en", "HelloWork could not be reached: this computer seems to be offline"),
        ("fr", "HelloWork est injoignable : cet ordinateur semble hors ligne"),
    ],
)
def test_offline_search_says_one_human_sentence(client, offline, lang: str, start: str) -> None:
    run_id = _search_offline(client)
    run = client.get(f"/api/runs/{run_id}").get_json()
    assert run["status"] == "failed"
    assert "above" not in run["error"] and "curl" not in run["error"]

    client.raw.set_cookie("jobapp_lang", lang)
    events = client.get(f"/api/runs/{run_id}/events").get_json()
    messages = [e["message"] for e in events]
    about_board = [m for m in messages if "HelloWork" in m]
    assert len(about_board) == 1, messages  # shown once
    sentence = about_board[0]
    assert sentence.startswith(start) and sentence.count(".") == 1 and sentence.endswith(".")
    assert not [m for m in messages if "curl" in m.lower() or "https://" in m]
    assert next(e for e in events if e["message"] == sentence)["level"] == "warning"
