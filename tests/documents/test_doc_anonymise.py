"""Anonymisation: identifiers go, what matters for matching stays. French and English."""

from __future__ import annotations

import re

import pytest

from jobapp.documents import anonymise
from jobapp.documents.names import find_names, looks_like_name


def anon(text: str):
    """Heuristics only (fast, deterministic); the spaCy path has its own tests below."""
    return anonymise(text, use_ner=False)


@pytest.mark.parametrize(
    "phone",
    [
        "06 12 34 56 78",
        "06.12.34.56.78",
        "06-12-34-56-78",
        "0612345678",
        "01 23 45 67 89",
        "+33 6 12 34 56 78",
        "+33 (0)6 12 34 56 78",
        "+33612345678",
        "0033 6 12 34 56 78",
        "+44 20 7946 0958",
        "+1 (415) 555-0100",
        "(415) 555-0100",
        "415-555-0100",
        "020 7946 0958",
        "(+82) 10-9030-1843",
    ],
)
def test_phones_are_removed(phone):
    result = anon(f"Expérience en Python. Tél : {phone} (mobile)")
    assert result.text == "Expérience en Python. Tél : [PHONE] (mobile)"
    assert result.removed == {"phone": 1}


@pytest.mark.parametrize(
    "text",
    [
        "2019 - 2023 : Développeur Java",
        "2019-2023 chez Airbus",
        "01/2019 - 06/2023 Chef de projet",
        "Salaire : 45 000 € brut annuel",
        "Prétentions : 45 000 - 55 000 €",
        "45000 Euros par an",
        "Budget de 1 200 000 € géré",
        "+15 % de chiffre d'affaires en 2021",
        "Certification ISO 9001, Python 3.12, version 2.4.1",
        "10 000 utilisateurs, 3.6 million users, AWS Route53",
        "De 2015 à 2018 puis de 2018 à 2020",
        "Bac+5, top 100, 1er semestre 2020",
        "Node.js, ASP.NET, Vue.js, socket.io, Booking.com",
        "Développeur chez BNP Paribas, Paris (2019 - 2023)",
        "Stage de 6 mois à Lyon, équipe de 5 personnes, 3 ans d'expérience",
        "Skills: Python, Kubernetes, Terraform, C#, C++, SQL",
    ],
)
def test_things_that_matter_for_matching_stay(text):
    result = anon(f"Expérience\n{text}")
    assert result.text == f"Expérience\n{text}"
    assert result.removed == {}


@pytest.mark.parametrize(
    ("text", "expected", "kind"),
    [
        ("Email : marie.dupont@gmail.com", "Email : [EMAIL]", "email"),
        ("Contact: j.doe+cv@univ-lyon1.fr.", "Contact: [EMAIL].", "email"),
        ("Mail : jdoe [at] exemple [dot] fr", "Mail : [EMAIL]", "email"),
        ("Site : https://www.marie-dupont.fr/portfolio.", "Site : [URL].", "url"),
        ("www.posquit0.com | Lyon", "[URL] | Lyon", "url"),
        ("linkedin.com/in/marie-dupont-123", "[URL]", "url"),
        ("Code : github.com/mdupont, projets open source", "Code : [URL], projets open source", "url"),
        ("Portfolio: jdoe.dev", "Portfolio: [URL]", "url"),
        ("Twitter @marie_dev", "Twitter [HANDLE]", "handle"),
        ("GitHub : mdupont", "GitHub : [HANDLE]", "handle"),
        ("12 rue de la Paix, 75002 Paris", "[ADDRESS], [POSTCODE] Paris", "address"),
        ("5 avenue Jean Jaurès 69007 Lyon", "[ADDRESS] [POSTCODE] Lyon", "address"),
        ("3 bis boulevard Voltaire", "[ADDRESS]", "address"),
        ("221B Baker Street, London", "[ADDRESS], London", "address"),
        ("10 Downing Street", "[ADDRESS]", "address"),
        (
            "Adresse : Résidence les Pins, bât. B, 33000 Bordeaux",
            "Adresse : [ADDRESS], [POSTCODE] Bordeaux",  # the comma stays, as in "[ADDRESS], [POSTCODE] Paris"
            "address",
        ),
        ("Lyon, London NW1 6XE", "Lyon, London [POSTCODE]", "postcode"),
        # the place of birth tells origin, which a "CV anonyme" removes like nationality (issue 12)
        ("Né le 12/03/1990 à Lyon", "Né le [BIRTHDATE] à [BIRTHPLACE]", "birthdate"),
        ("née le 3 mars 1990", "née le [BIRTHDATE]", "birthdate"),
        ("Date de naissance : 12.03.1990", "Date de naissance : [BIRTHDATE]", "birthdate"),
        ("Date of birth: 12 March 1990", "Date of birth: [BIRTHDATE]", "birthdate"),
        ("Born on March 12, 1990", "Born on [BIRTHDATE]", "birthdate"),
        ("DOB: 1990-03-12", "DOB: [BIRTHDATE]", "birthdate"),
        ("né en 1990", "né en [BIRTHDATE]", "birthdate"),
        ("Born in 1988 in Leeds", "Born in [BIRTHDATE] in [BIRTHPLACE]", "birthdate"),
        ("Âge : 34 ans", "Âge : [BIRTHDATE]", "birthdate"),
    ],
)
def test_identifiers_are_replaced(text, expected, kind):
    result = anon(f"Profil\n{text}")
    assert result.text == f"Profil\n{expected}"
    assert kind in result.removed


def test_dates_of_experience_are_not_birthdates():
    text = "Profil\nDiplômé le 12/06/2015\nde 03/2019 à 06/2023 chez Thales"
    assert anon(text).text == text


FR_CV = """Marie Dupont
Développeuse Python senior
12 rue de la Paix, 75002 Paris
06 12 34 56 78 | marie.dupont@gmail.com | linkedin.com/in/marie-dupont
Née le 12/03/1990

Expérience
2019 - 2023 : Développeuse backend chez Capgemini, Paris. Django, PostgreSQL, Kubernetes.
2016 - 2019 : Développeuse chez Dupont & Fils? Non : chez Sopra Steria, Lyon.

Formation
Diplôme d'ingénieur, INSA Lyon

Références : disponibles sur demande. Signé : M. DUPONT
"""


def test_french_cv_keeps_skills_companies_schools_and_cities():
    result = anon(FR_CV)
    text = result.text
    assert text.startswith("[NAME]\nDéveloppeuse Python senior\n[ADDRESS], [POSTCODE] Paris\n")
    assert "[PHONE] | [EMAIL] | [URL]" in text
    assert "Née le [BIRTHDATE]" in text
    assert not re.search(r"marie|dupont", text, re.IGNORECASE)
    for kept in [
        "Capgemini, Paris",
        "Django, PostgreSQL, Kubernetes",
        "Sopra Steria, Lyon",
        "INSA Lyon",
        "2019 - 2023",
    ]:
        assert kept in text
    assert result.removed["name"] == 3
    assert result.removed == {
        "email": 1,
        "phone": 1,
        "url": 1,
        "address": 1,
        "postcode": 1,
        "birthdate": 1,
        "name": 3,
    }


def test_labelled_names_and_accent_free_spelling():
    text = "Nom : Lefèvre\nPrénom : Hélène\nCompétences : Excel\nRéférence : helene lefevre, voir LinkedIn"
    result = anon(text)
    assert "Lefèvre" not in result.text and "Hélène" not in result.text
    assert "lefevre" not in result.text.lower() and "helene" not in result.text.lower()
    assert "Compétences : Excel" in result.text


def test_english_cv_name_and_title():
    text = "John A. Smith\nData Scientist\nLondon, UK\n\nExperience\nSmith & Co? No: Data Scientist at Deliveroo (2020 - 2024)."
    result = anon(text)
    assert result.text.splitlines()[:3] == ["[NAME]", "Data Scientist", "London, UK"]
    assert "Smith" not in result.text and "Deliveroo" in result.text


def test_section_titles_are_not_names():
    text = "CURRICULUM VITAE\nSophie Martin\nChef de projet digital\nExpérience Professionnelle\nGestion de projet"
    result = anon(text)
    assert result.text.splitlines() == [
        "CURRICULUM VITAE",
        "[NAME]",
        "Chef de projet digital",
        "Expérience Professionnelle",
        "Gestion de projet",
    ]
    assert looks_like_name("Jean-Pierre DUPONT") and looks_like_name("Claud D. Park")
    assert looks_like_name("Charles de Gaulle")
    for title in [
        "Data Scientist",
        "Développeuse Full Stack",
        "Expérience Professionnelle",
        "Curriculum Vitae",
    ]:
        assert not looks_like_name(title)


def test_no_name_found_is_noted_and_nothing_invented():
    text = "Data Scientist\nPython, SQL, Spark\nExpérience chez Criteo"
    result = anon(text)
    assert result.text == text
    assert any("No candidate name" in n for n in result.notes)


def test_anonymise_is_idempotent():
    first = anon(FR_CV)
    second = anon(first.text)
    assert second.text == first.text
    assert second.removed == {}


def test_awesome_cv_is_anonymised(awesome_cv):
    result = anon(awesome_cv("awesome-cv-resume.pdf").text)
    assert result.text.startswith("[NAME]\n")
    for gone in ["Byungjin", "Park", "posquit0", "9030-1843", "gmail"]:
        assert gone not in result.text
    for kept in ["Kubernetes", "Terraform", "Seoul", "DevOps Engineer", "Dunamu Inc.", "2023"]:
        assert kept in result.text


@pytest.mark.slow
def test_spacy_picks_the_person_among_name_shaped_header_lines():
    names, used = find_names("Bordeaux Métropole\nThomas Girard\nComptable\n", use_ner=True)
    assert used is True
    assert names == ["Thomas Girard"]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("header", "name"),
    [("Marie Dupont\nDéveloppeuse Python", "Marie Dupont"), ("John Smith\nData Scientist", "John Smith")],
)
def test_spacy_path_end_to_end(header, name):
    result = anonymise(f"{header}\n\nExpérience chez Airbus, Toulouse. {name.split()[1]} a dirigé 5 projets.")
    assert result.notes == []
    assert name.split()[0] not in result.text and name.split()[1] not in result.text
    assert "Airbus, Toulouse" in result.text and result.removed["name"] == 2


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("Marketing Digital\nKevin Nguyen\nParis", ["Kevin Nguyen"]),
        ("Chargée de Recrutement\nHR Business Partner\nLille", []),
        ("Développeuse\nMarie Dupont, 34 ans", ["Marie Dupont"]),
        ("BYUNGJIN PARK\nDevOps", ["BYUNGJIN PARK"]),
        ("Nom : Lefèvre\nPrénom : Hélène", ["Lefèvre", "Hélène"]),
        ("Contact | Projets | Formation\nInfirmière diplômée d'État", []),
    ],
)
def test_header_heuristics(header, expected):
    names, used_ner = find_names(header, use_ner=False)
    assert used_ner is False
    assert names == expected


def test_a_title_line_is_not_taken_for_a_name_later_in_the_header():
    # a name-shaped line that is neither near the top nor a known given name is left alone
    text = "Profil\nExpérience\nCompétences\nFormation\nRuby Rails\nGreen Lantern Corp"
    assert find_names(text, use_ner=False)[0] == []


def test_names_that_are_also_common_words():
    text = (
        "Claire Petit\nChargée de communication\n\n"
        "Une communication claire, un petit budget. Skype : claire.petit_pro\n"
        "Signature : CLAIRE PETIT, Petit C."
    )
    result = anon(text)
    lines = result.text.splitlines()
    assert lines[0] == "[NAME]"
    assert "Une communication claire, un petit budget." in result.text
    assert "Claire" not in result.text and "PETIT" not in result.text and "Petit" not in result.text
    assert "claire.petit_pro" not in result.text


def test_generic_mailbox_names_are_not_treated_as_handles():
    text = "Contact\nÉcrire à contact@agence-dupuis.fr ou via le formulaire Contact du site."
    result = anon(text)
    assert result.text == "Contact\nÉcrire à [EMAIL] ou via le formulaire Contact du site."


def test_email_handle_reappearing_bare_is_removed():
    text = (
        "Thomas Girard\nthomas.g42@proton.me | GitHub thomasg42 | @thomasg42\nProjets : thomas.g42 sur Kaggle"
    )
    result = anon(text)
    assert "g42" not in result.text and "[HANDLE]" in result.text
    assert "Kaggle" in result.text
