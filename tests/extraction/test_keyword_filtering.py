"""ATS keywords on short excerpts of real offers (France Travail, NHS Jobs): no employer, place,
site boilerplate, HR-process word or company adjective; must-have vs nice-to-have as the offer says."""

from __future__ import annotations

from jobapp.domain import KeywordCoverage
from jobapp.extraction import Keyword, coverage, offer_keywords
from jobapp.extraction.offer_noise import company_keys, is_chrome_line, mentions_place, names_company
from jobapp.extraction.requirements import RequirementReader, heading_level


def _by_canonical(text: str) -> dict[str, Keyword]:
    return {k.canonical or k.term: k for k in offer_keywords(text)}


# Real excerpt (France Travail offer, company and place kept as published).
GRAPHISTE = """Opérateur / Opératrice graphiste enseigne et signalétique (H/F) — NEW YORK — 77 - OZOIR LA FERRIERE

Opérateur graphiste "technique" pour compléter son équipe PAO :
Vous serez en charge de la réalisation de maquettes multipages à présenter aux clients.
Une bonne maitrise des outils graphique de la suite ADOBE est obligatoire, COREL serait un plus.
Nous recherchons une personne impliquée qui souhaite s'investir dans une petite entreprise.
"""

# Real excerpt (France Travail), with the job board's footer lines a copy-paste brings along.
COMPTABLE = """Collaborateur Comptable (H/F) — 33 - BORDEAUX

Notre client est un cabinet d'expertise comptable qui accompagne les TPE, PME/PMI.
Vous intervenez au sein d'une petite équipe bienveillante et disposez d'une belle autonomie.
De formation supérieure en comptabilité, vous possédez une expérience d'au moins 3 ans.
Vous vous démarquez par votre curiosité.
Postuler
Accessibilité : partiellement conforme
Mentions légales
CGU
Gestion des cookies
"""

# Real excerpt (NHS Jobs): essential and desirable, employer names, places.
NHS_PAYROLL = """Senior Payroll Officer — NHS Wales Shared Services Partnership — Companies House, CARDIFF

The successful post holder will work as part of a payroll team providing a payroll service.
The successful post holder must have a working knowledge of ESR; Microsoft Excel and NHS Pension.
Interviews will be held via Microsoft Teams.
The ability to speak Welsh is desirable for this post.
"""

NHS_NURSE = """Staff Nurse Band 5 — Portsmouth Hospitals NHS Trust Staff Bank — Portsmouth

We are seeking to recruit an experienced Band 5 Registered Nurse to join a Covid-19 Swabbing team.
Follow all infection control protocols ensuring the safety of yourself, colleagues and patients.
- A professional Nurse Recruitment Team that will ensure you are registered and compliant.
"""

AMBULANCIER = """Ambulancier / Ambulancière (H/F) — TRANSPORTS ERROBI — 64 - ANGLET

Compétences requises :
- Maitrise des gestes de manutention
- Bon relationnel
- Des connaissances en mécanique sont un plus

Permis B depuis 3 ans minimum
"""


def test_boilerplate_lines_are_not_keywords() -> None:
    terms = {k.term.casefold() for k in offer_keywords(COMPTABLE)}
    assert not terms & {"accessibilité", "cgu", "cookies", "mentions légales", "postuler"}
    assert "Accounting" in _by_canonical(COMPTABLE)
    assert is_chrome_line("Accessibilité : partiellement conforme")
    assert is_chrome_line("Gestion des cookies")
    assert not is_chrome_line("Maîtrise de l'accessibilité numérique (RGAA) et des tests utilisateurs.")


def test_adjectives_describing_the_team_are_not_keywords() -> None:
    kws = _by_canonical(COMPTABLE)
    assert not any(k.term.casefold().startswith("bienveillant") for k in kws.values())
    assert "Customer orientation" not in kws  # "une petite équipe bienveillante"
    assert "Problem solving" in kws  # "votre curiosité" is asked of the candidate


def test_company_and_places_are_not_keywords() -> None:
    for text in (GRAPHISTE, NHS_PAYROLL, NHS_NURSE):
        terms = [k.term for k in offer_keywords(text)]
        assert terms, text
        for term in terms:
            assert not mentions_place(term), term
            folded = term.casefold()
            assert folded not in {"new york", "cardiff", "portsmouth", "bordeaux", "hospitals", "bank"}, term


def test_hr_process_words_only_count_in_hr_jobs() -> None:
    assert "Recruitment" not in _by_canonical(NHS_NURSE)
    hr = "Chargé de recrutement (H/F)\n\nVous menez les entretiens de recrutement et le sourcing des candidats."
    assert "Recruitment" in _by_canonical(hr)


def test_must_have_and_nice_to_have_in_french() -> None:
    kws = _by_canonical(GRAPHISTE)
    assert kws["Adobe Creative Suite"].required
    assert not kws["Illustrator"].required  # "COREL serait un plus" (vector drawing)
    kws = _by_canonical(AMBULANCIER)
    assert kws["Communication skills"].required  # under "Compétences requises"
    assert kws["Driving licence"].required
    assert not kws["Mechanical engineering"].required  # "sont un plus"


def test_must_have_and_nice_to_have_in_english() -> None:
    kws = _by_canonical(NHS_PAYROLL)
    assert kws["Excel"].required and kws["Payroll"].required
    assert not kws["Welsh"].required


def test_requirement_cues_nearest_wins() -> None:
    text = "Anglais courant indispensable, allemand apprécié."
    reader = RequirementReader(text)
    assert reader.level(0, 7).required
    assert not reader.level(text.index("allemand"), text.index("allemand") + 8).required
    text = "Idéalement, vous avez une expérience en Python."
    assert not RequirementReader(text).level(text.index("Python"), len(text) - 1).required
    assert not heading_level("Nice to have").required
    assert not heading_level("Desirable criteria").required
    assert heading_level("Requirements").required and heading_level("Requirements").strength == 1


def test_nice_to_have_heading_applies_to_its_list(english_offer: str) -> None:
    kws = _by_canonical(english_offer)
    assert not kws["Terraform"].required  # under "Nice to have"
    assert kws["AWS"].required and kws["Docker"].required  # under "Requirements"
    assert not kws["German"].required  # "German is a plus"


def test_company_names_from_legal_forms_and_self_introductions() -> None:
    keys = company_keys("Acme Peintures SAS recrute. Rejoignez Globex !", "")
    assert names_company("Acme Peintures", keys)
    assert names_company("Globex", keys)
    assert not names_company("Excel", company_keys("Excel est un plus.", ""))


def test_places_in_both_languages() -> None:
    assert mentions_place("Hauts-de-France")
    assert mentions_place("Greater London")
    assert mentions_place("Lyon")
    assert not mentions_place("gestion de la paie")
    assert not mentions_place("nice to have")


def test_coverage_reports_missing_must_haves() -> None:
    kws = [
        Keyword("Python", "hard", 1.0, "Python", True),
        Keyword("Terraform", "tool", 1.0, "Terraform", False),
        Keyword("SQL", "hard", 1.0, "SQL", True),
    ]
    cov = coverage(kws, "Développeur Python et Terraform.")
    assert cov.required == ["Python", "SQL"]
    assert cov.missing_required == ["SQL"]
    assert cov.matched == ["Python", "Terraform"]
    assert cov.coverage == round((1.5 + 1.0) / 4.0, 4)  # a must-have weighs 1.5


def test_old_stored_coverage_still_loads() -> None:
    cov = KeywordCoverage.model_validate({"matched": ["SQL"], "missing": ["Power BI"], "coverage": 0.5})
    assert cov.required == [] and cov.missing_required == []


# Real excerpts (NHS Jobs, France Travail): benefits written as sentences, colleagues' job titles.
NHS_BANK = """Staff Nurse — Portsmouth Hospitals NHS Trust — Portsmouth

You will take swabs and follow all infection control protocols.
Our Bank Registered Nurses are invaluable to us and in return we offer the following benefits:-
- Free annual Statutory Mandatory Training updates
- A lease car may be available for this position
"""

CHANTIER = """Ouvrier TP (H/F) — ACTUAL — 72 - Bailleul

Sous la responsabilité directe de votre chef de chantier, vous préparez le terrain et réalisez le balisage.
Vous possédez un CACES 1 ou A.
"""


def test_benefit_sentences_and_colleagues_are_not_keywords() -> None:
    nurse = _by_canonical(NHS_BANK)
    assert nurse["Nursing"].term == "Infection control"  # the lexicon files it under nursing
    assert "Training management" not in nurse  # a benefit listed under "we offer ... benefits:-"
    assert "Real estate law" not in nurse  # "a lease car"
    chantier = {k.term.casefold() for k in offer_keywords(CHANTIER)}
    assert "chef de chantier" not in chantier
    assert any("caces" in t for t in chantier)


def test_requirement_cues_in_real_french_sentences() -> None:
    # France Travail excerpts: a parenthesis is its own clause; "le plus longtemps possible" is no cue.
    text = "Vous devez impérativement être titulaire d'un BAC (idéalement, diplôme Sanitaire et Social)."
    reader = RequirementReader(text)
    assert reader.level(text.index("BAC"), text.index("BAC") + 3).required
    assert not reader.level(text.index("diplôme"), text.index("diplôme") + 7).required
    text = "Votre objectif sera de préserver son autonomie le plus longtemps possible."
    assert RequirementReader(text).level(text.index("autonomie"), text.index("autonomie") + 9).required
    text = "Dans l'idéal, vous parlez anglais OU espagnol."
    assert not RequirementReader(text).level(text.index("anglais"), text.index("anglais") + 7).required
    text = "Première expérience en relation client appréciée"
    assert not RequirementReader(text).level(text.index("relation"), text.index("relation") + 15).required
    text = "Nous recherchons une personne impliquée qui souhaite s'investir sur le long terme."
    level = RequirementReader(text).level(text.index("impliquée"), text.index("impliquée") + 9)
    assert level.required  # "qui souhaite" is the verb, not "souhaité"


# Snippets written for these tests in the style of France Travail and NHS Jobs adverts (their
# field lines, lists and phrasing), not copied from any offer.
FT_FIELDS = """Agent de propreté (H/F) — NETTOIE PLUS — 37 - Tours

Entreprise : NETTOIE PLUS
Lieu : 37 - Tours
Contrat : CDD - 3 Mois
Expérience : Débutant accepté

Vous assurez le nettoyage des bureaux et des sanitaires.
Vous respectez les consignes d'hygiène et de sécurité.

Formation : Propreté CAP, BEP ou équivalents
Permis : B - Véhicule léger
"""

NHS_FIELDS = """Domestic Assistant — Riverside Community Health NHS Trust — Kendal, LA9 7RG

Employer: Riverside Community Health NHS Trust
Location: Kendal, LA9 7RG
Employment type: part time

You will carry out cleaning duties on the wards and follow infection control procedures.
Previous cleaning experience is essential. The ability to speak Welsh is desirable.
"""


def test_job_board_field_lines_are_metadata() -> None:
    kws = _by_canonical(FT_FIELDS)
    terms = {k.term.casefold() for k in kws.values()}
    assert not terms & {"débutant accepté", "nettoie plus", "tours", "cdd"}
    assert "Cleaning services" in kws
    assert kws["Driving licence"].required  # "Permis :" is a requirement, not metadata
    assert "Vocational certificate" in kws  # so is "Formation :"
    kws = _by_canonical(NHS_FIELDS)
    for term in (k.term for k in kws.values()):
        assert not mentions_place(term), term
        assert "riverside" not in term.casefold() and "part time" not in term.casefold(), term
    assert kws["Cleaning services"].required
    assert not kws["Welsh"].required


def test_care_tasks_are_not_taken_for_site_chrome() -> None:
    text = """Auxiliaire de vie (H/F) — AIDE ET DOMICILE 44 — 44 - Nantes

Vos missions :
- Aide au lever et au coucher ;
- Aide à la toilette ;
- Aide à la prise des repas.
"""
    kws = _by_canonical(text)
    assert "Care assistance" in kws
    assert kws["Care assistance"].term.casefold().startswith("aide")  # not the job title
    assert is_chrome_line("Aide")
    assert is_chrome_line("Centre d'aide")
    assert not is_chrome_line("- Aide à la toilette ;")


def test_a_lead_sentence_opens_the_profile() -> None:
    # No heading at all, as in many France Travail offers: the colon sentence says who is wanted.
    text = """Préparateur de commandes (H/F) — 59 - Lille

Vous préparez les commandes et rejoignez une équipe jeune et dynamique.
Nous recherchons des personnes qui :
- sont rigoureuses
- aiment travailler en équipe
"""
    kws = _by_canonical(text)
    assert "Rigour" in kws and "Teamwork" in kws
    assert "Motivation" not in kws  # "une équipe jeune et dynamique" describes the team


def test_a_sector_is_a_keyword_only_after_an_experience_cue() -> None:
    employer = (
        "Assistant informatique (H/F)\n\nRejoignez le service informatique d'un groupe du BTP en croissance."
    )
    assert "Construction" not in _by_canonical(employer)
    asked = "Assistant informatique (H/F)\n\nVous avez une première expérience dans le BTP."
    assert "Construction" in _by_canonical(asked)
    nhs = "IT Officer\n\nYou will join the IT Department of a busy acute hospital."
    assert "Healthcare" not in _by_canonical(nhs)


def test_the_employers_services_are_not_keywords() -> None:
    text = """Cook/Housekeeper — Valley Partnership NHS Foundation Trust — Leeds

Adult Mental Health Services, Intensive Rehabilitation Service.
You will prepare meals and keep the kitchen clean, following food hygiene rules.
"""
    kws = _by_canonical(text)
    assert "Psychology" not in kws and "Physiotherapy" not in kws
    assert "Cooking" in kws or "Food safety" in kws


def test_benefit_lists_without_bullets() -> None:
    text = """Healthcare Assistant — Northfield Care NHS Trust — Hull

You will support patients with personal care and take observations.
In return we offer the following benefits:-

A flexible working pattern to suit you

NHS Pension scheme

Free annual mandatory training updates
"""
    kws = _by_canonical(text)
    assert "Flexibility" not in kws and "Training management" not in kws
    assert "Vital signs" in kws or "Care assistance" in kws


def test_a_profile_sentence_under_benefits_is_read() -> None:
    text = """Chef de cuisine (H/F) — 69 - Villeurbanne

Vous élaborez les menus et gérez les commandes.

Avantages :
- Mutuelle et prévoyance
- Tickets restaurant
Vous êtes reconnu(e) pour votre sens de l'organisation et votre goût pour le travail en équipe.
"""
    kws = _by_canonical(text)
    assert "Teamwork" in kws and "Organisation skills" in kws
    assert not any("mutuelle" in k.term.casefold() for k in kws.values())


def test_qualities_of_others_are_not_asked_of_the_candidate() -> None:
    text = """Aide à domicile (H/F) — 35 - Rennes

Vous accompagnez les bénéficiaires en préservant leur autonomie.
"""
    assert "Autonomy" not in _by_canonical(text)
    asked = text + "Vous êtes autonome et ponctuel(le).\n"
    assert "Autonomy" in _by_canonical(asked)


def test_must_have_and_nice_to_have_with_field_lines() -> None:
    text = """Chauffeur livreur (H/F) — 13 - Marseille

Expérience : 1 An(s) - exigé

Vous assurez la livraison des clients professionnels et le chargement du véhicule.
Le CACES 1 serait un plus. Permis C obligatoire.
"""
    kws = _by_canonical(text)
    assert kws["Heavy vehicle licence"].required
    assert not kws["CACES"].required
    assert kws["Goods delivery"].required
    english = """Stores Assistant — Eastgate Hospitals NHS Trust — Bristol

You will receive, store and issue goods and carry out stock-taking.
A full driving licence is essential. Experience of manual handling would be beneficial.
"""
    kws = _by_canonical(english)
    assert kws["Inventory management"].required
    assert kws["Driving licence"].required
    assert not kws["Manual handling"].required


def test_the_employers_mission_statement_is_no_requirement() -> None:
    mission = (
        "Stores Supervisor\n\nOur team supports frontline colleagues in delivering exceptional patient care."
    )
    assert "Patient care" not in _by_canonical(mission)
    asked = "Staff Nurse\n\nYou will deliver high quality patient care on a busy surgical ward."
    assert "Patient care" in _by_canonical(asked)


def test_the_headers_place_is_no_phrase_keyword() -> None:
    text = """Vendeur en boulangerie (H/F) — FOURNIL DU PORT — 85 - Sables-d'Olonne

Profil :
Vous habitez près des Sables d'Olonne ou pouvez rejoindre les Sables d'Olonne tôt le matin.
Vous aimez le contact client et la vente.
"""
    terms = [k.term.casefold() for k in offer_keywords(text)]
    assert not any("olonne" in t for t in terms), terms
    assert any(t in ("vente", "sales") for t in terms) or "Sales" in _by_canonical(text)
