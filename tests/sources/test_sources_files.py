"""File import: our columns, the reference design's French columns, encodings, separators, JSON shapes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from jobapp.errors import InvalidInput, UnsupportedFile
from jobapp.sources.files import read_offers_file

SHARED_RJDB = Path(__file__).resolve().parents[3] / "shared" / "data" / "rjdb" / "test.jsonl"
FRENCH_CSV = (
    "Poste;Entreprise;Lieu;Type_Contrat;Missions;Profil_Recherche;Lien;Salaire;Date\n"
    "Développeur Python;Société Générale;Paris;CDI;Développer des API, écrire des tests;"
    "3 ans d'expérience, esprit d'équipe;https://ex.fr/o/1;50 k€;2026-11-01\n"
    "Chargée de communication;Mairie de Lyon;Lyon;CDD;Animer les réseaux sociaux;Bac+3 communication;"
    "https://ex.fr/o/2;;2026-11-03\n"
)


def test_our_columns_case_insensitive_and_synonyms():
    data = (
        "Title,Company,Location,Contract,Salary,URL,Description,Date_Posted,Source_ID\n"
        'Data Analyst,Acme,Lyon,CDI,"40 000 €",https://ex.com/1,"Analyse de données, SQL",2026-11-20,A1\n'
        "Chef de projet,Beta,Nantes,CDD,,https://ex.com/2,Pilotage de projets,,\n"
    ).encode()
    result = read_offers_file(data, "offers.csv")
    first, second = result.offers
    assert (first.title, first.company, first.location, first.contract) == (
        "Data Analyst",
        "Acme",
        "Lyon",
        "CDI",
    )
    assert (first.salary, first.url, first.source_id, first.date_posted) == (
        "40 000 €",
        "https://ex.com/1",
        "A1",
        "2026-11-20",
    )
    assert first.description == "Analyse de données, SQL" and first.source == "file"
    assert second.title == "Chef de projet" and result.warnings == []


def test_french_columns_build_a_sectioned_description():
    result = read_offers_file(FRENCH_CSV.encode("utf-8"), "offres.csv")
    first = result.offers[0]
    assert first.title == "Développeur Python" and first.company == "Société Générale"
    assert first.contract == "CDI" and first.url == "https://ex.fr/o/1" and first.salary == "50 k€"
    assert first.description == (
        "Missions :\nDévelopper des API, écrire des tests\n\nProfil recherché :\n3 ans d'expérience, esprit d'équipe"
    )
    assert result.offers[1].date_posted == "2026-11-03"


def test_utf8_bom_and_cp1252_with_accents():
    bom = read_offers_file(b"\xef\xbb\xbf" + FRENCH_CSV.encode("utf-8"), "offres.csv")
    assert bom.offers[0].title == "Développeur Python" and bom.warnings == []
    excel = read_offers_file(FRENCH_CSV.encode("cp1252"), "offres.csv")
    assert excel.offers[0].company == "Société Générale"
    assert excel.offers[1].title == "Chargée de communication"
    assert any("Windows-1252" in w for w in excel.warnings)


def test_tab_separated_and_commas_inside_semicolon_file():
    tsv = b"poste\tentreprise\tdescription\nComptable\tCabinet X\tSaisie, bilans, TVA\n"
    assert read_offers_file(tsv, "x.tsv").offers[0].description == "Saisie, bilans, TVA"
    semicolon = "Poste;Description\nSoudeur;Souder, meuler, contrôler, nettoyer\n".encode()
    offer = read_offers_file(semicolon, "x.csv").offers[0]
    assert (offer.title, offer.description) == ("Soudeur", "Souder, meuler, contrôler, nettoyer")


def test_rows_without_text_are_skipped_with_a_warning():
    data = b"title,company,description\nVendeur,Decathlon,Conseiller les clients\n,Acme,\n,,\n"
    result = read_offers_file(data, "x.csv")
    assert len(result.offers) == 1
    assert result.warnings == [
        "line 3: skipped, it has no title and no description.",
        "line 4: skipped, it is empty.",
    ]


def test_csv_errors_say_where_and_what_was_expected():
    with pytest.raises(InvalidInput, match="no title or description column") as info:
        read_offers_file(b"foo,bar\n1,2\n", "x.csv")
    assert "Poste" in str(info.value) and "Missions" in str(info.value)
    with pytest.raises(InvalidInput, match="line 3 has 4 fields but the header names 2 columns"):
        read_offers_file(b"title,description\nA,b\nC,d,e,f\n", "x.csv")
    with pytest.raises(InvalidInput, match="empty"):
        read_offers_file(b"  \n", "x.csv")


def test_json_list_object_and_lines():
    items = [
        {"title": "Infirmier", "company": "CHU", "description": "<p>Soins <b>de nuit</b></p>"},
        {"Poste": "Aide-soignant", "Missions": "Accompagner les patients", "salary": 1900.0},
    ]
    listed = read_offers_file(json.dumps(items).encode(), "offres.json")
    assert [o.title for o in listed.offers] == ["Infirmier", "Aide-soignant"]
    assert listed.offers[0].description == "Soins de nuit"
    assert listed.offers[1].salary == "1900" and listed.offers[1].description.startswith("Missions :")
    wrapped = read_offers_file(json.dumps({"offers": items}).encode(), "x.json")
    assert len(wrapped.offers) == 2
    lines = "\n".join(json.dumps(i) for i in items).encode()
    assert [o.title for o in read_offers_file(lines, "x.jsonl").offers] == ["Infirmier", "Aide-soignant"]
    assert len(read_offers_file(lines, "").offers) == 2  # detected without a file name


def test_jobspy_export_columns():
    row = {
        "id": "in-123",
        "site": "indeed",
        "job_url": "https://fr.indeed.com/viewjob?jk=123",
        "title": "Magasinier",
        "company": "Logi",
        "min_amount": 1800,
        "max_amount": 2100,
        "currency": "EUR",
        "interval": "monthly",
        "description": "Préparer les commandes",
    }
    offer = read_offers_file(json.dumps([row]).encode(), "jobs.json").offers[0]
    assert (offer.source, offer.source_id, offer.salary) == ("indeed", "in-123", "1 800 - 2 100 EUR / month")


def test_malformed_json_messages():
    with pytest.raises(InvalidInput, match=r"invalid JSON at line 4, column 1") as info:
        read_offers_file(b'[\n {"title": "A"}\n\n', "x.json")
    assert "list of offers" in str(info.value)
    with pytest.raises(InvalidInput, match="invalid JSON on line 2"):
        read_offers_file(b'{"title": "A", "description": "x"}\n{"title": "B",\n', "x.jsonl")
    with pytest.raises(InvalidInput, match="item 2 is a str"):
        read_offers_file(b'[{"title": "A"}, "B"]', "x.json")
    with pytest.raises(InvalidInput, match="holds a int"):
        read_offers_file(b"42", "x.json")


def test_duplicate_rows_are_merged_keeping_the_richer_values():
    data = (
        "title,company,location,url,description\n"
        "Data Analyst,Acme,,https://ex.com/o/1?utm_source=mail,Analyse\n"
        "Data Analyst,Acme,Lyon,https://www.ex.com/o/1#apply,Analyse de données et tableaux de bord\n"
        "Boulanger,Pain d'Or,Caen,,Pétrir\n"
    ).encode()
    result = read_offers_file(data, "x.csv")
    assert len(result.offers) == 2
    merged = result.offers[0]
    assert merged.location == "Lyon" and merged.description == "Analyse de données et tableaux de bord"
    assert "1 duplicate offer(s) merged." in result.warnings
    assert len(read_offers_file(data, "x.csv", merge_duplicates=False).offers) == 3


def test_excel_file_is_refused_with_advice():
    with pytest.raises(UnsupportedFile, match="binary file") as info:
        read_offers_file(b"PK\x03\x04\x14\x00\x06\x00rest-of-xlsx", "offres.xlsx")
    assert "CSV (UTF-8)" in str(info.value)
    utf16 = FRENCH_CSV.encode("utf-16")  # Excel's "Unicode text" export is UTF-16 with a BOM
    assert read_offers_file(utf16, "offres.csv").offers[0].title == "Développeur Python"


def test_markdown_descriptions_become_text_keeping_paragraphs():
    row = {"job_description": "## Missions\nCoder.\n\n## Profil\n* **Python**\n* SQL"}
    offer = read_offers_file(json.dumps([row]).encode(), "x.json").offers[0]
    assert offer.description == "Missions\nCoder.\n\nProfil\n- Python\n- SQL"


@pytest.mark.skipif(not SHARED_RJDB.exists(), reason="../shared is not present")
def test_imports_the_shared_rjdb_file():
    result = read_offers_file(SHARED_RJDB.read_bytes(), SHARED_RJDB.name)
    assert len(result.offers) == 1000 and result.warnings == []
    assert all(o.description and "##" not in o.description for o in result.offers)
