"""Regenerate the settings table of the README from jobapp.config.SETTINGS (a test checks they agree)."""

import re
from pathlib import Path

from jobapp.config import settings_markdown

readme = Path(__file__).resolve().parents[1] / "README.md"
text = readme.read_text(encoding="utf-8")
table = "<!-- settings:start -->\n" + settings_markdown() + "\n<!-- settings:end -->"
readme.write_text(
    re.sub(r"<!-- settings:start -->.*<!-- settings:end -->", table, text, flags=re.S), encoding="utf-8"
)
