"""Any OpenAI-compatible chat server: Ollama, LM Studio, llama.cpp's server, vLLM, a cloud API.

Servers differ in what they accept for structured output, so the backend degrades step by step:
``response_format: json_schema`` (constrained decoding), then ``json_object`` (valid JSON, schema
only in the prompt), then plain text with the schema in the prompt. The first mode a server
accepts is remembered per (base URL, model) for the rest of the process, so the rejected
attempts are paid once. Transient failures (connection refused/reset, 5xx, 429) are retried with
exponential backoff; a server that does not answer within ``JOBAPP_LLM_TIMEOUT`` is reported at
once (retrying a hung server would multiply the wait).
"""

from __future__ import annotations

import json
import logging
import threading
import time
from typing import Any, ClassVar

import httpx

from jobapp import config
from jobapp.errors import ModelUnavailable
from jobapp.models.backends.llamacpp import response_format_for
from jobapp.models.base import LLM, GenerationFailed, Message
from jobapp.models.jsontext import reply_for_schema, with_schema_instruction

log = logging.getLogger("jobapp.models")

MODES = ("json_schema", "json_object", "text")
RETRY_STATUS = frozenset({429, 500, 502, 503, 504})
REJECTED_FORMAT_STATUS = frozenset({400, 422})


class OpenAICompatibleLLM(LLM):
    """``openai:MODEL`` at ``JOBAPP_LLM_BASE_URL`` (with ``JOBAPP_LLM_API_KEY`` when set)."""

    supports_schema = True
    #: structured-output mode each (base_url, model) accepted, shared by all instances.
    _accepted_mode: ClassVar[dict[tuple[str, str], str]] = {}
    _mode_lock: ClassVar[threading.Lock] = threading.Lock()

    def __init__(
        self,
        model: str,
        *,
        base_url: str | None = None,
        api_key: str | None = None,
        timeout: float | None = None,
        retries: int = 3,
        backoff: float = 0.5,
    ) -> None:
        if not model:
            raise ModelUnavailable(
                "No model name after 'openai:'.", hint="Example: JOBAPP_LLM=openai:qwen2.5:1.5b"
            )
        self.model = model
        self.name = f"openai:{model}"
        self.base_url = (base_url or str(config.get("JOBAPP_LLM_BASE_URL"))).rstrip("/")
        self.timeout = float(timeout if timeout is not None else config.get("JOBAPP_LLM_TIMEOUT"))
        self.retries = retries
        self.backoff = backoff
        key = api_key if api_key is not None else str(config.get("JOBAPP_LLM_API_KEY"))
        headers = {"Authorization": f"Bearer {key}"} if key else {}
        self.client = httpx.Client(
            base_url=self.base_url,
            headers=headers,
            timeout=httpx.Timeout(self.timeout, connect=min(self.timeout, 10.0)),
        )
        self.supports_schema = self.mode() == "json_schema"
        # httpx.Client is thread-safe; the server batches concurrent requests (llama.cpp slots, vLLM)
        self.parallel = max(1, int(config.get("JOBAPP_LLM_PARALLEL")))

    def mode(self) -> str:
        """Structured-output mode used for this model (``json_schema`` until a server rejects it)."""
        return self._accepted_mode.get((self.base_url, self.model), MODES[0])

    def generate(
        self,
        messages: list[Message],
        schema: dict[str, Any] | None = None,
        max_tokens: int | None = None,
        temperature: float = 0.0,
    ) -> str | dict[str, Any]:
        body: dict[str, Any] = {
            "model": self.model,
            "max_tokens": int(max_tokens or config.get("JOBAPP_LLM_MAX_TOKENS")),
            "temperature": temperature,
            "stream": False,
        }
        if schema is None:
            return self._content(self._post({**body, "messages": messages}))
        first_rejection: httpx.Response | None = None
        for mode in MODES[MODES.index(self.mode()) :]:
            request = {
                **body,
                "messages": messages if mode == "json_schema" else with_schema_instruction(messages, schema),
            }
            if mode == "json_schema":
                request["response_format"] = response_format_for(schema)
            elif mode == "json_object":
                request["response_format"] = {"type": "json_object"}
            response = self._post(request, allow_status=REJECTED_FORMAT_STATUS)
            if response.status_code in REJECTED_FORMAT_STATUS:
                log.info(
                    "%s rejected response_format=%s (%s): falling back", self.name, mode, response.status_code
                )
                first_rejection = first_rejection or response
                continue
            self._remember(mode)
            return reply_for_schema(self._content(response))
        assert first_rejection is not None
        raise self._http_error(first_rejection)

    def _remember(self, mode: str) -> None:
        with self._mode_lock:
            self._accepted_mode[(self.base_url, self.model)] = mode
        self.supports_schema = mode == "json_schema"

    def _post(self, body: dict[str, Any], allow_status: frozenset[int] = frozenset()) -> httpx.Response:
        """POST /chat/completions with retries; returns a 2xx response (or one in ``allow_status``)."""
        last_error: Exception | None = None
        response: httpx.Response | None = None
        for attempt in range(self.retries + 1):
            if attempt:
                time.sleep(self._delay(attempt, response))
            try:
                response = self.client.post("/chat/completions", json=body)
            except (
                httpx.ConnectError,
                httpx.ConnectTimeout,
                httpx.RemoteProtocolError,
                httpx.WriteError,
            ) as exc:
                last_error, response = exc, None
                continue
            except httpx.TimeoutException as exc:
                raise ModelUnavailable(
                    f"The LLM server at {self.base_url} did not answer within {self.timeout:g} s.",
                    hint="Raise JOBAPP_LLM_TIMEOUT, use a smaller model, or check the server's load.",
                ) from exc
            except httpx.HTTPError as exc:
                last_error, response = exc, None
                continue
            if response.status_code in RETRY_STATUS:
                continue
            if response.is_success or response.status_code in allow_status:
                return response
            raise self._http_error(response)
        if response is not None:
            raise self._http_error(response)
        raise ModelUnavailable(
            f"No OpenAI-compatible server answers at {self.base_url} ({type(last_error).__name__}).",
            hint="Start Ollama / LM Studio / a llama.cpp server, or set JOBAPP_LLM_BASE_URL "
            "(or JOBAPP_LLM=none, or the offline profile's bundled model).",
        ) from last_error

    def _delay(self, attempt: int, response: httpx.Response | None) -> float:
        delay = self.backoff * 2 ** (attempt - 1)
        if response is not None and response.headers.get("retry-after", "").isdigit():
            delay = max(delay, min(float(response.headers["retry-after"]), 30.0))
        return delay

    def _http_error(self, response: httpx.Response) -> ModelUnavailable | GenerationFailed:
        """Auth, unknown model and server errors need the user; other 4xx concern this request only."""
        message = (
            f"The LLM server at {self.base_url} answered HTTP {response.status_code}: {response.text[:300]}"
        )
        if response.status_code in (401, 403):
            return ModelUnavailable(message, hint="Set JOBAPP_LLM_API_KEY to a key this server accepts.")
        if response.status_code == 404:
            return ModelUnavailable(
                message,
                hint=f"Check the model name (e.g. `ollama pull {self.model}`) and that "
                "JOBAPP_LLM_BASE_URL ends in /v1.",
            )
        if response.status_code >= 500 or response.status_code == 429:
            return ModelUnavailable(
                message, hint="The server keeps failing: see its log, or set JOBAPP_LLM=none."
            )
        return GenerationFailed(
            message, hint="The request was refused (too long an input?): see the server's log."
        )

    def _content(self, response: httpx.Response) -> str:
        try:
            data = response.json()
            return str(data["choices"][0]["message"].get("content") or "")
        except (json.JSONDecodeError, KeyError, IndexError, TypeError) as exc:
            raise ModelUnavailable(
                f"The server at {self.base_url} did not answer like an OpenAI chat API: {response.text[:200]}",
                hint="JOBAPP_LLM_BASE_URL must point at the /v1 root of an OpenAI-compatible server.",
            ) from exc

    def close(self) -> None:
        self.client.close()
