"""Model layer: Embedder, Reranker and LLM interfaces, their backends, a registry and profiles.

Steps obtain models with ``get_embedder()``, ``get_reranker()`` and ``get_llm()``; nothing heavy is
imported until a model is actually loaded.
"""

from jobapp.models.base import LLM, Embedder, Message, Reranker
from jobapp.models.registry import (
    clear_cache,
    get_embedder,
    get_llm,
    get_reranker,
    register_embedder,
    register_llm,
    register_reranker,
)

__all__ = [
    "LLM",
    "Embedder",
    "Message",
    "Reranker",
    "clear_cache",
    "get_embedder",
    "get_llm",
    "get_reranker",
    "register_embedder",
    "register_llm",
    "register_reranker",
]
