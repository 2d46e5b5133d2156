"""Web security in one place: access token off-loopback, CSRF on state-changing requests, headers.

CSRF uses the double-submit pattern: the page carries a per-session token (also in the signed
session cookie) and every POST/PUT/PATCH/DELETE must echo it in the ``X-CSRF-Token`` header. A
cross-site form cannot read the page, so it cannot know the token.

On loopback no access token is asked, so the Host header is checked instead: a web page whose
name an attacker rebinds to 127.0.0.1 (DNS rebinding) reaches the app with its own name in Host
and gets 400, so it can read neither the page nor the CV. Tokens are compared as bytes (any
character a client sends is a clean 401/403, never a crash) and a session remembers *which*
access token it was let in with, so a restart with a new token signs every session out.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from flask import Flask, Response, abort, current_app, jsonify, request, session

from jobapp import config
from jobapp.cli.server import is_loopback

SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}


def csrf_token() -> str:
    token = session.get("csrf")
    if not token:
        token = secrets.token_urlsafe(32)
        session["csrf"] = token
    return str(token)


def same_secret(given: str, expected: str) -> bool:
    """Constant-time comparison of two secrets as UTF-8 bytes (``compare_digest`` refuses non-ASCII str)."""
    return bool(given) and hmac.compare_digest(
        given.encode("utf-8", "surrogatepass"), expected.encode("utf-8", "surrogatepass")
    )


def _token_mark(token: str) -> str:
    """What a session keeps of the access token it was let in with (never the token itself)."""
    return hashlib.sha256(b"jobapp-session:" + token.encode("utf-8")).hexdigest()[:32]


def _token_ok() -> bool:
    expected = current_app.config.get("ACCESS_TOKEN") or ""
    if not expected:
        return True
    if session.get("authed") == _token_mark(expected):
        return True
    given = request.args.get("token") or ""
    auth = request.headers.get("Authorization", "")
    if auth.startswith("Bearer "):
        given = auth[7:]
    if same_secret(given, expected):
        session["authed"] = _token_mark(expected)
        return True
    return False


def _host_name(host: str) -> str:
    """The name part of a Host header: "127.0.0.1:5000" -> "127.0.0.1", "[::1]:5000" -> "::1"."""
    host = host.strip().lower()
    if host.startswith("["):
        return host[1 : host.find("]")] if "]" in host else host
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


def host_allowed(host: str, allowed: set[str]) -> bool:
    """This machine's own names (localhost, *.localhost, loopback addresses) or a listed one."""
    name = _host_name(host).rstrip(".")
    return name in allowed or name.endswith(".localhost") or is_loopback(name)


def _json_error(status: int, code: str, message: str, hint: str = "") -> Response:
    body = {"error": code, "message": message}
    if hint:
        body["hint"] = hint
    resp = jsonify(body)
    resp.status_code = status
    return resp


def install(app: Flask) -> None:
    host = config.get("JOBAPP_HOST")
    token = config.get("JOBAPP_TOKEN")
    app.config["ACCESS_TOKEN"] = token or ("" if is_loopback(host) else secrets.token_urlsafe(32))
    allowed = {host.lower()} | {
        h.strip().lower() for h in (config.get("JOBAPP_ALLOWED_HOSTS") or "").split(",") if h.strip()
    }

    @app.before_request
    def _guard() -> Response | None:
        # With no access token, only the names of this machine may reach the app (DNS rebinding).
        if not app.config["ACCESS_TOKEN"] and not host_allowed(request.host, allowed):
            return _json_error(
                400,
                "host",
                "This address is not one Job App Assistant answers to.",
                "Open it at http://127.0.0.1 or http://localhost, or add the name to JOBAPP_ALLOWED_HOSTS.",
            )
        if request.endpoint == "static":
            return None
        if not _token_ok():
            return _json_error(
                401,
                "unauthorized",
                "This Job App Assistant needs its access token.",
                "Open the URL with ?token=<JOBAPP_TOKEN> or send 'Authorization: Bearer <token>'.",
            )
        if request.method not in SAFE_METHODS and not app.config.get("CSRF_DISABLED"):
            sent = request.headers.get("X-CSRF-Token", "")
            if not same_secret(sent, str(session.get("csrf", ""))):
                return _json_error(
                    403,
                    "csrf",
                    "Missing or wrong CSRF token.",
                    "Reload the page; API clients must first GET /api/csrf and send the "
                    "token in the X-CSRF-Token header.",
                )
        return None

    @app.after_request
    def _headers(resp: Response) -> Response:
        resp.headers.setdefault("X-Content-Type-Options", "nosniff")
        resp.headers.setdefault("X-Frame-Options", "DENY")
        resp.headers.setdefault("Referrer-Policy", "same-origin")
        # Everything is served by the app itself (no CDN): the app works offline and no script can be
        # injected from elsewhere.
        resp.headers.setdefault(
            "Content-Security-Policy",
            "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
            "script-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
        )
        return resp


def require(condition: bool, status: int = 400) -> None:
    if not condition:
        abort(status)
