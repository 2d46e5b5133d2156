"""Speed of the deterministic FR/EN text analysis (jobapp.extraction) at ranking scale.

    python bench/extraction.py [--offers 500] [--words 400] [--json bench/results/extraction.json]

Builds ``--offers`` distinct offers of about ``--words`` words each, half French and half English,
from sections of real-looking offers written for this bench (missions, profile, skills, benefits
across IT, finance, logistics, healthcare, hospitality and sales), shuffled so no two offers are
the same. Then times, over all offers: ``find_skills``, ``split_sections``, ``detect_seniority`` +
``detect_contract`` + ``detect_language``, ``guess_offer_fields``, ``offer_keywords``, and
``coverage`` against one CV indexed once with ``index_text`` (what ranking 500 offers for one CV
does). Prints one JSON object (seconds, and milliseconds per offer); the target is
``find_skills`` well under 1 s and the whole keyword coverage of 500 offers in a few seconds.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from jobapp.extraction import (  # noqa: E402
    coverage,
    detect_contract,
    detect_language,
    detect_seniority,
    find_skills,
    guess_offer_fields,
    index_text,
    offer_keywords,
    split_sections,
)
from jobapp.extraction.lexicon import load_lexicon  # noqa: E402

TITLES_FR = [
    "Data Analyst H/F - {co} - Lyon (69)", "Comptable fournisseurs (H/F) - {co} - 75008 Paris",
    "Préparateur de commandes - {co} - Rungis", "Infirmier de nuit H/F - {co} - Bordeaux 33000",
    "Chef de rang - {co} - Nice", "Développeur Full Stack Java/Angular - {co} - Nantes (44)",
    "Commercial terrain B2B - {co} - Lille", "Alternance - Chargé de recrutement - {co} - Toulouse",
]  # fmt: skip
TITLES_EN = [
    "Senior Backend Engineer - {co} - Berlin", "Financial Analyst - {co} - London",
    "Warehouse Team Leader - {co} - Dublin", "Registered Nurse - {co} - Manchester",
    "Marketing Manager - {co} - Amsterdam", "Data Scientist (NLP) - {co} - Remote",
]  # fmt: skip
COMPANIES = [
    "Acme",
    "Globex",
    "Initech",
    "Umbrella",
    "Hooli",
    "Stark Industries",
    "Wayne Logistics",
    "Soylent",
]

FR = {
    "intro": [
        "{co} est un acteur majeur de la grande distribution, présent dans 300 magasins en France.",
        "Rejoignez {co}, cabinet d'expertise comptable de 80 collaborateurs en forte croissance.",
        "{co}, plateforme logistique de 40 000 m², prépare les commandes de nos clients e-commerce.",
        "Établissement de santé privé, {co} accueille 250 patients en médecine et chirurgie.",
    ],
    "missions": [
        "- Construire les tableaux de bord de pilotage sous Power BI\n- Automatiser les flux de données en Python et SQL",
        "- Saisir et contrôler les factures fournisseurs\n- Réaliser les rapprochements bancaires et la clôture mensuelle",
        "- Préparer les commandes avec un terminal de commande vocale\n- Réaliser les inventaires tournants",
        "- Assurer les soins techniques et la surveillance clinique\n- Tenir le dossier de soins à jour",
        "- Développer de nouvelles fonctionnalités en Java Spring Boot et Angular\n- Participer aux revues de code",
        "- Prospecter de nouveaux clients et fidéliser le portefeuille\n- Négocier les contrats et suivre le pipeline sous Salesforce",
        "- Accueillir et conseiller les clients en salle\n- Assurer le service et l'encaissement",
        "- Sourcer les candidats sur LinkedIn Recruiter\n- Mener les entretiens de recrutement",
    ],
    "profile": [
        "Bac+5 en statistiques, vous justifiez de 3 à 5 ans d'expérience. Anglais courant.",
        "Titulaire d'un BTS Comptabilité Gestion ou DCG, vous avez 2 ans d'expérience minimum sur Sage.",
        "CACES R489 catégorie 1 et 3 exigé. Débutants acceptés. Port de charges.",
        "Diplôme d'État infirmier obligatoire. AFGSU 2 appréciée.",
        "Rigueur, autonomie et esprit d'équipe. Bon relationnel et sens du service.",
        "Permis B indispensable, déplacements fréquents. Allemand courant apprécié.",
    ],
    "skills": [
        "Compétences : SQL, Python (pandas), Power BI, Excel, gestion de projets.",
        "Environnement technique : Docker, Kubernetes, GitLab CI, PostgreSQL, Kafka.",
        "Compétences : Excel avancé (TCD, RECHERCHEV), Cegid, fiscalité, TVA.",
        "Savoir-être : écoute, empathie, gestion du stress, ponctualité.",
    ],
    "benefits": [
        "Avantages : tickets restaurant, télétravail 2 jours par semaine, mutuelle prise en charge à 70 %.",
        "Nous offrons : RTT, intéressement et participation, prime de fin d'année, CE.",
    ],
}
EN = {
    "intro": [
        "{co} builds payment infrastructure used by 2,000 merchants across Europe.",
        "{co} is a fast-growing logistics company operating 12 warehouses.",
        "Join {co}, a leading hospital group with 40 clinics and 8,000 staff.",
        "{co} is a B2B SaaS scale-up helping retailers forecast demand.",
    ],
    "missions": [
        "- Design and run microservices in Go and Python on Kubernetes\n- Own our PostgreSQL and Kafka pipelines",
        "- Prepare the monthly financial reporting and variance analysis\n- Build the annual budget with business partners",
        "- Lead a team of 15 order pickers and forklift drivers\n- Monitor stock levels and run cycle counts",
        "- Deliver safe patient care on a 28-bed surgical ward\n- Administer medication and maintain care plans",
        "- Own the go-to-market of new products\n- Run paid campaigns on Google Ads and LinkedIn Ads",
        "- Train NLP models with PyTorch and Hugging Face\n- Deploy models with MLflow on AWS",
    ],
    "profile": [
        "5+ years of experience in backend development. Fluent English; German is a plus.",
        "Qualified accountant (ACCA or CIMA) with 3 years of FP&A experience. Advanced Excel.",
        "Forklift licence and at least two years in a warehouse. Strong leadership.",
        "NMC registration required. Excellent communication skills and empathy.",
        "Master's degree in marketing and 4 years in B2B marketing. Data-driven and creative.",
        "PhD or Master's in machine learning; strong statistics. Team player.",
    ],
    "skills": [
        "Skills: AWS, Docker, Terraform, CI/CD, SQL.",
        "Tools: SAP FI/CO, Power BI, Excel, Anaplan.",
        "Requirements: WMS, Lean, health and safety, Microsoft Office.",
        "Tech stack: Python, scikit-learn, spaCy, Airflow, BigQuery.",
    ],
    "benefits": [
        "Benefits: 30 days of paid holiday, remote-friendly, learning budget, private health insurance.",
        "What we offer: pension scheme, cycle to work, gym membership, annual bonus.",
    ],
}
HEADINGS_FR = {"missions": "Vos missions", "profile": "Profil recherché", "skills": "", "benefits": ""}
HEADINGS_EN = {"missions": "What you'll do", "profile": "Requirements", "skills": "", "benefits": ""}

CV = """Camille Martin
Analyste de données

Expérience
2019-2024 : Chargée d'études statistiques, Banque Populaire
- Conception de tableaux de bord sous Power BI et Tableau
- Requêtes SQL, scripts Python (pandas, scikit-learn)
- Gestion de projets transverses avec les équipes métier
2016-2019 : Assistante contrôle de gestion, Acme
- Reporting mensuel, budget, analyse des écarts sous Excel et SAP

Formation
Master statistique et économétrie, Université Lyon 2

Langues : anglais (niveau C1), espagnol courant
Compétences : Excel avancé, VBA, méthodes agiles, rigueur, autonomie
"""


def make_offer(rng: random.Random, french: bool, words: int) -> str:
    """One offer of about ``words`` words: title, intro, then sections repeated until long enough."""
    parts = FR if french else EN
    headings = HEADINGS_FR if french else HEADINGS_EN
    co = rng.choice(COMPANIES)
    lines = [rng.choice(TITLES_FR if french else TITLES_EN).format(co=co), ""]
    lines.append(rng.choice(parts["intro"]).format(co=co))
    count = sum(len(x.split()) for x in lines)
    while count < words:
        for key in ("missions", "profile", "skills", "benefits"):
            if headings[key]:
                lines += ["", headings[key]]
            chunk = rng.choice(parts[key])
            lines.append(chunk)
            count += len(chunk.split()) + 2
    return "\n".join(lines)


CPU: dict[str, float] = {}


def timed(fn: Any, items: list[str], name: str = "") -> tuple[float, list[Any]]:
    """Wall seconds (and, under ``name``, CPU seconds: other processes on a loaded machine inflate
    the wall clock, not the CPU time) of ``fn`` over ``items``."""
    cpu = time.process_time()
    start = time.perf_counter()
    out = [fn(x) for x in items]
    if name:
        CPU[name] = time.process_time() - cpu
    return time.perf_counter() - start, out


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--offers", type=int, default=500)
    parser.add_argument("--words", type=int, default=400)
    parser.add_argument("--json", type=Path, default=None, help="also write the result to this file")
    args = parser.parse_args()

    rng = random.Random(7)
    offers = [make_offer(rng, i % 2 == 0, args.words) for i in range(args.offers)]
    total_words = sum(len(o.split()) for o in offers)

    start = time.perf_counter()
    lexicon = load_lexicon()
    t_lexicon = time.perf_counter() - start

    timings: dict[str, float] = {"load_lexicon": t_lexicon}
    timings["find_skills"], _ = timed(find_skills, offers, "find_skills")
    timings["find_skills_warm"], _ = timed(find_skills, offers, "find_skills_warm")
    timings["split_sections"], _ = timed(split_sections, offers, "split_sections")
    timings["detect_seniority+contract+language"], _ = timed(
        lambda o: (detect_seniority(o), detect_contract(o), detect_language(o)),
        offers,
        "detect_seniority+contract+language",
    )
    timings["guess_offer_fields"], _ = timed(guess_offer_fields, offers, "guess_offer_fields")
    timings["offer_keywords"], keywords = timed(offer_keywords, offers, "offer_keywords")
    start = time.perf_counter()
    cv_index = index_text(CV)
    timings["index_text_cv"] = time.perf_counter() - start
    timings["coverage_with_index"], covs = timed(
        lambda k: coverage(k, cv_index), keywords, "coverage_with_index"
    )
    start = time.perf_counter()
    for k in keywords[:50]:
        coverage(k, CV)
    timings["coverage_50_without_index"] = time.perf_counter() - start

    rjdb = ROOT.parent / "shared" / "data" / "rjdb" / "test.jsonl"
    rjdb_result: dict[str, Any] | None = None
    if rjdb.exists():  # quality side note: does coverage prefer the matching resume of each pair?
        rows = [json.loads(line) for line in rjdb.read_text(encoding="utf-8").splitlines()]
        better = worse = 0
        for row in rows:
            kws = offer_keywords(row["Job-Description"])
            a = coverage(kws, row["Resume-matched"]).coverage
            b = coverage(kws, row["Resume-unmatched"]).coverage
            better += a > b
            worse += a < b
        rjdb_result = {"pairs": len(rows), "matched_covers_more": better, "matched_covers_less": worse}

    result = {
        "offers": len(offers),
        "words_total": total_words,
        "words_per_offer": round(total_words / len(offers)),
        "lexicon_skills": len(lexicon.skills),
        "cpu_count": os.cpu_count(),
        "load_average": os.getloadavg()[0] if hasattr(os, "getloadavg") else None,
        "seconds": {k: round(v, 4) for k, v in timings.items()},
        "cpu_seconds": {k: round(v, 4) for k, v in CPU.items()},
        "ms_per_offer": {
            k: round(1000 * v / len(offers), 3)
            for k, v in timings.items()
            if k not in {"load_lexicon", "index_text_cv"}
        },
        "mean_keywords_per_offer": round(sum(len(k) for k in keywords) / len(keywords), 1),
        "mean_coverage": round(sum(c.coverage for c in covs) / len(covs), 3),
        "find_skills_target_met": CPU["find_skills_warm"] < 1.0,
        "rjdb_coverage_check": rjdb_result,
    }
    text = json.dumps(result, indent=2)
    print(text)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
