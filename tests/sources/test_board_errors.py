"""Board failures as people read them: real exception objects of the HTTP libraries JobSpy uses, and
the text JobSpy keeps of them, sorted into kinds and said in one French or English sentence."""

from __future__ import annotations

import httpx
import pytest
import requests
from curl_cffi import CurlError
from curl_cffi.requests.exceptions import CertificateVerifyError, DNSError, Timeout

from jobapp.messages import catalogue, localise_text, placeholders
from jobapp.sources.board_errors import KINDS, classify, explain

# What curl_cffi says when the computer is offline (JobSpy keeps only this text).
CURL_OFFLINE = (
    "Failed to perform, curl: (6) Could not resolve host: www.hellowork.com (Domain name not found). "
    "See https://curl.se/libcurl/c/libcurl-errors.html first for more details."
)


def _http_error(status: int) -> httpx.HTTPStatusError:
    request = httpx.Request("GET", "https://example.org/search")
    response = httpx.Response(status, request=request)
    return httpx.HTTPStatusError(f"Client error '{status}'", request=request, response=response)


@pytest.mark.parametrize(
    ("error", "kind", "status"),
    [
        (CurlError(CURL_OFFLINE, code=6), "offline", None),
        (DNSError("Could not resolve host", code=6), "offline", None),
        (CURL_OFFLINE, "offline", None),
        (httpx.ConnectError("[Errno -3] Temporary failure in name resolution"), "offline", None),
        (
            requests.ConnectionError("Failed to resolve 'x.fr' ([Errno -2] Name or service not known)"),
            "offline",
            None,
        ),
        (httpx.ConnectError("[Errno 111] Connection refused"), "refused", None),
        (CurlError("curl: (7) Failed to connect to 127.0.0.1 port 9", code=7), "refused", None),
        (ConnectionRefusedError(111, "refused"), "refused", None),
        (httpx.ConnectTimeout("timed out"), "timeout", None),
        (Timeout("Operation timed out after 30001 milliseconds", code=28), "timeout", None),
        (TimeoutError("300 s"), "timeout", None),
        (CertificateVerifyError("SSL certificate problem: unable to get local issuer", code=60), "tls", None),
        (_http_error(403), "blocked", 403),
        (_http_error(429), "blocked", 429),
        (ValueError("response status code 429 (blocked: use a proxy)"), "blocked", 429),
        (_http_error(404), "query", 404),
        (_http_error(503), "server", 503),
        (ValueError("no title link in card"), "other", None),
    ],
)
def test_classify_real_exceptions(error, kind, status):
    failure = classify(error)
    assert (failure.kind, failure.status) == (kind, status)


def test_offline_is_one_human_sentence_without_curl_jargon():
    for error in (CurlError(CURL_OFFLINE, code=6), CURL_OFFLINE):
        message = explain("hellowork", error)
        assert message.startswith("HelloWork could not be reached")
        assert "internet connection" in message
        assert "curl" not in message.lower() and "http" not in message.lower()
        assert message.count(".") == 1 and message.endswith(".")  # one sentence


def test_unknown_failure_keeps_its_words_but_not_libcurl_links():
    message = explain(
        "indeed", CurlError("Failed to perform, curl: (99) weird. See https://curl.se/x", code=99)
    )
    assert "(curl: (99) weird)" in message and "https://" not in message
    assert "try another board" in message


@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_has_a_french_sentence_with_the_same_placeholders(kind):
    en, fr = catalogue("en")[f"board_error.{kind}"], catalogue("fr")[f"board_error.{kind}"]
    assert placeholders(fr) == placeholders(en) and "board" in placeholders(en)
    assert fr != en


def test_a_board_sentence_renders_in_french_from_its_key():
    offline = explain("hellowork", CURL_OFFLINE)
    assert offline.key == "board_error.offline"
    assert offline.render("fr").startswith("HelloWork est injoignable : cet ordinateur semble hors ligne")
    blocked = explain("indeed", _http_error(403))
    assert blocked.render("fr").startswith("Indeed bloque pour l'instant") and "(HTTP 403)" in blocked.render(
        "fr"
    )
    assert blocked.render("en") == blocked


def test_a_logged_board_sentence_without_its_key_still_reads_in_french():
    """Rows logged before messages kept their key: the English sentence is recognised."""
    blocked = "indeed: " + explain("indeed", _http_error(403))
    assert localise_text(blocked, "fr").startswith("indeed: Indeed bloque pour l'instant")
    assert "(HTTP 403)" in localise_text(blocked, "fr")
    assert localise_text(blocked, "en") == blocked
    assert localise_text("hellowork: 3 offer(s)", "fr") == "hellowork: 3 offer(s)"  # not a failure: unchanged
