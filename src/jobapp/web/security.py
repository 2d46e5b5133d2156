"""Web security in one place: access token off-loopback, CSRF on state-changing requests, headers.

CSRF uses the double-submit pattern: the page carries a per-session token (also in the signed
session cookie) and every POST/PUT/PATCH/DELETE must echo it in the ``X-CSRF-Token`` header. A
cross-site form cannot read the page, so it cannot know the token.
"""

from __future__ import annotations

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


def _token_ok() -> bool:
    expected = current_app.config.get("ACCESS_TOKEN") or ""
    if not expected:
        return True
    if session.get("authed"):
        return True
    given = request.args.get("token") or ""
    auth = request.headers.get("Authorization", "")
    if auth.startswith("Bearer "):
        given = auth[7:]
    if given and hmac.compare_digest(given, expected):
        session["authed"] = True
        return True
    return False


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

    @app.before_request
    def _guard() -> Response | None:
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
            if not sent or not hmac.compare_digest(sent, session.get("csrf", "")):
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
