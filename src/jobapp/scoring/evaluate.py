"""``jobapp eval FILE``: matching quality on a labelled benchmark file.

File format (one JSON object per line, one line per CV; see DESIGN.md)::

    {"id": "q1", "cv": {"text": "..."} | {"path": "cv.pdf"},
     "offers": [{"id": "o1", "text": "..."} | {"id": "o1", "title": "...", "description": "..."}],
     "labels": {"o1": 1, "o2": 0}}

Labels are binary or graded (higher = better); a label >= 1 counts as relevant for the binary
metrics, NDCG@5 uses the grades. Each line is ranked with :func:`~jobapp.scoring.engine.rank_offers`
exactly as the app ranks offers, then ROC-AUC, average precision, NDCG@5, Spearman, Pearson and
precision / recall / F1 at the shipped decision threshold are computed per line, macro-averaged
over the lines that have both classes, and pooled over all pairs (one threshold for all CVs is
what the UI applies, so the pooled figures are the ones a user experiences).
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from jobapp.domain import Offer
from jobapp.errors import InvalidInput
from jobapp.scoring import metrics
from jobapp.scoring.calibration import DECISION_THRESHOLD, VERDICTS, verdict_for
from jobapp.scoring.engine import rank_offers

EmbedFn = Callable[[list[str]], np.ndarray]
MACRO_KEYS = ("roc_auc", "average_precision", "ndcg@5", "spearman", "pearson", "precision", "recall", "f1")


@dataclass
class BenchmarkLine:
    id: str
    cv_text: str
    offers: list[Offer]  # offer.id = position in the line
    offer_keys: list[str]  # the file's offer ids
    labels: np.ndarray


def _cv_text(cv: Any, base: Path, where: str) -> str:
    if isinstance(cv, str):
        return cv
    if isinstance(cv, dict) and cv.get("text"):
        return str(cv["text"])
    if isinstance(cv, dict) and cv.get("path"):
        path = Path(cv["path"])
        path = path if path.is_absolute() else base / path
        if not path.exists():
            raise InvalidInput(
                f"{where}: CV file {path} not found.", hint="Paths are relative to the benchmark file."
            )
        if path.suffix.lower() in {".txt", ".md"}:
            return path.read_text("utf-8", errors="replace")
        from jobapp.documents.reader import read_cv_path

        return read_cv_path(path).text
    raise InvalidInput(f'{where}: \'cv\' must be {{"text": ...}} or {{"path": ...}}.')


def parse_line(raw: dict[str, Any], base: Path, where: str) -> BenchmarkLine:
    try:
        offers_raw, labels_raw = raw["offers"], raw["labels"]
    except (KeyError, TypeError):
        raise InvalidInput(f"{where}: each line needs 'cv', 'offers' and 'labels'.") from None
    offers, keys, labels = [], [], []
    for pos, item in enumerate(offers_raw):
        key = str(item.get("id", pos))
        if key not in {str(k) for k in labels_raw}:
            continue  # unlabelled offers are not evaluated
        if item.get("text"):
            offer = Offer(id=pos, description=str(item["text"]))
        else:
            offer = Offer(
                id=pos, title=str(item.get("title", "")), description=str(item.get("description", ""))
            )
        offers.append(offer)
        keys.append(key)
        labels.append(float({str(k): v for k, v in labels_raw.items()}[key]))
    if not offers:
        raise InvalidInput(f"{where}: no offer has a label.")
    return BenchmarkLine(
        id=str(raw.get("id", where)),
        cv_text=_cv_text(raw.get("cv"), base, where),
        offers=offers,
        offer_keys=keys,
        labels=np.array(labels),
    )


def read_benchmark(path: str | Path) -> list[BenchmarkLine]:
    path = Path(path)
    if not path.exists():
        raise InvalidInput(f"Benchmark file {path} not found.")
    lines = []
    for number, text in enumerate(path.read_text("utf-8").splitlines(), start=1):
        if not text.strip():
            continue
        try:
            raw = json.loads(text)
        except json.JSONDecodeError as exc:
            raise InvalidInput(f"{path}:{number}: not valid JSON ({exc.msg}).") from None
        lines.append(parse_line(raw, path.parent, f"{path.name}:{number}"))
    if not lines:
        raise InvalidInput(f"Benchmark file {path} has no lines.")
    return lines


def _mean(values: Iterable[float]) -> float:
    kept = [v for v in values if not math.isnan(v)]
    return float(np.mean(kept)) if kept else float("nan")


def evaluate_lines(
    lines: list[BenchmarkLine],
    embed: EmbedFn,
    engine: str = "hybrid",
    reranker: Any | None = None,
    threshold: float = DECISION_THRESHOLD,
) -> dict[str, Any]:
    """The report dict: per line, macro (lines with both classes) and pooled metrics."""
    per_line: list[dict[str, Any]] = []
    all_scores, all_labels = [], []
    used_engine = engine
    for line in lines:
        matches = rank_offers(line.cv_text, None, line.offers, None, embed, reranker=reranker, engine=engine)
        used_engine = matches[0].engine if matches else engine
        by_id = {m.offer_id: m.score for m in matches}
        scores = np.array([by_id[o.id] for o in line.offers if o.id is not None])
        row: dict[str, Any] = {
            "id": line.id,
            "offers": len(line.offers),
            "relevant": int((line.labels >= 1).sum()),
            "both_classes": metrics.has_both_classes(line.labels),
        }
        row.update(metrics.all_metrics(scores, line.labels, threshold))
        row["top"] = line.offer_keys[int(np.argmax(scores))]
        per_line.append(row)
        all_scores.append(scores)
        all_labels.append(line.labels)
    scores_all, labels_all = np.concatenate(all_scores), np.concatenate(all_labels)
    confusion = verdict_confusion(scores_all, labels_all, threshold)
    both = [r for r in per_line if r["both_classes"]]
    pooled = {
        "roc_auc": metrics.roc_auc(scores_all, labels_all),
        "average_precision": metrics.average_precision(scores_all, labels_all),
        "spearman": metrics.spearman(scores_all, labels_all),
        "pearson": metrics.pearson(scores_all, labels_all),
    }
    pooled.update(metrics.precision_recall_f1(scores_all, labels_all, threshold))
    return {
        "engine": used_engine,
        "threshold": threshold,
        "lines": len(lines),
        "lines_both_classes": len(both),
        "pairs": int(labels_all.size),
        "macro": {k: _mean(r[k] for r in both) for k in MACRO_KEYS},
        "pooled": pooled,
        "verdicts": confusion,
        "per_line": per_line,
    }


def verdict_confusion(scores: np.ndarray, labels: np.ndarray, threshold: float) -> dict[str, Any]:
    """How the verdicts shown (strong / partial / none) spread over each label.

    ``matrix[label][verdict]`` counts pairs; labels are the file's own values (0/1/2 for graded
    files, 0/1 for binary ones). ``top_label_shown_none`` is the share of pairs with the highest
    label that the app calls "no match" (the error a job seeker pays for most);
    ``zero_shown_match`` the share of label-0 pairs shown as a match.
    """
    verdicts = [verdict_for(float(s), threshold) for s in scores]
    matrix: dict[str, dict[str, int]] = {}
    for label in sorted({int(v) for v in labels}):
        chosen = [v for v, y in zip(verdicts, labels, strict=True) if int(y) == label]
        matrix[str(label)] = {v: chosen.count(v) for v in VERDICTS}
    out: dict[str, Any] = {"matrix": matrix}
    if matrix:
        top = matrix[max(matrix, key=int)]
        out["top_label_shown_none"] = top["none"] / max(1, sum(top.values()))
    if "0" in matrix:
        zero = matrix["0"]
        out["zero_shown_match"] = (zero["strong"] + zero["partial"]) / max(1, sum(zero.values()))
    return out


def evaluate_file(
    path: str | Path,
    embed: EmbedFn,
    engine: str = "hybrid",
    reranker: Any | None = None,
    threshold: float = DECISION_THRESHOLD,
) -> dict[str, Any]:
    """Read a benchmark file and evaluate it (what ``jobapp eval FILE`` prints)."""
    return evaluate_lines(read_benchmark(path), embed, engine, reranker, threshold) | {"file": str(path)}


def _fmt(value: float) -> str:
    return "  n/a" if value is None or (isinstance(value, float) and math.isnan(value)) else f"{value:.3f}"


def format_report(report: dict[str, Any], per_line: bool = True, max_lines: int = 30) -> str:
    """A plain-text table: one row per CV (first ``max_lines``), then macro and pooled rows."""
    cols = ["roc_auc", "average_precision", "ndcg@5", "spearman", "pearson", "precision", "recall", "f1"]
    heads = ["AUC", "AP", "NDCG@5", "Spearman", "Pearson", "P", "R", "F1"]
    out = [
        f"engine {report['engine']} · threshold {report['threshold']:g} % · {report['lines']} CVs "
        f"({report['lines_both_classes']} with both classes) · {report['pairs']} pairs",
        f"{'line':<24}{'offers':>7}{'rel':>5}" + "".join(f"{h:>10}" for h in heads),
    ]
    if per_line:
        for row in report["per_line"][:max_lines]:
            out.append(
                f"{row['id'][:23]:<24}{row['offers']:>7}{row['relevant']:>5}"
                + "".join(f"{_fmt(row.get(c, float('nan'))):>10}" for c in cols)
            )
        if len(report["per_line"]) > max_lines:
            out.append(f"... {len(report['per_line']) - max_lines} more lines (use --json for all)")
    out.append(f"{'macro':<36}" + "".join(f"{_fmt(report['macro'].get(c, float('nan'))):>10}" for c in cols))
    out.append(
        f"{'pooled':<36}" + "".join(f"{_fmt(report['pooled'].get(c, float('nan'))):>10}" for c in cols)
    )
    confusion = report.get("verdicts", {})
    if confusion.get("matrix"):
        out.append("verdicts shown (rows: label; columns: strong / partial / no match)")
        for label, row in confusion["matrix"].items():
            out.append(f"  label {label:<6}" + "".join(f"{row[v]:>9}" for v in VERDICTS))
        out.append(
            f"  best-labelled pairs shown 'no match': {confusion.get('top_label_shown_none', 0):.1%}; "
            f"label-0 pairs shown as a match: {confusion.get('zero_shown_match', 0):.1%}"
        )
    return "\n".join(out)
