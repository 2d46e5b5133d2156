"""Whole-pipeline benchmark: cold and warm runs over 100 offers and 1 CV, and peak memory.

    python bench/pipeline.py [--offers 100] [--no-llm] [--json out.json]
    python bench/pipeline.py --offers 3 --offers-file REAL_OFFERS.jsonl --cv-file REAL_CV.pdf

With ``--offers-file`` (JSON lines with title and description, e.g. the dev set's offer pool) and
``--cv-file`` (PDF, DOCX or TXT), the run reads those real texts instead of generated ones.

Generates synthetic offers (half French, half English, a dozen trades, varied skills and
companies) and a French CV in a fresh temporary data dir, then in this process:

* cold: ``create_run("all", {"offers_file", "cv_file"})`` + ``execute_run`` — loads the models,
  computes every summary, profile, embedding, match and explanation;
* warm: the same run again with nothing changed — every step should find its results stored
  (input hashes unchanged), so it must be at least 20x faster than cold;
* peak resident memory of the process (``ru_maxrss``; target <= 1.5 GB).

The offline profile is used (bundled models, no network). Per-step timings of both runs come from
``run_timings`` — the same figures ``jobapp runs timings`` shows.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

TRADES_FR = [
    ("Data Analyst (H/F)", ["SQL", "Power BI", "Python", "Excel", "statistiques", "tableaux de bord"]),
    (
        "Développeur Python confirmé",
        ["Python", "Django", "PostgreSQL", "Docker", "API REST", "tests unitaires"],
    ),
    (
        "Infirmier(ère) diplômé(e) d'État",
        ["soins", "urgences", "gestion de la douleur", "dossier patient", "travail en équipe"],
    ),
    ("Comptable unique", ["comptabilité générale", "bilan", "TVA", "Sage", "rapprochements bancaires"]),
    (
        "Commercial B2B terrain",
        ["prospection", "négociation", "CRM Salesforce", "portefeuille clients", "permis B"],
    ),
    (
        "Chef de projet digital",
        ["gestion de projet", "agilité", "Scrum", "Jira", "recette", "cahier des charges"],
    ),
    (
        "Technicien de maintenance industrielle",
        ["électromécanique", "automatismes", "GMAO", "habilitation électrique"],
    ),
    ("Chargé(e) de recrutement", ["sourcing", "entretiens", "LinkedIn Recruiter", "marque employeur", "ATS"]),
    ("Data Engineer", ["Spark", "Airflow", "Python", "SQL", "AWS", "dbt"]),
    ("Assistant(e) administratif(ve)", ["Pack Office", "accueil", "classement", "facturation", "agenda"]),
    ("Data Scientist", ["machine learning", "Python", "scikit-learn", "statistiques", "NLP", "SQL"]),
    (
        "Responsable logistique",
        ["supply chain", "WMS", "gestion des stocks", "management d'équipe", "transport"],
    ),
]
TRADES_EN = [
    ("Data Analyst", ["SQL", "Tableau", "Python", "A/B testing", "dashboards", "stakeholder management"]),
    ("Backend Software Engineer", ["Go", "Python", "Kubernetes", "PostgreSQL", "microservices", "CI/CD"]),
    (
        "Registered Nurse",
        ["patient care", "triage", "medication administration", "electronic health records"],
    ),
    ("Financial Accountant", ["IFRS", "month-end close", "reconciliations", "SAP", "audit"]),
    ("Account Executive", ["B2B sales", "pipeline management", "HubSpot", "negotiation", "SaaS"]),
    ("Product Manager", ["roadmap", "user research", "agile", "analytics", "prioritisation"]),
    ("Machine Learning Engineer", ["PyTorch", "MLOps", "Python", "Docker", "model deployment", "SQL"]),
    (
        "Customer Support Specialist",
        ["Zendesk", "customer satisfaction", "troubleshooting", "English", "French"],
    ),
    ("Data Engineer", ["Spark", "Kafka", "Airflow", "Python", "GCP", "data modelling"]),
    ("HR Business Partner", ["employee relations", "performance reviews", "HRIS", "labour law"]),
    ("Business Intelligence Developer", ["Power BI", "DAX", "SQL Server", "ETL", "data warehouse"]),
    ("Warehouse Operations Lead", ["inventory", "lean", "team leadership", "health and safety", "WMS"]),
]
COMPANIES = [
    "Lumio Énergies",
    "Maison Verbena",
    "Brightloop",
    "Optivia Santé",
    "Transalpine Logistique",
    "Northgate Retail",
    "Kestrel Labs",
    "Atelier Nord",
    "Civica Data",
    "Helios Assurances",
    "Bluewave Systems",
    "Groupe Ardent",
    "Quartz Finance",
    "Médilys",
    "Orbitale",
]
CITIES_FR = [
    "Paris (75)",
    "Lyon (69)",
    "Nantes (44)",
    "Lille (59)",
    "Bordeaux (33)",
    "Toulouse (31)",
    "Grenoble (38)",
]
CITIES_EN = [
    "London, UK",
    "Dublin, Ireland",
    "Brussels, Belgium",
    "Amsterdam, NL",
    "Remote (EU)",
    "Paris, France",
]


def _offer_fr(rng: random.Random, i: int) -> dict[str, Any]:
    title, skills = rng.choice(TRADES_FR)
    company, city = rng.choice(COMPANIES), rng.choice(CITIES_FR)
    must = rng.sample(skills, k=min(4, len(skills)))
    years = rng.choice([1, 2, 3, 5, 7])
    paras = [
        f"{company} accompagne ses clients depuis {rng.randint(5, 40)} ans et compte {rng.randint(20, 3000)} "
        f"collaborateurs. Dans le cadre de notre croissance, nous recrutons un(e) {title} pour notre site de {city}.",
        "Missions :\n"
        + "\n".join(
            f"- Vous prenez en charge les sujets liés à {s} et travaillez avec les équipes "
            f"{rng.choice(['métier', 'produit', 'terrain', 'finance'])}."
            for s in must
        ),
        f"Profil recherché : formation Bac+{rng.choice([2, 3, 5])}, au moins {years} an(s) d'expérience. "
        f"Maîtrise de {', '.join(must[:3])}. {'Anglais professionnel apprécié. ' if rng.random() < 0.5 else ''}"
        "Rigueur, autonomie et sens du service.",
        f"Nous offrons : CDI, {rng.randint(35, 70)} 000 € brut annuel, télétravail {rng.randint(1, 3)} jours "
        "par semaine, tickets restaurant, mutuelle prise en charge à 60 %.",
    ]
    return {
        "title": title,
        "company": company,
        "location": city,
        "contract": "CDI",
        "salary": f"{rng.randint(30, 60)} 000 - {rng.randint(61, 80)} 000 € brut/an",
        "url": f"https://example.com/bench/fr/{i}",
        "description": "\n\n".join(paras),
    }


def _offer_en(rng: random.Random, i: int) -> dict[str, Any]:
    title, skills = rng.choice(TRADES_EN)
    company, city = rng.choice(COMPANIES), rng.choice(CITIES_EN)
    must = rng.sample(skills, k=min(4, len(skills)))
    paras = [
        f"{company} is a {rng.choice(['fast-growing', 'well-established', 'mission-driven'])} company of "
        f"{rng.randint(20, 3000)} people. We are hiring a {title} to join our team in {city}.",
        "What you will do:\n"
        + "\n".join(
            f"- Own our work on {s} together with the "
            f"{rng.choice(['product', 'operations', 'finance', 'sales'])} team."
            for s in must
        ),
        f"What we are looking for: {rng.choice([1, 2, 3, 5])}+ years of experience, strong skills in "
        f"{', '.join(must[:3])}, clear written English{', French is a plus' if rng.random() < 0.5 else ''}.",
        f"We offer a competitive salary (€{rng.randint(35, 70)},000 - €{rng.randint(71, 95)},000), hybrid work, "
        "learning budget and 25 days of paid leave.",
    ]
    return {
        "title": title,
        "company": company,
        "location": city,
        "contract": "Full-time",
        "salary": "",
        "url": f"https://example.com/bench/en/{i}",
        "description": "\n\n".join(paras),
    }


CV_TEXT = """Camille Durand
Data Analyst — Lyon — camille.durand@example.com — 06 12 34 56 78

PROFIL
Data analyst avec 4 ans d'expérience dans l'énergie et la distribution. J'aime transformer des données
brutes en tableaux de bord utiles aux équipes commerciales.

EXPÉRIENCE
2021 – aujourd'hui  Data Analyst, Helios Assurances, Lyon
- Conception de tableaux de bord Power BI suivis par 120 utilisateurs (DAX, modèle en étoile).
- Requêtes SQL (PostgreSQL) et scripts Python (pandas) pour automatiser le reporting mensuel.
- Analyse de churn et segmentation clients (scikit-learn), tests A/B sur les campagnes e-mail.
2019 – 2021  Chargée d'études statistiques, Atelier Nord, Lille
- Études ad hoc sous Excel et R, présentation des résultats aux directions métier.

FORMATION
2019  Master Statistique et informatique décisionnelle, Université Lille 1

COMPÉTENCES
SQL, Python (pandas, scikit-learn), Power BI, DAX, Excel, R, statistiques, dbt, Git
Langues : français (natif), anglais (courant, TOEIC 930)
"""


def make_inputs(folder: Path, n_offers: int, seed: int = 7) -> tuple[Path, Path]:
    rng = random.Random(seed)
    offers = [(_offer_fr if i % 2 == 0 else _offer_en)(rng, i) for i in range(n_offers)]
    offers_file, cv_file = folder / "offers.json", folder / "cv.txt"
    offers_file.write_text(json.dumps(offers, ensure_ascii=False, indent=1), encoding="utf-8")
    cv_file.write_text(CV_TEXT, encoding="utf-8")
    return offers_file, cv_file


def _timed_run(params: dict[str, Any]) -> dict[str, Any]:
    from jobapp.tasks import runs

    run_id = runs.create_run("all", params)
    t0 = time.perf_counter()
    run = runs.execute_run(run_id)
    wall = time.perf_counter() - t0
    if run["status"] != "done":
        raise SystemExit(f"run {run_id} {run['status']}: {run['error']}")
    steps = {
        t["step"]: {"wall_s": round(t["wall_s"], 3), "items": t["items"]} for t in runs.run_timings(run_id)
    }
    return {"run_id": run_id, "wall_s": round(wall, 3), "steps": steps}


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--offers", type=int, default=100)
    parser.add_argument("--no-llm", action="store_true", help="deterministic summaries/profile/explanations")
    parser.add_argument("--json", type=Path, help="write the results there as JSON")
    parser.add_argument("--offers-file", type=Path, help="real offers: JSON lines with title and description")
    parser.add_argument("--cv-file", type=Path, help="a real CV (PDF, DOCX or TXT)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        os.environ["JOBAPP_HOME"] = str(Path(tmp) / "home")
        os.environ.setdefault("JOBAPP_PROFILE", "offline")
        os.environ.pop("JOBAPP_DATABASE_URL", None)
        offers_file, cv_file = make_inputs(Path(tmp), args.offers)
        if args.offers_file:
            rows = [
                json.loads(line) for line in args.offers_file.read_text("utf-8").splitlines() if line.strip()
            ]
            real = [{"title": r["title"], "description": r["description"]} for r in rows[: args.offers]]
            offers_file.write_text(json.dumps(real, ensure_ascii=False), encoding="utf-8")
        if args.cv_file:
            cv_file = args.cv_file
        params = {"offers_file": str(offers_file), "cv_file": str(cv_file), "no_llm": args.no_llm}
        cold = _timed_run(params)
        warm = _timed_run(params)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    speedup = cold["wall_s"] / max(warm["wall_s"], 1e-9)
    result = {
        "offers": args.offers,
        "inputs": "real" if args.offers_file else "generated",
        "profile": os.environ["JOBAPP_PROFILE"],
        "no_llm": args.no_llm,
        "cold": cold,
        "warm": warm,
        "warm_speedup": round(speedup, 1),
        "peak_rss_mb": round(peak_mb, 1),
    }

    print(f"{args.offers} offers + 1 CV, profile {result['profile']}{' (no LLM)' if args.no_llm else ''}")
    print(f"{'step':<10} {'cold s':>9} {'warm s':>9} {'items':>6}")
    for step, t in cold["steps"].items():
        w = warm["steps"].get(step, {}).get("wall_s", float("nan"))
        print(f"{step:<10} {t['wall_s']:>9.2f} {w:>9.3f} {t['items']:>6}")
    print(f"{'run':<10} {cold['wall_s']:>9.2f} {warm['wall_s']:>9.3f}")
    print(
        f"warm is {speedup:.1f}x faster than cold (target >= 20x: {'OK' if speedup >= 20 else 'BELOW TARGET'})"
    )
    print(f"peak memory {peak_mb:.0f} MB (target <= 1536 MB: {'OK' if peak_mb <= 1536 else 'ABOVE TARGET'})")
    print(json.dumps(result))
    if args.json:
        args.json.write_text(json.dumps(result, indent=2))
    sys.exit(0)


if __name__ == "__main__":
    main()
