"""LLM servers a user may already run on this machine: Ollama and LM Studio.

Both speak the OpenAI chat API at a fixed default address, so a model the user already has there
is usable with one setting (``JOBAPP_LLM=ollama:qwen2.5:1.5b`` or ``lmstudio:MODEL``) and no
download. ``jobapp models list`` asks each address, briefly, which models it serves.
"""

from __future__ import annotations

from typing import Any

#: kind -> the server's OpenAI-compatible base URL at its default port
LOCAL_SERVERS = {
    "ollama": "http://127.0.0.1:11434/v1",
    "lmstudio": "http://127.0.0.1:1234/v1",
}
_NAMES = {"ollama": "Ollama", "lmstudio": "LM Studio"}


def served_models(base_url: str, timeout: float = 1.0) -> list[str] | None:
    """The model ids a server lists at ``/models``, or None when nothing answers there."""
    import httpx

    try:
        response = httpx.get(base_url.rstrip("/") + "/models", timeout=timeout)
        payload = response.json() if response.status_code == 200 else {}
    except (httpx.HTTPError, ValueError):
        return None
    rows = payload.get("data") if isinstance(payload, dict) else None
    if not isinstance(rows, list):
        return None
    return [str(row["id"]) for row in rows if isinstance(row, dict) and row.get("id")]


def found_servers() -> list[dict[str, Any]]:
    """One ``jobapp models list`` row per local server that answers, naming the setting to use it."""
    rows = []
    for kind, url in LOCAL_SERVERS.items():
        models = served_models(url)
        if models is None:
            continue
        first = models[0] if models else "MODEL"
        rows.append(
            {
                "role": "llm (found)",
                "spec": f"{kind}:{first}",
                "backend": "openai",
                "location": url,
                "available": bool(models),
                "why": f"{_NAMES[kind]} serves {len(models)} model(s): {', '.join(models[:5]) or 'none yet'}; "
                f"use one with JOBAPP_LLM={kind}:{first}",
                "overridden": False,
                "profile": "",
            }
        )
    return rows
