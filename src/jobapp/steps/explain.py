"""Step 7 — explain the top matches with a verdict (strong / partial / no match).

The verdict comes from the calibrated score and the decision threshold, never from LLM prose. The
field policy decides which fields the model writes; a cancelled or failed run leaves the
explanations shown before in place (:mod:`jobapp.llm.publication`).
"""

from __future__ import annotations

from jobapp import config
from jobapp.domain import Explanation, Match, Offer, OfferSummary, text_hash
from jobapp.errors import MissingPrerequisite
from jobapp.llm.parallel import in_order
from jobapp.messages import error_message, msg
from jobapp.steps.base import StepContext, StepResult
from jobapp.steps.summarise import effective_llm, llm_name
from jobapp.store import db, repo

STEP = "explain"


def explain_top(
    top: int | None = None, ctx: StepContext | None = None, no_llm: bool = False
) -> list[Explanation]:
    from jobapp.llm.explain import ExplanationDraft, explain_match
    from jobapp.llm.field_report import FieldTally, field_note
    from jobapp.llm.publication import Publication
    from jobapp.models.registry import get_llm
    from jobapp.scoring.calibration import DECISION_THRESHOLD
    from jobapp.steps.profile import current_profile

    top = top or config.get("JOBAPP_EXPLAIN_TOP")
    with db.session() as s:
        cv = repo.current_cv(s)
        assert cv is not None and cv.id is not None
        matches = repo.latest_matches(s, cv.id)[:top]
        summaries = repo.latest_summaries(s, [m.offer_id for m in matches])
        offers = {o.id: o for o in repo.list_offers(s, [m.offer_id for m in matches])}
        shown = repo.latest_explanations(s, cv.id)
    if not matches:
        raise MissingPrerequisite("No ranking to explain yet.", hint="Run `jobapp match` first.")
    profile = current_profile(no_llm=no_llm)
    llm_spec = effective_llm(no_llm, "explanation", tuple(ExplanationDraft.model_fields), ctx, STEP)
    model = llm_name(llm_spec)

    def save(record: Explanation) -> None:
        with db.session() as s:
            repo.save_explanation(s, record)

    publication: Publication[Explanation] = Publication(save)
    tally = FieldTally()
    out: list[Explanation] = []
    todo: list[tuple[int, Match, OfferSummary, str]] = []
    jobs = _jobs(matches, offers, summaries, profile.input_hash)
    with db.session() as s:  # one session for every lookup: a rerun is these and nothing else
        stored = [repo.get_explanation(s, cv.id, m.offer_id, model, h) for _, m, _, h in jobs]
    try:
        for (i, m, summary, h), known in zip(jobs, stored, strict=True):
            if known is not None:
                out.append(publication.publish(known, shown.get(m.offer_id), fresh=False))
            else:
                todo.append((i, m, summary, h))

        llm = get_llm() if llm_spec is not None and todo else None  # loaded only for work to do

        def explain(job: tuple[int, Match, OfferSummary, str]) -> Explanation:
            _, m, summary, _ = job
            offer = offers[m.offer_id]
            return explain_match(profile, summary, offer, m.score, m.keywords, DECISION_THRESHOLD, llm)

        workers = llm.parallel if llm is not None else 1
        handled = 0
        for (i, m, _, h), exp in in_order(todo, explain, workers, ctx.cancelled if ctx else lambda: False):
            handled += 1
            if isinstance(exp, Exception):  # one explanation failing never sinks the others
                if ctx:
                    ctx.mark_failed(STEP, str(m.offer_id), str(exp))
                    failure = msg("item.failed", id=m.offer_id, error=error_message(exp))
                    ctx.log(STEP, failure, level="error", done=i, total=len(matches))
                continue
            exp.cv_id, exp.offer_id, exp.model, exp.input_hash = cv.id, m.offer_id, model, h
            exp = publication.publish(exp, shown.get(m.offer_id), fresh=True)
            out.append(exp)
            tally.add(exp)
            if ctx:
                ctx.mark_done(STEP, str(m.offer_id))
                title = offers[m.offer_id].title
                line = msg(
                    "explain.item", title=title, verdict=msg(f"verdict.{exp.verdict}"), note=field_note(exp)
                )
                ctx.log(STEP, line, done=i, total=len(matches))
        cancelled = handled < len(todo)
    except BaseException:
        publication.roll_back()
        raise
    if cancelled:
        restored = publication.roll_back()
        if ctx:
            ctx.log(STEP, msg("explain.cancelled", n=restored), level="warning")
    elif ctx and (tally.kept or tally.replaced):
        ctx.log(STEP, tally.line())
    return out


def _jobs(
    matches: list[Match],
    offers: dict[int | None, Offer],
    summaries: dict[int, OfferSummary],
    profile_hash: str,
) -> list[tuple[int, Match, OfferSummary, str]]:
    """(position, match, offer summary, input hash) of each match to explain."""
    from jobapp.extraction.seniority import detect_language
    from jobapp.llm.field_policy import policy_version
    from jobapp.llm.prompts import PROMPT_VERSION

    jobs = []
    for i, m in enumerate(matches, 1):
        offer = offers[m.offer_id]
        summary = summaries.get(m.offer_id) or OfferSummary(
            offer_id=m.offer_id, language=detect_language(offer.description)
        )
        h = text_hash(
            f"explain|{PROMPT_VERSION}|{policy_version()}|{profile_hash}|{summary.input_hash}|"
            f"{offer.full_text()}|{m.score:.2f}|{m.keywords.model_dump_json()}"
        )
        jobs.append((i, m, summary, h))
    return jobs


def run(ctx: StepContext) -> StepResult:
    exps = explain_top(ctx.params.get("top"), ctx, no_llm=bool(ctx.params.get("no_llm")))
    counts = {v: sum(e.verdict == v for e in exps) for v in ("strong", "partial", "none")}
    return StepResult(items=len(exps), message=msg("explain.summary", **counts))
