"""Demo data shipped inside the package: what `jobapp run` uses when given nothing.

A new user's first command must show something meaningful without any file of their own, and
without network. So the package carries a set of fictional job offers (French and English, many
fields) and two fictional CVs: a French data analyst (PDF, to exercise real PDF extraction) and an
English nurse (plain text, to show the product is not only for IT profiles).

Paths go through :mod:`importlib.resources` so they resolve from an installed wheel as well as
from a source checkout. The files are regular files inside the package directory (setuptools
package-data), so the returned :class:`~pathlib.Path` objects can be opened directly.
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any

from jobapp.errors import InvalidInput

OFFERS_FILE = "offers.json"
DEMO_CVS: dict[str, str] = {
    "fr": "cv_data_analyst_fr.pdf",
    "en": "cv_nurse_en.txt",
}
CV_SOURCES: dict[str, str] = {"fr": "cv_data_analyst_fr.txt"}

__all__ = [
    "DEMO_CVS",
    "demo_cv_path",
    "demo_offers_path",
    "list_demo_files",
    "load_demo_offers",
]


def _demo_file(name: str) -> Path:
    """Resolve one file of this package as a real filesystem path."""
    path = Path(str(resources.files(__name__).joinpath(name)))
    if not path.is_file():
        raise InvalidInput(
            f"The demo file {name!r} is missing from the installed package ({path}). "
            "Reinstall jobapp (pip install --force-reinstall jobapp) or pass your own files."
        )
    return path


def demo_offers_path() -> Path:
    """The bundled JSON file of demo job offers (a list of offer objects)."""
    return _demo_file(OFFERS_FILE)


def demo_cv_path(which: str = "fr") -> Path:
    """A bundled demo CV: ``"fr"`` is the French data analyst (PDF), ``"en"`` the English nurse (TXT)."""
    key = which.strip().lower()
    if key not in DEMO_CVS:
        choices = ", ".join(sorted(DEMO_CVS))
        raise InvalidInput(f"Unknown demo CV {which!r}: choose one of {choices}.")
    return _demo_file(DEMO_CVS[key])


def list_demo_files() -> dict[str, Path]:
    """Every bundled demo file by role: ``offers``, ``cv_fr``, ``cv_en``, ``cv_fr_source``."""
    files = {"offers": demo_offers_path()}
    for key in sorted(DEMO_CVS):
        files[f"cv_{key}"] = demo_cv_path(key)
    for key, name in CV_SOURCES.items():
        files[f"cv_{key}_source"] = _demo_file(name)
    return files


def load_demo_offers() -> list[dict[str, Any]]:
    """The demo offers as plain dicts, with the keys of :class:`jobapp.domain.Offer` plus no others."""
    data = json.loads(demo_offers_path().read_text(encoding="utf-8"))
    if not isinstance(data, list):
        raise InvalidInput(f"{demo_offers_path()} should hold a JSON list of offers.")
    return data
