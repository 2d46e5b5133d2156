"""Step 6 — rerank with the hybrid engine (and a cross-encoder when configured): calibrated 0-100 %."""

from __future__ import annotations

from jobapp.steps.base import StepContext, StepResult
from jobapp.steps.ranking import run_ranking


def run(ctx: StepContext) -> StepResult:
    return run_ranking(ctx, "hybrid", "rerank")
