"""Importing offers at scale: an offers file read, deduplicated and stored, end to end.

    python bench/import.py [--offers 20000]

Offers are generated (titles and companies from small word lists, 60-word descriptions, one re-post
in ten with a one-character change under another URL), written as a JSON file, then imported the
way `jobapp offers import` and the web import's task do it: ``sources.files.read_offers_file``
(parse + in-batch dedup) then ``steps.collect.store_offers`` into a fresh SQLite database. The file
is then imported a second time (every offer already known: the merge path). Each phase is timed.
Target (issue 15): 20,000 offers imported in under 10 s on 2 cores.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench"]
sys.path.insert(0, str(ROOT / "src"))

from jobapp.domain import Offer  # noqa: E402

WORDS = [
    "développeur",
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
    "technicien",
    "maintenance",
    "comptable",
    "assistant",
    "logistique",
    "manager",
    "ingénieur",
    "support",
    "réseau",
    "préparateur",
    "commandes",
    "magasinier",
    "cariste",
    "serveur",
    "agent",
    "accueil",
    "conseiller",
    "clientèle",
]
COMPANIES = ("Acme", "Globex", "Initech", "Umbrella", "Hooli", "Vandelay", "Stark", "Wayne")


def offers(n: int, seed: int = 3) -> list[Offer]:
    rng = random.Random(seed)
    out = []
    for i in range(n):
        title = " ".join(rng.sample(WORDS, rng.randint(2, 4)))
        company = f"{rng.choice(COMPANIES)} {i % 700}"
        text = " ".join(rng.choice(WORDS) for _ in range(60)) + f" réf {i}"
        out.append(Offer(title=title, company=company, description=text, url=f"https://a.example/{i}"))
        if i % 10 == 0:
            out.append(
                Offer(title=title, company=company, description=text[:-1] + "x", url=f"https://b.example/{i}")
            )
    return out


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--offers", type=int, default=20000)
    args = parser.parse_args()
    os.environ["JOBAPP_HOME"] = tempfile.mkdtemp(prefix="jobapp-import-")
    from jobapp.sources.files import read_offers_file
    from jobapp.steps.collect import store_offers
    from jobapp.store import db

    db.engine()  # migrations are not part of an import
    batch = offers(args.offers)
    data = json.dumps([o.model_dump(exclude={"id", "found_at"}) for o in batch]).encode()
    t = time.perf_counter()
    read = read_offers_file(data, "offers.json")
    read_s = time.perf_counter() - t
    t = time.perf_counter()
    stored = store_offers(read.offers, detail="bench")
    store_s = time.perf_counter() - t
    t = time.perf_counter()
    again = store_offers(read_offers_file(data, "offers.json").offers, detail="bench again")
    reimport_s = time.perf_counter() - t
    print(
        json.dumps(
            {
                "offers_in": len(batch),
                "after_dedup": len(read.offers),
                "read_and_dedup_s": round(read_s, 2),
                "stored_new": len(stored.new),
                "store_s": round(store_s, 2),
                "import_s": round(read_s + store_s, 2),
                "reimport_merged": len(again.merged),
                "reimport_s": round(reimport_s, 2),
                "target_s": 10,
            }
        )
    )


if __name__ == "__main__":
    main()
