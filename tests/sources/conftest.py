"""A real HTTP server on 127.0.0.1 serving pages we wrote, so scrapers and fetchers run for real offline.

Routes map a path (without query) to (status, headers, body) or to a callable(handler) -> that tuple.
Every request is recorded (path, query, headers) so tests can check what was sent.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

Route = (
    tuple[int, dict[str, str], bytes] | Callable[[BaseHTTPRequestHandler], tuple[int, dict[str, str], bytes]]
)


@dataclass
class LocalServer:
    httpd: ThreadingHTTPServer
    routes: dict[str, Route] = field(default_factory=dict)
    requests: list[dict[str, Any]] = field(default_factory=list)

    @property
    def port(self) -> int:
        return self.httpd.server_address[1]

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def url(self, path: str) -> str:
        return self.base + path

    def add(
        self,
        path: str,
        body: str | bytes = b"",
        status: int = 200,
        headers: dict[str, str] | None = None,
        content_type: str = "text/html; charset=utf-8",
    ) -> str:
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.routes[path] = (status, {"Content-Type": content_type, **(headers or {})}, data)
        return self.url(path)

    def hits(self, path: str) -> list[dict[str, Any]]:
        return [r for r in self.requests if r["path"] == path]


def _handler(server: LocalServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args: Any) -> None:
            pass

        def _serve(self) -> None:
            parts = urlsplit(self.path)
            length = int(self.headers.get("content-length") or 0)
            body = self.rfile.read(length) if length else b""
            server.requests.append(
                {
                    "path": parts.path,
                    "query": parse_qs(parts.query),
                    "headers": dict(self.headers),
                    "body": body,
                }
            )
            route = server.routes.get(parts.path)
            if route is None:
                status, headers, data = 404, {"Content-Type": "text/plain"}, b"not found"
            elif callable(route):
                status, headers, data = route(self)
            else:
                status, headers, data = route
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        do_GET = _serve
        do_POST = _serve

    return Handler


@pytest.fixture(scope="session")
def _server_session() -> Iterator[LocalServer]:
    server = LocalServer(httpd=None)  # type: ignore[arg-type]
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(server))
    httpd.daemon_threads = True
    httpd.handle_error = lambda request, address: None  # type: ignore[method-assign]  # clients hanging up on purpose
    server.httpd = httpd
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield server
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def server(_server_session: LocalServer) -> Iterator[LocalServer]:
    """The local server with routes and recorded requests emptied for each test."""
    _server_session.routes.clear()
    _server_session.requests.clear()
    yield _server_session
    _server_session.routes.clear()


def _load_pages() -> Any:
    """The page builders (sources_pages.py), loaded by path: the suite uses --import-mode=importlib."""
    import importlib.util
    from pathlib import Path

    path = Path(__file__).with_name("sources_pages.py")
    spec = importlib.util.spec_from_file_location("jobapp_tests_sources_pages", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


PAGES = _load_pages()


@pytest.fixture
def pages() -> Any:
    return PAGES
