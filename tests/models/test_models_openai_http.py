"""The OpenAI-compatible backend against small scripted HTTP servers (fallbacks, retries, failures).

The same backend against a real llama.cpp server is in ``test_models_real.py``.
"""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from jobapp.errors import ModelUnavailable
from jobapp.models import registry
from jobapp.models.backends.openai_compat import OpenAICompatibleLLM
from jobapp.models.base import GenerationFailed

SCHEMA = {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]}
ASK = [{"role": "user", "content": "Capital of France?"}]

# (status, body) for a request body and its 1-based number
Script = Callable[[dict[str, Any], int], tuple[int, Any]]


def completion(content: str) -> dict[str, Any]:
    return {"choices": [{"index": 0, "message": {"role": "assistant", "content": content}}]}


class ScriptedServer:
    """A local HTTP server answering /v1/chat/completions from a script, recording the requests."""

    def __init__(self, script: Script, delay: float = 0.0) -> None:
        self.requests: list[dict[str, Any]] = []
        self.headers: list[dict[str, str]] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                outer.requests.append(body)
                outer.headers.append(dict(self.headers))
                if delay:
                    time.sleep(delay)
                status, payload = script(body, len(outer.requests))
                data = json.dumps(payload).encode()
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):
                    pass

            def log_message(self, *args: Any) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/v1"
        self.thread = threading.Thread(target=self.httpd.serve_forever, args=(0.05,), daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def serve():
    servers: list[ScriptedServer] = []

    def start(script: Script, delay: float = 0.0) -> ScriptedServer:
        server = ScriptedServer(script, delay)
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.close()


def client(url: str, model: str = "m", **kwargs: Any) -> OpenAICompatibleLLM:
    kwargs.setdefault("backoff", 0.05)
    return OpenAICompatibleLLM(model, base_url=url, **kwargs)


def test_json_schema_accepted(serve):
    server = serve(lambda body, n: (200, completion('{"city": "Paris"}')))
    llm = client(server.url, api_key="secret")
    assert llm.supports_schema
    assert llm.generate(ASK, schema=SCHEMA, max_tokens=20) == {"city": "Paris"}
    sent = server.requests[0]
    assert sent["response_format"]["type"] == "json_schema"
    assert sent["response_format"]["json_schema"]["schema"] == SCHEMA
    assert sent["max_tokens"] == 20 and sent["model"] == "m"
    assert server.headers[0]["Authorization"] == "Bearer secret"


def test_rejected_json_schema_falls_back_to_json_object_and_is_remembered(serve):
    def script(body, n):
        if body.get("response_format", {}).get("type") == "json_schema":
            return 400, {"error": {"message": "response_format json_schema not supported"}}
        return 200, completion('Sure: {"city": "Lyon"}')

    server = serve(script)
    llm = client(server.url, model="fallback-1")
    assert llm.generate(ASK, schema=SCHEMA) == {"city": "Lyon"}
    assert [r.get("response_format", {}).get("type") for r in server.requests] == [
        "json_schema",
        "json_object",
    ]
    assert "JSON schema" in server.requests[1]["messages"][0]["content"]  # schema moved into the prompt
    assert not llm.supports_schema and llm.mode() == "json_object"
    # remembered per model: the next call (even from a new instance) goes straight to json_object
    assert client(server.url, model="fallback-1").generate(ASK, schema=SCHEMA) == {"city": "Lyon"}
    assert len(server.requests) == 3 and server.requests[2]["response_format"]["type"] == "json_object"


def test_server_without_response_format_gets_plain_text(serve):
    def script(body, n):
        if "response_format" in body:
            return 422, {"detail": "unknown field response_format"}
        return 200, completion("The answer is Paris.")

    server = serve(script)
    llm = client(server.url, model="plain-1")
    assert llm.generate(ASK, schema=SCHEMA) == "The answer is Paris."  # raw text: jobapp.llm repairs
    assert llm.mode() == "text" and "response_format" not in server.requests[-1]
    assert llm.generate(ASK) == "The answer is Paris."


def test_bad_request_in_every_mode_is_not_remembered(serve):
    server = serve(lambda body, n: (400, {"error": "prompt too long"}))
    llm = client(server.url, model="toolong-1")
    with pytest.raises(GenerationFailed, match="400"):
        llm.generate(ASK, schema=SCHEMA)
    assert len(server.requests) == 3 and llm.mode() == "json_schema"


def test_server_error_is_retried(serve):
    server = serve(lambda body, n: (500, {"error": "busy"}) if n == 1 else (200, completion("bonjour")))
    assert client(server.url).generate(ASK) == "bonjour"
    assert len(server.requests) == 2


def test_persistent_429_gives_up_with_clear_error(serve):
    server = serve(lambda body, n: (429, {"error": "rate limited"}))
    with pytest.raises(ModelUnavailable, match="429"):
        client(server.url, retries=2).generate(ASK)
    assert len(server.requests) == 3


def test_bad_api_key_says_so(serve):
    server = serve(lambda body, n: (401, {"error": "bad key"}))
    with pytest.raises(ModelUnavailable) as info:
        client(server.url).generate(ASK)
    assert "JOBAPP_LLM_API_KEY" in str(info.value) and len(server.requests) == 1


def test_hanging_server_times_out_quickly(serve):
    server = serve(lambda body, n: (200, completion("too late")), delay=3.0)
    started = time.perf_counter()
    with pytest.raises(ModelUnavailable, match=r"did not answer within 0\.5 s"):
        client(server.url, timeout=0.5).generate(ASK)
    assert time.perf_counter() - started < 2.0
    assert len(server.requests) == 1  # a hung server is not retried


def test_connection_refused_is_a_clear_error(model_settings):
    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    url = f"http://127.0.0.1:{port}/v1"
    model_settings.setenv("JOBAPP_LLM_BASE_URL", url)
    llm = registry.get_llm("openai:qwen2.5")  # settings reach the backend through the registry
    try:
        llm.retries, llm.backoff = 2, 0.05
        started = time.perf_counter()
        with pytest.raises(ModelUnavailable) as info:
            llm.generate(ASK)
        assert time.perf_counter() - started < 2.0
        message = str(info.value)
        assert f"No OpenAI-compatible server answers at {url}" in message
        assert "JOBAPP_LLM_BASE_URL" in message
    finally:
        registry.clear_cache()


def test_non_openai_answer_is_reported(serve):
    server = serve(lambda body, n: (200, {"hello": "world"}))
    with pytest.raises(ModelUnavailable, match="OpenAI chat API"):
        client(server.url).generate(ASK)
