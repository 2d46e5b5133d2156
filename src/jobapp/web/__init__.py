"""The web app: Flask app factory, the JSON API (``/api``) and the pages."""

from __future__ import annotations

import os
import secrets
from typing import Any

from flask import Flask, request
from werkzeug.exceptions import HTTPException
from werkzeug.routing import IntegerConverter, Map

from jobapp import config


class DatabaseId(IntegerConverter):
    """``<int:...>`` in the app's routes: at most the largest id a database row can have."""

    def __init__(self, url_map: Map, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("max", 2**63 - 1)
        super().__init__(url_map, *args, **kwargs)


def _secret_key() -> bytes:
    """A per-installation secret for signed session cookies, kept in the data dir.

    Never readable by others, not even for an instant: the key is written to a temporary file
    created 0600 with O_CREAT | O_EXCL, then published with a hard link, which fails if another
    process got there first (both then read the same, complete key)."""
    path = config.data_path("secret_key")
    if not path.exists():
        temporary = path.with_name(f".secret_key.{os.getpid()}.{secrets.token_hex(4)}")
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(secrets.token_bytes(32))
                fh.flush()
                os.fsync(fh.fileno())
            try:
                os.link(temporary, path)
            except FileExistsError:
                pass
            except OSError:  # a file system without hard links: a plain rename, same mode
                if not path.exists():
                    os.replace(temporary, path)
        finally:
            temporary.unlink(missing_ok=True)
    config.private_file(path)  # a key left 0644 by an older version is tightened
    return path.read_bytes()


def create_app(testing: bool = False) -> Flask:
    from jobapp.web import api, assets, security

    app = Flask(__name__)
    app.config.update(
        SECRET_KEY=_secret_key(),
        MAX_CONTENT_LENGTH=int(config.get("JOBAPP_MAX_UPLOAD_MB") * 1024 * 1024),
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Strict",
        TESTING=testing,
        JSON_SORT_KEYS=False,
    )
    # Record ids are 64-bit signed integers in SQLite and PostgreSQL: a larger id in a URL is no
    # record (404), not a database overflow (500).
    app.url_map.converters["int"] = DatabaseId
    security.install(app)
    assets.install(app)
    app.register_blueprint(api.bp, url_prefix="/api")

    @app.errorhandler(HTTPException)
    def _unrouted(exc: HTTPException) -> Any:
        # A URL under /api that matches no route (unknown path, an id too large, a wrong method)
        # never reaches the blueprint's handlers: answer in JSON there too.
        if request.path.startswith("/api/"):
            return api.http_error(exc)
        return exc

    try:
        from jobapp.web import pages
    except ImportError:  # pages not built yet: the API alone still works
        pages = None  # type: ignore[assignment]
    if pages is not None:
        app.register_blueprint(pages.bp)
    return app
