"""Fakes, texts and fixtures of the LLM step tests.

``ScriptedLLM`` (fixture ``scripted``) is a real :class:`jobapp.models.base.LLM` whose replies are
scripted: strings/dicts (or callables of the messages) returned one per call, the last one
repeated. It records every call, so tests can assert what reached "the model" (no identifiers,
fenced offer text, the repair message...).
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

import pytest

from jobapp.domain import Offer
from jobapp.models.base import LLM, Message

Reply = str | dict[str, Any] | Callable[[list[Message]], str | dict[str, Any]]


class ScriptedLLM(LLM):
    def __init__(self, *replies: Reply, schema: bool = False, name: str = "fake-llm") -> None:
        self.replies = list(replies) or ["{}"]
        self.supports_schema = schema
        self.name = name
        self.calls: list[dict[str, Any]] = []

    def generate(
        self,
        messages: list[Message],
        schema: dict[str, Any] | None = None,
        max_tokens: int | None = None,
        temperature: float = 0.0,
    ) -> str | dict[str, Any]:
        self.calls.append({"messages": copy.deepcopy(messages), "schema": schema, "max_tokens": max_tokens})
        reply = self.replies[min(len(self.calls), len(self.replies)) - 1]
        return reply(messages) if callable(reply) else copy.deepcopy(reply)

    def everything_sent(self) -> str:
        """All message contents of all calls, joined (for "this never reached the model" checks)."""
        return "\n".join(m["content"] for call in self.calls for m in call["messages"])


FRENCH_OFFER_TEXT = """Acme Logiciels, éditeur lyonnais de solutions de paie, recrute pour son équipe produit.

Missions :
- Concevoir et développer des API REST en Python avec Django
- Assurer la qualité du code (tests, revues) et le déploiement continu avec Docker
- Participer aux choix d'architecture avec l'équipe

Profil recherché :
- 5 ans d'expérience minimum en développement Python
- Maîtrise de PostgreSQL, Docker et Git
- Rigueur, autonomie et esprit d'équipe

Avantages : télétravail 2 jours par semaine, tickets restaurant.
"""

ENGLISH_OFFER_TEXT = """Northwind is hiring a Data Analyst to join its analytics team in London.

Responsibilities:
- Build dashboards in Power BI and Tableau for the sales and finance teams
- Write SQL queries and Python scripts to clean and analyse data
- Present findings to stakeholders

Requirements:
- 2 years of experience in a data analysis role
- Strong SQL and Excel skills; Python is a plus
- Good communication skills and attention to detail

Permanent contract, hybrid working.
"""


CV_WITH_IDENTIFIERS = """Camille Durand
camille.durand@example.org
06 12 34 56 78
12 rue des Lilas, 69003 Lyon

Développeuse Python

Expérience professionnelle
2019 - 2025 : Développeuse backend chez Globex, Lyon
- Développement d'API REST en Python et Django, bases PostgreSQL
- Mise en place de l'intégration continue avec Docker et GitLab CI

Formation
Master Informatique, Université Lyon 1 (2019)

Compétences
Python, Django, PostgreSQL, Docker, Git, Linux
Travail en équipe, autonomie
"""

CV_IDENTIFIERS = ("Camille", "Durand", "camille.durand@example.org", "06 12 34 56 78", "rue des Lilas")


@pytest.fixture
def scripted() -> type[ScriptedLLM]:
    """The ScriptedLLM class: ``llm = scripted(reply1, reply2, schema=False, name="fake")``."""
    return ScriptedLLM


@pytest.fixture
def cv_text() -> str:
    return CV_WITH_IDENTIFIERS


@pytest.fixture
def cv_identifiers() -> tuple[str, ...]:
    return CV_IDENTIFIERS


@pytest.fixture
def french_offer():
    return Offer(
        id=7,
        title="Développeur Python Senior (H/F)",
        company="Acme Logiciels",
        location="Lyon",
        contract="CDI",
        description=FRENCH_OFFER_TEXT,
    )


@pytest.fixture
def english_offer():
    return Offer(
        id=8, title="Data Analyst", company="Northwind", location="London", description=ENGLISH_OFFER_TEXT
    )
