"""Importing offers at scale: an offers file read, deduplicated and stored, end to end.

    python bench/import.py [--offers 20000]

Offers are generated (titles and companies from small word lists, 60-word descriptions, one re-post
in ten with a one-character change under another URL) and written as a JSON file, which is imported
the way `jobapp offers import` and the collect step (the web page's large imports) do it:
``steps.collect.read_offers_path`` (parse, then dedup within the batch), then
``steps.collect.store_offers`` into a fresh SQLite database; ``import`` is their sum. The same file
is then imported a second time (every offer already known: the merge path). Times are wall-clock
seconds and this process's CPU seconds (other work on the machine stretches the first, hardly the
second). Target (issue 15): 20,000 offers imported in under 10 s on 2 cores.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

ROOT = Path(__file__).resolve().parents[1]
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench"]
sys.path.insert(0, str(ROOT / "src"))

from jobapp.domain import Offer  # noqa: E402

T = TypeVar("T")

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


def _timed(fn: Callable[..., T], *args: Any, **kwargs: Any) -> tuple[T, float, float]:
    """fn's result, wall-clock seconds, and this process's CPU seconds."""
    wall, cpu = time.perf_counter(), time.process_time()
    result = fn(*args, **kwargs)
    return result, time.perf_counter() - wall, time.process_time() - cpu


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--offers", type=int, default=20000)
    args = parser.parse_args()
    os.environ["JOBAPP_HOME"] = tempfile.mkdtemp(prefix="jobapp-import-")
    from jobapp.steps.collect import read_offers_path, store_offers
    from jobapp.store import db

    db.engine()  # migrations are not part of an import
    batch = offers(args.offers)
    path = Path(os.environ["JOBAPP_HOME"]) / "offers.json"
    path.write_text(json.dumps([o.model_dump(exclude={"id", "found_at"}) for o in batch]))
    (kept, _), read_s, read_cpu = _timed(read_offers_path, path)
    stored, store_s, store_cpu = _timed(store_offers, kept, detail="bench")
    again, reimport_s, reimport_cpu = _timed(
        lambda: store_offers(read_offers_path(path)[0], detail="bench again")
    )
    print(
        json.dumps(
            {
                "offers_in": len(batch),
                "after_dedup": len(kept),
                "stored_new": len(stored.new),
                "reimport_merged": len(again.merged),
                "wall_s": {
                    "read_and_dedup": round(read_s, 2),
                    "store": round(store_s, 2),
                    "import": round(read_s + store_s, 2),
                    "reimport": round(reimport_s, 2),
                },
                "cpu_s": {
                    "read_and_dedup": round(read_cpu, 2),
                    "store": round(store_cpu, 2),
                    "import": round(read_cpu + store_cpu, 2),
                    "reimport": round(reimport_cpu, 2),
                },
                "target_s": 10,
            }
        )
    )


if __name__ == "__main__":
    main()
