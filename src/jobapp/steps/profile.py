"""Step 4 — the anonymised CV profile (the LLM only ever sees the anonymised text)."""

from __future__ import annotations

from jobapp.domain import CvProfile, text_hash
from jobapp.steps.base import StepContext, StepResult
from jobapp.steps.summarise import llm_name
from jobapp.store import db, repo

STEP = "profile"


def current_profile(no_llm: bool = False) -> CvProfile:
    """The current CV's profile, computed once per (model, CV text)."""
    from jobapp.llm.profile import build_cv_profile
    from jobapp.llm.prompts import PROMPT_VERSION
    from jobapp.models.registry import get_llm

    with db.session() as s:
        cv = repo.current_cv(s)
    assert cv is not None and cv.id is not None
    llm = None if no_llm else get_llm()
    model = llm_name(llm)
    h = text_hash(f"profile|{PROMPT_VERSION}|{cv.text}")
    with db.session() as s:
        known = repo.get_profile(s, cv.id, model, h)
    if known is not None:
        return known
    profile = build_cv_profile(cv.text, llm)
    profile.cv_id, profile.model, profile.input_hash = cv.id, model, h
    with db.session() as s:
        repo.save_profile(s, profile)
    return profile


def run(ctx: StepContext) -> StepResult:
    profile = current_profile(no_llm=bool(ctx.params.get("no_llm")))
    removed = ", ".join(f"{n} {k}" for k, n in profile.removed.items() if n) or "nothing"
    ctx.log(
        STEP,
        f"Profile: {profile.title or '(no title)'}; {len(profile.hard_skills)} hard skills; "
        f"removed before any model saw it: {removed}.",
        done=1,
        total=1,
    )
    return StepResult(items=1, message=profile.title, data={"cv_id": profile.cv_id, "model": profile.model})
