"""Build the privacy development set: draw each CV in its layout, convert it with the app's reader.

    python bench/privacy/build.py                   # files + converted texts in bench/.cache/privacy/
    python bench/privacy/build.py --out DIR         # elsewhere
    python bench/privacy/build.py --annotations     # also rewrite bench/privacy/annotations.jsonl

Each CV is rendered to PDF (reportlab), DOCX (python-docx), TXT or a scanned PDF (pypdfium2 +
Pillow), then read by :func:`jobapp.documents.read_cv` — the very text the app anonymises, with
its real reading order (two columns, headers and footers, tables, OCR). The binaries stay in the
cache; the repository keeps this generator and ``annotations.jsonl`` (the identifying items of
each CV, type and exact string, and the words that must survive).

Every annotated item is looked for in the converted text; one that the converter lost or changed
beyond recognition (OCR) is reported, and the bench counts it apart.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from cvset import Cv, all_cvs  # noqa: E402
from matching import occurrences  # noqa: E402
from render import render  # noqa: E402

ROOT = HERE.parents[1]
CACHE = ROOT / "bench" / ".cache" / "privacy"
ANNOTATIONS = HERE / "annotations.jsonl"


def annotation(cv: Cv, fmt: str) -> dict:
    return {
        "id": cv.id,
        "lang": cv.lang,
        "country": cv.country,
        "sector": cv.sector,
        "level": cv.level,
        "layout": cv.layout,
        "format": fmt,
        "items": cv.items,
        "keep": cv.keep,
    }


def build(out: Path = CACHE, *, only: set[str] | None = None, quiet: bool = False) -> list[dict]:
    """Render and convert every CV; returns one record per CV with its converted ``text``."""
    from jobapp.documents import read_cv

    files = out / "files"
    files.mkdir(parents=True, exist_ok=True)
    records = []
    for cv in all_cvs():
        if only and cv.id not in only:
            continue
        started = time.perf_counter()
        ext, data = render(cv)
        path = files / f"{cv.id}.{ext}"
        path.write_bytes(data)
        try:
            doc = read_cv(data, path.name)
        except Exception as exc:  # a scan without tesseract: said, not fatal
            print(f"{cv.id} {cv.layout}: not converted ({type(exc).__name__}: {exc})", file=sys.stderr)
            continue
        record = annotation(cv, ext) | {"text": doc.text, "warnings": doc.warnings, "ocr": doc.ocr}
        record["absent"] = [i for i in cv.items if not occurrences(doc.text, i["value"], within=i.get("in"))]
        records.append(record)
        if not quiet:
            note = f"  absent from the text: {record['absent']}" if record["absent"] else ""
            print(
                f"{cv.id} {cv.layout:<19} {ext:<4} {time.perf_counter() - started:5.1f}s{note}",
                file=sys.stderr,
            )
    with (out / "texts.jsonl").open("w", encoding="utf-8") as fh:
        for record in records:
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
    return records


def write_annotations(path: Path = ANNOTATIONS) -> None:
    from render import RENDERERS

    with path.open("w", encoding="utf-8") as fh:
        for cv in all_cvs():
            fh.write(json.dumps(annotation(cv, RENDERERS[cv.layout][0]), ensure_ascii=False) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--out", type=Path, default=CACHE)
    parser.add_argument("--only", nargs="*", help="CV ids to build (default: all)")
    parser.add_argument("--annotations", action="store_true", help=f"rewrite {ANNOTATIONS.name}")
    args = parser.parse_args()
    if args.annotations:
        write_annotations()
    records = build(args.out, only=set(args.only) if args.only else None)
    absent = sum(len(r["absent"]) for r in records)
    print(f"{len(records)} CVs in {args.out}; {absent} annotated item(s) absent from the converted text")


if __name__ == "__main__":
    main()
