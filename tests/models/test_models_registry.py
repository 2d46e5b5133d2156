"""The registry: fakes registered through it, caching per spec, profiles and overrides."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest

from jobapp.errors import InvalidInput, ModelUnavailable
from jobapp.models import hub, profiles, registry
from jobapp.models.base import LLM, Embedder, Reranker


class FakeEmbedder(Embedder):
    def __init__(self, arg: str) -> None:
        self.arg = arg

    def _embed_batch(self, texts):
        return np.array([[len(t), 1.0, 0.0] for t in texts], dtype=np.float32)


class FakeReranker(Reranker):
    def __init__(self, arg: str) -> None:
        self.arg = arg

    def _score_batch(self, query, docs):
        return np.array([float(query in d) for d in docs])


class FakeLLM(LLM):
    supports_schema = True

    def __init__(self, arg: str) -> None:
        self.arg = arg
        self.closed = False

    def generate(self, messages, schema=None, max_tokens=None, temperature=0.0):
        return {"echo": messages[-1]["content"]} if schema else messages[-1]["content"]

    def close(self) -> None:
        self.closed = True


@pytest.fixture
def fakes():
    """Register fake kinds and count how often each factory builds a model."""
    calls: list[tuple[str, str]] = []

    def factory(role, cls):
        def build(arg):
            calls.append((role, arg))
            return cls(arg)

        return build

    registry.clear_cache()
    registry.register_embedder("fake", factory("embedder", FakeEmbedder))
    registry.register_reranker("fake", factory("reranker", FakeReranker))
    registry.register_llm("fake", factory("llm", FakeLLM))
    yield calls
    registry.clear_cache()
    for role in ("embedder", "reranker", "llm"):
        registry.unregister(role, "fake")


def test_configured_fakes_are_built_once_and_reused(fakes, model_settings):
    model_settings.setenv("JOBAPP_EMBEDDER", "fake:e1")
    model_settings.setenv("JOBAPP_RERANKER", "fake:r1")
    model_settings.setenv("JOBAPP_LLM", "fake:l1")
    embedder = registry.get_embedder()
    assert registry.get_embedder() is embedder
    assert isinstance(embedder, FakeEmbedder) and embedder.arg == "e1"
    assert embedder.name == "fake:e1"  # the spec is recorded as the model's name
    reranker = registry.get_reranker()
    assert isinstance(reranker, FakeReranker) and registry.get_reranker() is reranker
    llm = registry.get_llm()
    assert isinstance(llm, FakeLLM) and registry.get_llm() is llm
    assert llm.generate([{"role": "user", "content": "hi"}], schema={"type": "object"}) == {"echo": "hi"}
    assert sorted(fakes) == [("embedder", "e1"), ("llm", "l1"), ("reranker", "r1")]
    assert ("llm", "fake:l1") in registry.cached_specs()


def test_different_specs_give_different_instances(fakes):
    a = registry.get_embedder("fake:a")
    b = registry.get_embedder("fake:b")
    assert a is not b and (a.arg, b.arg) == ("a", "b")
    assert registry.get_embedder("fake:a") is a
    assert len(fakes) == 2


def test_clear_cache_closes_and_reloads(fakes):
    llm = registry.get_llm("fake:x")
    registry.clear_cache()
    assert llm.closed
    again = registry.get_llm("fake:x")
    assert again is not llm and not again.closed


@pytest.mark.parametrize("spec", ["hybrid", "none", "HYBRID", ""])
def test_reranker_without_cross_encoder_is_none(spec, model_settings):
    model_settings.setenv("JOBAPP_RERANKER", spec)
    assert registry.get_reranker() is None  # '' falls back to the offline profile: hybrid


def test_llm_none_and_unknown(model_settings):
    model_settings.setenv("JOBAPP_LLM", "none")
    assert registry.get_llm() is None
    with pytest.raises(InvalidInput, match="Unknown LLM"):
        registry.get_llm("mystery-model")


def test_spec_parsing():
    assert registry.split_spec("embedder", "BAAI/bge-m3") == ("sentence-transformers", "BAAI/bge-m3")
    assert registry.split_spec("embedder", "bundled:all-MiniLM-L6-v2") == ("bundled", "all-MiniLM-L6-v2")
    assert registry.split_spec("reranker", "/models/rr") == ("cross-encoder", "/models/rr")
    # an unregistered prefix is part of the name/path, not a kind
    assert registry.split_spec("embedder", "weird:name") == ("sentence-transformers", "weird:name")
    assert registry.split_spec("llm", "openai:qwen2.5:1.5b") == ("openai", "qwen2.5:1.5b")
    assert registry.split_spec("llm", "/m/q.gguf") == ("gguf", "/m/q.gguf")
    assert set(registry.registered_kinds("llm")) >= {"gguf", "hf", "openai"}


def test_profiles_and_overrides(model_settings):
    assert profiles.resolve_spec("embedder") == "bundled:all-MiniLM-L6-v2"
    assert profiles.resolve_spec("reranker") == "hybrid"
    llm = profiles.resolve_spec("llm")
    assert llm.startswith("gguf:") and llm.endswith("SmolLM2-135M-Instruct.Q4_1.gguf")
    model_settings.setenv("JOBAPP_PROFILE", "reference")
    assert profiles.resolve_spec("embedder") == "BAAI/bge-m3"
    assert profiles.resolve_spec("reranker") == "BAAI/bge-reranker-v2-m3"
    assert profiles.resolve_spec("llm") == "hf:Qwen/Qwen2.5-1.5B-Instruct"
    model_settings.setenv("JOBAPP_LLM", "openai:qwen2.5")
    assert profiles.resolve_spec("llm") == "openai:qwen2.5"
    model_settings.setenv("JOBAPP_PROFILE", "turbo")
    with pytest.raises(InvalidInput, match="profile"):
        profiles.resolve_spec("embedder")


def test_describe_offline_profile_is_available():
    rows = {row["role"]: row for row in profiles.describe_models()}
    assert set(rows) == {"embedder", "reranker", "llm"}
    assert rows["embedder"]["available"] and rows["embedder"]["backend"] == "bundled"
    assert rows["reranker"]["backend"] == "hybrid"
    assert rows["llm"]["available"] and rows["llm"]["location"].endswith(".gguf")
    assert not any(row["overridden"] for row in rows.values())


def test_describe_reference_profile_offline_says_how_to_pull(model_settings):
    model_settings.setenv("JOBAPP_PROFILE", "reference")
    model_settings.setenv("JOBAPP_LLM", "gguf:/nowhere/model.gguf")
    rows = {row["role"]: row for row in profiles.describe_models()}
    if not hub.is_cached("BAAI/bge-m3"):
        assert not rows["embedder"]["available"]
        assert "jobapp models pull BAAI/bge-m3" in rows["embedder"]["why"]
    assert not rows["llm"]["available"] and rows["llm"]["overridden"]


def test_pull_offline_is_refused_clearly():
    with pytest.raises(ModelUnavailable, match="no internet"):
        hub.pull("BAAI/bge-m3")


def test_missing_gguf_file_is_a_clear_error():
    with pytest.raises(ModelUnavailable, match="GGUF model file not found"):
        registry.get_llm("gguf:/nowhere/SmolLM2-135M-Instruct.Q4_1.gguf")
    assert ("llm", "gguf:/nowhere/SmolLM2-135M-Instruct.Q4_1.gguf") not in registry.cached_specs()


def test_importing_the_model_layer_does_not_import_torch():
    code = (
        "import sys, jobapp.models, jobapp.models.registry, jobapp.models.profiles, jobapp.models.hub, "
        "jobapp.models.backends, jobapp.models.backends.openai_compat, jobapp.models.backends.llamacpp, "
        "jobapp.models.backends.sentence_transformers, jobapp.models.backends.transformers_llm\n"
        "from jobapp.models import registry, profiles\n"
        "registry.registered_kinds('llm'); profiles.resolve_spec('llm')\n"
        "heavy = [m for m in ('torch', 'sentence_transformers', 'transformers', 'xllamacpp') if m in sys.modules]\n"
        "assert not heavy, heavy\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr


def test_check_loads_each_configured_model_and_reports(fakes, model_settings):
    model_settings.setenv("JOBAPP_EMBEDDER", "fake:e")
    model_settings.setenv("JOBAPP_RERANKER", "none")
    model_settings.setenv("JOBAPP_LLM", "gguf:/nowhere/model.gguf")
    rows = {row["role"]: row for row in hub.check()}
    assert rows["embedder"]["ok"] and "dimension 3" in rows["embedder"]["detail"]
    assert rows["reranker"]["ok"] and "not used" in rows["reranker"]["detail"]
    assert not rows["llm"]["ok"] and "GGUF model file not found" in rows["llm"]["detail"]
