"""Speed of step 6: reranking 500 offers for one CV with the hybrid engine, embeddings cached.

    python bench/rerank_speed.py [--offers 500] [--engine hybrid] [--fake]

Offers are rjdb job descriptions (../shared/data/rjdb), CVs are rjdb resumes. Embeddings come from
the bench disk cache (filled before timing: the app's database cache plays that role), so the
timing is the reranker itself: field texts, BM25, keyword coverage, skills, seniority, the linear
model and calibration. Two figures are printed:
- cold: the first CV in a fresh process (every offer analysed: keywords, skills, required years);
- warm: another CV against the same offers (the offer analysis is memoised in the process, as in
  the long-running web app or worker).
``--fake`` uses a deterministic token embedder instead of MiniLM (no model, e.g. in tests).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench"]
sys.path.insert(0, str(ROOT / "src"))


def _quality() -> Any:
    spec = importlib.util.spec_from_file_location("bench_quality", ROOT / "bench" / "quality.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_quality"] = module
    spec.loader.exec_module(module)
    return module


def fake_embed(texts: list[str], dim: int = 384) -> np.ndarray:
    import hashlib

    from jobapp.scoring.text import tokens

    out = np.zeros((len(texts), dim), dtype=np.float32)
    for i, text in enumerate(texts):
        for tok in tokens(text):
            out[i, int(hashlib.md5(tok.encode()).hexdigest()[:8], 16) % dim] += 1.0
        out[i, 0] += 1e-3
    return out / np.linalg.norm(out, axis=1, keepdims=True)


class MemoryEmbed:
    """Embeddings computed once before timing, then served from memory (the cached case)."""

    def __init__(self, embed: Any) -> None:
        self.embed, self.table, self.misses = embed, {}, 0

    def warm(self, texts: list[str]) -> None:
        todo = [t for t in dict.fromkeys(texts) if t not in self.table]
        if todo:
            for t, v in zip(todo, self.embed(todo), strict=True):
                self.table[t] = v

    def __call__(self, texts: list[str]) -> np.ndarray:
        missing = [t for t in texts if t not in self.table]
        self.misses += len(missing)
        self.warm(missing)
        return np.vstack([self.table[t] for t in texts])


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--offers", type=int, default=500)
    parser.add_argument("--engine", default="hybrid")
    parser.add_argument("--fake", action="store_true", help="token embedder instead of MiniLM")
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args()

    from jobapp.scoring.engine import rank_offers
    from jobapp.scoring.features import cv_fields, offer_fields

    q = _quality()
    rows = q.load_rjdb()
    offers = [q.offer_of(r, i) for i, r in enumerate(rows[: args.offers])]
    cvs = [rows[-1]["matched"], rows[-2]["matched"], rows[-3]["matched"]]
    embed = MemoryEmbed(fake_embed if args.fake else q.cached_embedder())
    texts = [t for o in offers for t in offer_fields(o, None).values()]
    texts += [t for cv in cvs for t in cv_fields(cv, None).values()]
    embed.warm(texts)  # the cache is filled before timing
    timings = []
    for cv in cvs:
        start = time.perf_counter()
        matches = rank_offers(cv, None, offers, None, embed, engine=args.engine)
        timings.append(time.perf_counter() - start)
    result = {
        "engine": args.engine,
        "offers": len(offers),
        "embedder": "fake" if args.fake else "cached MiniLM",
        "cold_seconds": round(timings[0], 3),
        "warm_seconds": round(float(np.median(timings[1:])), 3),
        "embedding_misses_during_timing": embed.misses,
        "top_score": matches[0].score,
    }
    print(
        f"rerank {len(offers)} offers for one CV ({args.engine}, {result['embedder']} embeddings): "
        f"cold {result['cold_seconds']:.2f} s, warm {result['warm_seconds']:.2f} s"
    )
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
