"""From a raw score to the 0-100 % the user sees, and the one threshold that means "match".

The % is a probability of relevance learned on labelled pairs (Platt scaling: a logistic curve
``p = sigmoid(a * raw + b)`` fitted on out-of-fold development scores). A probability depends on
how common relevant offers are; the development data has one relevant offer per hundred, far
rarer than in a targeted search, so the fit reweights it to a stated prior (``NOMINAL_PRIOR`` in
bench/learn_weights.py, 25 %: about one offer in four of a targeted job-board search is worth a
look). The % therefore reads "chance this offer is relevant, in a typical targeted search", and
spreads over the range instead of squeezing near 0.

``DECISION_THRESHOLD`` (0-100) is the single cut-off the UI, ``jobapp eval`` and the explanations
use to call a pair a match. It is chosen on the development set (best F1) and shipped, with the
weights and the calibration of every engine, in ``data/weights.json`` (written by
``bench/learn_weights.py``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import numpy as np

WEIGHTS_FILE = "data/weights.json"


@dataclass(frozen=True)
class Platt:
    """``p = sigmoid(a * raw + b)``; ``a > 0`` keeps the order of the raw scores."""

    a: float = 1.0
    b: float = 0.0

    def probability(self, raw: np.ndarray | float) -> np.ndarray:
        z = self.a * np.asarray(raw, dtype=np.float64) + self.b
        return 1.0 / (1.0 + np.exp(-np.clip(z, -50, 50)))

    def percent(self, raw: np.ndarray | float) -> np.ndarray:
        """0-100, one decimal."""
        return np.round(100.0 * self.probability(raw), 1)

    def to_dict(self) -> dict[str, Any]:
        return {"kind": "platt", "a": round(self.a, 6), "b": round(self.b, 6)}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Platt:
        return cls(a=float(data["a"]), b=float(data["b"]))


def prior_weights(labels: np.ndarray, prior: float | None) -> np.ndarray:
    """Sample weights that make positives a share ``prior`` of the total (None: as they come)."""
    y = np.asarray(labels).astype(bool)
    if prior is None or y.all() or not y.any():
        return np.ones(y.size)
    return np.where(y, prior / y.sum(), (1.0 - prior) / (~y).sum()) * y.size


def fit_platt(raw: np.ndarray, labels: np.ndarray, prior: float | None = 0.5) -> Platt:
    """Logistic fit of ``labels`` (0/1) on ``raw`` (ideally scores the model did not train on).

    ``prior``: the share of relevant pairs the probability assumes (the data are reweighted to
    it); None keeps the data's own share.
    """
    from sklearn.linear_model import LogisticRegression

    x = np.asarray(raw, dtype=np.float64).reshape(-1, 1)
    y = np.asarray(labels).astype(int)
    model = LogisticRegression(C=1e4)
    model.fit(x, y, sample_weight=prior_weights(y, prior))
    a = float(model.coef_[0, 0])
    if a <= 0:
        raise ValueError("calibration found a non-increasing relation between score and relevance")
    return Platt(a=a, b=float(model.intercept_[0]))


def best_f1_threshold(percent: np.ndarray, labels: np.ndarray, prior: float | None = None) -> float:
    """The 0-100 cut-off maximising F1 (middle of the best plateau, rounded to 0.5).

    With ``prior``, counts are reweighted so that relevant pairs are that share of the data.
    """
    pct = np.asarray(percent, dtype=np.float64)
    y = np.asarray(labels).astype(bool)
    w = prior_weights(y, prior)
    grid = np.arange(1.0, 99.5, 0.5)
    f1 = np.zeros(grid.size)
    for i, t in enumerate(grid):
        pred = pct >= t
        tp, fp, fn = w[pred & y].sum(), w[pred & ~y].sum(), w[~pred & y].sum()
        f1[i] = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
    best = np.flatnonzero(f1 >= f1.max() - 1e-9)
    return float(np.round(np.median(grid[best]) * 2) / 2)


@lru_cache(maxsize=1)
def shipped() -> dict[str, Any]:
    """The shipped weights file (weights, calibrations, threshold, provenance)."""
    text = resources.files("jobapp.scoring").joinpath(WEIGHTS_FILE).read_text("utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def _shipped_threshold() -> float:
    try:
        return float(shipped()["decision_threshold"])
    except FileNotFoundError:  # only while bench/learn_weights.py writes the very first file
        return 50.0


#: The "match" cut-off on the 0-100 scale, shared by the UI, ``jobapp eval`` and explanations.
DECISION_THRESHOLD: float = _shipped_threshold()


def _shipped_strong_threshold() -> float:
    try:
        return float(shipped().get("strong_threshold", DECISION_THRESHOLD + 20.0))
    except FileNotFoundError:
        return DECISION_THRESHOLD + 20.0


#: The "strong match" cut-off: above it an offer is worth applying to now.
STRONG_THRESHOLD: float = max(_shipped_strong_threshold(), DECISION_THRESHOLD)
#: The three verdicts, best first; every face shows them with the same words.
VERDICTS = ("strong", "partial", "none")


def verdict_for(score: float, threshold: float | None = None, strong: float | None = None) -> str:
    """The verdict of a calibrated 0-100 score: ``strong`` from the strong cut-off, ``partial``
    from the decision threshold, else ``none``. Both cut-offs are chosen on the labelled
    development set (``bench/learn_weights.py``) and shipped in ``data/weights.json``; the LLM
    never decides this."""
    threshold = DECISION_THRESHOLD if threshold is None else threshold
    strong = max(STRONG_THRESHOLD if strong is None else strong, threshold)
    if score >= strong:
        return "strong"
    if score >= threshold:
        return "partial"
    return "none"
