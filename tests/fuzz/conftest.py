"""The fuzz corpus generator sits beside these tests; CI runs them with short parse deadlines."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))


@pytest.fixture
def fuzz_limits(monkeypatch):
    """OCR off (tesseract may be absent in CI) and a 5 s parse deadline instead of 20 s, so the
    few cases only the deadline stops cost seconds; the bench runs with the real limits."""
    from jobapp.documents import limits

    monkeypatch.setenv("JOBAPP_OCR", "off")
    monkeypatch.setattr(limits, "PARSE_SECONDS", 5.0)
    return limits
