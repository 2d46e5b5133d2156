"""Steps 5 and 6 share this: rank the stored offers for the current CV and store the ranking.

Step 5 ("match") uses the bi-encoder alone; step 6 ("rerank") the hybrid engine (dense + BM25 +
keyword coverage + title + seniority, plus a cross-encoder when one is configured), calibrated to 0-100.
A ranking is stored with the hash of everything it was computed from, so re-running with nothing
changed is a single lookup.

Scores are computed from the CV and offer texts only, never from LLM output (summaries, profile):
a weak or misled model cannot move a score, the ranking is reproducible with or without an LLM,
and the features are those the weights were learned on. The LLM's records serve the explanations.
"""

from __future__ import annotations

from jobapp import config
from jobapp.domain import Match, text_hash
from jobapp.errors import MissingPrerequisite
from jobapp.messages import msg
from jobapp.steps.base import StepContext, StepResult
from jobapp.steps.embedding_cache import ProgressFn, cached_embed
from jobapp.store import db, repo


def weights_version() -> str:
    """Fingerprint of the shipped weights and calibration: a new model file invalidates rankings."""
    import json

    from jobapp.scoring.calibration import shipped

    return text_hash(json.dumps(shipped(), sort_keys=True, default=str))[:16]


def engine_label(engine: str, embedder_name: str, reranker_name: str | None) -> str:
    label = f"{engine}:{embedder_name}"
    return f"{label}+{reranker_name}" if reranker_name and engine != "bi-encoder" else label


def rank_current(
    engine: str, ctx: StepContext | None = None, step: str = "match"
) -> tuple[list[Match], bool]:
    """Rank all stored offers for the current CV. Returns (matches, computed_now)."""
    from jobapp.models.registry import get_embedder, get_reranker, model_name
    from jobapp.scoring.engine import rank_offers

    with db.session() as s:
        cv = repo.current_cv(s)
        assert cv is not None and cv.id is not None
        offers = repo.list_offers(s)
    if not offers:
        raise MissingPrerequisite(
            "No offers to rank.", hint="Collect some first: `jobapp offers import FILE`."
        )
    candidates = config.get("JOBAPP_RERANK_TOP")
    if engine != "bi-encoder" and len(offers) > candidates:
        # Two stages: the reranker reads only the bi-encoder's best candidates.
        first, _ = rank_current("bi-encoder", ctx, step)
        keep = {m.offer_id for m in first[:candidates]}
        offers = [o for o in offers if o.id in keep]
        if ctx:
            ctx.log(step, msg("ranking.rerank_top", n=len(offers)))
    # Named, not loaded: with nothing changed the ranking is one lookup and no model is loaded.
    embedder_name = model_name("embedder") or ""
    label = engine_label(engine, embedder_name, model_name("reranker") if engine != "bi-encoder" else None)
    parts = [label, weights_version(), text_hash(cv.text)]
    parts += sorted(f"{o.id}:{text_hash(o.full_text())}" for o in offers)
    input_hash = text_hash("|".join(parts))
    with db.session() as s:
        if repo.match_input_hash(s, cv.id, label) == input_hash:
            matches = repo.latest_matches(s, cv.id, engine=label)
            if matches:
                if ctx:
                    ctx.log(step, msg("ranking.cached", n=len(offers)))
                return matches, False
    if ctx:
        ctx.log(step, msg("ranking.start", n=len(offers), engine=label), done=0, total=len(offers))
    embedder = get_embedder()
    reranker = get_reranker() if engine != "bi-encoder" else None
    embed = cached_embed(embedder, embedding_progress(ctx, step) if ctx else None)
    matches = rank_offers(cv.text, None, offers, None, embed, reranker=reranker, engine=engine)
    for m in matches:
        m.cv_id, m.engine = cv.id, label
    with db.session() as s:
        repo.save_matches(s, matches, input_hash, run_id=ctx.run_id if ctx else None)
    if ctx:
        best = matches[0] if matches else None
        ranked = (
            msg("ranking.done_best", n=len(matches), score=best.score) if best else msg("ranking.done", n=0)
        )
        ctx.log(step, ranked, done=len(offers), total=len(offers))
    return matches, True


def embedding_progress(ctx: StepContext, step: str, every: float = 5.0) -> ProgressFn:
    """Logs the embedding's progress every ``every`` seconds and at its end: embedding thousands of
    offers takes minutes, which must not be silent in the run log."""
    import time

    last = time.monotonic()

    def report(done: int, total: int) -> None:
        nonlocal last
        if done == total or time.monotonic() - last >= every:
            last = time.monotonic()
            ctx.log(step, msg("ranking.embedded", done=done, total=total), done=done, total=total)

    return report


def run_ranking(ctx: StepContext, engine: str, step: str) -> StepResult:
    matches, fresh = rank_current(engine, ctx, step)
    return StepResult(
        items=len(matches),
        message=msg("ranking.fresh" if fresh else "ranking.unchanged"),
        data={"engine": matches[0].engine if matches else engine},
    )
