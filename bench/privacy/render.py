"""Draw a :class:`cvset.Cv` the way real CV designs do: PDF (reportlab), DOCX (python-docx), TXT,
and scans (a PDF page rendered to a picture, slightly rotated and noisy, read back by OCR).

The layouts matter more than the words: a sidebar read before the main column puts the name after
the skills, a letter-spaced banner spreads it, a page header and footer repeat it, a Word layout
table or a label/value block cuts it from its label. See the list in ``cvset``.
"""

from __future__ import annotations

import io
import random
from collections.abc import Callable

from cvset import Cv

W, H = 595.27, 841.89  # A4 in points
FONT, BOLD = "Helvetica", "Helvetica-Bold"


# ------------------------------------------------------------------------------------------ PDF
class Page:
    """A reportlab canvas with a cursor per column and page breaks that redraw header/footer."""

    def __init__(self, cv: Cv, header: Callable[[Page], None] | None = None) -> None:
        from reportlab.pdfgen import canvas

        self.buf = io.BytesIO()
        self.c = canvas.Canvas(self.buf, pagesize=(W, H), invariant=1)
        self.cv = cv
        self.header = header
        self.number = 1
        self._decorate()

    def _decorate(self) -> None:
        if self.header:
            self.header(self)
        if self.cv.footer:
            self.c.setFont(FONT, 7.5)
            self.c.drawString(40, 24, f"{self.cv.footer} — page {self.number}")

    def new_page(self) -> None:
        self.c.showPage()
        self.number += 1
        self._decorate()

    def lines(
        self,
        x: float,
        y: float,
        width: float,
        texts: list[str],
        font: str = FONT,
        size: float = 9.5,
        leading: float | None = None,
        bottom: float = 50,
        top: float = H - 50,
    ) -> float:
        """Wrapped lines from (x, y) downwards; a new page continues at ``top``. Returns the new y."""
        from reportlab.lib.utils import simpleSplit

        leading = leading or size * 1.35
        for text in texts:
            fit = size
            while (
                fit > 6
                and max((self.c.stringWidth(w, font, fit) for w in text.split() or [""]), default=0) > width
            ):
                fit -= 0.5  # a long e-mail or URL is set smaller rather than overflowing the column
            for line in simpleSplit(text, font, fit, width) or [""]:
                if y < bottom:
                    self.new_page()
                    y = top
                self.c.setFont(font, fit)
                self.c.drawString(x, y, line)
                y -= leading
        return y

    def heading(self, x: float, y: float, text: str, size: float = 11.5, upper: bool = False) -> float:
        if y < 80:
            self.new_page()
            y = H - 50
        self.c.setFont(BOLD, size)
        self.c.drawString(x, y, text.upper() if upper else text)
        return y - size * 1.6

    def save(self) -> bytes:
        self.c.showPage()
        self.c.save()
        return self.buf.getvalue()


def _sections(
    pg: Page,
    x: float,
    y: float,
    width: float,
    sections: list[tuple[str, list[str]]],
    upper: bool = False,
    size: float = 9.5,
    top: float = H - 50,
) -> float:
    for title, lines in sections:
        y = pg.heading(x, y - 4, title, upper=upper)
        y = pg.lines(x, y, width, lines, size=size, top=top)
    return y


def _signature(cv: Cv) -> list[str]:
    if not cv.signature:
        return []
    return (
        [f"Fait à {cv.city.split(',')[0]}, le 2 septembre 2024", cv.signature]
        if cv.lang == "fr"
        else [cv.signature]
    )


def _labels(cv: Cv) -> dict[str, str]:
    return {
        "contact": "Contact",
        "skills": "Compétences" if cv.lang == "fr" else "Skills",
        "personal": "Informations personnelles" if cv.lang == "fr" else "Personal details",
    }


def pdf_classic(cv: Cv) -> bytes:
    pg = Page(cv)
    c = pg.c
    c.setFont(BOLD, 20)
    c.drawString(50, H - 60, cv.name)
    y = pg.lines(50, H - 80, 495, [cv.title], size=12)
    y = pg.lines(50, y - 2, 495, ["  |  ".join(cv.contact)], size=9)
    y = pg.lines(50, y, 495, cv.personal, size=9)
    c.setLineWidth(0.6)
    c.line(50, y + 4, 545, y + 4)
    y = _sections(pg, 50, y - 10, 495, cv.main + cv.side)
    pg.lines(50, y - 10, 495, _signature(cv))
    return pg.save()


def _sidebar(pg: Page, cv: Cv, x: float, y: float, width: float, with_name: bool = False) -> float:
    c = pg.c
    if with_name:
        c.setFont(BOLD, 17)
        y = pg.lines(x, y, width, [cv.name], font=BOLD, size=17)
        y = pg.lines(x, y, width, [cv.title], size=9.5)
        y -= 6
    if cv.photo:
        c.rect(x + 25, y - 90, 90, 90)
        c.setFont(FONT, 8)
        c.drawCentredString(x + 70, y - 48, cv.photo)
        y -= 105
    y = pg.heading(x, y, _labels(cv)["contact"], size=10.5, upper=True)
    y = pg.lines(x, y, width, cv.contact, size=8.5)
    if cv.personal:
        y = pg.lines(x, y - 4, width, cv.personal, size=8.5)
    return _sections(pg, x, y - 6, width, cv.side, upper=True, size=8.5)


def pdf_sidebar_left(cv: Cv) -> bytes:
    pg = Page(cv)
    c = pg.c
    c.setFillGray(0.93)
    c.rect(0, 0, 195, H, stroke=0, fill=1)
    c.setFillGray(0)
    _sidebar(pg, cv, 22, H - 50, 155)  # drawn first; the text is read by position anyway
    c.setFont(BOLD, 22)
    c.drawString(215, H - 58, cv.name)
    y = pg.lines(215, H - 78, 340, [cv.title], size=11.5)
    y = _sections(pg, 215, y - 6, 340, cv.main, size=9)
    pg.lines(215, y - 8, 340, _signature(cv), size=9)
    return pg.save()


def pdf_sidebar_right(cv: Cv) -> bytes:
    pg = Page(cv)
    c = pg.c
    c.setFillGray(0.92)
    c.rect(395, 0, W - 395, H, stroke=0, fill=1)
    c.setFillGray(0)
    _sidebar(pg, cv, 410, H - 55, 165, with_name=True)
    y = _sections(pg, 35, H - 55, 340, cv.main, size=9)
    pg.lines(35, y - 8, 340, _signature(cv), size=9)
    return pg.save()


def pdf_banner(cv: Cv) -> bytes:
    pg = Page(cv)
    c = pg.c
    c.setFillGray(0.15)
    c.rect(0, H - 120, W, 120, stroke=0, fill=1)
    c.setFillGray(1)
    text = c.beginText(45, H - 55)
    text.setFont(BOLD, 22)
    text.setCharSpace(4)
    text.textLine(cv.name.upper())
    text.setCharSpace(1)
    text.setFont(FONT, 11)
    text.textLine("")
    text.textLine(cv.title)
    c.drawText(text)
    c.setFont(FONT, 8.5)
    row = "   ·   ".join(cv.contact)
    from reportlab.lib.utils import simpleSplit

    y = H - 100
    for line in simpleSplit(row, FONT, 8.5, 505):
        c.drawString(45, y, line)
        y -= 11
    c.setFillGray(0)
    y = _sections(
        pg,
        40,
        H - 145,
        150,
        cv.side + ([(_labels(cv)["personal"], cv.personal)] if cv.personal else []),
        upper=True,
        size=8.5,
    )
    y = _sections(pg, 215, H - 145, 340, cv.main, size=9)
    pg.lines(215, y - 8, 340, _signature(cv), size=9)
    return pg.save()


def pdf_two_line_name(cv: Cv) -> bytes:
    pg = Page(cv)
    c = pg.c
    c.setFillGray(0.9)
    c.rect(0, 0, 200, H, stroke=0, fill=1)
    c.setFillGray(0)
    first, last = cv.name.split(" ", 1) if " " in cv.name else (cv.name, "")
    size = 24.0
    while c.stringWidth(last.upper(), BOLD, size) > 165 and size > 12:  # designers shrink a long surname
        size -= 1
    c.setFont(FONT, min(22, size + 2))
    c.drawString(22, H - 60, first)
    c.setFont(BOLD, size)
    c.drawString(22, H - 88, last.upper())
    y = pg.lines(22, H - 110, 160, [cv.title], size=9.5)
    _sidebar(pg, cv, 22, y - 8, 160)
    y = _sections(pg, 220, H - 55, 335, cv.main, size=9)
    pg.lines(220, y - 8, 335, _signature(cv), size=9)
    return pg.save()


def _smallcaps(c, x: float, y: float, text: str, big: float = 21, small: float = 15.5) -> None:
    """Small capitals as designers set them: each word's first letter big, the rest in small caps."""
    for word in text.split():
        c.setFont(BOLD, big)
        c.drawString(x, y, word[0].upper())
        x += c.stringWidth(word[0].upper(), BOLD, big)
        c.setFont(BOLD, small)
        c.drawString(x, y, word[1:].upper())
        x += c.stringWidth(word[1:].upper(), BOLD, small) + c.stringWidth(" ", BOLD, big)


def pdf_smallcaps(cv: Cv) -> bytes:
    def header(pg: Page) -> None:
        pg.c.setFont(FONT, 7.5)
        pg.c.drawRightString(W - 45, H - 25, f"{cv.contact[1]}  ·  {cv.contact[0]}")

    pg = Page(cv, header=header)
    c = pg.c
    _smallcaps(c, 50, H - 70, cv.name)
    y = pg.lines(50, H - 92, 495, [cv.title], size=12)
    y = pg.lines(50, y, 495, ["  ·  ".join(cv.contact[2:])], size=9)
    y = pg.lines(50, y, 495, cv.personal, size=9)
    y = _sections(pg, 50, y - 10, 495, cv.main + cv.side, top=H - 60)
    pg.lines(50, y - 10, 495, _signature(cv), top=H - 60)
    return pg.save()


def pdf_europass(cv: Cv) -> bytes:
    pg = Page(cv)
    c = pg.c
    c.setFont(BOLD, 16)
    c.drawString(50, H - 60, "CURRICULUM VITAE")
    y = pg.heading(50, H - 95, "Informations personnelles" if cv.lang == "fr" else "Personal information")
    street, town = cv.contact[2], ""
    if len(cv.contact) > 3 and cv.contact[3][:1].isdigit():
        town = cv.contact[3]
    rows = [
        ("Nom", cv.last),
        ("Prénom", cv.first),
        ("Adresse", f"{street} {town}".strip()),
        ("Téléphone", cv.contact[0]),
        ("E-mail", cv.contact[1]),
    ]
    for line in cv.personal:
        label, _, value = line.partition(" : ")
        rows.append((label, value) if value else ("", label))
    c.rect(440, H - 190, 90, 100)  # the photo frame (a picture: no text)
    for label, value in rows:
        c.setFont(BOLD, 9.5)
        c.drawRightString(170, y, label)
        c.setFont(FONT, 9.5)
        c.drawString(185, y, value)
        y -= 14
    y = _sections(pg, 50, y - 12, 495, cv.main + cv.side)
    return pg.save()


# ----------------------------------------------------------------------------------------- DOCX
def _docx():
    import docx
    from docx.shared import Pt

    document = docx.Document()
    style = document.styles["Normal"]
    style.font.name = "Calibri"
    style.font.size = Pt(10)
    return document


def _docx_bytes(document) -> bytes:
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def _cell_section(cell, title: str, lines: list[str]) -> None:
    p = cell.add_paragraph()
    p.add_run(title.upper()).bold = True
    for line in lines:
        cell.add_paragraph(line)


def docx_table(cv: Cv) -> bytes:
    from docx.shared import Pt

    document = _docx()
    table = document.add_table(rows=1, cols=2)
    side, main = table.rows[0].cells
    if cv.photo:
        side.paragraphs[0].add_run(f"[{cv.photo}]")
    _cell_section(side, _labels(cv)["contact"], cv.contact)
    if cv.personal:
        _cell_section(side, _labels(cv)["personal"], cv.personal)
    for title, lines in cv.side:
        _cell_section(side, title, lines)
    run = main.paragraphs[0].add_run(cv.name)
    run.bold = True
    run.font.size = Pt(20)
    main.add_paragraph(cv.title)
    for title, lines in cv.main:
        _cell_section(main, title, lines)
    for line in _signature(cv):
        main.add_paragraph(line)
    return _docx_bytes(document)


def docx_plain(cv: Cv) -> bytes:
    document = _docx()
    document.add_heading(cv.name, level=0)
    document.add_paragraph(cv.title)
    document.add_paragraph(" – ".join(cv.contact))
    for title, lines in cv.main + cv.side:
        document.add_heading(title, level=2)
        for line in lines:
            if line.startswith("• "):
                document.add_paragraph(line[2:], style="List Bullet")
            else:
                document.add_paragraph(line)
    if cv.personal:
        document.add_heading(_labels(cv)["personal"], level=2)
        for line in cv.personal:
            document.add_paragraph(line)
    for line in _signature(cv):
        document.add_paragraph(line)
    return _docx_bytes(document)


def docx_header_footer(cv: Cv) -> bytes:
    from docx.shared import Pt

    document = _docx()
    section = document.sections[0]
    head = section.header.paragraphs[0]
    run = head.add_run(f"{cv.name} — {cv.title}")
    run.bold = True
    run.font.size = Pt(14)
    if cv.footer:
        section.footer.paragraphs[0].add_run(cv.footer)
    labels = ["Téléphone", "E-mail", "Adresse", ""] if cv.lang == "fr" else ["Phone", "E-mail", "Address", ""]
    table = document.add_table(rows=0, cols=2)
    address = (
        ", ".join(cv.contact[2:4])
        if len(cv.contact) > 3 and not cv.contact[3].startswith(("linkedin", "github"))
        else cv.contact[2]
    )
    rest = [x for x in cv.contact[2:] if x not in address]
    for label, value in zip(labels, [cv.contact[0], cv.contact[1], address], strict=False):
        row = table.add_row().cells
        row[0].text, row[1].text = label, value
    for value in rest + cv.personal:
        row = table.add_row().cells
        row[0].text, row[1].text = "", value
    for title, lines in cv.main + cv.side:
        document.add_heading(title, level=2)
        for line in lines:
            document.add_paragraph(line)
    return _docx_bytes(document)


# ------------------------------------------------------------------------------------------ TXT
def txt(cv: Cv) -> bytes:
    out = [cv.name, cv.title, *cv.contact, *cv.personal, ""]
    for title, lines in cv.main + cv.side:
        out += [title.upper(), "=" * len(title), *lines, ""]
    out += _signature(cv)
    return "\n".join(out).encode("utf-8")


# ----------------------------------------------------------------------------------------- scan
def scan(cv: Cv) -> bytes:
    """The PDF design printed and scanned: 200 dpi greyscale, rotated 0.4°, speckled; image only."""
    import pypdfium2 as pdfium
    from PIL import Image, ImageFilter

    source = (pdf_classic if sum(map(ord, cv.id)) % 2 else pdf_sidebar_left)(cv)
    pdf = pdfium.PdfDocument(source)
    rng = random.Random(cv.id)
    pages = []
    for index in range(len(pdf)):
        image = pdf[index].render(scale=200 / 72).to_pil().convert("L")
        image = image.rotate(rng.uniform(-0.5, 0.5), expand=False, fillcolor=255, resample=Image.BICUBIC)
        pixels = image.load()
        for _ in range(image.width * image.height // 400):  # dust
            x, y = rng.randrange(image.width), rng.randrange(image.height)
            pixels[x, y] = rng.randrange(0, 120)
        pages.append(image.filter(ImageFilter.GaussianBlur(0.4)))
    buf = io.BytesIO()
    pages[0].save(buf, format="PDF", resolution=200, save_all=True, append_images=pages[1:])
    return buf.getvalue()


RENDERERS: dict[str, tuple[str, Callable[[Cv], bytes]]] = {
    "pdf_classic": ("pdf", pdf_classic),
    "pdf_sidebar_left": ("pdf", pdf_sidebar_left),
    "pdf_sidebar_right": ("pdf", pdf_sidebar_right),
    "pdf_banner": ("pdf", pdf_banner),
    "pdf_two_line_name": ("pdf", pdf_two_line_name),
    "pdf_smallcaps": ("pdf", pdf_smallcaps),
    "pdf_europass": ("pdf", pdf_europass),
    "docx_table": ("docx", docx_table),
    "docx_plain": ("docx", docx_plain),
    "docx_header_footer": ("docx", docx_header_footer),
    "txt": ("txt", txt),
    "scan": ("pdf", scan),
}


def render(cv: Cv) -> tuple[str, bytes]:
    """(file extension, bytes) of the CV in its layout."""
    ext, draw = RENDERERS[cv.layout]
    return ext, draw(cv)
