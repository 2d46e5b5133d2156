"""Settings, declared once.

Each setting has a name (its environment variable), a default and a help text. The README's
settings table is generated from :data:`SETTINGS` (``jobapp settings --markdown``) and a test checks
it is in sync, so a setting cannot exist without documentation.

Every path the app writes to is resolved by :func:`data_path` from one data directory
(``JOBAPP_HOME``), so tests point the whole app at a temporary directory with one variable.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jobapp.errors import InvalidInput


@dataclass(frozen=True)
class Setting:
    name: str
    default: str
    help: str
    kind: type = str


def _default_home() -> str:
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return str(Path(base) / "jobapp")


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "JOBAPP_HOME",
        "~/.local/share/jobapp",
        "Data directory: database, queue, uploads, exports, model cache.",
    ),
    Setting(
        "JOBAPP_DATABASE_URL",
        "",
        "SQLAlchemy URL. Empty: SQLite (WAL) at $JOBAPP_HOME/jobapp.db. "
        "Example: postgresql+psycopg://user:pw@host/jobapp",
    ),
    Setting(
        "JOBAPP_QUEUE_URL",
        "",
        "Task queue. Empty: Huey on SQLite at $JOBAPP_HOME/queue.db. Example: redis://localhost:6379/0",
    ),
    Setting(
        "JOBAPP_PROFILE",
        "offline",
        "Model profile: 'offline' (bundled models, no internet) or "
        "'reference' (BAAI/bge-m3, BAAI/bge-reranker-v2-m3, Qwen/Qwen2.5-1.5B-Instruct).",
    ),
    Setting(
        "JOBAPP_EMBEDDER", "", "Bi-encoder: Hugging Face name or local path. Empty: the profile's default."
    ),
    Setting(
        "JOBAPP_RERANKER",
        "",
        "Reranker: 'hybrid', 'none', or a cross-encoder name/path "
        "(used inside the hybrid score). Empty: the profile's default.",
    ),
    Setting(
        "JOBAPP_LLM",
        "",
        "LLM: 'none', 'gguf:PATH', 'hf:NAME_OR_PATH' or 'openai:MODEL'. Empty: the profile's default.",
    ),
    Setting(
        "JOBAPP_LLM_BASE_URL",
        "http://127.0.0.1:11434/v1",
        "Base URL of the OpenAI-compatible server for 'openai:' models (Ollama, LM Studio, vLLM...).",
    ),
    Setting("JOBAPP_LLM_API_KEY", "", "API key for the OpenAI-compatible server, if it needs one."),
    Setting("JOBAPP_LLM_TIMEOUT", "120", "Seconds before an LLM request is abandoned.", float),
    Setting("JOBAPP_LLM_MAX_TOKENS", "512", "Upper bound on tokens generated per LLM call.", int),
    Setting("JOBAPP_LLM_THREADS", "0", "CPU threads of the local GGUF runtime; 0: all cores but one.", int),
    Setting(
        "JOBAPP_LLM_PARALLEL",
        "2",
        "LLM requests decoded at once (llama.cpp slots, or concurrent requests to a server); 1: one by one.",
        int,
    ),
    Setting("JOBAPP_DEVICE", "auto", "Torch device for embedders/rerankers: auto, cpu, cuda, mps."),
    Setting(
        "JOBAPP_RERANK_TOP", "200", "How many of the bi-encoder's best offers the reranker rescores.", int
    ),
    Setting("JOBAPP_EXPLAIN_TOP", "10", "How many top matches get an explanation.", int),
    Setting("JOBAPP_OCR", "auto", "OCR for scanned PDFs: 'auto' (use tesseract when installed) or 'off'."),
    Setting(
        "JOBAPP_ALLOW_PRIVATE_URLS",
        "0",
        "1 lets offer URLs point at loopback/private addresses (off by default: SSRF guard).",
        bool,
    ),
    Setting("JOBAPP_HOST", "127.0.0.1", "Address `jobapp serve` binds to."),
    Setting("JOBAPP_PORT", "5000", "Port `jobapp serve` listens on.", int),
    Setting("JOBAPP_TOKEN", "", "Access token required by the web app when bound to a non-loopback address."),
    Setting(
        "JOBAPP_ALLOWED_HOSTS",
        "",
        "Comma-separated extra host names the web app answers to on loopback (others get 400: DNS rebinding).",
    ),
    Setting("JOBAPP_MAX_UPLOAD_MB", "10", "Largest accepted upload, in MB.", float),
    Setting(
        "JOBAPP_KEEP_CV_FILES",
        "0",
        "1 keeps each uploaded CV file (owner-only, under $JOBAPP_HOME/cv-files). "
        "Default: only its text is kept, the file is never written.",
        bool,
    ),
    Setting("JOBAPP_LOG_LEVEL", "WARNING", "Python log level of the app's own logger."),
    Setting("JOBAPP_PLUGINS", "", "Comma-separated modules imported at start-up (extra backends or steps)."),
)

_BY_NAME = {s.name: s for s in SETTINGS}


def _convert(setting: Setting, raw: str) -> Any:
    if setting.kind is bool:
        return raw.strip().lower() in {"1", "true", "yes", "on"}
    if setting.kind in (int, float):
        try:
            return setting.kind(raw)
        except ValueError:
            raise InvalidInput(
                f"{setting.name}={raw!r} is not a number.",
                hint=f"Set it to a number (default {setting.default}).",
            ) from None
    return raw


def get(name: str) -> Any:
    """Current value of a setting (environment first, then default)."""
    setting = _BY_NAME[name]
    raw = os.environ.get(name)
    if raw is None or raw == "":
        raw = _default_home() if name == "JOBAPP_HOME" else setting.default
    return _convert(setting, raw)


def home() -> Path:
    """The data directory, created on first use, open to its owner only (0700): it holds the CV,
    the database and the secret key. A folder left 0755 by an older version is tightened."""
    path = Path(get("JOBAPP_HOME")).expanduser()
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    _owner_only(path, 0o700)
    return path


def data_path(*parts: str) -> Path:
    """A path inside the data directory; parent folders are created (0700)."""
    path = home().joinpath(*parts)
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    return path


def private_file(path: Path) -> Path:
    """``path`` created empty with mode 0600 when missing (atomically: O_CREAT | O_EXCL), tightened to
    0600 when it exists. SQLite gives its journal and WAL files the database file's mode."""
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    except FileExistsError:
        _owner_only(path, 0o600)
    return path


def _owner_only(path: Path, mode: int) -> None:
    """chmod ``path`` to ``mode`` when group or others have any right on it and we own it."""
    getuid = getattr(os, "getuid", None)
    try:
        info = path.stat()
        if stat.S_IMODE(info.st_mode) & 0o077 and (getuid is None or info.st_uid == getuid()):
            path.chmod(mode)
    except OSError:  # not ours, or a file system without modes: nothing more we can do
        pass


def database_url() -> str:
    return get("JOBAPP_DATABASE_URL") or f"sqlite:///{private_file(data_path('jobapp.db'))}"


def settings_markdown() -> str:
    """The README table of settings."""
    rows = ["| Variable | Default | Meaning |", "| --- | --- | --- |"]
    for s in SETTINGS:
        default = f"`{s.default}`" if s.default else "(empty)"
        rows.append(f"| `{s.name}` | {default} | {s.help} |")
    return "\n".join(rows)
