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
    from jobapp.llm.field_policy import fields_to_ask, skipped_step_message
    from jobapp.models.registry import model_name

    name = None if no_llm else model_name("llm")
    if name is None or fields_to_ask(name, step, fields):
        return name
    if ctx is not None:
        ctx.log(log_step, skipped_step_message(name, step))
    return None


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
        ctx.log(STEP, "No offers to summarise.", level="warning")
        return StepResult(message="no offers")
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
    try:
        for offer in offers:
            assert offer.id is not None
            key, h = str(offer.id), summary_hash(offer)
            with db.session() as s:
                known = repo.get_summary(s, offer.id, model, h)
            if known is None and ctx.is_done(STEP, key):
                cached += 1
            elif known is not None:
                publication.publish(known, shown.get(offer.id), fresh=False, source=offer.full_text())
                cached += 1
                ctx.mark_done(STEP, key)
            else:
                todo.append((offer, h))
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
                ctx.log(STEP, f"offer {offer.id}: {result}", level="error", done=position, total=len(offers))
                continue
            summary = result
            summary.offer_id, summary.model, summary.input_hash = offer.id, model, h
            summary = publication.publish(
                summary, shown.get(offer.id), fresh=True, source=offer.full_text(), company=offer.company
            )
            ctx.mark_done(STEP, key)
            done += 1
            tally.add(summary)
            ctx.log(
                STEP,
                f"{offer.title or 'offer ' + key}: {len(summary.key_skills)} skills; {field_note(summary)}",
                done=position,
                total=len(offers),
            )
        cancelled = done + failed < len(todo)
    except BaseException:
        publication.roll_back()
        raise
    if cancelled:
        restored = publication.roll_back()
        ctx.log(
            STEP,
            f"Cancelled: the {restored} earlier summaries this run replaced are shown again.",
            level="warning",
        )
    kept = f"; {publication.kept_earlier} earlier summaries kept (better)" if publication.kept_earlier else ""
    return StepResult(
        items=done + cached,
        failed=failed,
        message=f"{done} summarised, {cached} unchanged (cached), {failed} failed with {model}{kept}; {tally.line()}",
        data={"model": model},
    )
