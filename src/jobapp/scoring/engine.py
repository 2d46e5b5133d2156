"""The single entry point the app calls to rank offers for a CV (pipeline steps 5-6).

``rank_offers`` embeds what it needs through the injected ``embed`` callable (so the caller's
embedding cache is used), computes the pair features, scores them with the shipped linear model
of the chosen engine, calibrates to 0-100 % and fills each :class:`~jobapp.domain.Match` with its
components and ATS keyword coverage. It is pure: no database, no settings, no model loading.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from jobapp.domain import CvProfile, KeywordCoverage, Match, Offer, OfferSummary
from jobapp.errors import InvalidInput
from jobapp.scoring import signals
from jobapp.scoring.calibration import Platt, shipped
from jobapp.scoring.features import (
    DENSE_FIELDS,
    build_cv_side,
    build_offer_sides,
    coverage_for,
    cv_fields,
    pair_features,
)
from jobapp.scoring.hybrid import ENGINES, HybridReranker, LinearModel

EmbedFn = Callable[[list[str]], np.ndarray]


def resolve_engine(engine: str, reranker: Any | None) -> str:
    """The engine actually run: ``hybrid`` uses the cross-encoder whenever one is given."""
    if engine not in ENGINES:
        raise InvalidInput(f"Unknown matching engine {engine!r}.", hint=f"Use one of: {', '.join(ENGINES)}.")
    if engine == "hybrid+ce" and reranker is None:
        raise InvalidInput(
            "The 'hybrid+ce' engine needs a cross-encoder, and none is configured.",
            hint="Set JOBAPP_RERANKER to a cross-encoder name or path, or use the 'hybrid' engine.",
        )
    if engine == "hybrid" and reranker is not None:
        return "hybrid+ce"
    return engine


def engine_model(engine: str) -> tuple[LinearModel, Platt]:
    data = shipped()["engines"][engine]
    return LinearModel.from_dict(data["model"]), Platt.from_dict(data["calibration"])


#: How many of the bi-encoder's best offers get their keyword coverage computed (for display).
KEYWORDS_TOP = 50


def rank_by_embedding(
    cv_text: str,
    cv_profile: CvProfile | None,
    offers: Sequence[Offer],
    embed: EmbedFn,
    top: int | None = None,
    keywords_top: int = KEYWORDS_TOP,
) -> list[Match]:
    """Step 5, the first stage: whole-text cosine only, one matrix product over all offers.

    It has to stay fast over thousands of offers, so it analyses no offer text: keyword coverage
    (for display) is computed for the ``keywords_top`` best ones only; the reranker computes it for
    every offer it reads.
    """
    vectors = np.asarray(embed([cv_text, *(o.full_text() for o in offers)]), dtype=np.float32)
    cosine = vectors[1:] @ vectors[0]
    model, platt = engine_model("bi-encoder")
    raw = model.logit({"dense_text": cosine})
    percent = platt.percent(raw)
    order = np.lexsort((-raw, -percent))  # saturated percentages keep the cosine order
    if top is not None:
        order = order[:top]
    index = signals.cv_index(cv_text) if keywords_top else None
    cv_id = cv_profile.cv_id if cv_profile and cv_profile.cv_id is not None else 0
    matches = []
    for rank, i in enumerate(order.tolist(), start=1):
        offer = offers[i]
        keywords = (
            signals.keyword_coverage(signals.offer_keywords(offer.full_text()), index)
            if rank <= keywords_top
            else KeywordCoverage()
        )
        # model_construct: every value is computed here (no untrusted input), and validating
        # thousands of records would cost more than the ranking itself.
        matches.append(
            Match.model_construct(
                offer_id=offer.id if offer.id is not None else i,
                cv_id=cv_id,
                rank=rank,
                dense=float(cosine[i]),
                score=float(percent[i]),
                components={"dense_text": round(float(cosine[i]), 4), "raw": round(float(raw[i]), 4)},
                keywords=keywords,
                engine="bi-encoder",
            )
        )
    return matches


def rank_offers(
    cv_text: str,
    cv_profile: CvProfile | None,
    offers: Sequence[Offer],
    summaries: dict[int, OfferSummary] | None,
    embed: EmbedFn,
    reranker: Any | None = None,
    engine: str = "hybrid",
    top: int | None = None,
    rerank_top: int | None = None,
) -> list[Match]:
    """Offers ranked best first, each with a calibrated 0-100 score, components and keywords.

    ``reranker``: a cross-encoder (``rank(query, docs) -> scores``); with it ``hybrid`` becomes
    ``hybrid+ce``. ``rerank_top``: when set, only that many best offers (by the hybrid score
    without cross-encoder) are read by the cross-encoder, the slow part; the others keep their
    cross-encoder-free score and rank after them. ``top``: how many matches to return.
    Offers without an ``id`` get their position in ``offers`` as ``offer_id``.
    """
    if not offers:
        return []
    effective = resolve_engine(engine, reranker)
    if effective == "bi-encoder":
        return rank_by_embedding(cv_text, cv_profile, offers, embed, top=top)
    fields = DENSE_FIELDS
    cv = build_cv_side(cv_text, cv_profile, embed, fields)
    side = build_offer_sides(offers, summaries, embed, fields)
    features = pair_features(cv, side)
    model, platt = engine_model(effective)
    unread: np.ndarray | None = None
    if effective == "hybrid+ce":
        base_model, base_platt = engine_model("hybrid")
        model_scores = base_model.logit(features)
        chosen = np.argsort(-model_scores, kind="mergesort")
        if rerank_top is not None:
            chosen = chosen[:rerank_top]
        ce = np.full(len(offers), np.nan)
        query = " ".join(cv_fields(cv_text, cv_profile)["text"].split())
        ce[chosen] = np.asarray(reranker.rank(query, [side.texts[i] for i in chosen]), dtype=np.float64)  # type: ignore[union-attr]
        features = pair_features(cv, side, ce_scores=np.nan_to_num(ce, nan=0.0))
        raw = model.logit(features)
        percent = platt.percent(raw)
        rest = unread = np.isnan(ce)
        # offers the cross-encoder did not read keep the CE-free score, capped below the read ones
        if rest.any():
            cap = percent[~rest].min()
            percent[rest] = np.minimum(base_platt.percent(model_scores[rest]), cap)
            raw[rest] = np.minimum(model_scores[rest], raw[~rest].min())
    else:
        raw = model.logit(features)
        percent = platt.percent(raw)
    scored = HybridReranker(model).score(features)
    # at a tie with the cap, an offer the cross-encoder read ranks before one it did not
    unread_flag = unread if unread is not None else np.zeros(len(offers), dtype=bool)
    order = sorted(range(len(offers)), key=lambda i: (-percent[i], -raw[i], bool(unread_flag[i]), i))
    if top is not None:
        order = order[:top]
    cv_id = cv_profile.cv_id if cv_profile and cv_profile.cv_id is not None else 0
    matches = []
    for rank, i in enumerate(order, start=1):
        components, _ = scored[i]
        components["raw"] = round(float(raw[i]), 4)
        if unread is not None and unread[i]:
            components.pop("cross_encoder", None)  # the cross-encoder did not read this offer
        offer = offers[i]
        matches.append(
            Match(
                offer_id=offer.id if offer.id is not None else i,
                cv_id=cv_id,
                rank=rank,
                dense=float(features["dense_text"][i]),
                score=float(percent[i]),
                components=components,
                keywords=coverage_for(cv, side, i),
                engine=effective,
            )
        )
    return matches
