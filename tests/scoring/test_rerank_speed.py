"""bench/rerank_speed.py runs and prints its timing (fake embedder, small batch: fast)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def test_speed_bench_prints(shared_dir: Path) -> None:
    if not (shared_dir / "data" / "rjdb" / "test.jsonl").exists():
        pytest.skip("rjdb is not in ../shared")
    out = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "rerank_speed.py"), "--offers", "60", "--fake"],
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    assert "rerank 60 offers for one CV" in out.stdout
    assert "warm" in out.stdout
