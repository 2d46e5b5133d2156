"""Step 2 — summarise each offer (profile sought, skills, seniority, mission).

Cached by (model, input hash): a second run over unchanged offers makes no LLM call at all.
"""

from __future__ import annotations

from jobapp.domain import Offer, text_hash
from jobapp.models.base import LLM
from jobapp.steps.base import StepContext, StepResult
from jobapp.store import db, repo

STEP = "summarise"


def llm_name(llm: LLM | None) -> str:
    return llm.name if llm is not None else "extraction"


def summary_hash(offer: Offer) -> str:
    from jobapp.llm.prompts import PROMPT_VERSION

    return text_hash(f"summary|{PROMPT_VERSION}|{offer.full_text()}")


def run(ctx: StepContext) -> StepResult:
    from jobapp.llm.summarise import summarise_offer
    from jobapp.models.registry import get_llm

    with db.session() as s:
        offers = repo.list_offers(s, ctx.params.get("offer_ids"))
    if not offers:
        ctx.log(STEP, "No offers to summarise.", level="warning")
        return StepResult(message="no offers")
    llm = None if ctx.params.get("no_llm") else get_llm()
    model = llm_name(llm)
    done = cached = failed = 0
    for i, offer in enumerate(offers, 1):
        assert offer.id is not None
        if ctx.cancelled():
            ctx.log(STEP, "Cancelled.", level="warning")
            break
        key = str(offer.id)
        h = summary_hash(offer)
        with db.session() as s:
            known = repo.get_summary(s, offer.id, model, h)
        if known is not None or ctx.is_done(STEP, key):
            cached += 1
            ctx.mark_done(STEP, key)
            continue
        try:
            summary = summarise_offer(offer, llm)
        except Exception as exc:  # one offer never sinks the others
            failed += 1
            ctx.mark_failed(STEP, key, str(exc))
            ctx.log(STEP, f"offer {offer.id}: {exc}", level="error", done=i, total=len(offers))
            continue
        summary.offer_id, summary.model, summary.input_hash = offer.id, model, h
        with db.session() as s:
            repo.save_summary(s, summary)
        ctx.mark_done(STEP, key)
        done += 1
        ctx.log(
            STEP,
            f"{offer.title or 'offer ' + key}: {len(summary.key_skills)} skills",
            done=i,
            total=len(offers),
        )
    return StepResult(
        items=done + cached,
        failed=failed,
        message=f"{done} summarised, {cached} unchanged (cached), {failed} failed with {model}",
        data={"model": model},
    )
