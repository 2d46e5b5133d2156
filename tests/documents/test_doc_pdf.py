"""PDF CVs: generated ones (normal, two-column, letter-spaced, French, scanned) and real LaTeX CVs."""

from __future__ import annotations

import re
import shutil

import pytest

from jobapp.documents import read_cv
from jobapp.errors import NoTextLayer


def test_normal_pdf_keeps_words_accents_and_structure(build):
    doc = read_cv(build["normal"](), "cv.pdf")
    assert doc.format == "pdf" and doc.pages == 2 and not doc.ocr
    text = doc.text
    for words in [
        "Camille Rousseau",
        "Ingénieure logiciel",
        "Expérience professionnelle",
        "Diplôme d'ingénieur",
    ]:
        assert words in text
    assert "Français (natif), anglais (courant)" in text
    # line-end hyphenation repaired, lines kept
    assert "information partagée" in text and "infor-" not in text
    assert "2019 - 2023 Développeuse backend chez Sopra Steria, Lyon\n" in text
    # the footer repeated on both pages is gone
    assert "page 1" not in text and "page 2" not in text
    assert "Repeated page headers/footers were removed." in doc.warnings
    assert "(cid:" not in text


def test_two_column_pdf_reads_sidebar_then_main_column(build, two_column_content):
    SIDEBAR, MAIN = two_column_content
    doc = read_cv(build["two_column"](), "cv.pdf")
    lines = doc.text.splitlines()
    assert lines[0] == "Julien Moreau — Data Engineer"
    # every line of each column comes out whole and in order, columns not interleaved
    sidebar_at = [lines.index(t) for t in SIDEBAR]
    main_at = [lines.index(t) for t in MAIN]
    assert sidebar_at == sorted(sidebar_at) and main_at == sorted(main_at)
    assert max(sidebar_at) < min(main_at)
    assert any("Two-column" in w for w in doc.warnings)


def test_letter_spaced_headings_are_rejoined_but_one_letter_words_stay(build):
    doc = read_cv(build["letter_spaced"](), "cv.pdf")
    assert "EXPÉRIENCE PROFESSIONNELLE" in doc.text
    assert "\nLangues\n" in doc.text
    assert "Il y a trois ans, j'ai rejoint une start-up à Nantes ; I am a developer." in doc.text
    assert "Node.js" in doc.text


def test_french_justified_pdf_with_embedded_font(build):
    doc = read_cv(build["french"](), "cv.pdf")
    text = doc.text
    assert text.startswith("Chloé Lefèvre-Dubois\n")
    assert " ".join(text.split()).count("Élaboration et mise en œuvre de la stratégie de développement") == 1
    assert "coordination des équipes pluridisciplinaires à l’échelle" in text
    assert "Responsable commerciale, Société Générale 2019 – 2023" in text
    assert "Chargée d’affaires, Crédit Agricole 2015 – 2019" in text
    assert "Maîtrise de Salesforce, HubSpot et Excel (tableaux croisés dynamiques)." in text
    assert not any("Two-column" in w for w in doc.warnings)


def test_icon_glyphs_and_private_use_characters_are_dropped():
    from jobapp.documents.pdf_layout import is_garbage_char

    assert is_garbage_char({"text": "(cid:294)", "fontname": "ABC+Roboto"})
    assert is_garbage_char({"text": "\uf0e0", "fontname": "ABC+Roboto"})
    assert is_garbage_char({"text": "LINKEDIN", "fontname": "QXHUJF+FontAwesome7Brands-Regular"})
    assert not is_garbage_char({"text": "é", "fontname": "ABC+SourceSans3-Light"})


SECTIONS = {
    "awesome-cv-cv.pdf": [
        "Education",
        "Skills",
        "Experience",
        "Presentation",
        "Writing",
        "Program Committees",
    ],
    "awesome-cv-resume.pdf": ["Summary", "Work Experience", "Certificates", "Education"],
}


@pytest.mark.parametrize("name", sorted(SECTIONS))
def test_awesome_cv_fixtures(awesome_cv, name):
    text = awesome_cv(name).text
    assert "(cid:" not in text
    assert not any(0xE000 <= ord(c) <= 0xF8FF for c in text)
    assert "HOUSE-CHIMNEY" not in text and "LINKEDIN" not in text  # icon glyph names
    # words are separated (pdfplumber's default glues this tightly set LaTeX)
    assert "Be the change that you want to see in the world." in text
    for word in ["Kubernetes", "Terraform", "DevOps Engineer", "Site Reliability Engineer", "AWS"]:
        assert word in text
    # reading order: header, then sections in page order
    lines = text.splitlines()
    positions = [lines.index(section) for section in SECTIONS[name]]
    assert positions == sorted(positions)
    assert text.splitlines()[0] in {"Claud D. Park", "Byungjin Park"}
    # the footer ("February 10, 2026 ... Curriculum Vitae 1") is removed from every page
    assert not re.search(r"Curriculum Vitae \d|Résumé \d", text)


def test_awesome_cv_keeps_dates_with_their_job(awesome_cv):
    doc = awesome_cv("awesome-cv-resume.pdf")
    assert "DevOps Engineer Sep. 2023 - Mar. 2024" in doc.text
    assert "Dunamu Inc. Seoul, S.Korea" in doc.text


def test_scan_without_ocr_raises_no_text_layer(build, monkeypatch):
    monkeypatch.setenv("JOBAPP_OCR", "off")
    data = build["scanned"](["Expérience professionnelle", "Développeur Python"])
    with pytest.raises(NoTextLayer) as err:
        read_cv(data, "scan.pdf")
    assert "scan with no text layer" in str(err.value)
    assert "DOCX/TXT" in str(err.value)


@pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract-ocr is not installed")
def test_scan_is_read_by_ocr(build, monkeypatch):
    monkeypatch.setenv("JOBAPP_OCR", "auto")
    data = build["scanned"](
        ["Expérience professionnelle", "Développeur Python chez Airbus", "Compétences : Django, Kubernetes"]
    )
    doc = read_cv(data, "scan.pdf")
    assert doc.ocr is True
    assert any("OCR" in w for w in doc.warnings)
    for word in ["Expérience", "professionnelle", "Python", "Airbus", "Django", "Kubernetes"]:
        assert word in doc.text
