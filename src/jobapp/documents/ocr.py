"""OCR of scanned PDF pages with Tesseract.

Scanned CVs are common (a printed CV photographed or scanned by a recruiter). OCR is optional: it
needs the ``tesseract`` binary, which is a system package, so this module checks for it and says
how to install it instead of failing obscurely. Pages are rendered with pdfium (no poppler needed).
"""

from __future__ import annotations

import functools
import logging
import shutil
import time

from jobapp import config
from jobapp.documents import limits

log = logging.getLogger(__name__)

#: rendering resolution: 300 dpi is Tesseract's sweet spot for body text
DPI = 300
#: a scanned CV has 1-4 pages; beyond this the rest is left out (a 200-page scan would block a
#: worker for an hour, and Tesseract takes 2-5 s a page on one core)
MAX_OCR_PAGES = 6
#: seconds OCR may spend on one CV, all pages together (a dense 300 dpi page takes 2-10 s on one
#: core): pages not reached in time are left out and reported, a worker is never held longer
OCR_SECONDS = 25.0

INSTALL_HINT = (
    "Install tesseract-ocr (and tesseract-ocr-fra for French), e.g. `apt-get install tesseract-ocr "
    "tesseract-ocr-fra`, to enable OCR, or upload a DOCX/TXT version of the CV."
)


def unavailable_hint() -> str:
    """What to do to get OCR, depending on what is missing."""
    if str(config.get("JOBAPP_OCR")).strip().lower() != "auto" and shutil.which("tesseract"):
        return "OCR is turned off (JOBAPP_OCR=off): set JOBAPP_OCR=auto to read scans, or upload a DOCX/TXT version."
    return INSTALL_HINT


def ocr_enabled() -> bool:
    """OCR runs when the setting allows it and the tesseract binary is installed."""
    if str(config.get("JOBAPP_OCR")).strip().lower() != "auto":
        return False
    return shutil.which("tesseract") is not None


@functools.lru_cache(maxsize=1)
def tesseract_languages() -> str:
    """``fra+eng`` when both language packs are installed, else whatever subset exists."""
    import pytesseract

    try:
        available = set(pytesseract.get_languages(config=""))
    except Exception:
        available = set()
    chosen = [lang for lang in ("fra", "eng") if lang in available]
    return "+".join(chosen) or "eng"


def render_scale(width_pt: float, height_pt: float) -> float:
    """Scale of a 300 dpi rendering, lowered so the bitmap stays under the pixel cap: a
    200 x 200 inch page would otherwise ask for a 60,000-pixel-square bitmap (14 GB)."""
    scale = DPI / 72
    pixels = max(width_pt, 1.0) * max(height_pt, 1.0) * scale * scale
    if pixels > limits.MAX_OCR_PIXELS:
        scale *= (limits.MAX_OCR_PIXELS / pixels) ** 0.5
    return scale


def ocr_pdf_pages(data: bytes, page_indexes: list[int]) -> dict[int, str]:
    """Text of the given (0-based) pages, read by Tesseract from a 300 dpi rendering.

    Pages not read within :data:`OCR_SECONDS` in all are left out (the caller reports them).
    """
    import pypdfium2 as pdfium
    import pytesseract

    langs = tesseract_languages()
    out: dict[int, str] = {}
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:  # pdfplumber read it, pdfium cannot: no OCR, same as no scan
        log.warning("OCR skipped, pdfium cannot open the PDF: %s", exc)
        return out
    deadline = time.monotonic() + OCR_SECONDS
    try:
        for index in page_indexes[:MAX_OCR_PAGES]:
            left = deadline - time.monotonic()
            if left < 1:
                log.warning("OCR time budget spent before page %s", index + 1)
                break
            try:
                page = pdf[index]
                width, height = page.get_size()
                # grayscale: a quarter of the memory of RGBA, and what Tesseract binarises anyway
                image = page.render(scale=render_scale(width, height), grayscale=True).to_pil()
                page.close()
                out[index] = pytesseract.image_to_string(image, lang=langs, timeout=left)
            except (RuntimeError, ValueError, OverflowError) as exc:  # timeout, unloadable page
                log.warning("OCR of page %s gave up: %s", index + 1, exc)
    finally:
        pdf.close()
    return out
