"""read_cv: format detection by content, DOCX, TXT encodings, refusals with useful messages."""

from __future__ import annotations

import hashlib
import io
import zipfile

import pytest

from jobapp.documents import read_cv, read_cv_path
from jobapp.errors import InvalidInput, UnsupportedFile

CV_TEXT = (
    "Élodie Bernard\r\nResponsable qualité — Nantes\r\n\r\nExpérience\r\n"
    "2018 – 2024 : Responsable qualité chez Bénéteau, amélioration continue, ISO 9001.\r\n"
    "Compétences : audit, Lean, Excel, anglais courant.\r\n"
)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
def test_text_cv_in_three_encodings(encoding):
    data = CV_TEXT.encode(encoding)
    doc = read_cv(data, "cv.txt")
    assert doc.format == "txt"
    assert doc.text.startswith("Élodie Bernard\nResponsable qualité — Nantes\n\nExpérience\n")
    assert "\r" not in doc.text and "\ufeff" not in doc.text
    assert "Bénéteau" in doc.text
    assert doc.sha256 == hashlib.sha256(data).hexdigest()
    assert ("cp1252" in " ".join(doc.warnings)) == (encoding == "cp1252")


def test_pdf_named_file_with_text_content_is_read_as_text():
    doc = read_cv(CV_TEXT.encode(), "cv.pdf")
    assert doc.format == "txt"
    assert "Responsable qualité" in doc.text
    assert any("named .pdf" in w for w in doc.warnings)


def test_png_named_pdf_is_refused_with_accepted_formats():
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (40, 40), "white").save(buf, format="PNG")
    with pytest.raises(UnsupportedFile) as err:
        read_cv(buf.getvalue(), "cv.pdf")
    assert "PNG image" in str(err.value)
    assert "PDF, DOCX" in str(err.value) and "TXT" in str(err.value)


@pytest.mark.parametrize("data", [b"", b"   \n\t ", b"\x00\x01\x02\x03" * 100])
def test_empty_or_binary_is_refused(data):
    with pytest.raises(UnsupportedFile) as err:
        read_cv(data, "cv.txt")
    assert "Accepted formats" in str(err.value)


def test_other_zip_and_old_doc_are_refused():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("notes.txt", "hello")
    with pytest.raises(UnsupportedFile, match="ZIP archive"):
        read_cv(buf.getvalue(), "cv.docx")
    with pytest.raises(UnsupportedFile, match=r"old Word \(\.doc\)"):
        read_cv(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "cv.doc")


def test_text_too_short_is_an_error_not_an_empty_cv():
    with pytest.raises(InvalidInput, match="almost no readable text"):
        read_cv(b"CV\n\n06 12 34 56 78\n", "cv.txt")


def test_docx_reads_header_paragraphs_bullets_and_table_in_order(build):
    doc = read_cv(build["docx"](), "cv.docx")
    assert doc.format == "docx"
    text = doc.text
    assert text.startswith("Léa Fontaine — lea.fontaine@example.fr")
    assert "• Rédaction de communiqués de presse" in text
    assert "• Gestion des réseaux sociaux" in text
    assert "Outils | Canva, WordPress, Hootsuite" in text
    assert "Langues | Anglais C1, italien B2" in text
    # document order: profile paragraph, bullets, table, then the last paragraph
    order = [
        "Profil",
        "Chargée de communication",
        "• Rédaction",
        "Outils |",
        "Langues |",
        "Centres d'intérêt",
    ]
    positions = [text.index(s) for s in order]
    assert positions == sorted(positions)


def test_docx_named_pdf_is_still_docx(build):
    doc = read_cv(build["docx"](), "cv.pdf")
    assert doc.format == "docx"


def test_read_cv_path(tmp_path, build):
    path = tmp_path / "mon cv.pdf"
    path.write_bytes(build["normal"]())
    doc = read_cv_path(path)
    assert doc.filename == "mon cv.pdf" and doc.format == "pdf" and doc.pages == 2
    with pytest.raises(InvalidInput, match="No such file"):
        read_cv_path(tmp_path / "missing.pdf")


def test_damaged_pdf_gives_a_clear_error():
    with pytest.raises(InvalidInput):
        read_cv(b"%PDF-1.4\n garbage that is not a pdf body", "cv.pdf")


def test_docx_text_boxes_are_read_once():
    """Template CVs put sidebars in text boxes; Word stores each twice (DrawingML + VML fallback)."""
    import docx
    from docx.oxml import parse_xml

    document = docx.Document()
    document.add_paragraph("Consultante SAP FI/CO, huit ans d'expérience en intégration.")
    box = (
        '<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
        'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
        'xmlns:v="urn:schemas-microsoft-com:vml"><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>'
        "<wps:txbx><w:txbxContent><w:p><w:r><w:t>Compétences : SAP S/4HANA</w:t></w:r></w:p></w:txbxContent>"
        "</wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict><v:textbox><w:txbxContent><w:p><w:r>"
        "<w:t>Compétences : SAP S/4HANA</w:t></w:r></w:p></w:txbxContent></v:textbox></w:pict></mc:Fallback>"
        "</mc:AlternateContent></w:r>"
    )
    document.add_paragraph()._p.append(parse_xml(box))
    buf = io.BytesIO()
    document.save(buf)
    text = read_cv(buf.getvalue(), "cv.docx").text
    assert text.count("Compétences : SAP S/4HANA") == 1
    assert text.index("Consultante SAP") < text.index("Compétences : SAP")
