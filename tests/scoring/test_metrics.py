"""Metrics against hand-computed values and against scikit-learn, ties included."""

from __future__ import annotations

import math

import numpy as np
import pytest

from jobapp.scoring import metrics


def test_roc_auc_by_hand() -> None:
    # positives 0.9, 0.4; negatives 0.5, 0.1: pairs (0.9>0.5, 0.9>0.1, 0.4<0.5, 0.4>0.1) = 3/4
    assert metrics.roc_auc([0.9, 0.5, 0.4, 0.1], [1, 0, 1, 0]) == pytest.approx(0.75)


def test_roc_auc_ties_count_half() -> None:
    assert metrics.roc_auc([0.5, 0.5], [1, 0]) == pytest.approx(0.5)
    assert metrics.roc_auc([0.7, 0.5, 0.5], [1, 1, 0]) == pytest.approx(0.75)


def test_roc_auc_one_class_is_nan() -> None:
    assert math.isnan(metrics.roc_auc([0.1, 0.2], [0, 0]))


def test_average_precision_by_hand() -> None:
    # ranking: 1 (P=1), 0, 1 (P=2/3), 0 -> AP = (1 + 2/3) / 2
    assert metrics.average_precision([0.9, 0.8, 0.7, 0.1], [1, 0, 1, 0]) == pytest.approx(5 / 6)


def test_average_precision_tied_block_is_one_step() -> None:
    # all tied: one threshold, precision 1/2 at recall 1
    assert metrics.average_precision([0.3, 0.3, 0.3, 0.3], [1, 0, 1, 0]) == pytest.approx(0.5)


def test_ndcg_by_hand_graded() -> None:
    # order by score: labels 1, 2, 0 -> DCG = 1/log2(2) + 3/log2(3); ideal 3/1 + 1/log2(3)
    dcg = 1 + 3 / math.log2(3)
    ideal = 3 + 1 / math.log2(3)
    assert metrics.ndcg_at_k([0.9, 0.5, 0.1], [1, 2, 0], k=5) == pytest.approx(dcg / ideal)


def test_ndcg_perfect_and_cutoff() -> None:
    assert metrics.ndcg_at_k([3, 2, 1], [1, 1, 0], k=2) == pytest.approx(1.0)
    # the only relevant item is 6th: outside the top 5
    assert metrics.ndcg_at_k([6, 5, 4, 3, 2, 1], [0, 0, 0, 0, 0, 1], k=5) == 0.0


def test_ndcg_ties_are_pessimistic() -> None:
    assert metrics.ndcg_at_k([1.0, 1.0], [0, 1], k=1) == 0.0


def test_spearman_pearson_by_hand() -> None:
    assert metrics.spearman([1, 2, 3, 4], [10, 20, 30, 40]) == pytest.approx(1.0)
    assert metrics.spearman([1, 2, 3, 4], [4, 3, 2, 1]) == pytest.approx(-1.0)
    assert metrics.pearson([1, 2, 3], [1, 2, 4]) == pytest.approx(0.9819805, abs=1e-6)
    assert math.isnan(metrics.pearson([1, 1, 1], [0, 1, 0]))


def test_precision_recall_f1_by_hand() -> None:
    out = metrics.precision_recall_f1([90, 60, 40, 10], [1, 0, 1, 0], threshold=50)
    assert out["precision"] == pytest.approx(0.5)
    assert out["recall"] == pytest.approx(0.5)
    assert out["f1"] == pytest.approx(0.5)
    none = metrics.precision_recall_f1([10, 20], [1, 0], threshold=50)
    assert none["precision"] == 0.0 and none["f1"] == 0.0


def test_against_scikit_learn_with_ties() -> None:
    sk = pytest.importorskip("sklearn.metrics")
    from scipy import stats

    rng = np.random.default_rng(0)
    for _ in range(20):
        y = rng.integers(0, 2, 60)
        if y.min() == y.max():
            continue
        s = np.round(rng.random(60) + 0.4 * y, 1)  # rounding creates many ties
        assert metrics.roc_auc(s, y) == pytest.approx(sk.roc_auc_score(y, s))
        assert metrics.average_precision(s, y) == pytest.approx(sk.average_precision_score(y, s))
        assert metrics.spearman(s, y) == pytest.approx(stats.spearmanr(s, y).statistic)
        assert metrics.pearson(s, y) == pytest.approx(stats.pearsonr(s, y).statistic)
        graded = rng.integers(0, 4, 60)
        assert metrics.ndcg_at_k(s + 1e-6 * np.arange(60), graded, 5) == pytest.approx(
            # scikit-learn uses the label as gain: give it our exponential gains 2**label - 1
            sk.ndcg_score([2.0**graded - 1], [s + 1e-6 * np.arange(60)], k=5)
        )
        pred = (s >= 0.7).astype(int)
        prf = metrics.precision_recall_f1(s, y, 0.7)
        assert prf["precision"] == pytest.approx(sk.precision_score(y, pred, zero_division=0))
        assert prf["recall"] == pytest.approx(sk.recall_score(y, pred))
        assert prf["f1"] == pytest.approx(sk.f1_score(y, pred))
