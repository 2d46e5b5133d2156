"""Static files under a content-hashed path, cached for good, and compressed responses.

The page links its CSS and scripts as ``/assets/<digest>/js/app.js``, where ``<digest>`` hashes
every file of ``static/``. The scripts import each other by relative paths (``./dom.js``), so
the modules they import carry the same digest without knowing it. Any change to a static file
gives new addresses, so the browser may keep them for a year without asking again: a reload
fetches only the page and the API's data. ``/static/...`` still works (revalidated each time).

Responses (the page, scripts, styles, the API's JSON, exports) are compressed with
flask-compress: brotli or gzip, whichever the browser accepts.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from flask import Flask, Response, abort, send_from_directory, url_for
from flask_compress import Compress

#: One year: an asset's address changes whenever its content does.
MAX_AGE = 365 * 24 * 3600


def static_digest(folder: Path) -> str:
    """A short hash of every file's relative path and bytes: changes when any static file does."""
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(path.relative_to(folder).as_posix().encode() + b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def install(app: Flask) -> None:
    """The ``/assets/<digest>/<file>`` route, ``asset_url()`` for the templates, compression."""
    folder = Path(str(app.static_folder))
    current = static_digest(folder)

    def asset(digest: str, filename: str) -> Response:
        if digest != current:  # an address from before an upgrade: its content is gone
            abort(404)
        resp = send_from_directory(folder, filename, max_age=MAX_AGE)
        resp.headers["Cache-Control"] = f"public, max-age={MAX_AGE}, immutable"
        return resp

    app.add_url_rule("/assets/<digest>/<path:filename>", "asset", asset)
    app.add_template_global(lambda filename: url_for("asset", digest=current, filename=filename), "asset_url")

    app.config.update(
        COMPRESS_ALGORITHM=["br", "gzip"],
        # files are sent as streams: compressed as they are read, still answering If-None-Match
        COMPRESS_ALGORITHM_STREAMING=["br", "deflate"],
        COMPRESS_STREAMING_ENDPOINT_CONDITIONAL=["static", "asset"],
    )
    Compress(app)
