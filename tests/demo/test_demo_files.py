"""Demo CVs and paths: they resolve, they contain what the pipeline needs, the PDF is in sync."""

from __future__ import annotations

import subprocess
import sys

import pytest

from jobapp.demo import DEMO_CVS, demo_cv_path, demo_offers_path, list_demo_files
from jobapp.errors import InvalidInput

pdfplumber = pytest.importorskip("pdfplumber")


def pdf_text(path) -> str:
    with pdfplumber.open(path) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


def test_paths_resolve_to_existing_files_inside_the_package() -> None:
    import jobapp.demo

    package_dir = demo_offers_path().parent
    assert package_dir.samefile(jobapp.demo.__file__.rsplit("/", 1)[0])
    files = list_demo_files()
    assert set(files) == {"offers", "cv_fr", "cv_en", "cv_fr_source"}
    for path in files.values():
        assert path.is_file() and path.stat().st_size > 0
    assert demo_cv_path().suffix == ".pdf"
    assert demo_cv_path("fr") == demo_cv_path()
    assert demo_cv_path("EN").suffix == ".txt"


def test_unknown_demo_cv_is_a_user_facing_error() -> None:
    with pytest.raises(InvalidInput, match=r"choose one of en, fr"):
        demo_cv_path("de")
    assert set(DEMO_CVS) == {"fr", "en"}


def test_french_pdf_has_a_text_layer_with_skills_and_accents() -> None:
    path = demo_cv_path("fr")
    assert path.stat().st_size < 20_000, "the demo PDF should stay a few KB"
    text = pdf_text(path)
    for word in ("Python", "SQL", "Power BI", "Master", "Anglais"):
        assert word in text, word
    for accented in ("Expérience professionnelle", "Compétences", "Lefèvre", "Université", "Érables"):
        assert accented in text, accented
    assert "(cid:" not in text, "a glyph was extracted without its character"


def test_demo_cvs_carry_contact_details_for_anonymisation_to_remove() -> None:
    fr = pdf_text(demo_cv_path("fr"))
    en = demo_cv_path("en").read_text(encoding="utf-8")
    assert "camille.lefevre@example.com" in fr and "06 00 00 00 00" in fr
    assert "olivia.brennan@example.com" in en and "+44 7700 900123" in en


def test_english_cv_is_a_nurse_profile() -> None:
    text = demo_cv_path("en").read_text(encoding="utf-8")
    for word in ("Registered Nurse", "NMC", "IV", "EDUCATION", "LANGUAGES"):
        assert word in text, word


def test_committed_pdf_matches_its_text_source(tmp_path) -> None:
    """Regenerating from the .txt must give the same text: the two files cannot drift apart."""
    pytest.importorskip("reportlab")
    from jobapp.demo.make_demo_pdf import SOURCE, build_pdf

    fresh = build_pdf(SOURCE, tmp_path / "cv.pdf")
    assert pdf_text(fresh) == pdf_text(demo_cv_path("fr"))


def test_source_markup_parser() -> None:
    from jobapp.demo.make_demo_pdf import parse_cv_source

    blocks = parse_cv_source(
        "# Jane Doe\nAnalyste\n\n## Formation\n### Master — 2020\n- Mention bien\nTexte libre\n"
    )
    assert blocks == [
        ("name", "Jane Doe"),
        ("header", "Analyste"),
        ("section", "Formation"),
        ("entry", "Master — 2020"),
        ("bullet", "Mention bien"),
        ("para", "Texte libre"),
    ]


def test_importing_demo_loads_neither_torch_nor_reportlab() -> None:
    code = "import sys, jobapp.demo; print('torch' in sys.modules, 'reportlab' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "False"]
