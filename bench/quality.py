"""Matching quality on the team's real dev set (bench/devset) and, as a regression check, on rjdb (../shared/data/rjdb/test.jsonl), engine by engine, on the test half.

rjdb gives, for 1,000 generated English job descriptions, a resume written for it ("matched") and a
weakened twin (skills removed, experience shortened). Two tasks are built from it:

(a) twins: for each JD, does the matched resume score above its weakened twin? (target >= 95 %)
(b) one CV vs many offers (the real task): each matched resume against its own JD (label 1) and
    99 other JDs (label 0): the 20 closest by rjdb's own skill/experience metadata (hard
    negatives, chosen without any engine so that no engine is favoured) and 79 random ones.

JDs are split deterministically into a development half (weights, calibration, threshold:
bench/learn_weights.py) and a test half (reported here) by the hash of their id; both halves
draw negatives only from themselves. Baselines: TF-IDF cosine, MiniLM cosine (raw, uncalibrated).

    python bench/quality.py [--limit N] [--engines bi-encoder,hybrid] [--json bench/results/quality.json]

Embeddings are cached in bench/.cache/ (first full run ≈ 2-5 min on 2 cores, then seconds).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import re
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
# bench/ holds scripts named like stdlib modules (queue.py): never import from it by accident
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench"]
sys.path.insert(0, str(ROOT / "src"))

from jobapp.domain import Offer  # noqa: E402
from jobapp.scoring import metrics  # noqa: E402
from jobapp.scoring.embed_cache import DiskCachedEmbed  # noqa: E402
from jobapp.scoring.evaluate import BenchmarkLine  # noqa: E402
from jobapp.scoring.signals import guess_title  # noqa: E402

RJDB = Path(os.environ.get("JOBAPP_RJDB", ROOT.parent / "shared" / "data" / "rjdb" / "test.jsonl"))
CACHE = ROOT / "bench" / ".cache"
HARD_NEGATIVES, RANDOM_NEGATIVES = 20, 79


def load_rjdb(path: Path = RJDB) -> list[dict[str, Any]]:
    if not path.exists():
        sys.exit(f"rjdb not found at {path} (set JOBAPP_RJDB)")
    rows = []
    for i, text in enumerate(path.read_text("utf-8").splitlines()):
        raw = json.loads(text)
        jd = raw["Job-Description"].strip()
        meta = {
            w for item in raw["Skills"] + raw["Experiences"] for w in re.findall(r"[a-z]{3,}", item.lower())
        }
        rows.append(
            {
                "id": f"rjdb-{i:04d}",
                "title": guess_title(jd),
                "jd": jd,
                "matched": raw["Resume-matched"].strip(),
                "unmatched": raw["Resume-unmatched"].strip(),
                "meta": meta,
            }
        )
    return rows


def split(rows: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(dev, test): by the parity of the first byte of sha1(id), stable across runs and machines."""
    dev = [r for r in rows if hashlib.sha1(r["id"].encode()).digest()[0] % 2 == 0]
    test = [r for r in rows if hashlib.sha1(r["id"].encode()).digest()[0] % 2 == 1]
    return dev, test


def offer_of(row: dict[str, Any], pos: int) -> Offer:
    return Offer(id=pos, title=row["title"], description=row["jd"])


def build_lines(rows: list[dict[str, Any]], seed: int = 7) -> list[tuple[dict[str, Any], BenchmarkLine]]:
    """Task (b): (the JD's row, a benchmark line of its matched resume vs 100 offers)."""
    rng = random.Random(seed)
    out = []
    for row in rows:
        others = [r for r in rows if r["id"] != row["id"]]
        jaccard = [len(row["meta"] & r["meta"]) / max(1, len(row["meta"] | r["meta"])) for r in others]
        order = sorted(range(len(others)), key=lambda i: (-jaccard[i], others[i]["id"]))
        hard = [others[i] for i in order[:HARD_NEGATIVES]]
        rest = [others[i] for i in order[HARD_NEGATIVES:]]
        chosen = [row, *hard, *rng.sample(rest, min(RANDOM_NEGATIVES, len(rest)))]
        rng.shuffle(chosen)
        line = BenchmarkLine(
            id=row["id"],
            cv_text=row["matched"],
            offers=[offer_of(r, p) for p, r in enumerate(chosen)],
            offer_keys=[r["id"] for r in chosen],
            labels=np.array([1.0 if r["id"] == row["id"] else 0.0 for r in chosen]),
        )
        out.append((row, line))
    return out


def write_benchmark(lines: list[tuple[dict[str, Any], BenchmarkLine]], path: Path) -> None:
    """The lines in the `jobapp eval` file format (so the CLI can be run on the same data)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as fh:
        for _, line in lines:
            offers = [
                {"id": k, "title": o.title, "description": o.description}
                for k, o in zip(line.offer_keys, line.offers, strict=True)
            ]
            labels = {k: int(v) for k, v in zip(line.offer_keys, line.labels, strict=True)}
            fh.write(
                json.dumps({"id": line.id, "cv": {"text": line.cv_text}, "offers": offers, "labels": labels})
                + "\n"
            )


def cached_embedder() -> DiskCachedEmbed:
    """The configured embedder (bundled MiniLM offline) behind a disk cache."""
    from jobapp.models.registry import configured_spec, get_embedder

    spec = configured_spec("embedder")
    slug = re.sub(r"[^a-zA-Z0-9]+", "-", spec).strip("-")
    return DiskCachedEmbed(lambda texts: get_embedder().embed(texts), CACHE / f"emb-{slug}.npz", model=spec)


def tfidf_scores(line: BenchmarkLine) -> np.ndarray:
    """Baseline: TF-IDF cosine (fitted on the line's offers and CV, English+French stop words off)."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    docs = [o.full_text() for o in line.offers]
    vec = TfidfVectorizer(sublinear_tf=True).fit([*docs, line.cv_text])
    m = vec.transform(docs)
    q = vec.transform([line.cv_text])
    return np.asarray((m @ q.T).toarray()).ravel()


def ranking_metrics(per_line: list[tuple[np.ndarray, np.ndarray]]) -> dict[str, float]:
    """Threshold-free macro + pooled metrics for uncalibrated baselines."""
    s = np.concatenate([p[0] for p in per_line])
    y = np.concatenate([p[1] for p in per_line])
    return {
        "macro_roc_auc": float(np.mean([metrics.roc_auc(a, b) for a, b in per_line])),
        "macro_average_precision": float(np.mean([metrics.average_precision(a, b) for a, b in per_line])),
        "macro_ndcg@5": float(np.mean([metrics.ndcg_at_k(a, b, 5) for a, b in per_line])),
        "pooled_roc_auc": metrics.roc_auc(s, y),
        "pooled_average_precision": metrics.average_precision(s, y),
    }


FIXTURES = ROOT / "tests" / "scoring" / "fixtures"
#: hand labels of the FR/EN fixtures: CV -> relevant offers (all other offers are irrelevant)
FIXTURE_LABELS = {
    "fr_data_scientist": {"en_data_scientist", "fr_data_scientist"},
    "fr_infirmiere": {"en_nurse", "fr_infirmier"},
    "en_accountant": {"en_accountant", "fr_comptable"},
    "fr_boulanger": {"en_baker"},
}


def fixture_lines() -> list[tuple[dict[str, Any], BenchmarkLine]]:
    """The hand-written FR/EN CVs and offers of tests/scoring/fixtures (never used for learning)."""
    files = sorted((FIXTURES / "offers").glob("*.txt"))
    offers = []
    for pos, path in enumerate(files):
        title, _, body = path.read_text("utf-8").partition("\n")
        offers.append(Offer(id=pos, title=title.strip(), description=body.strip()))
    out = []
    for cv, relevant in FIXTURE_LABELS.items():
        line = BenchmarkLine(
            id=cv,
            cv_text=(FIXTURES / "cv" / f"{cv}.txt").read_text("utf-8"),
            offers=offers,
            offer_keys=[p.stem for p in files],
            labels=np.array([1.0 if p.stem in relevant else 0.0 for p in files]),
        )
        out.append(({"id": cv}, line))
    return out


def tfidf_twins(rows: list[dict[str, Any]]) -> float:
    """Task (a) for the TF-IDF baseline: matched resume closer to the JD than its twin."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    wins = 0.0
    for row in rows:
        m = TfidfVectorizer(sublinear_tf=True).fit_transform([row["jd"], row["matched"], row["unmatched"]])
        sims = (m[1:] @ m[0].T).toarray().ravel()
        wins += 1.0 if sims[0] > sims[1] else 0.5 if sims[0] == sims[1] else 0.0
    return wins / len(rows)


def compare(
    lines: list[tuple[dict[str, Any], BenchmarkLine]], embed: Any, engines: str, reranker: Any
) -> dict[str, Any]:
    """Baselines and engines side by side on benchmark lines."""
    from jobapp.scoring.evaluate import evaluate_lines

    out: dict[str, Any] = {}
    baselines: dict[str, list[tuple[np.ndarray, np.ndarray]]] = {"tf-idf cosine": [], "minilm cosine": []}
    for _, line in lines:
        baselines["tf-idf cosine"].append((tfidf_scores(line), line.labels))
        cv = embed([line.cv_text])[0]
        offers = embed([o.full_text() for o in line.offers])
        baselines["minilm cosine"].append((offers @ cv, line.labels))
    for name, pairs in baselines.items():
        out[name] = ranking_metrics(pairs)
    for engine in [e for e in engines.split(",") if e]:
        report = evaluate_lines([line for _, line in lines], embed, engine=engine, reranker=reranker)
        out[engine] = {
            **{f"macro_{k}": v for k, v in report["macro"].items()},
            **{f"pooled_{k}": v for k, v in report["pooled"].items() if k != "predicted_positive"},
        }
    return out


def show(results: dict[str, Any]) -> None:
    print(results["data"])
    keys = sorted({k for v in results.values() if isinstance(v, dict) for k in v})
    names = [n for n, v in results.items() if isinstance(v, dict)]
    print(f"{'metric':<28}" + "".join(f"{n:>16}" for n in names))
    for key in keys:
        cells = [results[n].get(key) for n in names]
        print(f"{key:<28}" + "".join(f"{c:>16.3f}" if isinstance(c, float) else f"{'':>16}" for c in cells))
    print(flush=True)


def twins_accuracy(
    rows: list[dict[str, Any]], embed: Any, engine: str, reranker: Any = None
) -> dict[str, float]:
    """Task (a): share of JDs where the matched resume outscores its weakened twin (ties count 1/2).

    Each JD is scored alone (a one-offer search), by the calibrated % the user would see; the raw
    score breaks ties of the rounded %.
    """
    from jobapp.scoring.engine import rank_offers

    wins = 0.0
    for row in rows:
        offer = [offer_of(row, 0)]
        a = rank_offers(row["matched"], None, offer, None, embed, reranker=reranker, engine=engine)[0]
        b = rank_offers(row["unmatched"], None, offer, None, embed, reranker=reranker, engine=engine)[0]
        ka, kb = (a.score, a.components["raw"]), (b.score, b.components["raw"])
        wins += 1.0 if ka > kb else 0.5 if ka == kb else 0.0
    return {"twins_accuracy": wins / len(rows)}


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--limit", type=int, default=0, help="only the first N test JDs (quick look)")
    parser.add_argument(
        "--engines", default="bi-encoder,hybrid", help="comma list; hybrid+ce needs --cross-encoder"
    )
    parser.add_argument("--cross-encoder", default="", help="cross-encoder spec for hybrid+ce")
    parser.add_argument("--json", type=Path, default=None, help="also write the results here")
    args = parser.parse_args()

    devset = Path(os.environ.get("JOBAPP_DEVSET", ROOT / "bench" / "devset" / "devset.jsonl"))
    embed = cached_embedder()
    results_dev: dict[str, Any] = {}
    if devset.exists():
        from jobapp.scoring.calibration import shipped
        from jobapp.scoring.evaluate import read_benchmark

        dev_lines = [({"id": line.id}, line) for line in read_benchmark(devset)]
        results_dev = {
            "data": f"team real dev set: {len(dev_lines)} CVs, graded 2/1/0 (label >= 1 relevant); "
            "engines learned on it: their figures here are in-sample, see 'nested CV' for honest ones"
        }
        results_dev.update(compare(dev_lines, embed, args.engines, None))
        show(results_dev)
        print(
            "nested cross-validated (each CV scored by weights, calibration and cut-offs learned without it):"
        )
        for engine, data in shipped()["engines"].items():
            nested = data.get("dev_nested_cross_validated")
            if nested:
                print(
                    f"  {engine:<11}"
                    + "  ".join(f"{k} {v:.3f}" for k, v in nested.items() if isinstance(v, float))
                )
                results_dev[f"{engine} nested CV"] = nested
        print(flush=True)
    else:
        print(f"(no dev set at {devset}: build it with bench/devset/build.py)")
    _dev, test = split(load_rjdb())
    lines = build_lines(test)
    if args.limit:
        lines, test = lines[: args.limit], test[: args.limit]
    write_benchmark(lines, CACHE / "rjdb-test.jsonl")
    reranker = None
    if args.cross_encoder:
        from jobapp.models.registry import get_reranker

        reranker = get_reranker(args.cross_encoder)
    t = time.time()
    results: dict[str, Any] = {
        "data": f"rjdb test half: {len(lines)} CVs x 100 offers; {len(test)} twin pairs"
    }
    results.update(compare(lines, embed, args.engines, reranker))
    results["tf-idf cosine"]["twins_accuracy"] = tfidf_twins(test)
    for engine in [e for e in args.engines.split(",") if e]:
        results[engine].update(twins_accuracy(test, embed, engine, reranker))
    results["seconds"] = round(time.time() - t, 1)
    show(results)
    fixtures: dict[str, Any] = {
        "data": "FR/EN fixtures: 4 CVs x 12 offers (tests/scoring/fixtures, hand labels)"
    }
    fixtures.update(compare(fixture_lines(), embed, args.engines, reranker))
    show(fixtures)
    results["fixtures_fr_en"] = fixtures
    results["devset"] = results_dev
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
