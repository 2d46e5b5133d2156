"""`jobapp tailor OFFER_ID`: advice for the current CV and one stored offer, text or JSON."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from jobapp.cli import main

OFFERS = [
    {
        "title": "Assistant comptable (H/F)",
        "company": "Cabinet Durand",
        "location": "Lyon",
        "url": "https://example.com/compta",
        "description": "Missions : saisie comptable, rapprochements bancaires, déclarations de TVA.\n"
        "Profil : maîtrise d'Excel exigée. Une connaissance de Sage serait un plus.",
    }
]
CV = "Comptable\n\nCompétences\nAccounting, VAT returns, Excel\n\nExpérience\n2019 - 2024 Aide-comptable, Garage Martin"


def invoke(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_tailor_prints_advice_in_the_offers_language_and_json(tmp_path: Path) -> None:
    offers = tmp_path / "offers.json"
    offers.write_text(json.dumps(OFFERS, ensure_ascii=False), encoding="utf-8")
    cv = tmp_path / "cv.txt"
    cv.write_text(CV, encoding="utf-8")
    assert invoke("offers", "import", str(offers)).exit_code == 0
    assert invoke("cv", "add", str(cv)).exit_code == 0

    text = invoke("tailor", "1")
    assert text.exit_code == 0, text.output
    assert "Assistant comptable" in text.output
    assert "« Rapprochements bancaires » (exigé) n'apparaît pas dans votre CV" in text.output
    assert (
        "Écrivez « déclarations de TVA » comme l'offre (exigé) : votre CV dit « VAT returns »" in text.output
    )
    assert "Compétences : Accounting, VAT returns, Excel" in text.output  # the CV line behind a point

    data = json.loads(invoke("tailor", "1", "--json").stdout)
    assert data["language"] == "fr"
    status = {k["term"].casefold(): k["status"] for k in data["keywords"]}
    assert status["excel"] == "as_offer" and status["rapprochements bancaires"] == "missing"
    assert status["déclarations de tva"] == "reword"


def test_tailor_unknown_offer_or_no_cv_says_what_to_do(tmp_path: Path) -> None:
    missing = invoke("tailor", "7")
    assert missing.exit_code == 2
    assert "No offer with id 7" in missing.output
    offers = tmp_path / "offers.json"
    offers.write_text(json.dumps(OFFERS, ensure_ascii=False), encoding="utf-8")
    invoke("offers", "import", str(offers))
    no_cv = invoke("tailor", "1")
    assert no_cv.exit_code == 2 and "No CV yet" in no_cv.output
    assert invoke("tailor", "0").exit_code == 2  # not an id
