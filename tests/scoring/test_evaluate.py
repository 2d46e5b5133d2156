"""evaluate_file on a tiny benchmark written here, and the report table."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from jobapp.errors import InvalidInput
from jobapp.scoring.calibration import DECISION_THRESHOLD
from jobapp.scoring.evaluate import evaluate_file, format_report, read_benchmark

from .conftest import FIXTURES, load_cv, token_embed


def _offer(name: str) -> dict[str, str]:
    title, _, body = (FIXTURES / "offers" / f"{name}.txt").read_text("utf-8").partition("\n")
    return {"id": name, "title": title, "description": body}


@pytest.fixture
def bench_file(tmp_path: Path) -> Path:
    (tmp_path / "cv.txt").write_text(load_cv("fr_infirmiere"), "utf-8")
    lines = [
        {
            "id": "data",
            "cv": {"text": load_cv("fr_data_scientist")},
            "offers": [
                _offer("en_data_scientist"),
                _offer("fr_data_scientist"),
                _offer("en_frontend"),
                _offer("en_nurse"),
                {"id": "raw", "text": (FIXTURES / "offers" / "en_baker.txt").read_text("utf-8")},
            ],
            "labels": {
                "en_data_scientist": 1,
                "fr_data_scientist": 1,
                "en_frontend": 0,
                "en_nurse": 0,
                "raw": 0,
            },
        },
        {
            "id": "nurse",
            "cv": {"path": "cv.txt"},
            "offers": [
                _offer("en_nurse"),
                _offer("fr_infirmier"),
                _offer("en_accountant"),
                _offer("fr_chauffeur"),
            ],
            "labels": {"en_nurse": 1, "fr_infirmier": 1, "en_accountant": 0, "fr_chauffeur": 0},
        },
        {
            "id": "one-class",
            "cv": {"text": load_cv("en_accountant")},
            "offers": [_offer("en_accountant")],
            "labels": {"en_accountant": 1},
        },
    ]
    path = tmp_path / "bench.jsonl"
    path.write_text("\n".join(json.dumps(x) for x in lines) + "\n", "utf-8")
    return path


def test_evaluate_file(bench_file: Path) -> None:
    report = evaluate_file(bench_file, embed=token_embed)
    assert report["lines"] == 3 and report["lines_both_classes"] == 2 and report["pairs"] == 10
    assert report["macro"]["roc_auc"] == pytest.approx(1.0)
    assert report["macro"]["ndcg@5"] == pytest.approx(1.0)
    assert report["pooled"]["average_precision"] > 0.8
    nurse = next(r for r in report["per_line"] if r["id"] == "nurse")
    assert nurse["relevant"] == 2 and nurse["top"] in {"en_nurse", "fr_infirmier"}
    assert report["threshold"] == DECISION_THRESHOLD
    assert 0.0 <= nurse["precision"] <= 1.0 and 0.0 <= nurse["recall"] <= 1.0
    lenient = evaluate_file(bench_file, embed=token_embed, threshold=0.0)
    assert lenient["pooled"]["recall"] == 1.0
    strict = evaluate_file(bench_file, embed=token_embed, threshold=100.1)
    assert strict["pooled"]["recall"] == 0.0 and strict["pooled"]["f1"] == 0.0
    text = format_report(report)
    assert "macro" in text and "pooled" in text and "nurse" in text
    json.dumps(report)  # --json must serialise


def test_bad_files_are_user_errors(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match="not found"):
        read_benchmark(tmp_path / "missing.jsonl")
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": 1, "cv": {"text": "x"}}\n', "utf-8")
    with pytest.raises(InvalidInput, match="offers"):
        read_benchmark(bad)
    bad.write_text("{not json\n", "utf-8")
    with pytest.raises(InvalidInput, match="JSON"):
        read_benchmark(bad)


def test_verdict_confusion_counts_each_label_by_verdict() -> None:
    from jobapp.scoring.calibration import STRONG_THRESHOLD
    from jobapp.scoring.evaluate import verdict_confusion

    strong, partial, none = STRONG_THRESHOLD, DECISION_THRESHOLD, DECISION_THRESHOLD - 1
    scores = np.array([strong, partial, none, strong, none, partial])
    labels = np.array([2, 2, 2, 1, 0, 0])
    out = verdict_confusion(scores, labels, threshold=DECISION_THRESHOLD)
    assert out["matrix"]["2"] == {"strong": 1, "partial": 1, "none": 1}
    assert out["matrix"]["0"] == {"strong": 0, "partial": 1, "none": 1}
    assert out["top_label_shown_none"] == 1 / 3
    assert out["zero_shown_match"] == 0.5
