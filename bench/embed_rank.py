"""Embedding and ranking speed (foundation issue). Prints figures; asserts nothing.

    python bench/embed_rank.py [--texts 64] [--offers 10000]

1. texts/s of our embedding path (registry embedder: chunking + batching) vs plain
   ``SentenceTransformer.encode`` on the same texts, in the same run (target ratio >= 0.9);
2. time to rank N cached offers for one CV with the bi-encoder (target < 0.5 s for 10,000): the
   embedding cache lookup (database) plus scoring; and the whole `match` step, which also reads the
   offers from the database and writes the ranking back. The
   cache is filled with unit vectors for synthetic offers (embedding 10,000 texts for real takes
   ~15 min on 2 cores and says nothing about ranking speed);
3. speed-up of a second `jobapp match` over the first on the demo data (target >= 20x).
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
import time

import numpy as np


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--texts", type=int, default=64)
    ap.add_argument("--offers", type=int, default=10_000)
    args = ap.parse_args()
    os.environ.setdefault("JOBAPP_HOME", tempfile.mkdtemp(prefix="jobapp-bench-"))
    os.environ.setdefault("JOBAPP_LLM", "none")

    from jobapp.demo import load_demo_offers
    from jobapp.domain import Offer, text_hash
    from jobapp.models.registry import get_embedder

    demo = [Offer(**o) for o in load_demo_offers()]
    texts = [demo[i % len(demo)].full_text() + f" (variante {i})" for i in range(args.texts)]
    embedder = get_embedder()
    model = embedder.model  # type: ignore[attr-defined]
    embedder.embed(texts[:4])
    model.encode(texts[:4])  # warm both paths

    t = time.perf_counter()
    ours = embedder.embed(texts)
    ours_s = time.perf_counter() - t
    t = time.perf_counter()
    plain = model.encode(texts, batch_size=embedder.batch_size, normalize_embeddings=True)
    plain_s = time.perf_counter() - t
    cos = float(np.mean(np.sum(ours * plain, axis=1)))
    figures: dict[str, float] = {
        "ours_texts_per_s": args.texts / ours_s,
        "plain_encode_texts_per_s": args.texts / plain_s,
        "ratio": plain_s / ours_s,
        "mean_cosine_ours_vs_plain": cos,
    }

    from jobapp.steps.collect import upsert_offers
    from jobapp.steps.convert import add_cv_file
    from jobapp.steps.ranking import rank_current
    from jobapp.store import db, repo

    # 3. second `jobapp match` vs first, demo data (real embeddings).
    with db.session() as s:
        upsert_offers(s, demo, detail="bench")
    from jobapp.demo import demo_cv_path

    add_cv_file(demo_cv_path("fr"))
    t = time.perf_counter()
    rank_current("bi-encoder")
    first = time.perf_counter() - t
    t = time.perf_counter()
    rank_current("bi-encoder")
    second = time.perf_counter() - t
    figures |= {"match_first_s": first, "match_second_s": second, "match_speedup": first / second}

    # 2. rank N cached offers.
    rng = np.random.default_rng(0)
    many = [
        Offer(
            title=f"Offre {i} {demo[i % len(demo)].title}",
            company="Bench",
            url=f"https://example.com/b/{i}",
            description=demo[i % len(demo)].description + f"\nRéférence {i}.",
        )
        for i in range(args.offers)
    ]
    dim = ours.shape[1]
    vectors = rng.normal(size=(len(many), dim)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    with db.session() as s:
        upsert_offers(s, many, detail="bench")
        stored = repo.list_offers(s)
        repo.put_embeddings(
            s,
            embedder.name,
            {text_hash(o.full_text()): vectors[i % len(vectors)] for i, o in enumerate(stored)},
        )
    from jobapp.scoring.engine import rank_offers
    from jobapp.steps.embedding_cache import cached_embed

    cv_text = repo_cv_text()
    embed = cached_embed(embedder)
    t = time.perf_counter()
    ranked = rank_offers(cv_text, None, stored, None, embed, engine="bi-encoder")
    figures[f"rank_{len(ranked)}_cached_offers_s"] = time.perf_counter() - t
    t = time.perf_counter()
    matches, fresh = rank_current("bi-encoder")
    figures[f"match_step_{len(matches)}_offers_with_db_read_write_s"] = time.perf_counter() - t
    assert fresh
    print(json.dumps({k: round(v, 4) for k, v in figures.items()}, indent=2))


def repo_cv_text() -> str:
    from jobapp.store import db, repo

    with db.session() as s:
        cv = repo.current_cv(s)
        assert cv is not None
        return cv.text


if __name__ == "__main__":
    main()
