"""Step 3 — convert the CV file to clean text and make it the current CV."""

from __future__ import annotations

from pathlib import Path

from jobapp.domain import CvDocument
from jobapp.errors import InvalidInput
from jobapp.steps.base import StepContext, StepResult
from jobapp.store import db, repo

STEP = "convert"


def add_cv_file(path: str | Path) -> CvDocument:
    from jobapp.documents import read_cv

    p = Path(path)
    if not p.is_file():
        raise InvalidInput(f"CV file not found: {p}.", hint="Give the path of your CV (PDF, DOCX or TXT).")
    doc = read_cv(p.read_bytes(), p.name)
    with db.session() as s:
        return repo.add_cv(s, doc)


def run(ctx: StepContext) -> StepResult:
    path = ctx.params.get("cv_file")
    if not path:
        with db.session() as s:
            cv = repo.current_cv(s)
        assert cv is not None
        ctx.log(STEP, f"Using the current CV: {cv.filename} ({len(cv.text.split())} words).")
        return StepResult(items=0, message=f"current CV {cv.filename}", data={"cv_id": cv.id})
    doc = add_cv_file(path)
    for w in doc.warnings:
        ctx.log(STEP, w, level="warning")
    ctx.log(
        STEP,
        f"{doc.filename}: {doc.pages} page(s), {len(doc.text.split())} words" + (" (OCR)" if doc.ocr else ""),
        done=1,
        total=1,
    )
    return StepResult(items=1, message=f"{doc.filename} converted", data={"cv_id": doc.id})
