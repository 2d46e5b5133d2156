"""Hugging Face transformers chat models (``hf:NAME_OR_PATH``), e.g. Qwen2.5-1.5B-Instruct.

The reference profile's LLM. On CUDA with bitsandbytes installed the weights are loaded in 4-bit
(a 1.5B model then fits a 4 GB GPU); elsewhere in bfloat16/float32. transformers has no
grammar-constrained decoding, so with a schema the schema goes into the prompt and the reply is
parsed (``supports_schema`` is False; ``jobapp.llm`` validates and repairs).
"""

from __future__ import annotations

import importlib.util
import logging
import threading
from pathlib import Path
from typing import Any

from jobapp import config
from jobapp.models import hub
from jobapp.models.base import LLM, Message
from jobapp.models.jsontext import reply_for_schema, with_schema_instruction
from jobapp.models.profiles import resolve_device

log = logging.getLogger("jobapp.models")


class TransformersLLM(LLM):
    supports_schema = False
    model: Any
    tokenizer: Any

    def __init__(self, name_or_path: str) -> None:
        import torch
        from transformers import AutoModelForCausalLM, AutoTokenizer

        self.name = f"hf:{name_or_path}"
        path = Path(name_or_path).expanduser()
        target = str(path) if path.exists() else name_or_path
        self.device = resolve_device()
        load_kwargs: dict[str, Any] = hub.hub_load_kwargs(name_or_path)
        model_kwargs: dict[str, Any] = {}
        if self.device == "cuda" and importlib.util.find_spec("bitsandbytes") is not None:
            from transformers import BitsAndBytesConfig

            model_kwargs["quantization_config"] = BitsAndBytesConfig(
                load_in_4bit=True, bnb_4bit_compute_dtype=torch.bfloat16, bnb_4bit_quant_type="nf4"
            )
            model_kwargs["device_map"] = "auto"
        elif self.device in ("cuda", "mps"):
            model_kwargs["dtype"] = torch.float16
        try:
            self.tokenizer = AutoTokenizer.from_pretrained(target, **load_kwargs)
            self.model = AutoModelForCausalLM.from_pretrained(target, **load_kwargs, **model_kwargs)
        except Exception as exc:
            raise hub.missing_model(name_or_path, "LLM", "JOBAPP_LLM", exc) from exc
        if "device_map" not in model_kwargs:
            self.model.to(self.device)
        self.model.eval()
        self.context_tokens = int(getattr(self.model.config, "max_position_embeddings", 0) or 0) or None
        # generate() is not re-entrant on one model; web requests and tasks may share it.
        self._lock = threading.Lock()

    def generate(
        self,
        messages: list[Message],
        schema: dict[str, Any] | None = None,
        max_tokens: int | None = None,
        temperature: float = 0.0,
    ) -> str | dict[str, Any]:
        import torch

        if schema is not None:
            messages = with_schema_instruction(messages, schema)
        encoded: Any = self.tokenizer.apply_chat_template(
            messages, add_generation_prompt=True, return_tensors="pt", return_dict=True
        )
        # Only what every causal LM accepts (BERT-style tokenizers add token_type_ids).
        inputs = {
            k: v.to(self.model.device) for k, v in encoded.items() if k in ("input_ids", "attention_mask")
        }
        options: dict[str, Any] = {
            "max_new_tokens": int(max_tokens or config.get("JOBAPP_LLM_MAX_TOKENS")),
            "pad_token_id": self.tokenizer.pad_token_id or self.tokenizer.eos_token_id,
        }
        if temperature > 0:
            options.update(do_sample=True, temperature=temperature)
        else:
            options.update(do_sample=False, temperature=None, top_p=None, top_k=None)
        with self._lock, torch.inference_mode():
            output = self.model.generate(**inputs, **options)
        prompt_length = inputs["input_ids"].shape[1]
        text = str(self.tokenizer.decode(output[0][prompt_length:], skip_special_tokens=True)).strip()
        return reply_for_schema(text) if schema is not None else text
