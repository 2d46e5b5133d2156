"""The `jobapp` command end to end on real files, with each bad input of the foundation issue."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from jobapp.cli import main
from jobapp.store import db, repo

OFFERS = [
    {
        "title": "Data analyst",
        "company": "Acme",
        "location": "Lyon",
        "url": "https://example.com/1",
        "description": "Missions : analyse de données avec Python, SQL et Power BI. Tableaux de bord, statistiques.",
    },
    {
        "title": "Plombier chauffagiste",
        "company": "Eau Chaude",
        "location": "Nantes",
        "url": "https://example.com/2",
        "description": "Installation de chaudières, soudure, dépannage sanitaire chez les particuliers.",
    },
    {
        "title": "Infirmier de bloc",
        "company": "Clinique",
        "location": "Paris",
        "url": "https://example.com/3",
        "description": "Soins infirmiers au bloc opératoire, stérilisation, accueil des patients.",
    },
]
CV = "Camille, data analyst. Python, SQL, Power BI, statistiques, tableaux de bord, analyse de données."


def invoke(*args: str, input: str | None = None):
    result = CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)
    return result


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    offers = tmp_path / "offers.json"
    offers.write_text(json.dumps(OFFERS, ensure_ascii=False), encoding="utf-8")
    cv = tmp_path / "cv.txt"
    cv.write_text(CV, encoding="utf-8")
    return {"offers": offers, "cv": cv}


def test_run_ranks_the_relevant_offer_first_and_prints_json(files, fake_models):
    r = invoke("run", "--cv", str(files["cv"]), "--offers", str(files["offers"]), "--json", "--no-llm")
    assert r.exit_code == 0, r.output
    data = json.loads(r.stdout)
    titles = [m["offer"]["title"] for m in data["matches"]]
    assert titles[0] == "Data analyst"
    assert all(0 <= m["score"] <= 100 for m in data["matches"])
    assert data["matches"][0]["score"] > data["matches"][-1]["score"]
    assert "python" in [k.lower() for k in data["matches"][0]["keywords"]["matched"]]


def test_second_match_uses_the_cache(files, fake_models):
    assert invoke("offers", "import", str(files["offers"])).exit_code == 0
    assert invoke("cv", "add", str(files["cv"])).exit_code == 0
    assert invoke("match", "--json").exit_code == 0
    embedder = fake_models.get_embedder()
    before = type(embedder).calls
    r = invoke("match", "--json")
    assert r.exit_code == 0 and type(embedder).calls == before  # nothing embedded twice


def test_offers_import_merges_duplicates_and_lists(files):
    assert invoke("offers", "import", str(files["offers"])).exit_code == 0
    r = invoke("offers", "import", str(files["offers"]), "--json")
    assert json.loads(r.stdout)["new"] == []
    listed = json.loads(invoke("offers", "list", "--json").stdout)
    assert len(listed) == 3


def test_french_columns_with_cp1252(tmp_path):
    f = tmp_path / "offres.csv"
    f.write_bytes(
        "Poste;Entreprise;Lieu;Missions;Profil_Recherche;Lien\n"
        "Comptable;Cabinet Dupré;Créteil;Tenue de la comptabilité générale;BTS, 3 ans d'expérience;"
        "https://example.com/c\n".encode("cp1252")
    )
    assert invoke("offers", "import", str(f)).exit_code == 0
    with db.session() as s:
        (offer,) = repo.list_offers(s)
    assert offer.company == "Cabinet Dupré" and "comptabilité" in offer.description


def test_cv_add_and_show(files):
    assert invoke("cv", "add", str(files["cv"])).exit_code == 0
    shown = json.loads(invoke("cv", "show", "--json").stdout)
    assert "Power BI" in shown["text"]


@pytest.mark.parametrize(
    ("name", "content", "command", "message"),
    [
        ("missing.csv", None, "offers", "not found"),
        ("offers.xlsx", b"PK\x03\x04garbage", "offers", ""),
        ("empty.csv", b"", "offers", ""),
        ("notext.csv", b"foo,bar\n1,2\n", "offers", ""),
        ("missing.pdf", None, "cv", "not found"),
        ("corrupt.pdf", b"%PDF-1.4\n garbage without objects", "cv", ""),
        ("cv.exe", b"MZ\x90\x00\x03\x00\x00\x00" + bytes(range(256)) * 4, "cv", ""),
    ],
)
def test_bad_input_is_a_clear_error_with_exit_code_2(tmp_path, name, content, command, message):
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    args = ["offers", "import", str(path)] if command == "offers" else ["cv", "add", str(path)]
    r = invoke(*args)
    assert r.exit_code == 2
    assert "Error:" in r.stderr and "Traceback" not in r.output + r.stderr
    assert message.lower() in r.stderr.lower()
    with db.session() as s:  # nothing half-written
        assert repo.list_offers(s) == [] and repo.current_cv(s, required=False) is None


def test_encrypted_pdf_is_refused_clearly(tmp_path):
    from reportlab.pdfgen import canvas

    path = tmp_path / "locked.pdf"
    c = canvas.Canvas(str(path), encrypt="secret")
    c.drawString(72, 720, "Data analyst, Python, SQL, Power BI, five years of experience.")
    c.save()
    r = invoke("cv", "add", str(path))
    assert r.exit_code == 2 and "Error:" in r.stderr


def test_offer_without_text_is_skipped_and_others_import(tmp_path):
    f = tmp_path / "o.json"
    f.write_text(json.dumps([{"title": "", "description": ""}, OFFERS[0]]), encoding="utf-8")
    r = invoke("offers", "import", str(f))
    assert r.exit_code == 0
    with db.session() as s:
        assert [o.title for o in repo.list_offers(s)] == ["Data analyst"]


def test_unknown_model_is_a_clear_error(files, monkeypatch):
    monkeypatch.setenv("JOBAPP_EMBEDDER", "/no/such/model-dir")
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    from jobapp.models import registry

    registry.clear_cache()
    assert invoke("offers", "import", str(files["offers"])).exit_code == 0
    assert invoke("cv", "add", str(files["cv"])).exit_code == 0
    r = invoke("match")
    assert r.exit_code == 2 and "Error:" in r.stderr
    registry.clear_cache()


def test_match_without_cv_says_what_to_do():
    r = invoke("match")
    assert r.exit_code == 2 and "jobapp cv add" in r.stderr


def test_export_writes_files(files, fake_models, tmp_path):
    invoke("run", "--cv", str(files["cv"]), "--offers", str(files["offers"]), "--no-llm")
    out = tmp_path / "export"
    assert invoke("export", str(out)).exit_code == 0
    assert (out / "5_6_matches.csv").exists() and (out / "1_offers.json").exists()


def test_settings_markdown_lists_every_setting():
    from jobapp.config import SETTINGS

    out = invoke("settings", "--markdown").stdout
    assert all(f"`{s.name}`" in out for s in SETTINGS)
