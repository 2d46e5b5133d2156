"""PDF CV -> text: layout-aware extraction with pdfplumber, OCR for pages without a text layer."""

from __future__ import annotations

import io
import logging
import re
from dataclasses import dataclass, field
from typing import Any

from jobapp.documents import limits, ocr
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
from jobapp.messages import msg

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


@dataclass
class _TextLayer:
    """What the bounded child sends back: the text layer, page by page."""

    page_texts: list[list[str]]
    pages: int
    dropped: int
    two_column: list[int]
    warnings: list[str]


# Bounded digit runs and a look-behind keep both patterns linear on hostile input (an 800 KB run
# of digits made the unanchored version quadratic).
_REF_ONLY_OBJECT = re.compile(rb"(?<!\d)(\d{1,10})\s+\d{1,5}\s+obj\s*(\d{1,10})\s+\d{1,5}\s+R\s*endobj")


def reference_cycle(data: bytes) -> bool:
    """True when objects are bare references that loop (``6 0 obj 6 0 R endobj``): pdfminer
    resolves those forever. Only uncompressed objects can be seen; the deadline covers the rest."""
    target = {int(m.group(1)): int(m.group(2)) for m in _REF_ONLY_OBJECT.finditer(data)}
    for start in target:
        seen = {start}
        current = target[start]
        while current in target:
            if current in seen:
                return True
            seen.add(current)
            current = target[current]
    return False


def extract_pdf(data: bytes, filename: str = "") -> PdfText:
    """Text of a PDF CV in reading order; OCR fills pages that are images when it is enabled.

    The text layer is parsed in a child process under a deadline and a memory budget (see
    :mod:`jobapp.documents.limits`); OCR renders pages under a pixel cap.
    """
    import pdfplumber  # noqa: F401  imported before forking: the child must not import under a lock

    name = limits.display_name(filename, "PDF")
    if len(data) > limits.MAX_FILE_BYTES:
        raise limits.too_big(
            name,
            f"the file size ({limits.size_text(len(data))})",
            f"{limits.size_text(limits.MAX_FILE_BYTES)}",
        )
    if reference_cycle(data):
        raise InvalidInput(
            f"{name}: this PDF is damaged (an object refers to itself).",
            hint="Export it again from its editor, or upload a DOCX/TXT version.",
        )
    layer = limits.run_bounded(_read_text_layer, data, name, name=name, kind="PDF")
    warnings = layer.warnings
    page_texts = layer.page_texts
    dropped = layer.dropped
    repeated = repeated_edge_lines([[t for t in p if t.strip()] for p in page_texts])
    if repeated:
        page_texts = [[t for t in p if edge_key(t) not in repeated] for p in page_texts]
        warnings.append(msg("cv.headers_removed"))
    if layer.two_column:
        warnings.append(msg("cv.two_columns", pages=_pages(layer.two_column)))
    if dropped:
        warnings.append(msg("cv.glyphs_dropped", n=dropped))

    texts = ["\n".join(p) for p in page_texts]
    empty = [i for i, t in enumerate(texts) if letters_count(t) < PAGE_MIN_LETTERS]
    used_ocr = False
    if empty and ocr.ocr_enabled():
        used_ocr = _ocr_into(data, empty, texts, warnings, name)
    elif empty and len(empty) == len(texts):
        message = NO_TEXT_MESSAGE
        if dropped > 100:  # glyphs are there but their fonts map to no characters
            message = "This PDF's text cannot be extracted: its fonts carry no character mapping."
        raise NoTextLayer(message, hint=ocr.unavailable_hint())
    elif empty:
        warnings.append(msg("cv.no_text_layer", pages=_pages([i + 1 for i in empty])))
    text = clean_text("\n\n".join(t for t in texts if t.strip()), soft_hyphen_visible=True)
    return PdfText(text=text, pages=layer.pages, ocr=used_ocr, warnings=warnings)


def _count_pages(data: bytes, name: str) -> None:
    """Page count from pdfium (C, robust to loops): refuse a 500-page file before pdfminer walks it."""
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(data)
    except Exception:
        return  # pdfplumber says why it cannot be opened (password, damage) below
    try:
        count = len(document)
    finally:
        document.close()
    if count > limits.MAX_PAGES:
        raise limits.too_big(name, f"the number of pages ({count})", f"{limits.MAX_PAGES} pages")


#: literal and hex strings, roughly (escaped parentheses ignored): every match succeeds, so the scan is linear
_STRINGS = re.compile(rb"\([^)]*\)?|<[0-9A-Fa-f\s]*>?")


def _content_size(page: Any) -> tuple[int, int]:
    """(decoded bytes, bytes inside text strings) of a page's content streams: a page drawing
    1,000,000 characters needs megabytes of strings, and pdfminer would build a Python object for
    each before we could count them."""
    from pdfminer.pdftypes import resolve1

    total = strings = 0
    for stream in page.page_obj.contents:
        data = resolve1(stream)
        if hasattr(data, "get_data"):
            content = data.get_data()
            total += len(content)
            strings += sum(len(m) for m in _STRINGS.findall(content))
    return total, strings


def _is_memory_error(exc: BaseException) -> bool:
    """pdfplumber wraps whatever pdfminer raises, MemoryError included."""
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, MemoryError) or any(isinstance(a, MemoryError) for a in seen.args):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def _read_text_layer(data: bytes, name: str) -> _TextLayer:
    """Runs in the bounded child: the text of every page, in reading order."""
    import pdfplumber

    _count_pages(data, name)
    warnings: list[str] = []
    page_texts: list[list[str]] = []
    dropped = 0
    total_chars = 0
    two_column: list[int] = []
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
        pages = pdf.pages
        n_pages = len(pages)
    except Exception as exc:
        raise InvalidInput(
            f"This PDF could not be opened ({type(exc).__name__}).",
            hint="It may be damaged or password-protected: export it again without a password, "
            "or upload a DOCX/TXT version.",
        ) from None
    if n_pages > limits.MAX_PAGES:
        raise limits.too_big(name, f"the number of pages ({n_pages})", f"{limits.MAX_PAGES} pages")
    with pdf:
        for number, page in enumerate(pages, start=1):
            try:
                size, strings = _content_size(page)
            except Exception:
                size = strings = 0  # unreadable streams fail (and are reported) with the page below
            if strings > limits.MAX_PAGE_STRING_BYTES:
                raise limits.too_big(
                    name,
                    f"the text drawn on page {number} ({strings} bytes of strings)",
                    f"{limits.MAX_PAGE_STRING_BYTES} bytes",
                )
            if size > limits.MAX_PAGE_CONTENT_BYTES:
                raise limits.too_big(
                    name,
                    f"page {number}'s drawing instructions ({limits.size_text(size)})",
                    f"{limits.size_text(limits.MAX_PAGE_CONTENT_BYTES)}",
                )
            try:
                chars = dedupe(page.chars)
                width = float(page.width)
            except Exception as exc:  # a broken page should not lose the others
                if _is_memory_error(exc):
                    raise MemoryError from None
                log.warning("page %s unreadable: %s", number, exc)
                warnings.append(msg("cv.page_skipped", n=number))
                page_texts.append([])
                continue
            total_chars += len(chars)
            if total_chars > limits.MAX_TEXT_CHARS:
                raise limits.too_big(
                    name,
                    f"the text up to page {number} ({total_chars} characters)",
                    f"{limits.MAX_TEXT_CHARS} characters",
                )
            good = [c for c in chars if not is_garbage_char(c)]
            dropped += len(chars) - len(good)
            lines = page_lines(good)
            gutter = find_gutter(lines, width)
            if gutter is not None:
                two_column.append(number)
            ordered = reading_order(lines, gutter)
            page_texts.append(lines_to_text(ordered).split("\n"))
    return _TextLayer(page_texts, n_pages, dropped, two_column, warnings)


def _ocr_into(data: bytes, empty: list[int], texts: list[str], warnings: list[str], name: str) -> bool:
    """OCR the pages without text into ``texts``; True when at least one page was read."""
    todo = empty[: ocr.MAX_OCR_PAGES]
    seconds = limits.PARSE_SECONDS + ocr.OCR_SECONDS  # rendering the pages, then Tesseract's budget
    read = limits.run_bounded(ocr.ocr_pdf_pages, data, todo, name=name, kind="PDF", seconds=seconds)
    for index, page_text in read.items():
        texts[index] = page_text
    pages = _pages([i + 1 for i in read])
    if len(read) < len(empty):
        warnings.append(msg("cv.ocr_partial", pages=pages, more=len(empty) - len(read)))
    else:
        warnings.append(msg("cv.ocr_read", pages=pages))
    return bool(read)


def _pages(numbers: list[int]) -> str:
    return ", ".join(str(n) for n in numbers)
