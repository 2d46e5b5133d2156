"""The SSRF guard refuses non-http schemes and every non-public address, unless allowed."""

from __future__ import annotations

import pytest

from jobapp.errors import BlockedUrl
from jobapp.sources.netguard import UrlGuard, check_url, why_not_public


def fake_resolver(table):
    def resolve(host, port):
        return table[host]

    return resolve


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("http://127.0.0.1/", "loopback"),
        ("http://10.0.0.1/admin", "private"),
        ("http://192.168.1.1/", "private"),
        ("http://169.254.169.254/latest/meta-data/", "link-local"),
        ("http://[::1]:8080/", "loopback"),
        ("http://[::ffff:127.0.0.1]/", "inside the IPv6 address"),
        ("http://[::ffff:169.254.169.254]/", "link-local"),
        ("http://[fe80::1]/", "link-local"),
        ("http://[fc00::1]/", "private"),
        ("http://0.0.0.0/", "unspecified"),
        ("http://224.0.0.1/", "multicast"),
        ("http://240.0.0.1/", "reserved"),
        ("http://100.64.0.1/", "public"),  # carrier-grade NAT: not a public address
        ("http://localhost:6379/", "loopback"),  # a name resolving to loopback
        ("http://2130706433/", "loopback"),  # 127.0.0.1 written as one number
    ],
)
def test_private_addresses_are_refused_by_default(url, reason):
    with pytest.raises(BlockedUrl) as info:
        check_url(url)
    assert reason in info.value.message
    assert "JOBAPP_ALLOW_PRIVATE_URLS=1" in str(info.value)


@pytest.mark.parametrize(
    "url", ["file:///etc/passwd", "ftp://example.com/offer.txt", "gopher://x/", "javascript:alert(1)"]
)
def test_only_http_and_https(url):
    with pytest.raises(BlockedUrl, match="only http:// and https://"):
        check_url(url)


def test_a_name_resolving_to_a_private_address_is_refused():
    guard = UrlGuard(resolver=fake_resolver({"intranet.example.com": ["93.184.216.34", "10.1.2.3"]}))
    with pytest.raises(BlockedUrl, match=r"intranet.example.com \(10.1.2.3\) is a private-network address"):
        guard.check("https://intranet.example.com/jobs/1")


def test_public_addresses_pass_and_are_returned_for_pinning():
    guard = UrlGuard(resolver=fake_resolver({"jobs.example.com": ["93.184.216.34", "2606:2800:220:1::1"]}))
    addresses = guard.check("https://jobs.example.com/offre/42")
    assert [str(a) for a in addresses] == ["93.184.216.34", "2606:2800:220:1::1"]
    assert why_not_public(addresses[0]) is None


def test_setting_allows_private_addresses(monkeypatch):
    monkeypatch.setenv("JOBAPP_ALLOW_PRIVATE_URLS", "1")
    assert [str(a) for a in check_url("http://127.0.0.1:5000/")] == ["127.0.0.1"]
    with pytest.raises(BlockedUrl):  # the scheme rule still holds
        check_url("file:///etc/passwd")


def test_allowed_networks_open_only_those():
    guard = UrlGuard(allow_private=False, allowed_networks=["127.0.0.1/32"])
    assert guard.check("http://127.0.0.1:8000/")
    with pytest.raises(BlockedUrl):
        guard.check("http://127.0.0.2/")
    with pytest.raises(BlockedUrl):
        guard.check("http://10.0.0.1/")
