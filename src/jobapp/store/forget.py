"""Deleting a CV and everything derived from it, so "delete my data" leaves nothing behind.

A CV reaches more tables than the ``cvs`` row: its profiles, rankings and explanations (foreign
keys), the embedding cache (keyed by text hash, so no foreign key points at the CV), the runs that
converted or ranked it (their parameters hold the file's path, their events may quote its file
name) and, for "forget everything", the user's feedback on offers. Rows are deleted explicitly
rather than trusting ``ON DELETE CASCADE``, which SQLite only honours when the pragma is on.

Deleting a row does not erase its bytes: SQLite keeps them in free pages and in the ``-wal`` file,
PostgreSQL in dead tuples. :func:`compact` rewrites the database after a delete (SQLite ``VACUUM``
then a truncating WAL checkpoint; PostgreSQL ``VACUUM FULL`` of the tables touched).
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from jobapp.domain import CvProfile, text_hash
from jobapp.errors import InvalidInput, JobAppError, NotFound
from jobapp.store.tables import (
    ApplicationEventRow,
    CvProfileRow,
    CvRow,
    EmbeddingRow,
    ExplanationRow,
    FeedbackRow,
    MatchRow,
    RunEventRow,
    RunRow,
    StepItemRow,
    StepTimingRow,
)

#: Steps that read or write the CV: a run made of other steps (collect, summarise) holds no CV data.
CV_STEPS = frozenset({"convert", "profile", "match", "rerank", "explain"})
#: Run states in which a worker may still read the CV.
ACTIVE = ("queued", "running")
#: Tables a deletion may touch (rewritten by :func:`compact` on PostgreSQL).
TOUCHED_TABLES = (
    "cvs",
    "cv_profiles",
    "matches",
    "explanations",
    "embeddings",
    "feedback",
    "application_events",
    "runs",
    "run_events",
    "step_timings",
    "step_items",
)


@dataclass
class Deleted:
    """How many records of each kind a deletion removed (shown to the user, so they can check)."""

    cvs: int = 0
    profiles: int = 0
    matches: int = 0
    explanations: int = 0
    embeddings: int = 0
    feedback: int = 0
    applications: int = 0
    runs: int = 0
    events: int = 0
    files: list[str] = field(default_factory=list)

    def add(self, other: Deleted) -> None:
        for name in (
            "cvs",
            "profiles",
            "matches",
            "explanations",
            "embeddings",
            "feedback",
            "applications",
            "runs",
            "events",
        ):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.files.extend(other.files)

    def as_dict(self) -> dict[str, Any]:
        return {
            "cvs": self.cvs,
            "profiles": self.profiles,
            "matches": self.matches,
            "explanations": self.explanations,
            "embeddings": self.embeddings,
            "feedback": self.feedback,
            "applications": self.applications,
            "runs": self.runs,
            "events": self.events,
            "files": len(self.files),
        }


def _count(s: Session, statement: Any) -> int:
    return int(s.execute(statement).rowcount or 0)  # type: ignore[attr-defined]


def cv_embedding_hashes(cv_text: str, profiles: Iterable[CvProfile]) -> set[str]:
    """Hashes of every CV-side text the ranking may have embedded (see ``scoring.features``).

    The bi-encoder embeds the whole text; the hybrid engine embeds ``cv_fields`` of the text with
    or without a profile. Computing them again is the only way to find the CV's vectors, since
    the cache is keyed by text hash alone.
    """
    from jobapp.scoring.features import cv_fields

    hashes = {text_hash(cv_text)}
    for profile in [None, *profiles]:
        hashes.update(text_hash(t) for t in cv_fields(cv_text, profile).values() if t)
    return hashes


def _delete_runs(s: Session, run_ids: set[int]) -> tuple[int, int]:
    if not run_ids:
        return 0, 0
    ids = sorted(run_ids)
    events = _count(s, delete(RunEventRow).where(RunEventRow.run_id.in_(ids)))
    s.execute(delete(StepTimingRow).where(StepTimingRow.run_id.in_(ids)))
    s.execute(delete(StepItemRow).where(StepItemRow.run_id.in_(ids)))
    s.execute(update(MatchRow).where(MatchRow.run_id.in_(ids)).values(run_id=None))
    runs = _count(s, delete(RunRow).where(RunRow.id.in_(ids)))
    return runs, events


def _refuse_if_running(s: Session, run_ids: Iterable[int]) -> None:
    busy = s.scalars(select(RunRow.id).where(RunRow.id.in_(list(run_ids)), RunRow.status.in_(ACTIVE))).all()
    if busy:
        raise InvalidInput(
            f"Run {busy[0]} is still in progress and uses your CV.",
            hint=f"Wait for it to finish or cancel it (`jobapp runs cancel {busy[0]}`), then delete again.",
        )


def _runs_about(s: Session, cv: CvRow) -> set[int]:
    """Runs that may carry this CV's data: those given its file, those whose log names it, and the
    CV steps run since it was added (their logs describe it)."""
    found: set[int] = set()
    since: datetime = cv.created_at
    for run_id, steps, params, created_at in s.execute(
        select(RunRow.id, RunRow.steps, RunRow.params, RunRow.created_at)
    ):
        params = params or {}
        path = str(params.get("cv_file") or "")
        given = params.get("cv_id") == cv.id or bool(path and Path(path).name == cv.filename)
        if given or (created_at >= since and CV_STEPS.intersection(steps or [])):
            found.add(run_id)
    if cv.filename:
        found.update(s.scalars(select(RunEventRow.run_id).where(RunEventRow.message.contains(cv.filename))))
    return found


def delete_cv_records(s: Session, cv_id: int) -> Deleted:
    """Delete one CV and every record derived from it (not the files: see ``steps.forget``)."""
    cv = s.get(CvRow, cv_id)
    if cv is None:
        raise NotFound(f"No CV with id {cv_id}.", hint="`jobapp cv list` shows the stored CVs.")
    runs = _runs_about(s, cv)
    _refuse_if_running(s, runs)
    profiles = [
        CvProfile.model_validate(r.data)
        for r in s.scalars(select(CvProfileRow).where(CvProfileRow.cv_id == cv_id))
    ]
    hashes = sorted(cv_embedding_hashes(cv.text, profiles))
    out = Deleted()
    for i in range(0, len(hashes), 500):
        out.embeddings += _count(
            s, delete(EmbeddingRow).where(EmbeddingRow.text_hash.in_(hashes[i : i + 500]))
        )
    out.explanations = _count(s, delete(ExplanationRow).where(ExplanationRow.cv_id == cv_id))
    out.matches = _count(s, delete(MatchRow).where(MatchRow.cv_id == cv_id))
    out.profiles = _count(s, delete(CvProfileRow).where(CvProfileRow.cv_id == cv_id))
    out.runs, out.events = _delete_runs(s, runs)
    out.cvs = _count(s, delete(CvRow).where(CvRow.id == cv_id))
    s.flush()
    return out


def forget_all_records(s: Session) -> Deleted:
    """Delete every CV with its derived records, the feedback on offers and every run's log.

    Offers and their summaries stay: they are public job ads, not the user's data.
    """
    out = Deleted()
    # a run collecting offers meanwhile holds no CV data: it neither blocks the delete nor goes
    _refuse_if_running(
        s,
        [r for r, steps in s.execute(select(RunRow.id, RunRow.steps)) if CV_STEPS.intersection(steps or [])],
    )
    for cv_id in list(s.scalars(select(CvRow.id))):
        out.add(delete_cv_records(s, cv_id))
    out.feedback = _count(s, delete(FeedbackRow))
    out.applications = _count(s, delete(ApplicationEventRow))  # the user's own record too
    runs, events = _delete_runs(s, set(s.scalars(select(RunRow.id).where(RunRow.status.not_in(ACTIVE)))))
    out.runs += runs
    out.events += events
    s.flush()
    return out


def compact(url: str | None = None, attempts: int = 20) -> None:
    """Rewrite the database so deleted rows leave no bytes behind (run after a delete, committed).

    SQLite: ``VACUUM`` rebuilds the file without free pages, then ``wal_checkpoint(TRUNCATE)``
    moves the WAL into it and empties the ``-wal`` file. A reader holding an old snapshot blocks the
    checkpoint, so it is retried for a few seconds. PostgreSQL: ``VACUUM FULL`` rewrites the tables
    a deletion touches (dead tuples otherwise keep the old bytes until their page is reused).
    """
    from jobapp.store import db

    eng = db.engine(url)
    with eng.connect() as raw:
        conn = raw.execution_options(isolation_level="AUTOCOMMIT")
        if eng.dialect.name == "sqlite":
            conn.exec_driver_sql("VACUUM")
            for _ in range(attempts):
                busy = conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)").first()
                if busy is not None and not busy[0]:
                    return
                time.sleep(0.2)
            raise JobAppError(
                "Your data was deleted, but the database journal could not be emptied yet "
                "(another process is reading it).",
                hint="Stop `jobapp serve` and workers, then run `jobapp forget --compact`.",
            )
        if eng.dialect.name == "postgresql":
            for table in TOUCHED_TABLES:
                conn.exec_driver_sql(f"VACUUM FULL {table}")
