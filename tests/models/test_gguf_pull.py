"""`jobapp models pull qwen2.5-1.5b` against a real HTTP server standing for the hub (no internet here).

The server answers the hub's file routes as huggingface_hub expects them (HEAD with the commit,
the size and the file's SHA-256 as ETag, then GET). A file whose bytes do not match the ETag must
be refused and deleted.
"""

from __future__ import annotations

import hashlib
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from jobapp.errors import ModelUnavailable
from jobapp.models import gguf_pull

pytest.importorskip("huggingface_hub")

COMMIT = "a" * 40


class Hub:
    def __init__(self, body: bytes, advertised: bytes | None = None, missing: bool = False) -> None:
        self.body, self.missing = body, missing
        self.sha = hashlib.sha256(advertised if advertised is not None else body).hexdigest()
        self.paths: list[str] = []


def _handler(hub: Hub) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def _headers(self) -> bool:
            hub.paths.append(self.path)
            if "/resolve/" not in self.path or hub.missing:
                self.send_response(404)
                self.end_headers()
                return False
            self.send_response(200)
            self.send_header("X-Repo-Commit", COMMIT)
            self.send_header("ETag", f'"{hub.sha}"')
            self.send_header("X-Linked-Etag", f'"{hub.sha}"')
            self.send_header("X-Linked-Size", str(len(hub.body)))
            self.send_header("Content-Length", str(len(hub.body)))
            self.send_header("Content-Type", "application/octet-stream")
            self.end_headers()
            return True

        def do_HEAD(self) -> None:
            self._headers()

        def do_GET(self) -> None:
            if self._headers():
                self.wfile.write(hub.body)

        def log_message(self, *args: object) -> None:
            pass

    return Handler


@pytest.fixture
def serve(tmp_path, monkeypatch):
    # the suite forbids the real hub (HF_HUB_OFFLINE); this test's hub is a loopback server
    monkeypatch.setenv("HF_HUB_OFFLINE", "0")
    monkeypatch.setattr("huggingface_hub.constants.HF_HUB_OFFLINE", False)
    monkeypatch.setenv("HF_HUB_CACHE", str(tmp_path / "hf-cache"))
    monkeypatch.setattr("huggingface_hub.constants.HF_HUB_CACHE", str(tmp_path / "hf-cache"))
    servers = []

    def start(hub: Hub) -> str:
        server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(hub))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}"

    yield start
    for server in servers:
        server.shutdown()


def test_pull_downloads_the_gguf_checks_its_sha256_and_the_reference_profile_uses_it(serve, monkeypatch):
    from jobapp.models import profiles

    body = b"GGUF" + bytes(range(256)) * 40
    hub = Hub(body)
    endpoint = serve(hub)
    assert gguf_pull.pulled_path("qwen2.5-1.5b") is None
    assert profiles._reference_llm() == "hf:Qwen/Qwen2.5-1.5B-Instruct"
    path = gguf_pull.pull_gguf("qwen2.5-1.5b", endpoint=endpoint)
    assert path.read_bytes() == body
    assert path.name == "qwen2.5-1.5b-instruct-q4_k_m.gguf"
    assert any("Qwen/Qwen2.5-1.5B-Instruct-GGUF/resolve/" in p for p in hub.paths)
    assert gguf_pull.pulled_path("qwen2.5-1.5b") == path
    assert profiles._reference_llm() == f"gguf:{path}"


def test_a_file_that_does_not_match_the_hubs_sha256_is_deleted_and_refused(serve):
    endpoint = serve(Hub(b"GGUF truncated", advertised=b"GGUF the real model bytes"))
    with pytest.raises(ModelUnavailable, match="corrupt"):
        gguf_pull.pull_gguf("qwen2.5-3b", endpoint=endpoint)
    assert gguf_pull.pulled_path("qwen2.5-3b") is None


def test_unknown_names_and_files_the_hub_lacks_are_clear_errors(serve):
    from jobapp.errors import InvalidInput

    with pytest.raises(InvalidInput, match=r"qwen2\.5-1\.5b"):
        gguf_pull.pull_gguf("llama-70b")
    with pytest.raises(ModelUnavailable, match="failed"):
        gguf_pull.pull_gguf("qwen2.5-1.5b", endpoint=serve(Hub(b"", missing=True)))
