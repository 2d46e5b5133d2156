"""The fuzz corpus generator sits beside these tests; CI runs them with short parse deadlines."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))


@pytest.fixture
def fuzz_limits(monkeypatch):
    """OCR off (tesseract may be absent in CI) and a 5 s parse deadline instead of 20 s, so the
    few cases only the deadline stops cost seconds; the bench runs with the real limits. The same
    settings hold for every example of a hypothesis test, so sharing the fixture is safe."""
    from jobapp.documents import limits

    monkeypatch.setenv("JOBAPP_OCR", "off")
    monkeypatch.setattr(limits, "PARSE_SECONDS", 5.0)
    return limits


def _hypothesis_profile() -> None:
    """No example database in the working tree, no per-example deadline (forked parsers vary with
    the machine's load), derandomised in CI so a red build is reproducible; set
    JOBAPP_FUZZ_RANDOM=1 to explore new examples locally."""
    import os

    from hypothesis import HealthCheck, settings

    settings.register_profile(
        "jobapp-fuzz",
        database=None,
        deadline=None,
        derandomize=os.environ.get("JOBAPP_FUZZ_RANDOM") != "1",
        suppress_health_check=[
            HealthCheck.too_slow,
            HealthCheck.data_too_large,
            HealthCheck.function_scoped_fixture,
        ],
    )
    settings.load_profile("jobapp-fuzz")


_hypothesis_profile()
