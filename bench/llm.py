"""LLM speed through our code vs the runtime itself, and step 2's cost (model-backends issue).

    python bench/llm.py [--offers 8] [--repeats 3] [--offers-file real_offers.jsonl]

Prints (JSON):
- tokens/s of ``LLM.generate`` (our backend: request building, schema, parsing) vs a direct
  ``xllamacpp`` ``handle_chat_completions`` call with the same request, on the same prompts, in the same
  run (target ratio >= 0.9);
- seconds per offer of step 2 (summaries) with the offline profile (SmolLM2 via xllamacpp);
- LLM calls made by a second step-2 run over unchanged offers (target 0: cache by model + input hash);
- summaries with every field asked, side by side: prompt tokens per offer for the whole page vs the
  trimmed prompt (``jobapp.llm.prompt_source``), and seconds per offer and generated tokens/s with
  requests sent one by one vs ``JOBAPP_LLM_PARALLEL`` at once (llama.cpp slots).
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
import time


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--offers", type=int, default=8)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument(
        "--offers-file",
        default="",
        help="JSON lines with title and description (e.g. the dev set's offer pool)",
    )
    args = ap.parse_args()
    os.environ.setdefault("JOBAPP_HOME", tempfile.mkdtemp(prefix="jobapp-bench-"))

    from jobapp.demo import load_demo_offers
    from jobapp.domain import Offer
    from jobapp.llm.structured import json_schema_for
    from jobapp.llm.summarise import OfferSummaryDraft
    from jobapp.models.backends.llamacpp import response_format_for
    from jobapp.models.registry import get_llm

    llm = get_llm()
    assert llm is not None, "set JOBAPP_LLM to a gguf: model (the offline profile's default)"
    if args.offers_file:
        with open(args.offers_file, encoding="utf-8") as f:
            rows = [json.loads(line) for line in f if line.strip()]
        offers = [Offer(title=r["title"], description=r["description"], source="bench") for r in rows]
    else:
        offers = [Offer(**o) for o in load_demo_offers()]
    offers = offers[: args.offers]
    schema = json_schema_for(OfferSummaryDraft)
    prompts = [
        [
            {"role": "system", "content": "Summarise the job offer as JSON."},
            {"role": "user", "content": o.full_text()[:1500]},
        ]
        for o in offers[:4]
    ]
    max_tokens = 160

    ours_s = raw_s = 0.0
    tokens = 0
    for repeat in range(args.repeats):
        for messages in prompts:
            request = {
                "messages": messages,
                "max_tokens": max_tokens,
                "temperature": 0.0,
                "stream": False,
                "response_format": response_format_for(schema),
            }

            def raw_call(request: dict = request) -> float:
                t = time.perf_counter()
                response = llm.server.handle_chat_completions(request)  # type: ignore[attr-defined]
                nonlocal tokens
                tokens += int(response["usage"]["completion_tokens"])
                return time.perf_counter() - t

            def ours_call(messages: list = messages) -> float:
                t = time.perf_counter()
                llm.generate(messages, schema=schema, max_tokens=max_tokens)
                return time.perf_counter() - t

            # llama.cpp caches the last prompt: warm it (untimed) so both timed calls find it cached,
            # and alternate who goes first.
            llm.server.handle_chat_completions(dict(request))  # type: ignore[attr-defined]
            if repeat % 2 == 0:
                raw_s += raw_call()
                ours_s += ours_call()
            else:
                ours_s += ours_call()
                raw_s += raw_call()
    figures: dict[str, float] = {
        "raw_tokens_per_s": tokens / raw_s,
        "ours_tokens_per_s": tokens / ours_s,
        "ratio": raw_s / ours_s,
    }

    from jobapp.steps.base import MemoryContext
    from jobapp.steps.collect import upsert_offers
    from jobapp.steps.summarise import run as summarise_step
    from jobapp.store import db

    with db.session() as s:
        upsert_offers(s, offers, detail="bench")
    calls = {"n": 0}
    original = type(llm).generate

    def counting(self, *a, **kw):  # type: ignore[no-untyped-def]
        calls["n"] += 1
        return original(self, *a, **kw)

    type(llm).generate = counting  # type: ignore[method-assign]
    t = time.perf_counter()
    summarise_step(MemoryContext())
    first = time.perf_counter() - t
    first_calls = calls["n"]
    calls["n"] = 0
    t = time.perf_counter()
    summarise_step(MemoryContext())
    figures |= {
        "step2_s_per_offer": first / len(offers),
        "step2_llm_calls_first": first_calls,
        "step2_llm_calls_second_run": calls["n"],
        "step2_second_run_s": time.perf_counter() - t,
    }
    figures |= parallel_figures(llm, offers)
    print(json.dumps({k: round(v, 4) for k, v in figures.items()}, indent=2))


class _Usage:
    """Stands for the llama.cpp server and adds up the tokens of every request."""

    def __init__(self, server: object) -> None:
        self.server, self.prompt, self.completion = server, 0, 0

    def handle_chat_completions(self, request: dict) -> dict:
        response = self.server.handle_chat_completions(request)  # type: ignore[attr-defined]
        if isinstance(response, dict) and "usage" in response:
            self.prompt += int(response["usage"]["prompt_tokens"])
            self.completion += int(response["usage"]["completion_tokens"])
        return response


def parallel_figures(llm: object, offers: list) -> dict[str, float]:
    from jobapp.llm import prompts
    from jobapp.llm.parallel import in_order
    from jobapp.llm.prompt_source import offer_source
    from jobapp.llm.summarise import OfferSummaryDraft, summarise_offer

    usage = _Usage(llm.server)  # type: ignore[attr-defined]
    llm.server = usage  # type: ignore[attr-defined]
    figures: dict[str, float] = {}
    for name, source in (("whole_page", lambda o: o.full_text()), ("trimmed", offer_source)):
        usage.prompt = 0
        for offer in offers:
            messages = prompts.task_messages("offer_summary", "en", source(offer))
            llm.generate(messages, max_tokens=1)  # type: ignore[attr-defined]
        figures[f"prompt_tokens_per_offer_{name}"] = usage.prompt / len(offers)
    fields = tuple(OfferSummaryDraft.model_fields)
    list(in_order(offers[:2], lambda o: summarise_offer(o, llm, fields=fields), 1))  # warm the cache
    for name, workers in (("sequential", 1), ("parallel", llm.parallel)):  # type: ignore[attr-defined]
        usage.completion = 0
        t = time.perf_counter()
        list(in_order(offers, lambda o: summarise_offer(o, llm, fields=fields), workers))
        seconds = time.perf_counter() - t
        figures[f"summary_s_per_offer_{name}"] = seconds / len(offers)
        figures[f"generated_tokens_per_s_{name}"] = usage.completion / seconds
    figures["parallel_requests"] = float(llm.parallel)  # type: ignore[attr-defined]
    figures["parallel_speedup"] = (
        figures["summary_s_per_offer_sequential"] / figures["summary_s_per_offer_parallel"]
    )
    return figures


if __name__ == "__main__":
    main()
