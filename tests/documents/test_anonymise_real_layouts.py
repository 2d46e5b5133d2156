"""Anonymisation on real layouts (issue 12): the name after a sidebar, in a Word layout table, in
small capitals or letter-spaced; addresses of each country; handles and personal domains; names
spelled by the e-mail; birth dates, ages and the attributes of a "CV anonyme". And what must
survive: skills, tools, employers' cities, degrees, the driving licence, languages.

The PDFs and DOCX are drawn here and read by the app's own reader, so the reading order is real.
"""

from __future__ import annotations

import io
import re

import pytest

from jobapp.documents import Anonymised, anonymise, read_cv
from jobapp.documents.anonymise import PLACEHOLDER


def anon(text: str) -> Anonymised:
    return anonymise(text, use_ner=False)


def leaks(result: Anonymised, *words: str) -> list[str]:
    return [w for w in words if re.search(rf"(?<!\w){re.escape(w)}(?!\w)", result.text, re.IGNORECASE)]


# ------------------------------------------------------------------------------ real layouts
SIDEBAR_FR = [
    "COMPÉTENCES",
    "Python",
    "SQL",
    "Power BI",
    "Excel",
    "LANGUES",
    "Anglais : courant",
    "CONTACT",
    "06 39 98 40 52",
    "ines.belkacem@etu.example.org",
    "Résidence Les Érables, appt 214",
    "38400 Saint-Égrève",
    "22 ans, Permis B",
]
MAIN_FR = [
    ("Helvetica-Bold", 22, "Inès BELKACEM"),
    ("Helvetica", 12, "Étudiante en master data science"),
    ("Helvetica-Bold", 12, "Expérience professionnelle"),
    ("Helvetica", 9.5, "2023 Stage data analyst — Banque Coopérative, Grenoble"),
    ("Helvetica", 9.5, "Tableaux de bord Power BI, requêtes SQL et scripts Python"),
    ("Helvetica", 9.5, "2022 Vendeuse — Boutique Mode & Co, Lyon"),
    ("Helvetica-Bold", 12, "Formation"),
    ("Helvetica", 9.5, "Master Statistique et science des données — Université de Grenoble"),
]


def two_column_pdf(sidebar: list[str], main: list[tuple[str, float, str]]) -> bytes:
    """A grey sidebar on the left (read first), the name on top of the main column."""
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(595.27, 841.89), invariant=1)
    c.setFillGray(0.93)
    c.rect(0, 0, 195, 841.89, stroke=0, fill=1)
    c.setFillGray(0)
    y = 790.0
    for line in sidebar:
        c.setFont("Helvetica-Bold" if line.isupper() else "Helvetica", 9)
        c.drawString(22, y, line)
        y -= 14
    y = 784.0
    for font, size, line in main:
        c.setFont(font, size)
        c.drawString(215, y, line)
        y -= size * 1.6
    c.showPage()
    c.save()
    return buf.getvalue()


def test_two_column_pdf_name_after_the_skills_column_is_removed_everywhere():
    doc = read_cv(two_column_pdf(SIDEBAR_FR, MAIN_FR), "cv.pdf")
    text = doc.text
    assert text.index("Python") < text.index("BELKACEM")  # the reader puts the name after the sidebar
    result = anon(text)
    assert leaks(result, "Inès", "Ines", "Belkacem", "06 39 98 40 52", "Érables", "38400", "22 ans") == []
    for kept in ["Python", "SQL", "Power BI", "Excel", "Grenoble", "Lyon", "Saint-Égrève", "Permis B",
                 "Master Statistique et science des données", "Banque Coopérative", "Anglais : courant"]:  # fmt: skip
        assert kept in result.text


def test_two_column_pdf_in_english_name_in_a_right_sidebar():
    """The name, contact and skills in a right sidebar: read after the experience column."""
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(595.27, 841.89), invariant=1)
    main = ["Work Experience", "2019 - 2024 Chef de Partie — The Harbour Kitchen, Bristol",
            "Ran the sauce section for 150 covers", "Education", "Level 3 Diploma in Professional Cookery"]  # fmt: skip
    side = ["Harriet ASHWORTH-BLAKE", "Head Chef", "CONTACT", "0117 496 0789", "harriet@ashworthblake.co.uk",
            "The Old Bakery, 5 Mill Lane", "Bath BA1 5EP", "Instagram: @harrietcooks", "SKILLS",
            "Food safety level 3", "Menu costing"]  # fmt: skip
    for i, line in enumerate(main):
        c.setFont("Helvetica", 9.5)
        c.drawString(35, 790 - 15 * i, line)
    for i, line in enumerate(side):
        c.setFont("Helvetica-Bold" if i == 0 else "Helvetica", 11 if i == 0 else 9)
        c.drawString(410, 790 - 15 * i, line)
    c.showPage()
    c.save()
    result = anon(read_cv(buf.getvalue(), "cv.pdf").text)
    assert leaks(result, "Harriet", "Ashworth-Blake", "Ashworth", "Old Bakery", "Mill Lane", "BA1 5EP",
                 "harrietcooks", "0117 496 0789") == []  # fmt: skip
    for kept in ["The Harbour Kitchen, Bristol", "Food safety level 3", "Menu costing", "Bath", "Head Chef"]:
        assert kept in result.text


def test_docx_layout_table_sidebar_cell_then_the_name():
    import docx

    document = docx.Document()
    side, main = document.add_table(rows=1, cols=2).rows[0].cells
    for line in ["CONTACT", "(902) 555-0111", "tyler.macdonald@example.com", "88 Barrington Street",
                 "Halifax, NS B3J 1Y9", "SKILLS", "Counterbalance forklift", "SAP"]:  # fmt: skip
        side.add_paragraph(line)
    main.paragraphs[0].add_run("Tyler MacDonald").bold = True
    for line in ["Warehouse Operative", "2017 - 2024 Forklift Operator — Swift Distribution Centre, Toronto"]:
        main.add_paragraph(line)
    buf = io.BytesIO()
    document.save(buf)
    result = anon(read_cv(buf.getvalue(), "cv.docx").text)
    assert leaks(result, "Tyler", "MacDonald", "Barrington", "B3J 1Y9", "555-0111") == []
    for kept in ["Counterbalance forklift", "SAP", "Swift Distribution Centre, Toronto", "Halifax, NS"]:
        assert kept in result.text


def test_small_capitals_and_letter_spacing_in_a_pdf():
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(595.27, 841.89), invariant=1)
    x = 50.0
    for word in ["Grégoire", "Fabre-Dumas"]:  # small caps: first letter big, the rest smaller capitals
        c.setFont("Helvetica-Bold", 21)
        c.drawString(x, 780, word[0])
        x += c.stringWidth(word[0], "Helvetica-Bold", 21)
        c.setFont("Helvetica-Bold", 15.5)
        c.drawString(x, 780, word[1:].upper())
        x += c.stringWidth(word[1:].upper(), "Helvetica-Bold", 15.5) + 8
    text = c.beginText(50, 740)
    text.setFont("Helvetica-Bold", 14)
    text.setCharSpace(4)
    text.textLine("GRÉGOIRE FABRE-DUMAS")
    text.setCharSpace(0)
    text.setFont("Helvetica", 10)
    text.textLine("Lead développeur backend — gregoire@fabredumas.dev — Python, Django, Kubernetes")
    c.drawText(text)
    c.showPage()
    c.save()
    result = anon(read_cv(buf.getvalue(), "cv.pdf").text)
    assert leaks(result, "Grégoire", "Gregoire", "Fabre-Dumas", "FABRE", "DUMAS", "fabredumas") == []
    assert "Python, Django, Kubernetes" in result.text


# ------------------------------------------------------------------------------ names
@pytest.mark.parametrize(
    ("text", "gone"),
    [
        ("LE GOFF Kévin\nÉlectricien\nSigné : K. Le Goff", ["Goff", "Kévin"]),
        ("Jean-Baptiste KERBRAT\nInfirmier\nJean Baptiste Kerbrat, Rennes", ["Jean", "Baptiste", "Kerbrat"]),
        ("Thierry de Villeneuve\nDirecteur des ventes\nT. de Villeneuve", ["Villeneuve", "de Villeneuve"]),
        ("Pieter VAN DER BERGHE\nDéveloppeur\npieter.vdb@example.com", ["Pieter", "Berghe", "van der"]),
        ("Anna von Arnim\nData Scientist", ["Anna", "Arnim", "von Arnim"]),
        ("Joana da Silva\nEnfermeira", ["Joana", "Silva"]),
        ("Mamadou N'DIAYE\nCariste\nmamadou.ndiaye@example.com", ["Mamadou", "N'Diaye"]),
        ("Hélène Lefèvre\nComptable\nRéférence : Helene LEFEVRE", ["Hélène", "Helene", "Lefèvre", "Lefevre"]),
        ("Tyler MacDonald\nForklift Operator", ["Tyler", "MacDonald"]),
        ("M A R I E   D U P O N T\nChargée de communication", ["M A R I E", "D U P O N T"]),
    ],
)
def test_name_forms(text, gone):
    result = anon(text)
    assert leaks(result, *gone) == []
    assert "[NAME]" in result.text


def test_a_part_of_a_hyphenated_first_name_is_not_removed_from_an_employer():
    result = anon(
        "Mary-Kate O'Sullivan\nCharge Nurse\n2017 - 2024 Registered Nurse — St Mary's General Hospital"
    )
    assert "St Mary's General Hospital" in result.text and "Mary-Kate" not in result.text


def test_name_words_spelled_by_the_email_are_removed_where_no_header_shows_them():
    # no name-shaped header: the name is only in a footer line and the e-mail
    text = (
        "Compétences : Excel, Sage\nContact : m.rousset@example.org\n\nExpérience\n"
        "Comptable chez Cabinet Audit Conseil, Bordeaux\n\nCV de ROUSSET — mis à jour en 2024"
    )
    result = anon(text)
    assert leaks(result, "Rousset", "m.rousset") == []
    assert "Cabinet Audit Conseil, Bordeaux" in result.text and "Excel, Sage" in result.text


def test_email_spelling_concatenated_name_and_a_two_line_name():
    text = "COMPÉTENCES\nC\nPython\n\nJEAN-BAPTISTE\nKERBRAT\nInfirmier\njbkerbrat29@example.org"
    result = anon(text)
    assert leaks(result, "Jean-Baptiste", "Kerbrat") == []
    assert "Python" in result.text and "Infirmier" in result.text


def test_candidate_introducing_themself():
    result = anon(
        "Profil\nJe m'appelle Ysolde, j'ai 24 ans et je cherche un poste en data.\n\nYsolde QUÉMÉNER"
    )
    assert leaks(result, "Ysolde", "Quéméner", "24 ans") == []


def test_a_surname_that_is_a_city_keeps_the_city_of_past_jobs():
    result = anon("Julien PARIS\nDéveloppeur\nStage chez Thales, Paris\nJ. Paris\nj.paris@example.com")
    assert result.text == "[NAME]\nDéveloppeur\nStage chez Thales, Paris\nJ. [NAME]\n[EMAIL]"


def test_name_with_its_age_in_brackets():
    assert anon("Marie Dupont (34)\nInfirmière").text == "[NAME] ([BIRTHDATE])\nInfirmière"


def test_no_name_is_invented_from_titles_places_or_skill_lists():
    for text in [
        "CONSTRUCTION LABORER\nProfessional Summary\nReliable Construction worker",
        "HR GENERALIST\nSummary\nHR Generalist at a retail company",
        "(Anciennement Mines de Douai), Douai\nCycle ingénieur",
        "FRAMEWORKS\nSymfony\nReactJS\nMETHODE\nAgile",
    ]:
        result = anon(text)
        assert "[NAME]" not in result.text, text


# ------------------------------------------------------------------------------ addresses
@pytest.mark.parametrize(
    ("line", "expected"),
    [
        # France
        ("12 rue de la Paix, 75002 Paris", "[ADDRESS], [POSTCODE] Paris"),
        ("8 bis, boulevard Voltaire, 35000 Rennes", "[ADDRESS], [POSTCODE] Rennes"),
        ("Bâtiment C, 2 rue Jean Moulin, 59000 Lille", "[ADDRESS], [POSTCODE] Lille"),
        ("Lieu-dit Kerhuel, 29510 Briec", "[ADDRESS], [POSTCODE] Briec"),
        ("75 bd Haussmann 75008 PARIS", "[ADDRESS] [POSTCODE] PARIS"),
        # Belgium
        ("Rue de la Loi 155 bte 4, 1040 Etterbeek", "[ADDRESS], [POSTCODE] Etterbeek"),
        ("Kerkstraat 12 bus 3, 2000 Antwerpen", "[ADDRESS], [POSTCODE] Antwerpen"),
        ("Meir 45\n2000 Antwerpen", "[ADDRESS]\n[POSTCODE] Antwerpen"),
        # Switzerland
        ("Chemin des Vignes 3, 1009 Pully", "[ADDRESS], [POSTCODE] Pully"),
        ("Bahnhofstrasse 21, 8001 Zürich", "[ADDRESS], [POSTCODE] Zürich"),
        ("Via Nassa 5, CH-6900 Lugano", "[ADDRESS], [POSTCODE] Lugano"),
        # Canada
        (
            "1234, rue Notre-Dame Est, app. 5, Montréal (Québec) H2L 1K1",
            "[ADDRESS], Montréal (Québec) [POSTCODE]",
        ),
        ("1234 Notre-Dame Est, Montréal, QC", "[ADDRESS], Montréal, QC"),
        ("56 Queen Street West, Suite 1402, Toronto, ON M5H 2M9", "[ADDRESS], Toronto, ON [POSTCODE]"),
        # United Kingdom
        ("Flat 3, 27 Kingsley Road, Leeds LS6 2AB", "[ADDRESS], Leeds [POSTCODE]"),
        ("The Old Bakery, 5 Mill Lane, Bath BA1 5EP", "[ADDRESS], Bath [POSTCODE]"),
        ("Flat 5B, Marlborough Court, Harrow Road, London W9 3RB", "[ADDRESS], London [POSTCODE]"),
        # United States
        ("742 Evergreen Terrace, Apt 2, Springfield, IL 62704", "[ADDRESS], Springfield, IL [POSTCODE]"),
        ("1600 Pine Ave NW, Washington, DC 20009", "[ADDRESS], Washington, DC [POSTCODE]"),
        ("PO Box 1187, Austin, TX 78767", "[ADDRESS], Austin, TX [POSTCODE]"),
    ],
)
def test_addresses_of_each_country_format(line, expected):
    assert anon(f"Contact\n{line}").text == f"Contact\n{expected}"


@pytest.mark.parametrize(
    "text",
    [
        "Mise en place de 3 outils de suivi",
        "Animation de 40 cours de yoga par an",
        "2019 Région Grand Est : 12 agences",
        "Python 3\n2019 Paris — stage",
        "Chiffre d'affaires : CA 20000 € par mois",
        "Mechanical Engineering 3.5/4.0",
        "Stage de 6 mois à Lyon puis CDI à Montréal, QC",
    ],
)
def test_no_address_in_ordinary_lines(text):
    assert anon(f"Expérience\n{text}").text == f"Expérience\n{text}"


# ------------------------------------------------------------------------------ contacts
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Site : marcantoinetremblay.ca", "Site : [URL]"),
        ("Portfolio https://kwame.dev/ et seunadeyemi.dev", "Portfolio [URL] et [URL]"),
        ("Blog : lea-fontanel.github.io", "Blog : [URL]"),
        ("www.linkedin.com/in/harpreet-sandhu-cpa", "[URL]"),
        ("Instagram : @chloe.marchetti", "Instagram : [HANDLE]"),
        ("in/marie-dupont-7b21", "[HANDLE]"),
        ("+1 (417) 555-0148 ext. 12", "[PHONE] ext. 12"),
        ("Skype : marie.dupont84 | Discord : mdupont#1234", "Skype : [HANDLE] | Discord : [HANDLE]"),
        ("0470/55.02.36 | +32 2 555 03 48 | 0041 91 555 07 77", "[PHONE] | [PHONE] | [PHONE]"),
        ("+44 (0) 7700 900345 · 029 2018 0456 · 416-555-0198", "[PHONE] · [PHONE] · [PHONE]"),
        (
            "Node.js, Vue.js, socket.io, ASP.NET, asp.net, vb.net",
            "Node.js, Vue.js, socket.io, ASP.NET, asp.net, vb.net",
        ),
        ("License # 00313355", "License # 00313355"),
    ],
)
def test_handles_domains_and_phones(text, expected):
    assert anon(f"Contact\n{text}").text == f"Contact\n{expected}"


def test_a_handle_or_domain_reappearing_bare_is_removed_every_time():
    text = (
        "Daniel Okafor\nSoftware Engineer\ndaniel.okafor@example.com | github.com/dokafor | posquit0.com\n"
        "Side projects: dokafor/meteo-app, dokafor/budget-cli\nOpen source: posquit0 on npm, daniel-okafor-42"
    )
    result = anon(text)
    assert leaks(result, "dokafor", "Daniel", "Okafor", "daniel-okafor-42") == []
    assert "meteo-app" in result.text and "npm" in result.text


def test_the_issue_example_canadian_engineer():
    text = (
        "Marc-Antoine Tremblay-Gagnon\nIngénieur logiciel principal\n1234 Notre-Dame Est, Montréal, QC\n"
        "marcantoinetremblaygagnon.ca | (514) 555-0142\n\nExpérience\nArchitecte chez Ubisoft, Montréal\n"
        "Kubernetes, Go, PostgreSQL"
    )
    result = anon(text)
    assert leaks(result, "Marc-Antoine", "Tremblay-Gagnon", "Notre-Dame", "marcantoinetremblaygagnon") == []
    assert "Ubisoft, Montréal" in result.text and "Kubernetes, Go, PostgreSQL" in result.text


# ------------------------------------------------------------------------------ personal details
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("22 ans, Permis B", "[BIRTHDATE], Permis B"),
        ("Française, 28 ans, célibataire", "[NATIONALITY], [BIRTHDATE], [FAMILY]"),
        ("Date de naissance : 3 mars 1995 (29 ans)", "Date de naissance : [BIRTHDATE] ([BIRTHDATE])"),
        ("Née le 12/03/1990 à Casablanca (Maroc)", "Née le [BIRTHDATE] à [BIRTHPLACE]"),
        ("DOB: 03/12/1988", "DOB: [BIRTHDATE]"),
        ("Année de naissance : 1990", "Année de naissance : [BIRTHDATE]"),
        ("I am a 35-year-old nurse.", "I am a [BIRTHDATE] nurse."),
        ("Nationalité : franco-marocaine", "Nationalité : [NATIONALITY]"),
        ("Nationality: British/Nigerian", "Nationality: [NATIONALITY]"),
        ("Double nationalité : française et haïtienne", "Double nationalité : [NATIONALITY]"),
        ("Situation familiale : mariée, 2 enfants", "Situation familiale : [FAMILY]"),
        ("Situation : pacsée, deux enfants", "Situation : [FAMILY]"),
        ("Married with three children", "[FAMILY]"),
        ("Mère de deux enfants", "[FAMILY]"),
        ("Cohabitant légal", "[FAMILY]"),
        ("Sexe : Féminin", "Sexe : [GENDER]"),
        ("Photo d'identité", "[PHOTO]"),
        ("N° de sécurité sociale : 2 90 03 75 112 005 42", "N° de sécurité sociale : [ID_NUMBER]"),
    ],
)
def test_birth_dates_ages_and_cv_anonyme_attributes(text, expected):
    assert anon(f"Informations\n{text}").text == f"Informations\n{expected}"


@pytest.mark.parametrize(
    "text",
    [
        "3 ans d'expérience en logistique",
        "Baby-sitting depuis l'âge de 14 ans",
        "Encadrement de groupes de 12 enfants en centre de loisirs",
        "Langues : Français (langue maternelle), anglais courant, polonais",
        "Languages: English (native), Polish (native)",
        "Permis B, véhicule personnel",
        "Full UK driving licence, CSCS card",
        "Titre de séjour valide, autorisation de travail",
        "Single Sign-On (SSO), Keycloak",
        "Photographie, randonnée",
        "Python | 10 ans",
    ],
)
def test_what_matching_needs_stays(text):
    assert anon(f"Compétences\n{text}").text == f"Compétences\n{text}"


# ------------------------------------------------------------------------------ redaction spans
def test_redactions_are_spans_of_the_anonymised_text():
    text = (
        "Léa FONTANEL\nDéveloppeuse Full Stack\n06 39 98 12 47 | lea.fontanel@example.com\n"
        "14 rue des Tanneurs, 69003 Lyon\nNée le 12/03/1990\n\nCompétences : Python, Django"
    )
    result = anon(text)
    assert result.redactions, "no redaction reported"
    for r in result.redactions:
        assert result.text[r.start : r.end] == PLACEHOLDER[r.kind]
        assert text[r.source_start : r.source_end].strip() and "[" not in text[r.source_start : r.source_end]
    counts: dict[str, int] = {}
    for r in result.redactions:
        counts[r.kind] = counts.get(r.kind, 0) + 1
    assert counts == result.removed
    # rebuilding the anonymised text from the original and the spans gives the same text
    rebuilt, cursor = [], 0
    for r in result.redactions:
        rebuilt += [text[cursor : r.source_start], PLACEHOLDER[r.kind]]
        cursor = r.source_end
    assert "".join([*rebuilt, text[cursor:]]) == result.text
    assert anon(result.text).redactions == []  # idempotent


def test_a_full_cv_keeps_its_skills_employers_cities_and_degrees():
    text = (
        "Camille ROUSSEAU\nIngénieure logiciel\ncamille.rousseau@example.com · +33 6 39 98 11 22\n"
        "5 allée des Peupliers, 44300 Nantes\n\nExpérience\n"
        "2021 - 2024 Développeuse backend — Sopra Steria, Lyon : Python, Django, PostgreSQL, Docker, GitLab CI\n"
        "2018 - 2021 Analyste — Orange, Rennes : SQL, Power BI, Excel, SAP\n\nFormation\n"
        "Diplôme d'ingénieur, INSA Lyon (2018)\nMaster MIAGE, Université de Nantes\n\n"
        "Langues : anglais (C1), espagnol (B1)\nPermis B"
    )
    result = anon(text)
    assert leaks(result, "Camille", "Rousseau", "Peupliers", "44300") == []
    for kept in ["Sopra Steria, Lyon", "Orange, Rennes", "Python, Django, PostgreSQL, Docker, GitLab CI",
                 "SQL, Power BI, Excel, SAP", "Diplôme d'ingénieur, INSA Lyon", "Master MIAGE, Université de Nantes",
                 "Nantes", "Permis B", "anglais (C1)"]:  # fmt: skip
        assert kept in result.text


@pytest.mark.slow
def test_spacy_path_on_the_two_column_pdf():
    result = anonymise(read_cv(two_column_pdf(SIDEBAR_FR, MAIN_FR), "cv.pdf").text)
    assert result.notes == []
    assert leaks(result, "Inès", "Belkacem") == []
    assert "Power BI" in result.text
