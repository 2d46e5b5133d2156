"""A capable LLM in one command where there is internet: ``jobapp models pull qwen2.5-1.5b``.

The bundled SmolLM2-135M keeps the app working offline but writes poor summaries. Qwen2.5-Instruct
in its Q4_K_M GGUF (1.1 GB for 1.5B, 2 GB for 3B) runs on a laptop CPU through the same llama.cpp
runtime, with the same JSON-schema constrained decoding. The file goes to the Hugging Face cache
(huggingface_hub shows a progress bar and resumes a cut download); its SHA-256 is then checked
against the hub's record of the file, and a file that does not match is deleted, never used. The
``reference`` profile uses the 1.5B file as soon as it is there (:func:`pulled_path`).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from jobapp.errors import InvalidInput, ModelUnavailable


@dataclass(frozen=True)
class KnownGguf:
    repo: str
    file: str
    size: str  # shown before the download starts


KNOWN_GGUF = {
    "qwen2.5-1.5b": KnownGguf(
        "Qwen/Qwen2.5-1.5B-Instruct-GGUF", "qwen2.5-1.5b-instruct-q4_k_m.gguf", "1.1 GB"
    ),
    "qwen2.5-3b": KnownGguf("Qwen/Qwen2.5-3B-Instruct-GGUF", "qwen2.5-3b-instruct-q4_k_m.gguf", "2.1 GB"),
}
#: the LLM the ``reference`` profile runs through llama.cpp once pulled
REFERENCE_GGUF = "qwen2.5-1.5b"


def known(alias: str) -> KnownGguf:
    try:
        return KNOWN_GGUF[alias.strip().lower()]
    except KeyError:
        raise InvalidInput(
            f"Unknown GGUF model {alias!r}.", hint=f"Known names: {', '.join(KNOWN_GGUF)}."
        ) from None


def pulled_path(alias: str) -> Path | None:
    """The model's file when it is already in the local Hugging Face cache (no network)."""
    from huggingface_hub import try_to_load_from_cache

    model = known(alias)
    found = try_to_load_from_cache(model.repo, model.file)
    return Path(found) if isinstance(found, str) and Path(found).is_file() else None


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def pull_gguf(alias: str, endpoint: str | None = None) -> Path:
    """Download the model's GGUF (progress bar), check its SHA-256 against the hub's, return its path.

    ``endpoint``: another hub (a mirror); by default huggingface_hub's own (``HF_ENDPOINT``).
    """
    from huggingface_hub import get_hf_file_metadata, hf_hub_download, hf_hub_url

    model = known(alias)
    try:
        path = Path(hf_hub_download(model.repo, model.file, endpoint=endpoint))
        expected = get_hf_file_metadata(hf_hub_url(model.repo, model.file, endpoint=endpoint)).etag or ""
    except Exception as exc:
        raise ModelUnavailable(
            f"Downloading {model.file} from {model.repo} failed: {exc}",
            hint="Check the internet connection and run the command again: the download resumes.",
        ) from exc
    expected = expected.strip('"').lower()
    actual = sha256_of(path)
    if actual != expected:  # a large file's hub ETag is its SHA-256; anything else cannot be trusted
        path.unlink(missing_ok=True)
        raise ModelUnavailable(
            f"{model.file} is corrupt (SHA-256 {actual[:12]}… instead of {expected[:12]}…): it was deleted.",
            hint=f"Run `jobapp models pull {alias}` again.",
        )
    return path
