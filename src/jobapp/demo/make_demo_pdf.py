"""Build the demo French CV PDF from its text source.

The PDF is committed so that a fresh install can run `jobapp run` without reportlab, but it is
generated rather than hand-made so that anyone can check what it contains (the ``.txt`` beside it)
and regenerate it after editing: ``python -m jobapp.demo.make_demo_pdf``.

It deliberately uses the standard Helvetica font (WinAnsi encoding, no embedding): the file stays a
few kilobytes, has a real text layer, and French accents survive extraction by pdfplumber. The output
is byte-for-byte reproducible (reportlab's ``invariant`` mode drops timestamps and random ids), so
re-running the script does not produce a spurious diff.

Source markup (a tiny subset of Markdown, enough for a CV):
``# Name`` then header lines up to the first blank line, ``## Section``, ``### Entry heading``,
``- bullet``, anything else is a paragraph.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from xml.sax.saxutils import escape

DEMO_DIR = Path(__file__).resolve().parent
SOURCE = DEMO_DIR / "cv_data_analyst_fr.txt"
TARGET = DEMO_DIR / "cv_data_analyst_fr.pdf"


def parse_cv_source(text: str) -> list[tuple[str, str]]:
    """Turn the markup into (kind, text) blocks: name, header, section, entry, bullet, para."""
    blocks: list[tuple[str, str]] = []
    in_header = False
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            in_header = False
            continue
        if line.startswith("### "):
            blocks.append(("entry", line[4:]))
        elif line.startswith("## "):
            blocks.append(("section", line[3:]))
        elif line.startswith("# "):
            blocks.append(("name", line[2:]))
            in_header = True
        elif in_header:
            blocks.append(("header", line))
        elif line.startswith("- "):
            blocks.append(("bullet", line[2:]))
        else:
            blocks.append(("para", line))
    return blocks


def build_pdf(source: Path = SOURCE, target: Path = TARGET) -> Path:
    """Render ``source`` to ``target`` and return the target path."""
    from reportlab import rl_config
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import HRFlowable, Paragraph, SimpleDocTemplate, Spacer

    # Bullets are en dashes: "•" is not extracted cleanly from a non-embedded Helvetica (cid:127).
    accent = colors.HexColor("#1F4E79")
    styles = {
        "name": ParagraphStyle("name", fontName="Helvetica-Bold", fontSize=18, leading=22, textColor=accent),
        "header": ParagraphStyle("header", fontName="Helvetica", fontSize=9.5, leading=12.5),
        "section": ParagraphStyle(
            "section", fontName="Helvetica-Bold", fontSize=12, leading=15, textColor=accent, spaceBefore=8
        ),
        "entry": ParagraphStyle("entry", fontName="Helvetica-Bold", fontSize=10, leading=13, spaceBefore=4),
        "bullet": ParagraphStyle(
            "bullet", fontName="Helvetica", fontSize=9.5, leading=12.5, leftIndent=10, bulletIndent=2
        ),
        "para": ParagraphStyle("para", fontName="Helvetica", fontSize=9.5, leading=12.5),
    }

    blocks = parse_cv_source(source.read_text(encoding="utf-8"))
    story: list = []
    for kind, text in blocks:
        body = escape(text)
        if kind == "bullet":
            story.append(Paragraph(body, styles["bullet"], bulletText="–"))
        elif kind == "section":
            story.append(Paragraph(body, styles["section"]))
            story.append(HRFlowable(width="100%", thickness=0.6, color=accent, spaceAfter=3))
        else:
            story.append(Paragraph(body, styles[kind]))
            if kind == "name":
                story.append(Spacer(1, 2))

    name = next((t for k, t in blocks if k == "name"), "CV")
    doc = SimpleDocTemplate(
        str(target),
        pagesize=A4,
        leftMargin=18 * mm,
        rightMargin=18 * mm,
        topMargin=15 * mm,
        bottomMargin=15 * mm,
        title=f"CV - {name}",
        author="Job App Assistant demo (fictional person)",
        subject="Demo CV",
        creator="jobapp.demo.make_demo_pdf",
    )
    previous = rl_config.invariant
    rl_config.invariant = 1  # reproducible output: no creation date, fixed document id
    try:
        doc.build(story)
    finally:
        rl_config.invariant = previous
    return target


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Regenerate the demo French CV PDF from its text source.")
    parser.add_argument("--source", type=Path, default=SOURCE)
    parser.add_argument("--output", type=Path, default=TARGET)
    args = parser.parse_args(argv)
    path = build_pdf(args.source, args.output)
    print(f"wrote {path} ({path.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
