"""Reading and writing records. Functions take a Session and speak in domain records, not rows."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, TypeVar, cast

import numpy as np
from pydantic import BaseModel
from sqlalchemy import Insert, Row, Table, and_, delete, func, insert, select, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session
from sqlalchemy.orm.util import identity_key

from jobapp.domain import (
    APPLICATION_STATUSES,
    CvDocument,
    CvProfile,
    Explanation,
    Match,
    Offer,
    OfferSummary,
    text_hash,
)
from jobapp.errors import MissingPrerequisite, NotFound
from jobapp.store.tables import (
    CvProfileRow,
    CvRow,
    EmbeddingRow,
    ExplanationRow,
    FeedbackRow,
    MatchRow,
    OfferKeyRow,
    OfferRow,
    OfferSightingRow,
    OfferSummaryRow,
    utcnow,
)

R = TypeVar("R", bound=BaseModel)
T = TypeVar("T")

_OFFER_FIELDS = (
    "title",
    "company",
    "location",
    "contract",
    "salary",
    "url",
    "description",
    "source",
    "source_id",
    "date_posted",
)

# ---------------------------------------------------------------- offers


def _offer(row: OfferRow | Row[Any], trusted: bool = False) -> Offer:
    """The record of a stored offer; ``trusted`` skips validation (bulk reads of what was validated
    when it was stored)."""
    values: dict[str, Any] = {f: getattr(row, f) or "" for f in _OFFER_FIELDS}
    values.update(id=row.id, found_at=row.created_at.isoformat(timespec="seconds"))
    return Offer.model_construct(**values) if trusted else Offer(**values)


@dataclass
class UpsertResult:
    new: list[int] = field(default_factory=list)
    merged: list[int] = field(default_factory=list)


# Bulk reads and writes of the collect step, which decides what is new and what merges
# (jobapp.sources.dedup_plan): one statement per chunk of a batch, not one per offer.
_IN_CHUNK = 500  # values per IN (...) clause: under SQLite's bound-variable limit, and PostgreSQL's
_OFFER_COLUMNS = [getattr(OfferRow, f) for f in (*_OFFER_FIELDS, "id", "created_at")]


def _chunks(values: Iterable[T]) -> Iterator[list[T]]:
    items = list(values)
    for start in range(0, len(items), _IN_CHUNK):
        yield items[start : start + _IN_CHUNK]


def offer_ids_by_keys(s: Session, keys: Iterable[str]) -> dict[str, int]:
    """The stored offer id of each of these dedup keys the store knows."""
    found: dict[str, int] = {}
    for chunk in _chunks(set(keys)):
        query = select(OfferKeyRow.key, OfferKeyRow.offer_id).where(OfferKeyRow.key.in_(chunk))
        found.update((key, offer_id) for key, offer_id in s.execute(query))
    return found


def offers_for_merge(s: Session, ids: Iterable[int], title_keys: Iterable[str]) -> list[Offer]:
    """The stored offers with these ids or with one of these lowercase titles, by id.

    Read as plain columns (no ORM objects), so the bulk update that may follow leaves no stale copy
    in the session."""
    rows: dict[int, Offer] = {}
    for column, values in ((OfferRow.id, ids), (func.lower(OfferRow.title), title_keys)):
        for chunk in _chunks(set(values)):
            for row in s.execute(select(*_OFFER_COLUMNS).where(column.in_(chunk))):
                rows.setdefault(row.id, _offer(row, trusted=True))
    return [rows[i] for i in sorted(rows)]


def _table(row_cls: Any) -> Table:
    return cast(Table, row_cls.__table__)


def _insert_many(s: Session, stmt: Insert, rows: list[dict[str, Any]]) -> None:
    """Run an INSERT for many rows (all with the same keys) as one executemany of the driver.

    SQLAlchemy's per-row parameter handling costs more than SQLite's own insert for tens of thousands
    of rows: the statement is compiled once, and only columns whose type converts values (dates on
    SQLite) are converted here."""
    if not rows:
        return
    conn = s.connection()
    dialect, table = conn.dialect, cast(Table, stmt.table)
    compiled = stmt.compile(dialect=dialect, column_keys=list(rows[0]))
    for name in rows[0]:
        convert = table.c[name].type.bind_processor(dialect)
        if convert is not None:
            rows = [{**row, name: convert(row[name])} for row in rows]
    if dialect.positional:
        conn.exec_driver_sql(compiled.string, [tuple(r[k] for k in compiled.positiontup or ()) for r in rows])
    else:
        conn.exec_driver_sql(compiled.string, rows)


def _offer_values(offer: Offer) -> dict[str, Any]:
    values: dict[str, Any] = {f: getattr(offer, f) or "" for f in _OFFER_FIELDS}
    values["text_hash"] = text_hash(offer.full_text())
    return values


def insert_offers(s: Session, offers: list[Offer]) -> list[int]:
    """Insert new offers in bulk; their ids, in the same order."""
    if not offers:
        return []
    now = utcnow()
    rows = [{**_offer_values(o), "created_at": now, "updated_at": now} for o in offers]
    ids = OfferRow.id
    if s.get_bind().dialect.name != "sqlite":
        return list(s.scalars(insert(OfferRow).returning(ids, sort_by_parameter_order=True), rows))
    # SQLite cannot order RETURNING rows, so SQLAlchemy would send one INSERT per offer. One
    # executemany instead: this transaction then holds the write lock, and SQLite gives each new row
    # a rowid above every existing one, so the batch's rows are the highest ids, in insertion order.
    _insert_many(s, insert(_table(OfferRow)), rows)
    return list(s.scalars(select(ids).order_by(ids.desc()).limit(len(rows))))[::-1]


def update_offers(s: Session, offers: list[Offer]) -> None:
    """Write merged values over stored offers (each carries its id), in one bulk UPDATE."""
    if not offers:
        return
    now = utcnow()
    s.execute(update(OfferRow), [{"id": o.id, **_offer_values(o), "updated_at": now} for o in offers])
    for offer in offers:  # a copy the caller loaded earlier must not hide the new values
        loaded = s.identity_map.get(identity_key(OfferRow, offer.id))
        if loaded is not None:
            s.expire(loaded)


def add_offer_keys(s: Session, keys: list[tuple[str, int]]) -> None:
    """File new dedup keys (key, offer id). A key another import filed meanwhile keeps its offer."""
    if not keys:
        return
    rows = [{"key": key, "offer_id": offer_id} for key, offer_id in keys]
    dialect = s.get_bind().dialect.name
    if dialect in ("sqlite", "postgresql"):
        upsert = sqlite_insert if dialect == "sqlite" else postgresql_insert
        _insert_many(s, upsert(_table(OfferKeyRow)).on_conflict_do_nothing(index_elements=["key"]), rows)
    else:
        _insert_many(s, insert(_table(OfferKeyRow)), rows)


def add_sightings(s: Session, sightings: list[tuple[int, str]], detail: str) -> None:
    """One sighting row per (offer id, source) seen by a collection described by ``detail``."""
    now = utcnow()
    rows = [{"offer_id": i, "source": source, "detail": detail, "seen_at": now} for i, source in sightings]
    _insert_many(s, insert(_table(OfferSightingRow)), rows)


def list_offers(s: Session, ids: Iterable[int] | None = None) -> list[Offer]:
    q = select(OfferRow).order_by(OfferRow.id)
    if ids is not None:
        q = q.where(OfferRow.id.in_(list(ids)))
    return [_offer(r) for r in s.scalars(q)]


def get_offer(s: Session, offer_id: int) -> Offer:
    row = s.get(OfferRow, offer_id)
    if row is None:
        raise NotFound(f"No offer with id {offer_id}.", hint="`jobapp offers list` shows the known offers.")
    return _offer(row)


def offer_sightings(s: Session, offer_id: int) -> list[dict[str, Any]]:
    rows = s.scalars(
        select(OfferSightingRow)
        .where(OfferSightingRow.offer_id == offer_id)
        .order_by(OfferSightingRow.seen_at)
    )
    return [
        {"source": r.source, "detail": r.detail, "seen_at": r.seen_at.isoformat(timespec="seconds")}
        for r in rows
    ]


def delete_offers(s: Session, ids: Iterable[int] | None = None) -> int:
    q = delete(OfferRow)
    if ids is not None:
        q = q.where(OfferRow.id.in_(list(ids)))
    return s.execute(q).rowcount or 0  # type: ignore[attr-defined]


# ---------------------------------------------------------------- CVs


def _cv(row: CvRow) -> CvDocument:
    return CvDocument(
        id=row.id,
        filename=row.filename,
        format=row.format,
        text=row.text,
        pages=row.pages,
        ocr=row.ocr,
        sha256=row.sha256,
        warnings=list(row.warnings or []),
    )


def add_cv(s: Session, doc: CvDocument) -> CvDocument:
    """Store a CV and make it the current one (adding the same file again just selects it)."""
    row = s.scalars(select(CvRow).where(CvRow.sha256 == doc.sha256)).first()
    if row is None:
        row = CvRow(
            filename=doc.filename,
            format=doc.format,
            text=doc.text,
            pages=doc.pages,
            ocr=doc.ocr,
            sha256=doc.sha256,
            warnings=list(doc.warnings),
        )
        s.add(row)
    row.selected_at = utcnow()
    s.flush()
    return _cv(row)


def current_cv(s: Session, required: bool = True) -> CvDocument | None:
    row = s.scalars(select(CvRow).order_by(CvRow.selected_at.desc(), CvRow.id.desc())).first()
    if row is None and required:
        raise MissingPrerequisite("No CV yet.", hint="Add one with `jobapp cv add FILE` (PDF, DOCX or TXT).")
    return _cv(row) if row else None


def list_cvs(s: Session) -> list[CvDocument]:
    """Every stored CV, the current one first."""
    return [_cv(r) for r in s.scalars(select(CvRow).order_by(CvRow.selected_at.desc(), CvRow.id.desc()))]


def forget_run_cv_path(s: Session, run_id: int, cv_id: int) -> None:
    """Replace a run's ``cv_file`` path by the CV's id once it is converted: the path often holds
    the candidate's name and nothing needs it any more."""
    from jobapp.store.tables import RunRow

    run = s.get(RunRow, run_id)
    if run is None or not (run.params or {}).get("cv_file"):
        return
    params = {k: v for k, v in run.params.items() if k != "cv_file"}
    params["cv_id"] = cv_id
    run.params = params
    s.flush()


# ---------------------------------------------------------------- derived records


def _derived_filter(row_cls: Any, keys: dict[str, Any]) -> Any:
    return and_(*(getattr(row_cls, k) == v for k, v in keys.items()))


def _get_derived(s: Session, row_cls: Any, record_cls: type[R], **keys: Any) -> R | None:
    """A derived record by its owner ids, model and input hash (the cache lookup of every step)."""
    row = s.scalars(select(row_cls).where(_derived_filter(row_cls, keys))).first()
    return record_cls.model_validate(row.data) if row else None


def _save_derived(s: Session, row_cls: Any, record: BaseModel, keys: dict[str, Any], **extra: Any) -> None:
    """Store a derived record, replacing the one with the same owner ids, model and input hash."""
    s.execute(delete(row_cls).where(_derived_filter(row_cls, keys)))
    s.add(row_cls(**keys, **extra, data=record.model_dump(mode="json")))
    s.flush()


def get_summary(s: Session, offer_id: int, model: str, input_hash: str) -> OfferSummary | None:
    return _get_derived(
        s, OfferSummaryRow, OfferSummary, offer_id=offer_id, model=model, input_hash=input_hash
    )


def save_summary(s: Session, summary: OfferSummary) -> None:
    assert summary.offer_id is not None
    keys = {"offer_id": summary.offer_id, "model": summary.model, "input_hash": summary.input_hash}
    _save_derived(s, OfferSummaryRow, summary, keys)


def latest_summaries(s: Session, offer_ids: Iterable[int] | None = None) -> dict[int, OfferSummary]:
    """The newest summary of each offer, whatever model made it."""
    q = select(OfferSummaryRow).order_by(OfferSummaryRow.created_at, OfferSummaryRow.id)
    if offer_ids is not None:
        q = q.where(OfferSummaryRow.offer_id.in_(list(offer_ids)))
    return {r.offer_id: OfferSummary.model_validate(r.data) for r in s.scalars(q)}


def get_profile(s: Session, cv_id: int, model: str, input_hash: str) -> CvProfile | None:
    return _get_derived(s, CvProfileRow, CvProfile, cv_id=cv_id, model=model, input_hash=input_hash)


def save_profile(s: Session, profile: CvProfile) -> None:
    assert profile.cv_id is not None
    keys = {"cv_id": profile.cv_id, "model": profile.model, "input_hash": profile.input_hash}
    _save_derived(s, CvProfileRow, profile, keys)


def latest_profile(s: Session, cv_id: int) -> CvProfile | None:
    row = s.scalars(
        select(CvProfileRow)
        .where(CvProfileRow.cv_id == cv_id)
        .order_by(CvProfileRow.created_at.desc(), CvProfileRow.id.desc())
    ).first()
    return CvProfile.model_validate(row.data) if row else None


# ---------------------------------------------------------------- embeddings cache


def get_embeddings(s: Session, model: str, hashes: list[str]) -> dict[str, np.ndarray]:
    out: dict[str, np.ndarray] = {}
    for i in range(0, len(hashes), 500):  # stay under SQL parameter limits
        chunk = hashes[i : i + 500]
        # Plain columns, not ORM objects: this runs over thousands of offers on every ranking.
        for h, vector in s.execute(
            select(EmbeddingRow.text_hash, EmbeddingRow.vector).where(
                EmbeddingRow.model == model, EmbeddingRow.text_hash.in_(chunk)
            )
        ):
            out[h] = np.frombuffer(vector, dtype="<f4")
    return out


def put_embeddings(s: Session, model: str, vectors: dict[str, np.ndarray]) -> None:
    known = set(get_embeddings(s, model, list(vectors)))
    for h, v in vectors.items():
        if h not in known:
            arr = np.asarray(v, dtype="<f4")
            s.add(EmbeddingRow(model=model, text_hash=h, dim=int(arr.shape[0]), vector=arr.tobytes()))
    s.flush()


# ---------------------------------------------------------------- matches & explanations


def save_matches(s: Session, matches: list[Match], input_hash: str, run_id: int | None = None) -> None:
    """Replace the stored ranking of this CV by this engine with ``matches``."""
    if not matches:
        return
    cv_id, engine = matches[0].cv_id, matches[0].engine
    s.execute(delete(MatchRow).where(MatchRow.cv_id == cv_id, MatchRow.engine == engine))
    now = utcnow()
    # One bulk INSERT: a ranking can hold thousands of offers.
    s.execute(
        insert(MatchRow),
        [
            {
                "run_id": run_id,
                "cv_id": m.cv_id,
                "offer_id": m.offer_id,
                "engine": m.engine,
                "input_hash": input_hash,
                "score": m.score,
                "dense": m.dense,
                "rank": m.rank,
                "data": m.model_dump(mode="json"),
                "created_at": now,
            }
            for m in matches
        ],
    )
    s.flush()


def latest_matches(s: Session, cv_id: int, engine: str | None = None) -> list[Match]:
    """The CV's ranking by ``engine``, or by default its newest one (the reranked one when there is
    one), best first."""
    q = select(MatchRow).where(MatchRow.cv_id == cv_id).order_by(MatchRow.created_at.desc())
    if engine is not None:
        q = q.where(MatchRow.engine == engine)
    rows = list(s.scalars(q))
    if not rows:
        return []
    # Prefer the newest reranked list over the bi-encoder one when both exist.
    chosen = next((r.engine for r in rows if not r.engine.startswith("bi-encoder")), rows[0].engine)
    picked = [Match.model_validate(r.data) for r in rows if r.engine == chosen]
    return sorted(picked, key=lambda m: m.rank)


def match_input_hash(s: Session, cv_id: int, engine: str) -> str | None:
    row = s.scalars(select(MatchRow).where(MatchRow.cv_id == cv_id, MatchRow.engine == engine)).first()
    return row.input_hash if row else None


def get_explanation(s: Session, cv_id: int, offer_id: int, model: str, input_hash: str) -> Explanation | None:
    return _get_derived(
        s, ExplanationRow, Explanation, cv_id=cv_id, offer_id=offer_id, model=model, input_hash=input_hash
    )


def save_explanation(s: Session, exp: Explanation) -> None:
    keys = {"cv_id": exp.cv_id, "offer_id": exp.offer_id, "model": exp.model, "input_hash": exp.input_hash}
    _save_derived(s, ExplanationRow, exp, keys, verdict=exp.verdict)


def latest_explanations(s: Session, cv_id: int) -> dict[int, Explanation]:
    q = (
        select(ExplanationRow)
        .where(ExplanationRow.cv_id == cv_id)
        .order_by(ExplanationRow.created_at, ExplanationRow.id)
    )
    return {r.offer_id: Explanation.model_validate(r.data) for r in s.scalars(q)}


# ---------------------------------------------------------------- feedback

FEEDBACK_STATUSES = ("", *APPLICATION_STATUSES)  # "" = no application


def set_feedback(
    s: Session, offer_id: int, thumbs: int | None = None, status: str | None = None
) -> dict[str, Any]:
    get_offer(s, offer_id)
    row = s.get(FeedbackRow, offer_id) or FeedbackRow(offer_id=offer_id, thumbs=0, status="")
    if thumbs is not None:
        row.thumbs = max(-1, min(1, int(thumbs)))
    s.add(row)
    s.flush()
    if status is not None and status != row.status:
        from jobapp.store import applications  # it builds on this module

        if status:
            applications.add_event(s, offer_id, status)  # the history keeps the step; the row follows
        else:
            applications.clear(s, offer_id)
    return {"offer_id": offer_id, "thumbs": row.thumbs, "status": row.status}


def all_feedback(s: Session) -> dict[int, dict[str, Any]]:
    return {r.offer_id: {"thumbs": r.thumbs, "status": r.status} for r in s.scalars(select(FeedbackRow))}


def iso(dt: datetime | None) -> str:
    return dt.isoformat(timespec="seconds") if dt else ""
