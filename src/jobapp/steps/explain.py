"""Step 7 — explain the top matches with a verdict (strong / partial / no match).

The verdict comes from the calibrated score and the decision threshold, never from LLM prose.
"""

from __future__ import annotations

from jobapp import config
from jobapp.domain import Explanation, OfferSummary, text_hash
from jobapp.errors import MissingPrerequisite
from jobapp.steps.base import StepContext, StepResult
from jobapp.steps.summarise import llm_name
from jobapp.store import db, repo

STEP = "explain"


def explain_top(
    top: int | None = None, ctx: StepContext | None = None, no_llm: bool = False
) -> list[Explanation]:
    from jobapp.extraction.seniority import detect_language
    from jobapp.llm.explain import explain_match
    from jobapp.llm.prompts import PROMPT_VERSION
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
    if not matches:
        raise MissingPrerequisite("No ranking to explain yet.", hint="Run `jobapp match` first.")
    profile = current_profile(no_llm=no_llm)
    llm = None if no_llm else get_llm()
    model = llm_name(llm)
    out: list[Explanation] = []
    for i, m in enumerate(matches, 1):
        offer = offers[m.offer_id]
        summary = summaries.get(m.offer_id) or OfferSummary(
            offer_id=m.offer_id, language=detect_language(offer.description)
        )
        h = text_hash(
            f"explain|{PROMPT_VERSION}|{profile.input_hash}|{summary.input_hash}|"
            f"{offer.full_text()}|{m.score:.2f}|{m.keywords.model_dump_json()}"
        )
        with db.session() as s:
            known = repo.get_explanation(s, cv.id, m.offer_id, model, h)
        if known is not None:
            out.append(known)
            continue
        if ctx and ctx.cancelled():
            break
        try:
            exp = explain_match(profile, summary, offer, m.score, m.keywords, DECISION_THRESHOLD, llm)
        except Exception as exc:  # one explanation failing never sinks the others
            if ctx:
                ctx.mark_failed(STEP, str(m.offer_id), str(exc))
                ctx.log(STEP, f"offer {m.offer_id}: {exc}", level="error", done=i, total=len(matches))
            continue
        exp.cv_id, exp.offer_id, exp.model, exp.input_hash = cv.id, m.offer_id, model, h
        with db.session() as s:
            repo.save_explanation(s, exp)
        out.append(exp)
        if ctx:
            ctx.mark_done(STEP, str(m.offer_id))
            ctx.log(STEP, f"{offer.title}: {exp.verdict}", done=i, total=len(matches))
    return out


def run(ctx: StepContext) -> StepResult:
    exps = explain_top(ctx.params.get("top"), ctx, no_llm=bool(ctx.params.get("no_llm")))
    counts = {v: sum(e.verdict == v for e in exps) for v in ("strong", "partial", "none")}
    return StepResult(items=len(exps), message=", ".join(f"{n} {v}" for v, n in counts.items()))
