"""OCR of scanned PDF pages with Tesseract.

Scanned CVs are common (a printed CV photographed or scanned by a recruiter). OCR is optional: it
needs the ``tesseract`` binary, which is a system package, so this module checks for it and says
how to install it instead of failing obscurely. Pages are rendered with pdfium (no poppler needed).
"""

from __future__ import annotations

import functools
import shutil

from jobapp import config

#: rendering resolution: 300 dpi is Tesseract's sweet spot for body text
DPI = 300
#: a CV longer than this is not a CV; stops a 200-page scan from blocking a worker for an hour
MAX_OCR_PAGES = 12

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


def ocr_pdf_pages(data: bytes, page_indexes: list[int]) -> dict[int, str]:
    """Text of the given (0-based) pages, read by Tesseract from a 300 dpi rendering."""
    import pypdfium2 as pdfium
    import pytesseract

    langs = tesseract_languages()
    out: dict[int, str] = {}
    pdf = pdfium.PdfDocument(data)
    try:
        for index in page_indexes[:MAX_OCR_PAGES]:
            page = pdf[index]
            image = page.render(scale=DPI / 72).to_pil()
            out[index] = pytesseract.image_to_string(image, lang=langs, timeout=180)
            page.close()
    finally:
        pdf.close()
    return out
