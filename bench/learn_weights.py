"""Learn the hybrid weights, the calibration and the verdict cut-offs on the team's real dev set.

    python bench/learn_weights.py [--devset FILE] [--out src/jobapp/scoring/data/weights.json]

The dev set (bench/devset/README.md: real CVs x real offers, graded 2 strong / 1 partial / 0 no
match by the relevance definition in docs/relevance.md) is rebuilt by bench/devset/build.py; its
path defaults to $JOBAPP_DEVSET. For each engine an ordinal logistic model is fitted
(jobapp.scoring.learn), its regularisation chosen by leave-one-CV-out macro AUC; the calibration
(P(label >= 1)) and the two cut-offs come from out-of-fold scores. Figures printed (and stored in
the weights file) are nested cross-validated: every CV scored by a model, calibration and cut-offs
learned without it. rjdb is no longer learned on (bench/quality.py keeps it as a regression check).
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import json
import os
import sys
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench"]
sys.path.insert(0, str(ROOT / "src"))

from jobapp.scoring import learn  # noqa: E402
from jobapp.scoring.evaluate import BenchmarkLine, read_benchmark  # noqa: E402
from jobapp.scoring.features import CROSS_ENCODER, build_cv_side, build_offer_sides, pair_features  # noqa: E402
from jobapp.scoring.hybrid import ENGINE_FEATURES  # noqa: E402

OUT = ROOT / "src" / "jobapp" / "scoring" / "data" / "weights.json"
DEVSET = Path(os.environ.get("JOBAPP_DEVSET", ROOT / "bench" / "devset" / "devset.jsonl"))
C_GRID = (0.03, 0.1, 0.3, 1.0)


def _quality() -> Any:
    spec = importlib.util.spec_from_file_location("bench_quality", ROOT / "bench" / "quality.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_quality"] = module
    spec.loader.exec_module(module)
    return module


def line_features(lines: list[BenchmarkLine], embed: Any, reranker: Any = None) -> dict[str, np.ndarray]:
    """Every pair's features, as the app computes them (texts only), plus labels and CV groups."""
    cols: dict[str, list[np.ndarray]] = {}
    labels, groups = [], []
    for g, line in enumerate(lines):
        cv = build_cv_side(line.cv_text, None, embed)
        side = build_offer_sides(line.offers, None, embed)
        ce = reranker.rank(" ".join(line.cv_text.split()), side.texts) if reranker is not None else None
        for name, values in pair_features(cv, side, ce).items():
            cols.setdefault(name, []).append(values)
        labels.append(line.labels)
        groups.append(np.full(len(line.offers), g))
    out = {k: np.concatenate(v) for k, v in cols.items()}
    out["labels"], out["groups"] = np.concatenate(labels), np.concatenate(groups)
    return out


def choose(data: dict[str, np.ndarray], names: tuple[str, ...]) -> tuple[float, dict[str, Any]]:
    labels, every = data["labels"], np.ones(len(data["labels"]), dtype=bool)
    best: tuple[float, float] | None = None
    for c in C_GRID:
        raw = learn.out_of_fold(data, names, labels, every, c)
        groups = data["groups"]
        aucs = [
            learn.metrics.roc_auc(raw[groups == g], labels[groups == g])
            for g in np.unique(groups)
            if learn.metrics.has_both_classes(labels[groups == g])
        ]
        score = float(np.mean(aucs))
        print(f"  {names[0] if len(names) == 1 else 'hybrid'} C={c}: macro AUC {score:.4f}", flush=True)
        if best is None or score > best[0] + 1e-4:
            best = (score, c)
    assert best is not None
    return best[1], learn.nested_cross_validation(data, names, labels, best[1])


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--devset", type=Path, default=DEVSET)
    parser.add_argument("--cross-encoder", default="", help="also learn hybrid+ce with this cross-encoder")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    if not args.devset.exists():
        sys.exit(
            f"dev set not found at {args.devset}: build it with bench/devset/build.py (or set JOBAPP_DEVSET)"
        )
    lines = read_benchmark(args.devset)
    embed = _quality().cached_embedder()
    reranker = None
    if args.cross_encoder:
        from jobapp.models.registry import get_reranker

        reranker = get_reranker(args.cross_encoder)
    data = line_features(lines, embed, reranker)
    labels, every = data["labels"], np.ones(len(data["labels"]), dtype=bool)
    engines = ["bi-encoder", "hybrid"] + (["hybrid+ce"] if reranker is not None else [])
    shipped: dict[str, Any] = {}
    fitted: dict[str, learn.Fitted] = {}
    for engine in engines:
        names = ENGINE_FEATURES[engine]
        c, nested = choose(data, names)
        fitted[engine] = fit = learn.fit_all(data, names, labels, every, c)
        shipped[engine] = {
            "model": fit.model.to_dict(),
            "calibration": fit.platt.to_dict(),
            "chosen": {"C": c},
            "cut_offs": {"match": fit.threshold, "strong": fit.strong_threshold},
            "dev_nested_cross_validated": {
                k: (round(v, 4) if isinstance(v, float) else v) for k, v in nested.items()
            },
        }
        print(f"{engine}: {json.dumps(shipped[engine]['dev_nested_cross_validated'])}", flush=True)
    main_engine = fitted["hybrid"]
    if "hybrid+ce" not in shipped:
        hybrid = shipped["hybrid"]["model"]
        prior = dict(hybrid)
        prior["features"] = [*hybrid["features"], CROSS_ENCODER]
        prior["coef"] = {**hybrid["coef"], CROSS_ENCODER: max(abs(v) for v in hybrid["coef"].values())}
        prior["mean"] = {**hybrid["mean"], CROSS_ENCODER: 0.5}
        prior["scale"] = {**hybrid["scale"], CROSS_ENCODER: 0.25}
        shipped["hybrid+ce"] = {
            "model": prior,
            "calibration": shipped["hybrid"]["calibration"],
            "chosen": "prior: no cross-encoder was available when learning; run with --cross-encoder SPEC",
        }
    result = {
        "version": 2,
        "learned_on": f"team dev set (bench/devset): {len(lines)} real CVs x {len(labels) // max(1, len(lines))} "
        f"real offers, graded 2/1/0 = {int((labels == 2).sum())}/{int((labels == 1).sum())}/{int((labels == 0).sum())}",
        "learned_with": "bench/learn_weights.py",
        "date": dt.date.today().isoformat(),
        "decision_threshold": main_engine.threshold,
        "strong_threshold": main_engine.strong_threshold,
        "engines": shipped,
    }
    args.out.write_text(json.dumps(result, indent=2) + "\n")
    out = args.out.resolve()
    shown = out.relative_to(ROOT) if out.is_relative_to(ROOT) else out  # no machine path in the log
    print(
        f"match from {main_engine.threshold} %, strong from {main_engine.strong_threshold} %\nwrote {shown}"
    )


if __name__ == "__main__":
    main()
