"""A CV's reading warnings are catalogue messages: English text, French on a French page."""

from __future__ import annotations

from jobapp.documents import read_cv
from jobapp.messages import localise_text, recognise


def test_pdf_warnings_read_in_french(build):
    doc = read_cv(build["two_column"](), "cv.pdf")
    two_columns = [recognise(w) for w in doc.warnings if "Two-column" in w]
    assert [getattr(w, "key", None) for w in two_columns] == ["cv.two_columns"]
    french = two_columns[0].render("fr")
    assert french.startswith("Mise en page sur deux colonnes lue colonne par colonne, page(s) 1")
    # Stored as plain text in the database, a warning still reads in French.
    assert localise_text(str(two_columns[0]), "fr") == french


def test_repeated_headers_warning_in_french(build):
    doc = read_cv(build["normal"](), "cv.pdf")
    assert "Les en-têtes et pieds de page répétés ont été retirés." in [
        localise_text(w, "fr") for w in doc.warnings
    ]


def test_text_file_warnings_in_french():
    doc = read_cv("Ingénieure logiciel, Python et SQL, dix ans à Lyon.".encode("cp1252"), "cv.docx")
    french = [localise_text(w, "fr") for w in doc.warnings]
    assert french == [
        "Le fichier texte a été décodé en cp1252.",
        "Le fichier se termine par .docx mais son contenu est du TXT ; lu comme du TXT.",
    ]
