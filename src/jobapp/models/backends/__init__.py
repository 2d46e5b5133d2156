"""Built-in model backends, registered in one place.

Each factory imports its backend module only when a model of that kind is first requested, so
registering them costs nothing and imports no ML library.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from jobapp.models.base import LLM, Embedder, Reranker


def _sentence_transformer(arg: str) -> Embedder:
    from jobapp.models.backends.sentence_transformers import SentenceTransformerEmbedder

    return SentenceTransformerEmbedder(arg)


def _bundled(arg: str) -> Embedder:
    from jobapp.models.backends.sentence_transformers import bundled_embedder

    return bundled_embedder(arg)


def _cross_encoder(arg: str) -> Reranker:
    from jobapp.models.backends.sentence_transformers import CrossEncoderReranker

    return CrossEncoderReranker(arg)


def _gguf(arg: str) -> LLM:
    from jobapp.models.backends.llamacpp import LlamaCppLLM

    return LlamaCppLLM(arg)


def _hf(arg: str) -> LLM:
    from jobapp.models.backends.transformers_llm import TransformersLLM

    return TransformersLLM(arg)


def _openai(arg: str) -> LLM:
    from jobapp.models.backends.openai_compat import OpenAICompatibleLLM

    return OpenAICompatibleLLM(arg)


def _local_server(kind: str) -> Callable[[str], LLM]:
    def make(arg: str) -> LLM:
        from jobapp.models.backends.openai_compat import OpenAICompatibleLLM
        from jobapp.models.local_servers import LOCAL_SERVERS

        return OpenAICompatibleLLM(arg, base_url=LOCAL_SERVERS[kind])

    return make


# The names the backends give their models (see each backend's __init__), known without loading
# them: a step whose results are all cached never loads its model.
def _gguf_name(arg: str) -> str:
    return f"gguf:{Path(arg).expanduser().name}"


def _bundled_name(arg: str) -> str:
    return f"bundled:{arg or 'all-MiniLM-L6-v2'}"


def _same(arg: str) -> str:
    return arg


def _prefixed(prefix: str) -> Callable[[str], str]:
    return lambda arg: f"{prefix}:{arg}"


def register_builtins() -> None:
    from jobapp.models.registry import register_embedder, register_llm, register_reranker

    register_embedder("sentence-transformers", _sentence_transformer, _same)
    register_embedder("st", _sentence_transformer, _same)
    register_embedder("bundled", _bundled, _bundled_name)
    register_reranker("cross-encoder", _cross_encoder, _same)
    register_llm("gguf", _gguf, _gguf_name)
    register_llm("hf", _hf, _prefixed("hf"))
    register_llm("openai", _openai, _prefixed("openai"))
    register_llm("ollama", _local_server("ollama"), _prefixed("openai"))  # Ollama at its default address
    register_llm("lmstudio", _local_server("lmstudio"), _prefixed("openai"))
