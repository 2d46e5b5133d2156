"""Step 5 — rank offers for the CV with the bi-encoder alone."""

from __future__ import annotations

from jobapp.steps.base import StepContext, StepResult
from jobapp.steps.ranking import run_ranking


def run(ctx: StepContext) -> StepResult:
    return run_ranking(ctx, "bi-encoder", "match")
