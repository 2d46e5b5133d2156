"""PDF CV -> text: layout-aware extraction with pdfplumber, OCR for pages without a text layer."""

from __future__ import annotations

import io
import logging
from dataclasses import dataclass, field

from jobapp.documents import ocr
from jobapp.documents.pdf_layout import (
    dedupe,
    edge_key,
    find_gutter,
    is_garbage_char,
    lines_to_text,
    page_lines,
    reading_order,
    repeated_edge_lines,
)
from jobapp.documents.text import clean_text, letters_count
from jobapp.errors import InvalidInput, NoTextLayer

log = logging.getLogger(__name__)

#: below this many letters a page is treated as an image (scan) rather than text
PAGE_MIN_LETTERS = 15

NO_TEXT_MESSAGE = "This PDF is a scan with no text layer, so its text cannot be read."


@dataclass
class PdfText:
    text: str
    pages: int
    ocr: bool = False
    warnings: list[str] = field(default_factory=list)


def extract_pdf(data: bytes) -> PdfText:
    """Text of a PDF CV in reading order; OCR fills pages that are images when it is enabled."""
    import pdfplumber

    warnings: list[str] = []
    page_texts: list[list[str]] = []
    dropped = 0
    two_column: list[int] = []
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except Exception as exc:
        raise InvalidInput(
            f"This PDF could not be opened ({type(exc).__name__}).",
            hint="It may be damaged or password-protected: export it again without a password, "
            "or upload a DOCX/TXT version.",
        ) from exc
    with pdf:
        n_pages = len(pdf.pages)
        for number, page in enumerate(pdf.pages, start=1):
            try:
                chars = dedupe(page.chars)
            except Exception as exc:  # a broken page should not lose the others
                log.warning("page %s unreadable: %s", number, exc)
                warnings.append(f"Page {number} could not be read and was skipped.")
                page_texts.append([])
                continue
            good = [c for c in chars if not is_garbage_char(c)]
            dropped += len(chars) - len(good)
            lines = page_lines(good)
            gutter = find_gutter(lines, float(page.width))
            if gutter is not None:
                two_column.append(number)
            ordered = reading_order(lines, gutter)
            page_texts.append(lines_to_text(ordered).split("\n"))

    repeated = repeated_edge_lines([[t for t in p if t.strip()] for p in page_texts])
    if repeated:
        page_texts = [[t for t in p if edge_key(t) not in repeated] for p in page_texts]
        warnings.append("Repeated page headers/footers were removed.")
    if two_column:
        warnings.append(f"Two-column layout read column by column on page(s) {_pages(two_column)}.")
    if dropped:
        warnings.append(f"{dropped} icon or unmapped glyph(s) were dropped.")

    texts = ["\n".join(p) for p in page_texts]
    empty = [i for i, t in enumerate(texts) if letters_count(t) < PAGE_MIN_LETTERS]
    used_ocr = False
    if empty and ocr.ocr_enabled():
        used_ocr = _ocr_into(data, empty, texts, warnings)
    elif empty and len(empty) == len(texts):
        message = NO_TEXT_MESSAGE
        if dropped > 100:  # glyphs are there but their fonts map to no characters
            message = "This PDF's text cannot be extracted: its fonts carry no character mapping."
        raise NoTextLayer(message, hint=ocr.unavailable_hint())
    elif empty:
        warnings.append(
            f"Page(s) {_pages([i + 1 for i in empty])} have no text layer and were not read: "
            "OCR is off or tesseract is not installed."
        )
    text = clean_text("\n\n".join(t for t in texts if t.strip()), soft_hyphen_visible=True)
    return PdfText(text=text, pages=n_pages, ocr=used_ocr, warnings=warnings)


def _ocr_into(data: bytes, empty: list[int], texts: list[str], warnings: list[str]) -> bool:
    """OCR the pages without text into ``texts``; True when at least one page was read."""
    read = ocr.ocr_pdf_pages(data, empty)
    for index, page_text in read.items():
        texts[index] = page_text
    note = f"Page(s) {_pages([i + 1 for i in read])} were read by OCR (Tesseract): check the text for errors."
    if len(read) < len(empty):
        note += f" {len(empty) - len(read)} more scanned page(s) were not read (OCR page limit)."
    warnings.append(note)
    return bool(read)


def _pages(numbers: list[int]) -> str:
    return ", ".join(str(n) for n in numbers)
