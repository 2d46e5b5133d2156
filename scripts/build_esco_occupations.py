"""Derive the occupation vocabulary the app ships from the ESCO occupations table.

    python scripts/build_esco_occupations.py [ESCO_DIR]   (default: ../shared/data/esco)

Writes ``src/jobapp/extraction/data/esco_occupations.tsv``: one line per ESCO occupation,
``ISCO-08 unit group <TAB> English preferred label <TAB> French preferred label <TAB> every
label, French and English, preferred and alternative, separated by "|"``. French labels written
"infirmier/infirmière" are split into their two forms. Descriptions are left out (size).

ESCO © European Union; reuse authorised with acknowledgement (Commission Decision 2011/833/EU).
"""

from __future__ import annotations

import csv
import gzip
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "jobapp" / "extraction" / "data" / "esco_occupations.tsv"


def _forms(label: str) -> list[str]:
    """"directeur technique/directrice technique" -> both forms; plain labels unchanged."""
    label = " ".join(label.replace("\t", " ").split())
    if not label:
        return []
    parts = [p.strip() for p in label.split("/") if p.strip()]
    # a slash inside a term ("SIG/GIS", "R/D") is short; gendered pairs are two full titles
    if len(parts) == 2 and min(len(p) for p in parts) >= 6:
        return parts
    return [label]


def main() -> None:
    src = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "data" / "esco"
    rows = csv.DictReader(gzip.open(src / "occupations.csv.gz", "rt", encoding="utf-8"))
    lines = []
    for row in rows:
        labels: list[str] = []
        for key in ("label_en", "alt_en", "label_fr", "alt_fr"):
            for item in row[key].split("|"):
                labels.extend(_forms(item))
        unique = list(dict.fromkeys(lab for lab in labels if lab and "|" not in lab))
        fr = _forms(row["label_fr"])
        lines.append("\t".join((row["iscoGroup"], row["label_en"].strip(), fr[0] if fr else "", "|".join(unique))))
    lines.sort()
    header = "# ESCO occupations (c) European Union, reuse with acknowledgement; built by scripts/build_esco_occupations.py\n"
    OUT.write_text(header + "\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}: {len(lines)} occupations, {OUT.stat().st_size / 1e6:.2f} MB")


if __name__ == "__main__":
    main()
