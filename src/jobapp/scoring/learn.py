"""Learning the hybrid weights, the calibration and the verdict cut-offs from graded pairs.

Labels are graded the way a job seeker decides (docs/relevance.md): 2 strong (apply now),
1 partial (plausible), 0 no match. One linear score serves both questions, "worth a look?"
(label >= 1) and "apply now?" (label 2): an *ordinal* logistic model with shared weights and one
intercept per cut (the all-threshold trick: every pair appears once per cut with a 0/1 target and
an indicator of the cut), so a higher score always means a better offer and the two verdict
cut-offs sit on the same scale.

Everything is grouped by CV: a CV's offers are never split between training and testing, since
what must generalise is "a new user's CV". :func:`nested_cross_validation` gives honest figures
(each CV scored by a model, a calibration and cut-offs learned without it).

Pure computation (arrays in, models out); scikit-learn is imported only when fitting.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from jobapp.scoring import metrics
from jobapp.scoring.calibration import Platt, best_f1_threshold, fit_platt
from jobapp.scoring.hybrid import LinearModel

#: the two cuts of the graded labels: "a match" (partial or strong), "a strong match"
CUTS = (1, 2)


@dataclass
class Fitted:
    """A linear score, its calibration to P(label >= 1) and the two cut-offs on the 0-100 scale."""

    model: LinearModel
    platt: Platt
    threshold: float
    strong_threshold: float


def _matrix(data: Mapping[str, np.ndarray], names: Sequence[str], mask: np.ndarray) -> np.ndarray:
    return np.column_stack([np.asarray(data[n], dtype=np.float64)[mask] for n in names])


def fit_ordinal(
    data: Mapping[str, np.ndarray], names: Sequence[str], labels: np.ndarray, mask: np.ndarray, c: float
) -> LinearModel:
    """Shared-weight ordinal logistic regression; the returned logit is that of the first cut.

    Each CV weighs the same (a CV with 40 offers does not count more than one with 25), and each
    cut's two classes are balanced, so the weights answer "which offer is better for this CV",
    not "how common are matches".
    """
    from sklearn.linear_model import LogisticRegression

    x = _matrix(data, names, mask)
    y = np.asarray(labels)[mask]
    groups = np.asarray(data["groups"])[mask]
    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale == 0] = 1.0
    z = (x - mean) / scale
    per_cv = np.array([1.0 / (groups == g).sum() for g in groups])
    rows, targets, weights = [], [], []
    for k, cut in enumerate(CUTS):
        t = (y >= cut).astype(int)
        if t.all() or not t.any():
            continue
        w = per_cv * np.where(t == 1, 0.5 / per_cv[t == 1].sum(), 0.5 / per_cv[t == 0].sum())
        indicator = np.full((len(y), len(CUTS) - 1), 0.0)
        if k:
            indicator[:, k - 1] = 1.0
        rows.append(np.hstack([z, indicator]))
        targets.append(t)
        weights.append(w * len(y))
    model = LogisticRegression(C=c, max_iter=5000)
    model.fit(np.vstack(rows), np.concatenate(targets), sample_weight=np.concatenate(weights))
    coef = model.coef_[0][: len(names)].astype(float)
    return LinearModel(tuple(names), coef, mean, scale, float(model.intercept_[0]))


def _raw(model: LinearModel, data: Mapping[str, np.ndarray], mask: np.ndarray) -> np.ndarray:
    return model.logit({n: np.asarray(data[n])[mask] for n in model.features})


def out_of_fold(
    data: Mapping[str, np.ndarray], names: Sequence[str], labels: np.ndarray, mask: np.ndarray, c: float
) -> np.ndarray:
    """Raw scores of the pairs in ``mask``, each CV scored by a model fitted without it."""
    groups = np.asarray(data["groups"])
    raw = np.full(len(labels), np.nan)
    for g in np.unique(groups[mask]):
        test = mask & (groups == g)
        model = fit_ordinal(data, names, labels, mask & (groups != g), c)
        raw[test] = _raw(model, data, test)
    return raw[mask]


def strong_cutoff(percent: np.ndarray, labels: np.ndarray, floor: float) -> float:
    """The cut-off (>= ``floor``) with the best F1 for label 2 among the pairs."""
    cut = best_f1_threshold(percent, (np.asarray(labels) >= 2).astype(int))
    return max(cut, floor + 0.5)


def fit_all(
    data: Mapping[str, np.ndarray], names: Sequence[str], labels: np.ndarray, mask: np.ndarray, c: float
) -> Fitted:
    """Weights on every CV of ``mask``; calibration and cut-offs on their out-of-fold scores."""
    raw = out_of_fold(data, names, labels, mask, c)
    y = np.asarray(labels)[mask]
    platt = fit_platt(raw, (y >= 1).astype(int), prior=None)
    percent = platt.percent(raw)
    threshold = best_f1_threshold(percent, (y >= 1).astype(int))
    strong = strong_cutoff(percent, y, threshold)
    return Fitted(fit_ordinal(data, names, labels, mask, c), platt, threshold, strong)


def verdicts(percent: np.ndarray, threshold: float, strong: float) -> np.ndarray:
    """0 none, 1 partial, 2 strong, per pair."""
    p = np.asarray(percent)
    return np.where(p >= strong, 2, np.where(p >= threshold, 1, 0))


def report(percent: np.ndarray, labels: np.ndarray, groups: np.ndarray, shown: np.ndarray) -> dict[str, Any]:
    """Macro (per CV) ranking metrics, pooled match P/R/F1 and the confusion of the verdicts shown
    (``shown``: 0 none, 1 partial, 2 strong per pair)."""
    y = np.asarray(labels)
    per_cv = [(percent[groups == g], y[groups == g]) for g in np.unique(groups)]
    both = [(s, t) for s, t in per_cv if metrics.has_both_classes(t)]
    names = ((2, "strong"), (1, "partial"), (0, "none"))
    confusion = {
        str(label): {name: int(((y == label) & (shown == v)).sum()) for v, name in names}
        for label in sorted({int(v) for v in y})
    }
    prf = metrics.precision_recall_f1(shown, y, 1)
    strong_prf = metrics.precision_recall_f1(shown, y, 2, positive_from=2)
    top, zero = confusion.get("2", {}), confusion.get("0", {})
    return {
        "cvs": len(per_cv),
        "pairs": int(y.size),
        "macro_roc_auc": float(np.mean([metrics.roc_auc(s, t) for s, t in both])),
        "macro_average_precision": float(np.mean([metrics.average_precision(s, t) for s, t in both])),
        "macro_ndcg@5": float(np.mean([metrics.ndcg_at_k(s, t, 5) for s, t in per_cv])),
        "pooled_roc_auc": metrics.roc_auc(percent, y),
        "pooled_spearman": metrics.spearman(percent, y),
        "match_precision": prf["precision"],
        "match_recall": prf["recall"],
        "match_f1": prf["f1"],
        "strong_f1": strong_prf["f1"],
        "strong_shown_none": top.get("none", 0) / max(1, sum(top.values())) if top else float("nan"),
        "zero_shown_match": 1.0 - zero.get("none", 0) / max(1, sum(zero.values())) if zero else float("nan"),
        "confusion": confusion,
    }


def nested_cross_validation(
    data: Mapping[str, np.ndarray], names: Sequence[str], labels: np.ndarray, c: float
) -> dict[str, Any]:
    """Each CV scored by weights, calibration and cut-offs all learned on the other CVs."""
    groups = np.asarray(data["groups"])
    percent = np.zeros(len(labels))
    shown = np.zeros(len(labels), dtype=int)
    for g in np.unique(groups):
        test = groups == g
        fitted = fit_all(data, names, labels, ~test, c)
        percent[test] = fitted.platt.percent(_raw(fitted.model, data, test))
        shown[test] = verdicts(percent[test], fitted.threshold, fitted.strong_threshold)
    return report(percent, np.asarray(labels), groups, shown)
