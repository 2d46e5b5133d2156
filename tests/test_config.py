from pathlib import Path

import pytest

from jobapp import config
from jobapp.errors import InvalidInput


def test_data_path_lives_in_jobapp_home(jobapp_home):
    p = config.data_path("sub", "x.db")
    assert p.parent.is_dir() and Path(jobapp_home) in p.parents


def test_bad_number_setting_is_a_clear_error(monkeypatch):
    monkeypatch.setenv("JOBAPP_PORT", "five thousand")
    with pytest.raises(InvalidInput, match="JOBAPP_PORT"):
        config.get("JOBAPP_PORT")


def test_readme_lists_every_setting():
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    missing = [s.name for s in config.SETTINGS if f"`{s.name}`" not in readme]
    assert missing == []


def test_importing_the_app_does_not_import_torch():
    import subprocess
    import sys

    code = (
        "import sys, jobapp.cli, jobapp.store.repo, jobapp.steps.registry, jobapp.config; "
        "print('torch' in sys.modules, 'sentence_transformers' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]
