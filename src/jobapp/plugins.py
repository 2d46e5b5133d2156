"""Optional extra modules named in ``JOBAPP_PLUGINS`` (comma-separated), imported at start-up.

This is how a backend or a step is added without touching the app (it registers itself through
``jobapp.models.registry`` or ``jobapp.steps.registry`` on import), and how tests give a worker
process fake steps.
"""

from __future__ import annotations

import importlib
import os

from jobapp.errors import InvalidInput

_loaded: set[str] = set()


def load_plugins() -> list[str]:
    names = [n.strip() for n in os.environ.get("JOBAPP_PLUGINS", "").split(",") if n.strip()]
    for name in names:
        if name in _loaded:
            continue
        try:
            importlib.import_module(name)
        except ImportError as exc:
            raise InvalidInput(
                f"Cannot import plugin {name!r} named in JOBAPP_PLUGINS: {exc}.",
                hint="Fix the module name or remove it from JOBAPP_PLUGINS.",
            ) from exc
        _loaded.add(name)
    return names
