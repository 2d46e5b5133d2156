"""Where model backends are registered and where the configured models are obtained.

A backend is added in one place (simonw/llm's ``register_*`` hooks): ``register_embedder("kind",
factory)``. A *spec* names a model: ``"kind:argument"`` (``gguf:/models/q.gguf``,
``openai:qwen2.5``, ``hf:Qwen/Qwen2.5-1.5B-Instruct``) or, for embedders and rerankers, a bare
Hugging Face name / local path, which goes to the sentence-transformers backends. The factory
receives the argument (the part after ``kind:``) and returns an instance.

``get_embedder()`` / ``get_reranker()`` / ``get_llm()`` resolve the configured spec (settings
``JOBAPP_EMBEDDER``, ``JOBAPP_RERANKER``, ``JOBAPP_LLM`` over the ``JOBAPP_PROFILE`` defaults, see
:mod:`jobapp.models.profiles`) and cache the instance per process keyed by spec: a model is loaded
once and reused by every step, request and task of the process. ``clear_cache()`` forgets them
(tests, or after settings change).

Importing this module imports no ML library; backends import theirs when first instantiated.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from jobapp.errors import InvalidInput
from jobapp.models.base import LLM, Embedder, Reranker

EmbedderFactory = Callable[[str], Embedder]
RerankerFactory = Callable[[str], Reranker]
LLMFactory = Callable[[str], LLM]
#: Gives the name a spec's model stores its results under, from the spec's argument, without loading it.
NameFn = Callable[[str], str]

#: Default kind of a bare spec (no registered ``kind:`` prefix).
DEFAULT_EMBEDDER_KIND = "sentence-transformers"
DEFAULT_RERANKER_KIND = "cross-encoder"
#: Reranker specs meaning "no cross-encoder" (the hybrid score runs without one).
NO_CROSS_ENCODER = frozenset({"", "hybrid", "none"})

_embedders: dict[str, EmbedderFactory] = {}
_rerankers: dict[str, RerankerFactory] = {}
_llms: dict[str, LLMFactory] = {}
_instances: dict[tuple[str, str], Any] = {}
_namers: dict[tuple[str, str], NameFn] = {}
_lock = threading.RLock()
_builtins_loaded = False


def register_embedder(kind: str, factory: EmbedderFactory, name: NameFn | None = None) -> None:
    """Make ``kind:ARG`` embedder specs build with ``factory(ARG)`` (re-registering replaces)."""
    _embedders[kind] = factory
    _set_namer("embedder", kind, name)


def register_reranker(kind: str, factory: RerankerFactory, name: NameFn | None = None) -> None:
    """Make ``kind:ARG`` reranker specs build with ``factory(ARG)``."""
    _rerankers[kind] = factory
    _set_namer("reranker", kind, name)


def register_llm(kind: str, factory: LLMFactory, name: NameFn | None = None) -> None:
    """Make ``kind:ARG`` LLM specs build with ``factory(ARG)``."""
    _llms[kind] = factory
    _set_namer("llm", kind, name)


def _set_namer(role: str, kind: str, name: NameFn | None) -> None:
    if name is None:
        _namers.pop((role, kind), None)
    else:
        _namers[(role, kind)] = name


def unregister(role: str, kind: str) -> None:
    """Remove a registered kind (tests that register fakes clean up with this)."""
    _tables()[role].pop(kind, None)
    _namers.pop((role, kind), None)


def registered_kinds(role: str) -> list[str]:
    """Kinds known for ``role`` ('embedder', 'reranker' or 'llm'), built-ins included."""
    _load_builtins()
    return sorted(_tables()[role])


def _tables() -> dict[str, dict[str, Any]]:
    return {"embedder": _embedders, "reranker": _rerankers, "llm": _llms}


def _load_builtins() -> None:
    """Register the built-in backends once (their modules import nothing heavy at top level)."""
    global _builtins_loaded
    if _builtins_loaded:
        return
    with _lock:
        if _builtins_loaded:
            return
        from jobapp.models import backends

        backends.register_builtins()
        _builtins_loaded = True


def split_spec(role: str, spec: str) -> tuple[str, str]:
    """``(kind, argument)`` of a spec for ``role``.

    A prefix counts as a kind only when it is registered, so a local path or a Hugging Face name
    that happens to contain ':' still works as a bare spec for embedders and rerankers.
    """
    _load_builtins()
    table = _tables()[role]
    kind, sep, arg = spec.partition(":")
    if sep and kind in table:
        return kind, arg
    if role == "embedder":
        return DEFAULT_EMBEDDER_KIND, spec
    if role == "reranker":
        return DEFAULT_RERANKER_KIND, spec
    if spec.lower().endswith(".gguf"):
        return "gguf", spec
    raise InvalidInput(
        f"Unknown LLM {spec!r}.",
        hint="Set JOBAPP_LLM to 'none', 'gguf:PATH', 'hf:NAME_OR_PATH' or 'openai:MODEL' "
        f"(registered kinds: {', '.join(sorted(table))}).",
    )


def configured_spec(role: str) -> str:
    """The spec in effect for ``role``: its setting, else the profile's default."""
    from jobapp.models.profiles import resolve_spec

    return resolve_spec(role)


def _get(role: str, spec: str) -> Any:
    key = (role, spec)
    instance = _instances.get(key)
    if instance is not None:
        return instance
    with _lock:
        instance = _instances.get(key)
        if instance is None:
            kind, arg = split_spec(role, spec)
            instance = _tables()[role][kind](arg)
            namer = _namers.get((role, kind))
            if namer is not None:  # the name model_name() gave before loading, by construction
                instance.name = namer(arg)
            elif not getattr(instance, "name", None) or instance.name == role:
                instance.name = spec
            _instances[key] = instance
        return instance


def get_embedder(spec: str | None = None) -> Embedder:
    """The embedder for ``spec`` (default: the configured one), loaded once per process."""
    spec = configured_spec("embedder") if spec is None else spec.strip()
    if not spec:
        raise InvalidInput("No embedder configured.", hint="Set JOBAPP_EMBEDDER or JOBAPP_PROFILE.")
    embedder: Embedder = _get("embedder", spec)
    return embedder


def get_reranker(spec: str | None = None) -> Reranker | None:
    """The cross-encoder for ``spec`` (default: configured), or None for 'hybrid'/'none'."""
    spec = configured_spec("reranker") if spec is None else spec.strip()
    if spec.lower() in NO_CROSS_ENCODER:
        return None
    reranker: Reranker = _get("reranker", spec)
    return reranker


def get_llm(spec: str | None = None) -> LLM | None:
    """The LLM for ``spec`` (default: configured), or None for 'none' (steps then skip/fall back)."""
    spec = configured_spec("llm") if spec is None else spec.strip()
    if spec.lower() in {"", "none"}:
        return None
    llm: LLM = _get("llm", spec)
    return llm


def model_name(role: str, spec: str | None = None) -> str | None:
    """The name ``role``'s model (default: configured) stores its results under, or None when the
    role is off ('none' LLM, 'hybrid' reranker).

    Known without loading the model when its backend registered a namer, so a step whose results
    are all cached loads nothing; otherwise the model is loaded (once) to ask it.
    """
    spec = configured_spec(role) if spec is None else spec.strip()
    if role == "llm" and spec.lower() in {"", "none"}:
        return None
    if role == "reranker" and spec.lower() in NO_CROSS_ENCODER:
        return None
    if not spec:
        raise InvalidInput("No embedder configured.", hint="Set JOBAPP_EMBEDDER or JOBAPP_PROFILE.")
    loaded = _instances.get((role, spec))
    if loaded is not None:
        return str(loaded.name)
    kind, arg = split_spec(role, spec)
    namer = _namers.get((role, kind))
    return namer(arg) if namer is not None else str(_get(role, spec).name)


def cached_specs() -> list[tuple[str, str]]:
    """``(role, spec)`` of the models loaded in this process (for `jobapp models list`)."""
    return sorted(_instances)


def clear_cache() -> None:
    """Forget loaded models (closing LLM servers they started); the next ``get_*`` reloads."""
    with _lock:
        instances = list(_instances.values())
        _instances.clear()
    for instance in instances:
        close = getattr(instance, "close", None)
        if callable(close):
            close()
