"""Ranking and classification metrics, in plain numpy.

Why not scikit-learn at run time: ``jobapp eval`` must stay light and give the same numbers
everywhere; these few formulas are short, and the tests cross-check them against scikit-learn.
Ties are handled the standard way: tied scores share their average rank (ROC-AUC, Spearman),
average precision steps only at distinct score values (as scikit-learn does), and NDCG's ideal
ordering is by label.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

ArrayLike = Sequence[float] | np.ndarray


def _arrays(scores: ArrayLike, labels: ArrayLike) -> tuple[np.ndarray, np.ndarray]:
    s = np.asarray(scores, dtype=np.float64).reshape(-1)
    y = np.asarray(labels, dtype=np.float64).reshape(-1)
    if s.shape != y.shape:
        raise ValueError(f"{s.size} scores for {y.size} labels")
    return s, y


def average_ranks(values: ArrayLike) -> np.ndarray:
    """1-based ranks, ties sharing the mean of the ranks they span."""
    v = np.asarray(values, dtype=np.float64)
    order = np.argsort(v, kind="mergesort")
    sorted_v = v[order]
    ranks = np.empty(v.size, dtype=np.float64)
    start = 0
    while start < v.size:
        end = start
        while end + 1 < v.size and sorted_v[end + 1] == sorted_v[start]:
            end += 1
        ranks[order[start : end + 1]] = (start + end) / 2.0 + 1.0
        start = end + 1
    return ranks


def has_both_classes(labels: ArrayLike, positive_from: float = 1.0) -> bool:
    y = np.asarray(labels, dtype=np.float64) >= positive_from
    return bool(y.any() and (~y).any())


def roc_auc(scores: ArrayLike, labels: ArrayLike, positive_from: float = 1.0) -> float:
    """Probability that a random positive outscores a random negative (ties count 1/2).

    Graded labels are binarised at ``positive_from``. NaN when one class is absent.
    """
    s, y = _arrays(scores, labels)
    pos = y >= positive_from
    n_pos, n_neg = int(pos.sum()), int((~pos).sum())
    if n_pos == 0 or n_neg == 0:
        return float("nan")
    ranks = average_ranks(s)
    return float((ranks[pos].sum() - n_pos * (n_pos + 1) / 2.0) / (n_pos * n_neg))


def average_precision(scores: ArrayLike, labels: ArrayLike, positive_from: float = 1.0) -> float:
    """Area under the precision-recall step curve, thresholds at distinct scores (sklearn's AP)."""
    s, y = _arrays(scores, labels)
    pos = (y >= positive_from).astype(np.float64)
    if pos.sum() == 0:
        return float("nan")
    order = np.argsort(-s, kind="mergesort")
    s_sorted, p_sorted = s[order], pos[order]
    # last index of each block of tied scores: precision/recall are only defined there
    last = np.r_[np.nonzero(np.diff(s_sorted))[0], s_sorted.size - 1]
    tp = np.cumsum(p_sorted)[last]
    seen = last + 1.0
    precision = tp / seen
    recall = tp / pos.sum()
    recall_steps = np.diff(np.r_[0.0, recall])
    return float((recall_steps * precision).sum())


def ndcg_at_k(scores: ArrayLike, labels: ArrayLike, k: int = 5) -> float:
    """Normalised discounted cumulative gain of the top ``k``, graded gains ``2**label - 1``.

    Ties in score are broken pessimistically (lower label first) so a constant scorer does not
    earn credit by luck of the input order. NaN when no label is positive.
    """
    s, y = _arrays(scores, labels)
    gains = np.power(2.0, y) - 1.0
    if gains.max(initial=0.0) <= 0:
        return float("nan")
    order = np.lexsort((y, -s))  # by score desc, then label asc
    discounts = 1.0 / np.log2(np.arange(2, min(k, s.size) + 2))
    dcg = float((gains[order][:k] * discounts).sum())
    ideal = float((np.sort(gains)[::-1][:k] * discounts).sum())
    return dcg / ideal


def pearson(x: ArrayLike, y: ArrayLike) -> float:
    a, b = _arrays(x, y)
    if a.size < 2 or a.std() == 0 or b.std() == 0:
        return float("nan")
    return float(np.corrcoef(a, b)[0, 1])


def spearman(x: ArrayLike, y: ArrayLike) -> float:
    a, b = _arrays(x, y)
    return pearson(average_ranks(a), average_ranks(b))


def precision_recall_f1(
    scores: ArrayLike, labels: ArrayLike, threshold: float, positive_from: float = 1.0
) -> dict[str, float]:
    """Precision, recall and F1 of the decision ``score >= threshold``.

    Precision with no predicted positive is 0 (as scikit-learn's ``zero_division=0``).
    """
    s, y = _arrays(scores, labels)
    predicted = s >= threshold
    actual = y >= positive_from
    tp = float((predicted & actual).sum())
    fp = float((predicted & ~actual).sum())
    fn = float((~predicted & actual).sum())
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "predicted_positive": tp + fp}


def all_metrics(scores: ArrayLike, labels: ArrayLike, threshold: float, k: int = 5) -> dict[str, float]:
    """Every metric ``jobapp eval`` reports for one set of (score, label) pairs."""
    out = {
        "roc_auc": roc_auc(scores, labels),
        "average_precision": average_precision(scores, labels),
        f"ndcg@{k}": ndcg_at_k(scores, labels, k),
        "spearman": spearman(scores, labels),
        "pearson": pearson(scores, labels),
    }
    out.update(precision_recall_f1(scores, labels, threshold))
    return out
