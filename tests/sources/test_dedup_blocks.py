"""Near-duplicate search within blocks finds what comparing every pair finds."""

from __future__ import annotations

import random

from jobapp.domain import Offer
from jobapp.sources.dedup import dedupe, near_duplicate

WORDS = [
    "developpeur",
    "python",
    "java",
    "data",
    "analyste",
    "commercial",
    "vendeur",
    "infirmier",
    "cuisinier",
    "chef",
    "projet",
]


def _brute_force(offers: list[Offer]) -> int:
    """How many offers survive when each is compared with every kept one (the quadratic reference)."""
    kept: list[Offer] = []
    for offer in offers:
        if not any(near_duplicate(k, offer) for k in kept):
            kept.append(offer)
    return len(kept)


def test_blocks_find_the_same_near_duplicates_as_all_pairs() -> None:
    rng = random.Random(5)
    offers = []
    for i in range(300):
        title = " ".join(rng.sample(WORDS, rng.randint(2, 4)))
        company = rng.choice(["Acme", "Globex SA", "Initech France"])
        text = " ".join(rng.choice(WORDS) for _ in range(50)) + f" ref {i}"
        offers.append(Offer(title=title, company=company, description=text, url=f"https://a.example/{i}"))
        if i % 4 == 0:  # a re-post: one character of the text changed, a word added to the title
            offers.append(
                Offer(title=title + " senior" if i % 8 else title, company=company,
                      description=text[:-1] + "9", url=f"https://b.example/{i}")
            )  # fmt: skip
    assert len(dedupe(offers)) == _brute_force(offers)
    assert len(dedupe(offers)) < len(offers)


def test_a_one_word_title_change_is_still_compared() -> None:
    text = "Vous préparez les commandes et gérez le stock de l'entrepôt. " * 5
    a = Offer(title="Préparateur de commandes", company="Logistique Ouest", description=text)
    b = Offer(title="Préparateur de commandes H", company="Logistique Ouest", description=text + ".")
    assert near_duplicate(a, b)
    assert len(dedupe([a, b])) == 1
