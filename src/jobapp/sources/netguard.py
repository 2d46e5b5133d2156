"""SSRF guard: which URLs the app may fetch on the user's behalf.

The web app fetches offer URLs typed by whoever can reach it. Without a guard, a URL such as
``http://169.254.169.254/latest/meta-data/`` (cloud credentials) or ``http://127.0.0.1:6379/`` (the
local Redis) would make the app a proxy into the user's own network. So: only http(s), and every
address the host name resolves to must be public, unless ``JOBAPP_ALLOW_PRIVATE_URLS=1``.

The check runs on *resolved* addresses (so ``http://2130706433/``, ``0x7f.1`` or a DNS name pointing
at 10.0.0.1 are caught), on every redirect hop, and :mod:`jobapp.sources.url` connects to the very
address that was checked (DNS pinning), which closes the DNS-rebinding window. Limitation: when an
HTTP proxy is used the proxy resolves names itself; the fetcher therefore ignores proxy variables.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import httpx

from jobapp import config
from jobapp.errors import BlockedUrl, SourceError

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network
Resolver = Callable[[str, int], list[str]]

ALLOW_HINT = (
    "If you really want to fetch addresses on your own machine or network (e.g. a local test server), "
    "set JOBAPP_ALLOW_PRIVATE_URLS=1."
)
_NAT64 = ipaddress.ip_network("64:ff9b::/96")


def system_resolver(host: str, port: int) -> list[str]:
    """Every address the system resolver gives for ``host`` (IPv4 and IPv6)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise SourceError(
            f"Cannot resolve the host name {host!r} ({exc}).",
            hint="Check the address, and that this machine is connected to the internet.",
        ) from None
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def _embedded_ipv4(ip: IPAddress) -> ipaddress.IPv4Address | None:
    """The IPv4 address hidden in an IPv6 one (mapped ::ffff:a.b.c.d, 6to4, Teredo, NAT64)."""
    if not isinstance(ip, ipaddress.IPv6Address):
        return None
    if ip.ipv4_mapped:
        return ip.ipv4_mapped
    if ip.sixtofour:
        return ip.sixtofour
    if ip.teredo:
        return ip.teredo[1]
    if ip in _NAT64:
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return None


def why_not_public(ip: IPAddress) -> str | None:
    """Why an address is off limits ("a loopback address"...), or None when it is public."""
    inner = _embedded_ipv4(ip)
    if inner is not None:
        reason = why_not_public(inner)
        return f"{reason} (inside the IPv6 address {ip})" if reason else None
    checks = (
        ("is_unspecified", "an unspecified address"),
        ("is_loopback", "a loopback address (this machine)"),
        ("is_link_local", "a link-local address (e.g. cloud metadata 169.254.169.254)"),
        ("is_multicast", "a multicast address"),
        ("is_reserved", "a reserved address"),
        ("is_private", "a private-network address"),
    )
    for attribute, reason in checks:
        if getattr(ip, attribute):
            return reason
    if not ip.is_global:
        return "not a public internet address"
    return None


@dataclass
class UrlGuard:
    """Checks URLs before each request. ``allow_private=None`` reads JOBAPP_ALLOW_PRIVATE_URLS.

    ``allowed_networks`` lets given private networks through while the rest stays blocked (tests use
    it to reach their own 127.0.0.1 server and still prove that a redirect to 10.0.0.1 is refused);
    ``resolver`` is injectable for the same reason.
    """

    allow_private: bool | None = None
    allowed_networks: Iterable[str] = ()
    resolver: Resolver = system_resolver
    _networks: list[IPNetwork] = field(init=False, default_factory=list)

    def __post_init__(self) -> None:
        self._networks = [ipaddress.ip_network(n, strict=False) for n in self.allowed_networks]

    def private_allowed(self) -> bool:
        if self.allow_private is not None:
            return self.allow_private
        return bool(config.get("JOBAPP_ALLOW_PRIVATE_URLS"))

    def check(self, url: str | httpx.URL) -> list[IPAddress]:
        """The checked addresses of the URL's host (connect to one of these), or BlockedUrl."""
        text = str(url)
        try:
            parsed = httpx.URL(text)
        except (httpx.InvalidURL, TypeError, ValueError) as exc:
            raise BlockedUrl(
                f"{text!r} is not a valid URL ({exc}).", hint="Give a full http(s):// address."
            ) from None
        if parsed.scheme not in ("http", "https"):
            scheme = parsed.scheme or "(none)"
            raise BlockedUrl(
                f"Refused to fetch {text!r}: only http:// and https:// addresses are allowed, not {scheme}.",
                hint="Give the offer's web address (https://...).",
            )
        host = parsed.host
        if not host:
            raise BlockedUrl(
                f"Refused to fetch {text!r}: the address has no host name.", hint="Give a full URL."
            )
        port = parsed.port or (443 if parsed.scheme == "https" else 80)
        try:
            literal: IPAddress | None = ipaddress.ip_address(host.strip("[]"))
        except ValueError:
            literal = None
        raw = [str(literal)] if literal is not None else self.resolver(host, port)
        addresses = [ipaddress.ip_address(a.split("%", 1)[0]) for a in raw]
        if not addresses:
            raise SourceError(f"The host name {host!r} resolves to no address.", hint="Check the address.")
        if self.private_allowed():
            return addresses
        for ip in addresses:
            if any(ip in network for network in self._networks):
                continue
            reason = why_not_public(ip)
            if reason:
                shown = host if literal is not None else f"{host} ({ip})"
                raise BlockedUrl(f"Refused to fetch {text!r}: {shown} is {reason}.", hint=ALLOW_HINT)
        return addresses


def check_url(url: str, *, allow_private: bool | None = None) -> list[IPAddress]:
    """Shortcut: check one URL with the default resolver and the configured policy."""
    return UrlGuard(allow_private=allow_private).check(url)
