"""Importing the scoring package (engine, evaluation) must not import torch or scikit-learn."""

from __future__ import annotations

import subprocess
import sys


def test_scoring_imports_no_heavy_library() -> None:
    code = (
        "import sys, jobapp.scoring.engine, jobapp.scoring.evaluate, jobapp.scoring.calibration;"
        "heavy = [m for m in ('torch', 'sentence_transformers', 'transformers', 'sklearn') if m in sys.modules];"
        "print(heavy); sys.exit(1 if heavy else 0)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stdout + out.stderr
