"""Builders of real CV files (PDF with reportlab, DOCX with python-docx, scanned PDF with PIL)."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import pytest

from jobapp.documents import read_cv
from jobapp.domain import CvDocument

# The team's shared fixtures live beside the repository (absent in a user's clone: those tests skip).
FIXTURES = Path(__file__).resolve().parents[3] / "shared" / "fixtures" / "cv"


def _canvas():
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    return buf, canvas.Canvas(buf, pagesize=A4), A4


def make_normal_pdf() -> bytes:
    """One-column French CV, with a word hyphenated at a line end and a footer on two pages."""
    buf, c, (_width, height) = _canvas()
    lines = [
        ("Helvetica-Bold", 18, "Camille Rousseau"),
        ("Helvetica", 11, "Ingénieure logiciel — Lyon"),
        ("Helvetica", 11, ""),
        ("Helvetica-Bold", 13, "Expérience professionnelle"),
        ("Helvetica", 10, "2019 - 2023 Développeuse backend chez Sopra Steria, Lyon"),
        ("Helvetica", 10, "• Conception d'API REST en Python et Django, tests automatisés, infor-"),
        ("Helvetica", 10, "mation partagée avec les équipes produit."),
        ("Helvetica", 10, "• Migration vers Kubernetes et PostgreSQL."),
    ]
    y = height - 60
    for font, size, text in lines:
        c.setFont(font, size)
        c.drawString(60, y, text)
        y -= size * 1.5
    c.setFont("Helvetica", 8)
    c.drawString(60, 30, "CV Camille Rousseau - page 1")
    c.showPage()
    y = height - 60
    for font, size, text in [
        ("Helvetica-Bold", 13, "Formation"),
        ("Helvetica", 10, "2016 - 2019 Diplôme d'ingénieur, INSA Lyon"),
        ("Helvetica-Bold", 13, "Langues"),
        ("Helvetica", 10, "Français (natif), anglais (courant), espagnol (notions)"),
    ]:
        c.setFont(font, size)
        c.drawString(60, y, text)
        y -= size * 1.5
    c.setFont("Helvetica", 8)
    c.drawString(60, 30, "CV Camille Rousseau - page 2")
    c.showPage()
    c.save()
    return buf.getvalue()


SIDEBAR = ["Compétences", "Python", "SQL", "Docker", "Langues", "Anglais courant", "Allemand notions"]
MAIN = [
    "Expérience",
    "Data engineer chez Decathlon depuis 2021",
    "Pipelines Spark et Airflow pour la supply chain",
    "Analyste de données chez Orange de 2018 à 2021",
    "Tableaux de bord Power BI pour le marketing",
    "Formation",
    "Master statistique, Université de Lille, 2018",
]


def make_two_column_pdf() -> bytes:
    """A sidebar (skills, languages) beside a main column, under a full-width name line."""
    buf, c, (_width, height) = _canvas()
    c.setFont("Helvetica-Bold", 20)
    c.drawString(40, height - 50, "Julien Moreau — Data Engineer")
    y = height - 100
    for i, text in enumerate(SIDEBAR):
        c.setFont("Helvetica-Bold" if i in (0, 4) else "Helvetica", 10)
        c.drawString(40, y, text)
        y -= 17
    y = height - 96
    for i, text in enumerate(MAIN):
        c.setFont("Helvetica-Bold" if i in (0, 5) else "Helvetica", 10.5)
        c.drawString(220, y, text)
        y -= 13.5
    c.showPage()
    c.save()
    return buf.getvalue()


def make_letter_spaced_pdf() -> bytes:
    """Headings set with letter spacing (charSpace) and typed with spaces, plus one-letter words."""
    buf, c, (_width, height) = _canvas()
    text = c.beginText(60, height - 60)
    text.setFont("Helvetica-Bold", 14)
    text.setCharSpace(5)
    text.textLine("EXPÉRIENCE PROFESSIONNELLE")
    text.setCharSpace(0)
    text.setFont("Helvetica", 10)
    text.textLine("Il y a trois ans, j'ai rejoint une start-up à Nantes ; I am a developer.")
    text.textLine("Développement d'applications web en TypeScript et Node.js.")
    text.setFont("Helvetica-Bold", 12)
    text.textLine("L a n g u e s")
    text.setFont("Helvetica", 10)
    text.textLine("Anglais, espagnol")
    c.drawText(text)
    c.showPage()
    c.save()
    return buf.getvalue()


FRENCH_PARAGRAPH = (
    "Élaboration et mise en œuvre de la stratégie de développement commercial ; négociation avec les "
    "clients grands comptes, coordination des équipes pluridisciplinaires à l’échelle européenne, "
    "reporting hebdomadaire à la direction générale et suivi budgétaire rigoureux des opérations."
)


def make_french_pdf() -> bytes:
    """Justified French paragraphs in an embedded TrueType font, and a table of jobs and dates."""
    import reportlab
    from reportlab.lib.enums import TA_JUSTIFY
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table

    pdfmetrics.registerFont(TTFont("Vera", str(Path(reportlab.__file__).parent / "fonts" / "Vera.ttf")))
    style = getSampleStyleSheet()["Normal"]
    style.fontName, style.alignment, style.fontSize = "Vera", TA_JUSTIFY, 9.5
    buf = io.BytesIO()
    SimpleDocTemplate(buf).build(
        [
            Paragraph("Chloé Lefèvre-Dubois", style),
            Paragraph(FRENCH_PARAGRAPH, style),
            Table(
                [
                    ["Responsable commerciale, Société Générale", "2019 – 2023"],
                    ["Chargée d’affaires, Crédit Agricole", "2015 – 2019"],
                ],
                colWidths=[300, 150],
            ),
            Paragraph("Maîtrise de Salesforce, HubSpot et Excel (tableaux croisés dynamiques).", style),
        ]
    )
    return buf.getvalue()


def make_scanned_pdf(lines: list[str]) -> bytes:
    """A PDF whose only content is a picture of text (what a scanner produces)."""
    from PIL import Image, ImageDraw, ImageFont
    from reportlab.lib.utils import ImageReader

    image = Image.new("RGB", (1700, 900), "white")
    draw = ImageDraw.Draw(image)
    import reportlab

    font_path = Path(reportlab.__file__).parent / "fonts" / "Vera.ttf"
    font = ImageFont.truetype(str(font_path), 48)
    for i, line in enumerate(lines):
        draw.text((80, 80 + i * 90), line, fill="black", font=font)
    buf, c, (_width, height) = _canvas()
    c.drawImage(ImageReader(image), 30, height - 30 - 900 * 0.32, width=1700 * 0.32, height=900 * 0.32)
    c.showPage()
    c.save()
    return buf.getvalue()


def make_docx() -> bytes:
    """A DOCX CV with a header, bullets, and a skills table between two paragraphs."""
    import docx

    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "Léa Fontaine — lea.fontaine@example.fr"
    document.add_heading("Profil", level=1)
    document.add_paragraph("Chargée de communication bilingue, cinq ans d'expérience.")
    document.add_paragraph("Rédaction de communiqués de presse", style="List Bullet")
    document.add_paragraph("Gestion des réseaux sociaux", style="List Bullet")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Outils"
    table.cell(0, 1).text = "Canva, WordPress, Hootsuite"
    table.cell(1, 0).text = "Langues"
    table.cell(1, 1).text = "Anglais C1, italien B2"
    layout = document.add_table(rows=1, cols=2)  # a layout table: sidebar | main column
    layout.cell(0, 0).text = "Atouts"
    layout.cell(0, 0).add_paragraph("Organisée")
    layout.cell(0, 1).text = "Stage chez Publicis"
    layout.cell(0, 1).add_paragraph("Campagnes pour Renault")
    document.add_paragraph("Centres d'intérêt : photographie, randonnée.")
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


@pytest.fixture
def build() -> dict[str, Callable[..., bytes]]:
    return {
        "normal": make_normal_pdf,
        "two_column": make_two_column_pdf,
        "letter_spaced": make_letter_spaced_pdf,
        "french": make_french_pdf,
        "scanned": make_scanned_pdf,
        "docx": make_docx,
    }


@pytest.fixture(scope="session")
def awesome_cv() -> Callable[[str], CvDocument]:
    """The shared awesome-cv PDFs, each read once per session (skipped when absent)."""
    cache: dict[str, CvDocument] = {}

    def get(name: str) -> CvDocument:
        path = FIXTURES / name
        if not path.exists():
            pytest.skip(f"shared fixture {path} is absent")
        if name not in cache:
            cache[name] = read_cv(path.read_bytes(), name)
        return cache[name]

    return get


@pytest.fixture
def two_column_content() -> tuple[list[str], list[str]]:
    """The sidebar and main-column lines drawn by ``make_two_column_pdf``."""
    return SIDEBAR, MAIN
