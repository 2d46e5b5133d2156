"""Calibration: monotonic, spread over the range, one shipped threshold."""

from __future__ import annotations

import numpy as np
import pytest

from jobapp.scoring import calibration
from jobapp.scoring.engine import engine_model, rank_offers
from jobapp.scoring.hybrid import ENGINES

from .conftest import load_cv, load_offers, token_embed


def test_platt_is_monotonic_and_bounded() -> None:
    platt = calibration.Platt(a=1.5, b=-0.5)
    raw = np.linspace(-20, 20, 401)
    pct = platt.percent(raw)
    assert np.all(np.diff(pct) >= 0)
    assert pct.min() >= 0 and pct.max() <= 100


def test_fit_platt_recovers_a_known_curve() -> None:
    rng = np.random.default_rng(1)
    raw = rng.normal(size=4000) * 3
    labels = rng.random(4000) < 1 / (1 + np.exp(-(2.0 * raw - 1.0)))
    fitted = calibration.fit_platt(raw, labels, prior=None)
    assert fitted.a == pytest.approx(2.0, rel=0.15)
    assert fitted.b == pytest.approx(-1.0, abs=0.25)


def test_fit_platt_refuses_a_decreasing_relation() -> None:
    raw = np.arange(20.0)
    with pytest.raises(ValueError):
        calibration.fit_platt(raw, raw < 10)


def test_best_f1_threshold_separates_perfectly_split_scores() -> None:
    pct = np.array([5, 10, 20, 30, 70, 80, 95])
    labels = np.array([0, 0, 0, 0, 1, 1, 1])
    assert 30 < calibration.best_f1_threshold(pct, labels) <= 70


def test_shipped_file_has_every_engine_and_one_threshold() -> None:
    data = calibration.shipped()
    assert 1.0 <= calibration.DECISION_THRESHOLD <= 99.0
    assert data["decision_threshold"] == calibration.DECISION_THRESHOLD
    assert {"learned_on", "date", "engines"} <= set(data)
    for engine in ENGINES:
        model, platt = engine_model(engine)
        assert platt.a > 0
        assert len(model.features) == len(model.coef)


def test_scores_are_spread_not_bunched() -> None:
    """On the FR/EN fixtures (4 CVs x 12 offers) the % use the whole range."""
    offers = load_offers()
    scores = []
    for cv in ("fr_data_scientist", "fr_infirmiere", "en_accountant", "fr_boulanger"):
        scores += [m.score for m in rank_offers(load_cv(cv), None, offers, None, token_embed)]
    scores_arr = np.array(scores)
    assert scores_arr.min() < 15 and scores_arr.max() > 85
    assert np.mean((scores_arr > 40) & (scores_arr < 60)) < 0.25
