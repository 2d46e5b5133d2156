"""The web app: Flask app factory, the JSON API (``/api``) and the pages."""

from __future__ import annotations

import secrets

from flask import Flask

from jobapp import config


def _secret_key() -> bytes:
    """A per-installation secret for signed session cookies, kept in the data dir."""
    path = config.data_path("secret_key")
    if not path.exists():
        path.write_bytes(secrets.token_bytes(32))
        path.chmod(0o600)
    return path.read_bytes()


def create_app(testing: bool = False) -> Flask:
    from jobapp.web import api, security

    app = Flask(__name__)
    app.config.update(
        SECRET_KEY=_secret_key(),
        MAX_CONTENT_LENGTH=int(config.get("JOBAPP_MAX_UPLOAD_MB") * 1024 * 1024),
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Strict",
        TESTING=testing,
        JSON_SORT_KEYS=False,
    )
    security.install(app)
    app.register_blueprint(api.bp, url_prefix="/api")
    try:
        from jobapp.web import pages
    except ImportError:  # pages not built yet: the API alone still works
        pages = None  # type: ignore[assignment]
    if pages is not None:
        app.register_blueprint(pages.bp)
    return app
