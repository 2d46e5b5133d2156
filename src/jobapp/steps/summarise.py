"""Step 2 — summarise each offer (profile sought, skills, seniority, mission).

Cached by (model, input hash): a second run over unchanged offers makes no LLM call at all. The
field policy decides which fields the model is asked for (none: no model call, said once in the
log); each log line ends with the fields kept and replaced. A cancelled or failed run, or a worse
summary, never replaces the summary shown before (:mod:`jobapp.llm.publication`).
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from jobapp.domain import Offer, OfferSummary, text_hash
from jobapp.llm.parallel import in_order
from jobapp.messages import error_message, msg
from jobapp.steps.base import StepContext, StepResult
from jobapp.store import db, repo

STEP = "summarise"


def llm_name(name: str | None) -> str:
    """What a step's records are stored under: the LLM's name, or 'extraction' without one."""
    return name if name is not None else "extraction"


def summary_hash(offer: Offer) -> str:
    from jobapp.llm.field_policy import policy_version
    from jobapp.llm.prompts import PROMPT_VERSION

    return text_hash(f"summary|{PROMPT_VERSION}|{policy_version()}|{offer.full_text()}")


def effective_llm(
    no_llm: bool, step: str, fields: tuple[str, ...], ctx: StepContext | None, log_step: str
) -> str | None:
    """The name of the LLM ``step`` asks, or None: no LLM, or the field policy asks it for no field
    (said once in the log). Named, not loaded: a step loads it (``get_llm()``) only when an item's
    record is not stored yet, so a rerun with nothing changed loads no model."""
    from jobapp.llm.field_policy import fields_to_ask, model_key
    from jobapp.models.registry import model_name

    name = None if no_llm else model_name("llm")
    if name is None or fields_to_ask(name, step, fields):
        return name
    if ctx is not None:
        ctx.log(log_step, msg("llm.skipped_step", model=model_key(name), step=msg(f"step.{log_step}")))
    return None


def stored_summaries(offers: list[Offer], model: str) -> list[tuple[str, OfferSummary | None]]:
    """Each offer's input hash and the summary stored for it under ``model``, if any: one session
    for all (a rerun with nothing changed is these lookups and nothing else)."""
    hashes = [summary_hash(offer) for offer in offers]
    with db.session() as s:
        return [
            (h, repo.get_summary(s, o.id, model, h) if o.id is not None else None)
            for o, h in zip(offers, hashes, strict=True)
        ]


def best_ranked_first(s: Session, offers: list[Offer]) -> list[Offer]:
    """The offers the current CV ranks best come first (the ones the user reads first are summarised
    first); offers not ranked yet keep their order after them."""
    cv = repo.current_cv(s, required=False)
    if cv is None or cv.id is None:
        return offers
    rank = {m.offer_id: i for i, m in enumerate(repo.latest_matches(s, cv.id))}
    return sorted(offers, key=lambda o: rank.get(o.id, len(rank)) if o.id is not None else len(rank))


def run(ctx: StepContext) -> StepResult:
    from jobapp.llm.field_report import FieldTally, field_note
    from jobapp.llm.publication import Publication
    from jobapp.llm.summarise import OfferSummaryDraft, summarise_offer
    from jobapp.models.registry import get_llm

    with db.session() as s:
        offers = best_ranked_first(s, repo.list_offers(s, ctx.params.get("offer_ids")))
        shown = repo.latest_summaries(s, [o.id for o in offers if o.id is not None])
    if not offers:
        ctx.log(STEP, msg("summarise.none"), level="warning")
        return StepResult(message=msg("summarise.none"))
    no_llm = bool(ctx.params.get("no_llm"))
    llm_spec = effective_llm(no_llm, "summary", tuple(OfferSummaryDraft.model_fields), ctx, STEP)
    model = llm_name(llm_spec)

    def save(record: OfferSummary) -> None:
        with db.session() as s:
            repo.save_summary(s, record)

    publication: Publication[OfferSummary] = Publication(save)
    tally = FieldTally()
    done = cached = failed = 0
    todo: list[tuple[Offer, str]] = []
    stored = stored_summaries(offers, model)
    try:
        unchanged = []
        for offer, (h, known) in zip(offers, stored, strict=True):
            assert offer.id is not None
            key = str(offer.id)
            if known is None and ctx.is_done(STEP, key):
                cached += 1
            elif known is not None:
                publication.publish(known, shown.get(offer.id), fresh=False, source=offer.full_text())
                cached += 1
                unchanged.append(key)
            else:
                todo.append((offer, h))
        ctx.mark_all_done(STEP, unchanged)
        llm = get_llm() if llm_spec is not None and todo else None  # loaded only for work to do
        workers = llm.parallel if llm is not None else 1
        results = in_order(todo, lambda job: summarise_offer(job[0], llm), workers, ctx.cancelled)
        for (offer, h), result in results:
            assert offer.id is not None
            key = str(offer.id)
            position = cached + done + failed + 1
            if isinstance(result, Exception):  # one offer never sinks the others
                failed += 1
                ctx.mark_failed(STEP, key, str(result))
                failure = msg("item.failed", id=offer.id, error=error_message(result))
                ctx.log(STEP, failure, level="error", done=position, total=len(offers))
                continue
            summary = result
            summary.offer_id, summary.model, summary.input_hash = offer.id, model, h
            summary = publication.publish(
                summary, shown.get(offer.id), fresh=True, source=offer.full_text(), company=offer.company
            )
            ctx.mark_done(STEP, key)
            done += 1
            tally.add(summary)
            title = offer.title or msg("summarise.untitled", id=key)
            line = msg(
                "summarise.item", title=title, skills=len(summary.key_skills), note=field_note(summary)
            )
            ctx.log(STEP, line, done=position, total=len(offers))
        cancelled = done + failed < len(todo)
    except BaseException:
        publication.roll_back()
        raise
    if cancelled:
        restored = publication.roll_back()
        ctx.log(STEP, msg("summarise.cancelled", n=restored), level="warning")
    counts = {"done": done, "cached": cached, "failed": failed, "model": model, "tally": tally.line()}
    if publication.kept_earlier:
        outcome = msg("summarise.summary_kept", kept=publication.kept_earlier, **counts)
    else:
        outcome = msg("summarise.summary", **counts)
    return StepResult(
        items=done + cached,
        failed=failed,
        message=outcome,
        data={"model": model},
    )
