"""The JSON API under /api. Errors are JSON in one place; bodies are validated by pydantic."""

from __future__ import annotations

import math
import uuid
from typing import Any

from flask import Blueprint, Response, jsonify, request
from pydantic import BaseModel, ValidationError
from werkzeug.exceptions import HTTPException

from jobapp import config
from jobapp.errors import InvalidInput, JobAppError, NotFound
from jobapp.store import db, repo
from jobapp.web import openapi, schemas
from jobapp.web.security import csrf_token

bp = Blueprint("api", __name__)


# ---------------------------------------------------------------- errors, bodies


@bp.errorhandler(JobAppError)
def _user_error(exc: JobAppError) -> tuple[Response, int]:
    return jsonify(exc.to_dict()), exc.status


@bp.errorhandler(ValidationError)
def _bad_body(exc: ValidationError) -> tuple[Response, int]:
    problems = [{"field": ".".join(str(p) for p in e["loc"]), "problem": e["msg"]} for e in exc.errors()]
    return jsonify(
        {"error": "invalid_body", "message": "The request body is not valid.", "problems": problems}
    ), 422


@bp.errorhandler(HTTPException)
def http_error(exc: HTTPException) -> tuple[Response, int]:
    status = exc.code or 500
    message = exc.description or exc.name
    if status == 413:
        message = f"The upload is larger than {config.get('JOBAPP_MAX_UPLOAD_MB'):g} MB."
    return jsonify({"error": exc.name.lower().replace(" ", "_"), "message": message}), status


def body(model: type[BaseModel]) -> Any:
    try:
        data = request.get_json(silent=True)
    except RecursionError:  # "[[[[...]]]]" nested past what the JSON parser can descend
        raise InvalidInput("The request body is nested too deeply to be read.") from None
    if not isinstance(data, dict):
        raise InvalidInput("Send a JSON object as the request body (Content-Type: application/json).")
    return model.model_validate(data)


def upload() -> tuple[bytes, str]:
    file = request.files.get("file")
    if file is None or not file.filename:
        raise InvalidInput(
            "No file in the upload.", hint="Send it as multipart/form-data in the field 'file'."
        )
    data = file.read()
    if not data:
        raise InvalidInput("The uploaded file is empty.")
    return data, file.filename


def store_upload(data: bytes, kind: str) -> str:
    """Keep an upload under a generated name (never a path built from the client's file name)."""
    path = config.data_path("uploads", f"{kind}-{uuid.uuid4().hex}")
    path.write_bytes(data)
    return path.name


def start_run(steps: str | list[str], params: dict[str, Any]) -> dict[str, Any]:
    from jobapp.tasks.runs import create_run, enqueue_run, get_run

    run_id = create_run(steps, params)
    enqueue_run(run_id)
    return get_run(run_id)


# ---------------------------------------------------------------- meta


@bp.get("/health")
def health() -> Response:
    return jsonify({"status": "ok"})


@bp.get("/csrf")
def csrf() -> Response:
    return jsonify({"csrf": csrf_token()})


@bp.get("/openapi.json")
def openapi_doc() -> Response:
    return jsonify(openapi.document())


def _state_counts(s: Any) -> tuple[dict[str, Any], Any]:
    """Counts per step with COUNT queries: the page polls /api/state during runs, so it must stay
    cheap however many offers are stored (loading them all cost tens of ms per call at 200 offers)."""
    from sqlalchemy import distinct, func, select

    from jobapp.store.tables import CvProfileRow, CvRow, ExplanationRow, MatchRow, OfferRow, OfferSummaryRow

    cv = s.execute(
        select(CvRow.id, CvRow.filename).order_by(CvRow.selected_at.desc(), CvRow.id.desc()).limit(1)
    ).first()
    counts: dict[str, Any] = {
        "offers": s.scalar(select(func.count()).select_from(OfferRow)) or 0,
        "summaries": s.scalar(select(func.count(distinct(OfferSummaryRow.offer_id)))) or 0,
        "cv": 1 if cv else 0,
        "profile": 0,
        "matches": 0,
        "reranked": False,
        "explanations": 0,
    }
    if cv is not None:
        counts["profile"] = (
            1 if s.scalar(select(CvProfileRow.id).where(CvProfileRow.cv_id == cv.id).limit(1)) else 0
        )
        # The same ranking repo.latest_matches picks: the reranked one, else the newest bi-encoder one.
        engines = s.execute(
            select(MatchRow.engine, func.count(), func.max(MatchRow.created_at))
            .where(MatchRow.cv_id == cv.id)
            .group_by(MatchRow.engine)
        ).all()
        if engines:
            reranked = [e for e in engines if not e[0].startswith("bi-encoder")]
            chosen = reranked[0] if reranked else max(engines, key=lambda e: e[2])
            counts["matches"], counts["reranked"] = chosen[1], bool(reranked)
        counts["explanations"] = (
            s.scalar(
                select(func.count(distinct(ExplanationRow.offer_id))).where(ExplanationRow.cv_id == cv.id)
            )
            or 0
        )
    return counts, cv


def state_payload() -> dict[str, Any]:
    """What each step of the UI's flow has, and the latest runs (the page also carries it inline)."""
    from jobapp.tasks.runs import list_runs

    with db.session() as s:
        counts, cv = _state_counts(s)
    return {
        "counts": counts,
        "cv": {"id": cv.id, "filename": cv.filename} if cv else None,
        "runs": list_runs(5),
    }


@bp.get("/state")
def state() -> Response:
    """What each step of the UI's flow has, and whether its inputs are there."""
    return jsonify(state_payload())


# ---------------------------------------------------------------- offers (step 1)


@bp.get("/offers")
def offers() -> Response:
    with db.session() as s:
        return jsonify([o.model_dump() for o in repo.list_offers(s)])


@bp.get("/offers/<int:offer_id>")
def offer(offer_id: int) -> Response:
    with db.session() as s:
        return jsonify(
            {**repo.get_offer(s, offer_id).model_dump(), "sightings": repo.offer_sightings(s, offer_id)}
        )


#: An offers file up to this size is imported inside the request (201 with the offer ids); a larger
#: one by a queued collect run (202 with the run, which the page follows with its progress).
IMPORT_INLINE_BYTES = 1_000_000


@bp.post("/offers/import")
def offers_import() -> tuple[Response, int]:
    from jobapp.sources.files import read_offers_file
    from jobapp.steps.collect import store_offers

    data, name = upload()
    if len(data) > IMPORT_INLINE_BYTES:
        kept = store_upload(data, "offers")
        return jsonify(start_run(["collect"], {"offers_upload": kept, "offers_file_name": name[:200]})), 202
    result = read_offers_file(data, name)
    store_upload(data, "offers")
    res = store_offers(result.offers, detail=name[:200])
    return jsonify({"new": res.new, "merged": res.merged, "warnings": list(result.warnings)}), 201


@bp.post("/offers/url")
def offers_url() -> tuple[Response, int]:
    b = body(schemas.UrlBody)
    return jsonify(start_run(["collect"], {"offer_url": str(b.url)})), 202


@bp.post("/offers/paste")
def offers_paste() -> tuple[Response, int]:
    b = body(schemas.PasteBody)
    return jsonify(start_run(["collect"], {"offers_text": b.text})), 202


@bp.post("/offers/search")
def offers_search() -> tuple[Response, int]:
    b = body(schemas.SearchBody)
    from jobapp.sources.boards import board_name

    for name in b.boards:
        board_name(name)  # unknown board -> clear 400 now, not a failed run later
    return jsonify(start_run(["collect"], {"search": b.model_dump()})), 202


@bp.delete("/offers")
def offers_clear() -> Response:
    with db.session() as s:
        return jsonify({"deleted": repo.delete_offers(s)})


@bp.post("/demo")
def demo() -> tuple[Response, int]:
    """A first visit's "example data": the bundled demo offers and the demo CV in the page's
    language (French: a data analyst's PDF; English: a nurse's text), ready for "Run all"."""
    from jobapp.demo import demo_cv_path, demo_offers_path
    from jobapp.steps.collect import read_offers_path, store_offers
    from jobapp.steps.convert import add_cv_file
    from jobapp.web import i18n

    offers, _ = read_offers_path(demo_offers_path())
    stored = store_offers(offers, detail="demo")
    cv = add_cv_file(demo_cv_path(i18n.choose_language(request)))
    return jsonify(
        {"new": stored.new, "merged": stored.merged, "cv": {"id": cv.id, "filename": cv.filename}}
    ), 201


@bp.get("/summaries")
def summaries() -> Response:
    with db.session() as s:
        return jsonify([x.model_dump() for x in repo.latest_summaries(s).values()])


# ---------------------------------------------------------------- CV (steps 3-4)


@bp.post("/cv")
def cv_upload() -> tuple[Response, int]:
    """Convert an uploaded CV in memory: its file is not written to disk unless the form's ``keep``
    box (or ``JOBAPP_KEEP_CV_FILES``) asks for it."""
    from jobapp.steps.convert import add_cv_upload

    data, name = upload()
    keep = request.form.get("keep", "").lower() in ("1", "true", "on", "yes") or None
    saved = add_cv_upload(data, name, keep=keep)
    return jsonify(_cv_json(saved)), 201


@bp.get("/cv")
def cv() -> Response:
    with db.session() as s:
        doc = repo.current_cv(s)
        assert doc is not None
        return jsonify(_cv_json(doc))


def _cv_json(doc: Any) -> dict[str, Any]:
    """A CV for the page: its reading warnings (stored in English) in the page's language."""
    from jobapp.messages import localise_text
    from jobapp.web.i18n import choose_language

    lang = choose_language(request)
    return {**doc.model_dump(), "warnings": [localise_text(w, lang) for w in doc.warnings]}


@bp.get("/cv/profile")
def cv_profile() -> Response:
    with db.session() as s:
        doc = repo.current_cv(s)
        assert doc is not None and doc.id is not None
        p = repo.latest_profile(s, doc.id)
    return jsonify(p.model_dump() if p else None)


@bp.get("/cv/anonymised")
def cv_anonymised() -> Response:
    """The current CV's text exactly as the models receive it, and where identifiers were removed."""
    from jobapp.steps.anonymised import anonymised_cv

    with db.session() as s:
        doc = repo.current_cv(s)
    assert doc is not None
    return jsonify(anonymised_cv(doc))


@bp.get("/cvs")
def cvs_list() -> Response:
    """Stored CVs (current first) and the names of the CV files kept on request."""
    from jobapp.steps.convert import kept_cv_files

    with db.session() as s:
        docs = repo.list_cvs(s)
    return jsonify(
        [
            {
                "id": d.id,
                "filename": d.filename,
                "format": d.format,
                "current": i == 0,
                "kept_files": [p.name for p in kept_cv_files(d.id)],
            }
            for i, d in enumerate(docs)
        ]
    )


@bp.delete("/cv/<int:cv_id>")
def cv_delete(cv_id: int) -> Response:
    """Delete one CV, its files and every record derived from it."""
    from jobapp.steps.forget import delete_cv

    return jsonify({"deleted": delete_cv(cv_id).as_dict()})


@bp.post("/forget")
def forget() -> Response:
    """The UI's "Delete my data": every CV and all that derives from it, feedback and run logs (offers stay)."""
    from jobapp.steps.forget import forget_everything

    body(schemas.ForgetBody)  # {"confirm": true}: a stray POST cannot wipe the data
    return jsonify({"deleted": forget_everything().as_dict()})


# ---------------------------------------------------------------- results (steps 5-7)


def _matches_view() -> list[dict[str, Any]]:
    with db.session() as s:
        doc = repo.current_cv(s, required=False)
        if not doc or not doc.id:
            return []
        matches = repo.latest_matches(s, doc.id)
        offers = {o.id: o for o in repo.list_offers(s, [m.offer_id for m in matches])}
        exps = repo.latest_explanations(s, doc.id)
        feedback = repo.all_feedback(s)
    return [
        {
            **m.model_dump(),
            "offer": offers[m.offer_id].model_dump(),
            "explanation": exps[m.offer_id].model_dump() if m.offer_id in exps else None,
            "feedback": feedback.get(m.offer_id, {"thumbs": 0, "status": ""}),
        }
        for m in matches
        if m.offer_id in offers
    ]


def _arg_float(name: str) -> float | None:
    raw = request.args.get(name)
    if raw in (None, ""):
        return None
    try:
        value = float(raw)
    except ValueError:
        raise InvalidInput(f"Query parameter {name}={raw!r} is not a number.") from None
    if not math.isfinite(value):
        raise InvalidInput(f"Query parameter {name}={raw!r} is not a finite number.")
    return value


def _arg_int(name: str, default: int, low: int, high: int) -> int:
    """An integer query parameter, clamped to what the database can hold and the API serves."""
    value = _arg_float(name)
    return default if value is None else int(min(max(value, low), high))


MAX_ID = 2**63 - 1  # the largest id a database row can have


def _arg_id(name: str) -> int | None:
    """A record id in the query string: a whole number the database can hold (a larger one overflows
    the SQL integer), read exactly (through float, 2^63-1 would round up past the limit)."""
    raw = request.args.get(name, "").strip()
    if not raw:
        return None
    if not (raw.isascii() and raw.isdigit() and len(raw) <= 19 and int(raw) <= MAX_ID):
        raise InvalidInput(f"Query parameter {name}={raw!r} is not a record id (a whole number 0 to 2^63-1).")
    return int(raw)


@bp.get("/results")
def results() -> Response:
    """The ranking with filters: min_score, keyword, location, contract, board; sort=score|date|title."""
    from jobapp.extraction.normalise import normalise

    rows = _matches_view()
    min_score = _arg_float("min_score")
    if min_score is not None:
        rows = [r for r in rows if r["score"] >= min_score]
    for field, key in (
        ("keyword", None),
        ("location", "location"),
        ("contract", "contract"),
        ("board", "source"),
    ):
        wanted = normalise(request.args.get(field, "").strip())
        if not wanted:
            continue
        if key is None:
            rows = [
                r for r in rows if wanted in normalise(r["offer"]["title"] + " " + r["offer"]["description"])
            ]
        else:
            rows = [r for r in rows if wanted in normalise(r["offer"][key])]
    sort = request.args.get("sort", "score")
    if sort == "title":
        rows.sort(key=lambda r: r["offer"]["title"].lower())
    elif sort == "date":
        rows.sort(key=lambda r: r["offer"]["date_posted"] or r["offer"]["found_at"], reverse=True)
    elif sort != "score":
        raise InvalidInput(f"Unknown sort {sort!r}.", hint="Use score, date or title.")
    from jobapp.scoring.calibration import DECISION_THRESHOLD, STRONG_THRESHOLD, verdict_for

    for row in rows:
        row["verdict"] = verdict_for(row["score"])  # every row, explained or not, by the same rule
    return jsonify({"threshold": DECISION_THRESHOLD, "strong_threshold": STRONG_THRESHOLD, "results": rows})


@bp.post("/feedback/<int:offer_id>")
def feedback(offer_id: int) -> Response:
    b = body(schemas.FeedbackBody)
    with db.session() as s:
        return jsonify(repo.set_feedback(s, offer_id, thumbs=b.thumbs, status=b.status))


# ---------------------------------------------------------------- runs


@bp.post("/runs")
def runs_create() -> tuple[Response, int]:
    b = body(schemas.RunBody)
    from jobapp.steps.registry import parse_steps

    steps = parse_steps(b.steps)
    return jsonify(start_run(steps, b.params.model_dump())), 202


@bp.get("/runs")
def runs_list() -> Response:
    from jobapp.tasks.runs import list_runs

    return jsonify(list_runs(_arg_int("limit", 20, 1, 200)))


@bp.get("/runs/<int:run_id>")
def run_get(run_id: int) -> Response:
    from jobapp.tasks.runs import get_run

    return jsonify(get_run(run_id))


@bp.get("/runs/<int:run_id>/events")
def run_events(run_id: int) -> Response:
    from jobapp.store.tables import RunRow
    from jobapp.tasks.runs import run_events

    after = _arg_int("after", 0, 0, MAX_ID)
    with db.session() as s:  # a bare existence check: this endpoint is polled during every run
        if s.get(RunRow, run_id) is None:
            raise NotFound(f"Run {run_id} does not exist.", hint="List runs with GET /api/runs.")
    # Events are stored in English with their catalogue key: the page reads them in its language.
    from jobapp.messages import render_data
    from jobapp.web.i18n import choose_language

    lang = choose_language(request)
    events = run_events(run_id, after_id=after)
    for e in events:
        e["message"] = render_data(e.pop("message_data", None), e["message"], lang)
    return jsonify(events)


@bp.post("/runs/<int:run_id>/cancel")
def run_cancel(run_id: int) -> Response:
    from jobapp.tasks.runs import cancel_run

    return jsonify({"id": run_id, "status": cancel_run(run_id)})


@bp.get("/timings")
def timings() -> Response:
    from jobapp.tasks.runs import run_timings

    return jsonify(run_timings(_arg_id("run_id"), runs=_arg_int("runs", 1, 1, 50)))


# ---------------------------------------------------------------- exports


@bp.get("/export/<name>.<fmt>")
def export(name: str, fmt: str) -> Response:
    import tempfile
    from pathlib import Path

    from jobapp.store.export import export_all

    if fmt not in ("csv", "json"):
        raise InvalidInput("Exports are csv or json.")
    with tempfile.TemporaryDirectory() as tmp:
        files = {p.stem: p for p in export_all(tmp) if p.suffix == f".{fmt}"}
        if name not in files:
            raise InvalidInput(f"Unknown export {name!r}.", hint=f"One of: {', '.join(sorted(files))}.")
        data = Path(files[name]).read_bytes()
    mime = "text/csv; charset=utf-8" if fmt == "csv" else "application/json"
    return Response(
        data, mimetype=mime, headers={"Content-Disposition": f'attachment; filename="jobapp-{name}.{fmt}"'}
    )
