"""Fixtures for the model layer: isolated settings, fakes, and real small models (session-scoped)."""

from __future__ import annotations

import os

import pytest

# Tests never touch the network: huggingface_hub reads this when first imported.
os.environ.setdefault("HF_HUB_OFFLINE", "1")

MODEL_SETTINGS = (
    "JOBAPP_PROFILE",
    "JOBAPP_EMBEDDER",
    "JOBAPP_RERANKER",
    "JOBAPP_LLM",
    "JOBAPP_LLM_BASE_URL",
    "JOBAPP_LLM_API_KEY",
    "JOBAPP_LLM_TIMEOUT",
    "JOBAPP_DEVICE",
)


@pytest.fixture(autouse=True)
def model_settings(monkeypatch, tmp_path):
    """Default settings (offline profile, CPU), data dir in a temp folder."""
    for name in MODEL_SETTINGS:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("JOBAPP_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("JOBAPP_DEVICE", "cpu")
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    return monkeypatch
