"""The hybrid reranker: a learned linear combination of the pair features.

Why linear: with a few hundred labelled pairs per feature, a logistic model generalises, its
weights can be read (``jobapp eval`` and the explanations show which signal carried a match), it
runs in microseconds for 500 offers, and its output is already a log-odds that calibration maps
to a probability. Features are standardised with the development set's mean and scale, so the
stored weights compare with each other.

Engines:
- ``bi-encoder``: the whole-text cosine only (still calibrated, so its % means the same thing);
- ``hybrid``: all features of :mod:`features` except the cross-encoder (offline default);
- ``hybrid+ce``: the same plus the cross-encoder's score.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from jobapp.scoring.features import CROSS_ENCODER, FEATURES

ENGINES = ("bi-encoder", "hybrid", "hybrid+ce")
ENGINE_FEATURES: dict[str, tuple[str, ...]] = {
    "bi-encoder": ("dense_text",),
    "hybrid": FEATURES,
    "hybrid+ce": (*FEATURES, CROSS_ENCODER),
}


@dataclass
class LinearModel:
    """``logit = sum_f coef_f * (x_f - mean_f) / scale_f + intercept``."""

    features: tuple[str, ...]
    coef: np.ndarray
    mean: np.ndarray
    scale: np.ndarray
    intercept: float

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> LinearModel:
        names = tuple(data["features"])
        return cls(
            features=names,
            coef=np.array([data["coef"][f] for f in names], dtype=np.float64),
            mean=np.array([data["mean"][f] for f in names], dtype=np.float64),
            scale=np.array([data["scale"][f] for f in names], dtype=np.float64),
            intercept=float(data["intercept"]),
        )

    def to_dict(self) -> dict[str, Any]:
        def named(values: np.ndarray) -> dict[str, float]:
            return {f: round(float(v), 6) for f, v in zip(self.features, values, strict=True)}

        return {
            "features": list(self.features),
            "coef": named(self.coef),
            "mean": named(self.mean),
            "scale": named(self.scale),
            "intercept": round(self.intercept, 6),
        }

    def matrix(self, features: Mapping[str, np.ndarray]) -> np.ndarray:
        missing = [f for f in self.features if f not in features]
        if missing:
            raise KeyError(f"features missing for this model: {missing}")
        return np.column_stack([np.asarray(features[f], dtype=np.float64) for f in self.features])

    def logit(self, features: Mapping[str, np.ndarray]) -> np.ndarray:
        x = self.matrix(features)
        if x.size == 0:
            return np.zeros(x.shape[0])
        return ((x - self.mean) / self.scale) @ self.coef + self.intercept


class HybridReranker:
    """Scores many offers for one CV from their pair features."""

    def __init__(self, model: LinearModel) -> None:
        self.model = model

    def score(self, features: Mapping[str, np.ndarray]) -> list[tuple[dict[str, float], float]]:
        """``(components, raw logit)`` per offer; components are the raw feature values."""
        raw = self.model.logit(features)
        return [
            ({f: round(float(values[i]), 4) for f, values in features.items()}, float(raw[i]))
            for i in range(len(raw))
        ]
