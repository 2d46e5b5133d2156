"""Delete on request: one CV, or everything the app holds about the user.

The use case both faces call (``jobapp cv delete`` / ``jobapp forget --all`` and the UI's "Delete
my data"): delete the records (``store.forget``), the kept raw files (and any raw upload an older
version left under ``uploads/``), then rewrite the database so the deleted rows leave no bytes in
its files.
"""

from __future__ import annotations

import os
from pathlib import Path

from jobapp.errors import NotFound
from jobapp.steps.convert import kept_cv_files, legacy_uploads
from jobapp.store import db
from jobapp.store.forget import Deleted, compact, delete_cv_records, forget_all_records
from jobapp.store.tables import CvRow


def _erase(path: Path) -> None:
    """Overwrite, then remove a file (best effort against the bytes lingering on disk)."""
    try:
        size = path.stat().st_size
        with open(path, "r+b") as f:
            f.write(b"\0" * size)
            f.flush()
            os.fsync(f.fileno())
    except OSError:
        pass
    path.unlink(missing_ok=True)


def _erase_all(paths: list[Path]) -> list[str]:
    for p in paths:
        _erase(p)
    return [p.name for p in paths]


def delete_cv(cv_id: int, url: str | None = None) -> Deleted:
    """Delete one CV, its files and every record derived from it; then compact the database."""
    with db.session(url) as s:
        row = s.get(CvRow, cv_id)
        if row is None:
            raise NotFound(f"No CV with id {cv_id}.", hint="`jobapp cv list` shows the stored CVs.")
        sha = row.sha256
        out = delete_cv_records(s, cv_id)
    out.files = _erase_all(kept_cv_files(cv_id) + legacy_uploads(sha))
    compact(url)
    return out


def forget_everything(url: str | None = None) -> Deleted:
    """Delete every CV with all that derives from it, the feedback, the run logs and kept files."""
    with db.session(url) as s:
        out = forget_all_records(s)
    out.files = _erase_all(kept_cv_files() + legacy_uploads())
    compact(url)
    return out
