"""Offers and CVs written for these tests, in French and English, with the usual layouts."""

from __future__ import annotations

import pytest

FRENCH_OFFER = """Data Analyst H/F - Acme Distribution - Lyon (69)
CDI · Salaire : 42 - 48 k€ brut annuel

Acme Distribution est un acteur majeur de la grande distribution, présent dans 300 magasins.

## Vos missions
- Construire et maintenir les tableaux de bord de pilotage sous Power BI
- Automatiser les flux de données en Python et SQL
- Animer la revue des prévisions de ventes avec les équipes commerciales
- Suivre les prévisions de ventes et alerter sur les écarts

Profil recherché :
Bac+5 en statistiques ou école d'ingénieur, vous justifiez de 3 à 5 ans d'expérience.
Anglais courant indispensable. Rigueur, autonomie et esprit d'équipe.

Compétences : SQL, Python (pandas), Power BI, Excel, gestion de projets.

Avantages
Tickets restaurant, télétravail 2 jours par semaine, mutuelle prise en charge à 70 %.

Processus de recrutement
Entretien RH puis entretien technique.
"""

ENGLISH_OFFER = """Senior Backend Engineer
Globex Corporation
Location: Berlin, Germany
Employment type: Full-time, permanent
Salary: 70,000 - 85,000 EUR per year

About us
Globex builds payment infrastructure used by 2,000 merchants.

What you'll do
- Design and run microservices in Go and Python on Kubernetes
- Own our PostgreSQL and Kafka pipelines
- Mentor two junior engineers

Requirements
- 5+ years of experience in backend development
- Strong knowledge of AWS, Docker and CI/CD
- Fluent English; German is a plus
- Excellent communication skills

Nice to have
- Experience with Terraform

Benefits
30 days of paid holiday, remote-friendly, learning budget.
"""

FRENCH_CV = """Camille Martin
Analyste de données

Expérience
2019-2024 : Chargée d'études statistiques, Banque Populaire
- Conception de tableaux de bord sous Power BI et Tableau
- Requêtes SQL, scripts Python (pandas, scikit-learn)
- Gestion de projets transverses avec les équipes métier

Formation
Master statistique et économétrie, Université Lyon 2

Langues : anglais (niveau C1), espagnol courant
Compétences : Excel avancé, VBA, méthodes agiles, rigueur, autonomie
"""


@pytest.fixture
def french_offer() -> str:
    return FRENCH_OFFER


@pytest.fixture
def english_offer() -> str:
    return ENGLISH_OFFER


@pytest.fixture
def french_cv() -> str:
    return FRENCH_CV
