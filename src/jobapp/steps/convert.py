"""Step 3 — convert the CV file to clean text and make it the current CV.

Only the text is needed after conversion: an uploaded file is read in memory and never written to
disk, unless the user asks to keep it (``JOBAPP_KEEP_CV_FILES`` or the upload's "keep" box); then
it goes under the data folder, readable by its owner only, and is listed and deleted with its CV.
Logs and run events name a CV by a neutral label ("CV #3, PDF"), never by its file name, which
often holds the candidate's name ("CV_Jean_Dupont.pdf"), and never quote its text.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from jobapp import config
from jobapp.domain import CvDocument
from jobapp.errors import InvalidInput, UnsupportedFile
from jobapp.messages import msg, recognise
from jobapp.steps.base import StepContext, StepResult
from jobapp.store import db, repo

STEP = "convert"
#: Folder (under the data dir) of the CV files the user chose to keep.
KEPT_DIR = "cv-files"
#: Where the web upload used to keep every raw file (still cleaned up by deletions).
LEGACY_UPLOADS = "uploads"


def cv_label(doc: CvDocument) -> str:
    """How logs and run events name a CV: its id and format, nothing identifying."""
    fmt = f", {doc.format.upper()}" if doc.format else ""
    return f"CV #{doc.id}{fmt}"


def add_cv_file(path: str | Path) -> CvDocument:
    p = Path(path)
    if not p.is_file():
        raise InvalidInput("The CV file was not found.", hint="Give the path of your CV (PDF, DOCX or TXT).")
    data = p.read_bytes()
    with db.session() as s:
        # The same bytes again keep the text stored the first time (repo.add_cv): re-reading them
        # (a PDF parsed in a child process, maybe OCR) would only be thrown away.
        sha256 = hashlib.sha256(data).hexdigest()
        known = next((cv for cv in repo.list_cvs(s) if cv.sha256 == sha256), None)
        if known is not None:
            return repo.add_cv(s, known)
    from jobapp.documents import read_cv  # the readers' imports only when a file is read

    doc = read_cv(data, p.name)
    with db.session() as s:
        return repo.add_cv(s, doc)


def add_cv_upload(data: bytes, filename: str, keep: bool | None = None) -> CvDocument:
    """An uploaded CV: converted in memory; the raw bytes are kept only if asked (``keep`` or the
    ``JOBAPP_KEEP_CV_FILES`` setting)."""
    from jobapp.documents import read_cv

    doc = read_cv(data, filename)  # format decided by content; a disguised file is refused here
    if doc.format not in ("pdf", "docx", "txt"):
        raise UnsupportedFile("Unsupported CV format.", hint="Upload a PDF, DOCX or TXT file.")
    with db.session() as s:
        saved = repo.add_cv(s, doc)
    if keep if keep is not None else config.get("JOBAPP_KEEP_CV_FILES"):
        assert saved.id is not None
        keep_cv_file(saved.id, saved.format, data)
    else:  # raw CVs an older version kept without asking: their text is stored, nothing reads them
        for path in legacy_uploads():
            path.unlink(missing_ok=True)
    return saved


def kept_dir() -> Path:
    """The folder of kept CV files, created owner-only (0700)."""
    folder = config.home() / KEPT_DIR
    folder.mkdir(mode=0o700, exist_ok=True)
    folder.chmod(0o700)
    return folder


def keep_cv_file(cv_id: int, fmt: str, data: bytes) -> Path:
    """Write the raw CV under the data folder, readable and writable by its owner only (0600)."""
    path = kept_dir() / f"cv-{cv_id}.{fmt}"
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as f:
        f.write(data)
    path.chmod(0o600)
    return path


def kept_cv_files(cv_id: int | None = None) -> list[Path]:
    """The raw CV files kept on request (all, or those of one CV)."""
    folder = config.home() / KEPT_DIR
    if not folder.is_dir():
        return []
    pattern = f"cv-{cv_id}.*" if cv_id is not None else "cv-*"
    return sorted(p for p in folder.glob(pattern) if p.is_file())


def legacy_uploads(sha256: str | None = None) -> list[Path]:
    """Raw CVs older versions kept under ``uploads/`` (all, or those whose bytes hash to ``sha256``)."""
    folder = config.home() / LEGACY_UPLOADS
    if not folder.is_dir():
        return []
    files = sorted(p for p in folder.glob("cv.*") if p.is_file())
    if sha256 is None:
        return files
    return [p for p in files if hashlib.sha256(p.read_bytes()).hexdigest() == sha256]


def run(ctx: StepContext) -> StepResult:
    path = ctx.params.get("cv_file")
    if not path:
        with db.session() as s:
            cv = repo.current_cv(s)
        assert cv is not None
        ctx.log(STEP, msg("convert.current", name=cv_label(cv), words=len(cv.text.split())))
        return StepResult(
            items=0, message=msg("convert.summary_current", name=cv_label(cv)), data={"cv_id": cv.id}
        )
    doc = add_cv_file(path)
    if ctx.run_id is not None and doc.id is not None:
        with db.session() as s:  # the path often holds the candidate's name: not needed any more
            repo.forget_run_cv_path(s, ctx.run_id, doc.id)
    for w in doc.warnings:  # stored as English text: recognised, they keep their key
        ctx.log(STEP, recognise(w), level="warning")
    key = "convert.done_ocr" if doc.ocr else "convert.done"
    ctx.log(STEP, msg(key, name=cv_label(doc), pages=doc.pages, words=len(doc.text.split())), done=1, total=1)
    return StepResult(items=1, message=msg("convert.summary", name=cv_label(doc)), data={"cv_id": doc.id})
