"""What of an offer the summary prompt carries (jobapp.llm.prompt_source)."""

from __future__ import annotations

from jobapp.domain import Offer
from jobapp.llm.prompt_source import OFFER_SOURCE_CHARS, offer_source

PAGE = """Accueil | Offres d'emploi | Connexion
Notre entreprise
Fondée en 1990, Boulangeries Durand compte 40 magasins et une histoire familiale que nous aimons raconter.
Vos missions
- Préparer les pâtes et cuire le pain
- Assurer la mise en rayon des viennoiseries
Votre profil
- CAP Boulanger exigé
- Rigueur et ponctualité
Avantages
- Mutuelle, tickets restaurant, primes de fin d'année
Mentions légales | CGU | Politique de cookies
"""


def test_the_prompt_keeps_title_missions_and_profile_and_drops_the_page_around_them() -> None:
    offer = Offer(
        id=1, title="Boulanger (H/F)", company="Boulangeries Durand", location="Lyon", description=PAGE
    )
    source = offer_source(offer)
    assert source.startswith("Boulanger (H/F)")
    for kept in ("Préparer les pâtes", "CAP Boulanger exigé", "Rigueur et ponctualité"):
        assert kept in source
    for dropped in ("CGU", "Mentions légales", "Mutuelle", "histoire familiale", "Connexion"):
        assert dropped not in source
    assert len(source) < len(offer.full_text())


def test_an_offer_without_headings_keeps_its_text_under_the_cap() -> None:
    long_text = "Nous recherchons un cariste expérimenté pour notre entrepôt. " * 200
    source = offer_source(Offer(id=2, title="Cariste", description=long_text))
    assert source.startswith("Cariste\n\nNous recherchons un cariste")
    assert len(source) == OFFER_SOURCE_CHARS
