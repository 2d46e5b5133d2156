"""Importing offers at scale: deduplication of a batch, then storing it, timed separately.

    python bench/import.py [--offers 20000] [--store 2000]

Offers are generated (titles and companies from small word lists, 60-word descriptions, one re-post
in ten with a one-character change under another URL), so the figure measures the code, not a
board. Dedup runs on the whole batch; storing (``steps.collect.store_offers`` into a fresh SQLite
database, the path `jobapp offers import` takes) on the first ``--store`` offers, and the time per
offer is printed so the two can be compared in one run. Target (issue 15): 20,000 offers imported
in under 10 s on 2 cores.
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
    parser.add_argument("--store", type=int, default=2000)
    args = parser.parse_args()
    os.environ["JOBAPP_HOME"] = tempfile.mkdtemp(prefix="jobapp-import-")
    from jobapp.sources.dedup import dedupe
    from jobapp.steps.collect import store_offers

    batch = offers(args.offers)
    t = time.perf_counter()
    kept = dedupe(batch)
    dedup_s = time.perf_counter() - t
    sample = kept[: args.store]
    t = time.perf_counter()
    stored = store_offers(sample, detail="bench")
    store_s = time.perf_counter() - t
    per_offer = store_s / max(1, len(sample))
    print(
        json.dumps(
            {
                "offers_in": len(batch),
                "after_dedup": len(kept),
                "dedup_s": round(dedup_s, 2),
                "stored": len(stored.new),
                "store_s": round(store_s, 2),
                "store_ms_per_offer": round(per_offer * 1000, 2),
                "projected_import_s": round(dedup_s + per_offer * len(kept), 1),
                "target_s": 10,
            }
        )
    )


if __name__ == "__main__":
    main()
