"""Pages the local test server serves: HelloWork search/offer pages in the structure JobSpy parses,
and offer pages with JSON-LD variants."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler
from typing import Any

# ---------------------------------------------------------------- HelloWork pages (JobSpy's structure)


def hellowork_card(
    job_id: str,
    title: str,
    company: str,
    city: str,
    contract: str,
    salary: str = "",
    age: str = "il y a 3 heures",
    related: bool = False,
) -> str:
    """One result card, in the structure jobspy/hellowork/__init__.py parses."""
    origin = "LO-Moteur-Approchant" if related else "LO-Moteur"
    analytics = json.dumps({"offerId": job_id, "origin": origin}).replace('"', "&quot;")
    return f"""
<li data-id-storage-target="item" data-id-storage-item-id="{job_id}">
  <div data-cy="serpCard" data-analytics-values-param="{analytics}">
    <a data-cy="offerTitle" href="/fr-fr/emplois/{job_id}.html"
       aria-label="Voir l'offre {title} à {city}, {contract} - temps plein" title="{title}">
      <h3><p class="tw-typo-l">{title}</p><p class="tw-typo-s">{company}</p></h3>
    </a>
    <div class="tw-flex">
      <div data-cy="localisationCard">{city}</div>
      <div data-cy="contractCard">{contract}</div>
      {f"<div>{salary}</div>" if salary else ""}
    </div>
    <div>{age}</div>
  </div>
</li>"""


def hellowork_search_page(cards: list[str]) -> str:
    return f"""<!doctype html><html lang="fr"><head><title>Offres d'emploi</title></head><body>
<main><ul aria-label="liste des offres">{"".join(cards)}</ul></main></body></html>"""


def jsonld_page(data: Any, title: str = "Offre", body: str = "<p>Page de l'offre</p>") -> str:
    script = json.dumps(data, ensure_ascii=False)
    return f"""<!doctype html><html lang="fr"><head><title>{title}</title>
<script type="application/ld+json">{script}</script></head><body>{body}</body></html>"""


def hellowork_offer_page(
    title: str, company: str, description_html: str, date: str = "2026-11-20T10:00:00Z"
) -> str:
    posting = {
        "@context": "https://schema.org",
        "@type": "JobPosting",
        "title": title,
        "description": description_html,
        "datePosted": date,
        "hiringOrganization": {"@type": "Organization", "name": company, "sameAs": "https://example.org"},
        "industry": "Informatique",
        "occupationalCategory": "Data",
        "skills": ["Python", "SQL"],
    }
    return jsonld_page(posting, title=title, body="<ul><li>Exp. 3 ans</li></ul>")


def hanging(seconds: float) -> Callable[[BaseHTTPRequestHandler], tuple[int, dict[str, str], bytes]]:
    def route(_: BaseHTTPRequestHandler) -> tuple[int, dict[str, str], bytes]:
        time.sleep(seconds)
        return 200, {"Content-Type": "text/html"}, b"<html><body>late</body></html>"

    return route
