"""Stored results for web tests: offers, a CV, summaries, a profile, rankings, explanations, timings.

Written straight through the repository functions (what the real steps call at their end), so API
and page tests are fast and do not depend on models. The browser test runs the real pipeline instead.
"""

from __future__ import annotations

from typing import Any

from jobapp.domain import CvDocument, CvProfile, Explanation, KeywordCoverage, Match, Offer, OfferSummary
from jobapp.steps.collect import upsert_offers
from jobapp.store import db, repo
from jobapp.store.tables import RunRow, StepTimingRow, utcnow

XSS_TITLE = "Data <script>window.__xss=1</script> Analyst"
XSS_DESC = 'Nice team. <img src=x onerror="window.__xss=2"> Python, SQL.'

OFFERS = [
    Offer(
        title="Data Analyst (H/F)",
        company="Lumio Énergies",
        location="Lyon (69)",
        contract="CDI",
        url="https://example.com/offres/1",
        description="SQL, Power BI, Python. Tableaux de bord.",
        source="hellowork",
        date_posted="2026-11-20",
    ),
    Offer(
        title=XSS_TITLE,
        company="Evil & Co",
        location="Paris",
        contract="CDD",
        url="javascript:alert(1)",
        description=XSS_DESC,
        source="file",
    ),
    Offer(
        title="Infirmier de nuit",
        company="CHU Nord",
        location="Lille",
        contract="CDI",
        url="https://example.com/offres/3",
        description="Soins, gardes de nuit.",
        source="indeed",
    ),
]


def seed(*, explain: bool = True) -> dict[str, Any]:
    """Store a complete demo state; returns the ids created."""
    with db.session() as s:
        ids = upsert_offers(s, OFFERS, detail="seed").new
        cv = repo.add_cv(
            s,
            CvDocument(
                filename="cv.txt",
                format="txt",
                text="Jeanne Test\nData analyst SQL Python",
                pages=1,
                sha256="seed-cv",
            ),
        )
        assert cv.id is not None
        for oid in ids:
            repo.save_summary(
                s,
                OfferSummary(
                    offer_id=oid,
                    key_skills=["SQL", "Python"],
                    seniority="junior",
                    mission="Analyse",
                    model="extraction",
                    input_hash=f"h{oid}",
                    provenance={"key_skills": "extraction"},
                ),
            )
        repo.save_profile(
            s,
            CvProfile(
                cv_id=cv.id,
                title="Data analyst",
                hard_skills=["SQL", "Python"],
                removed={"name": 1, "email": 1},
                model="extraction",
                input_hash="p",
            ),
        )
        scores = [82.0, 55.0, 12.0]
        for engine in ("bi-encoder:test", "hybrid"):
            repo.save_matches(
                s,
                [
                    Match(
                        offer_id=oid,
                        cv_id=cv.id,
                        rank=i + 1,
                        dense=0.8 - i * 0.2,
                        score=scores[i],
                        engine=engine,
                        keywords=KeywordCoverage(matched=["SQL"], missing=["Power BI"], coverage=0.5),
                    )
                    for i, oid in enumerate(ids)
                ],
                input_hash=engine,
            )
        if explain:
            for oid, verdict in zip(ids, ("strong", "partial", "none"), strict=True):
                repo.save_explanation(
                    s,
                    Explanation(
                        offer_id=oid,
                        cv_id=cv.id,
                        verdict=verdict,
                        summary=f"Verdict {verdict}.",
                        strengths=["SQL"],
                        gaps=["Power BI"],
                        model="extraction",
                        input_hash=f"e{oid}",
                    ),
                )
        run = RunRow(
            steps=["match", "rerank"],
            params={},
            status="done",
            current_step="rerank",
            heartbeat_at=utcnow(),
            started_at=utcnow(),
            finished_at=utcnow(),
        )
        s.add(run)
        s.flush()
        for step, wall in (("match", 1.5), ("rerank", 0.5)):
            s.add(
                StepTimingRow(
                    run_id=run.id, step=step, wall_s=wall, items=3, items_per_s=3 / wall, started_at=utcnow()
                )
            )
        return {"offer_ids": ids, "cv_id": cv.id, "run_id": run.id}
