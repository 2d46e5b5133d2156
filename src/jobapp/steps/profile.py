"""Step 4 — the anonymised CV profile (the LLM only ever sees the anonymised text).

The field policy decides which fields the model is asked for (none: no model call, said once in
the log); the log line ends with the fields kept and replaced; a worse profile never replaces the
one shown before for the same CV text (:mod:`jobapp.llm.publication`).
"""

from __future__ import annotations

from jobapp.domain import CvProfile, text_hash
from jobapp.messages import catalogue, msg
from jobapp.steps.base import StepContext, StepResult
from jobapp.steps.summarise import effective_llm, llm_name
from jobapp.store import db, repo

STEP = "profile"


def profile_hash(cv_text: str) -> str:
    from jobapp.llm.field_policy import policy_version
    from jobapp.llm.prompts import PROMPT_VERSION

    return text_hash(f"profile|{PROMPT_VERSION}|{policy_version()}|{cv_text}")


def current_profile(no_llm: bool = False, ctx: StepContext | None = None) -> CvProfile:
    """The current CV's profile, computed once per (model, CV text); the better of it and the one shown."""
    from jobapp.llm.profile import CvProfileDraft, build_cv_profile
    from jobapp.llm.publication import Publication
    from jobapp.models.registry import get_llm

    with db.session() as s:
        cv = repo.current_cv(s)
    assert cv is not None and cv.id is not None
    llm_spec = effective_llm(no_llm, "profile", tuple(CvProfileDraft.model_fields), ctx, STEP)
    model = llm_name(llm_spec)
    h = profile_hash(cv.text)
    with db.session() as s:
        known = repo.get_profile(s, cv.id, model, h)
        shown = repo.latest_profile(s, cv.id)

    def save(record: CvProfile) -> None:
        with db.session() as s:
            repo.save_profile(s, record)

    publication: Publication[CvProfile] = Publication(save)
    if known is not None:
        return publication.publish(known, shown, fresh=False, source=cv.text)
    llm = get_llm() if llm_spec is not None else None  # loaded only when the profile is not stored
    profile = build_cv_profile(cv.text, llm)
    profile.cv_id, profile.model, profile.input_hash = cv.id, model, h
    return publication.publish(profile, shown, fresh=True, source=cv.text)


def _removed(kind: str, count: int) -> str:
    """ "3 phone number(s)": a kind of personal detail the catalogue does not know keeps its code."""
    key = f"pii.{kind}"
    return msg(key, n=count) if key in catalogue("en") else f"{count} {kind}"


def run(ctx: StepContext) -> StepResult:
    from jobapp.llm.field_report import field_note

    profile = current_profile(no_llm=bool(ctx.params.get("no_llm")), ctx=ctx)
    removed = [_removed(kind, n) for kind, n in profile.removed.items() if n]
    line = msg(
        "profile.done",
        title=profile.title or msg("profile.no_title"),
        skills=len(profile.hard_skills),
        removed=removed or msg("profile.removed_nothing"),
        note=field_note(profile),
    )
    ctx.log(STEP, line, done=1, total=1)
    return StepResult(items=1, message=profile.title, data={"cv_id": profile.cv_id, "model": profile.model})
