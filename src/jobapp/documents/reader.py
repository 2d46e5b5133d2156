"""Step 3 entry point: any CV file -> :class:`jobapp.domain.CvDocument`.

The format is decided by the bytes, never by the file name: users rename files, browsers send
``application/octet-stream``, and a ".pdf" that is really a text file should still be read while
a photo named "cv.pdf" must be refused with a useful message rather than parsed as garbage.
"""

from __future__ import annotations

import hashlib
import io
import zipfile
from pathlib import Path

from jobapp.documents import limits
from jobapp.documents.pdf import extract_pdf
from jobapp.documents.text import clean_text, decode_text, letters_count, looks_binary
from jobapp.documents.word import extract_docx
from jobapp.domain import CvDocument
from jobapp.errors import InvalidInput, UnsupportedFile
from jobapp.messages import msg

ACCEPTED = "Accepted formats: PDF, DOCX (Word) and plain text (TXT)."
#: fewer letters than this is not a CV (an empty template, a failed OCR, a cover page)
MIN_LETTERS = 40

_IMAGE_MAGIC = {
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"II*\x00": "a TIFF image",
    b"MM\x00*": "a TIFF image",
    b"RIFF": "a WebP image or other RIFF media",
}


def sniff_format(data: bytes) -> str:
    """'pdf', 'docx' or 'txt' from the content; raises UnsupportedFile for anything else."""
    if not data.strip():
        raise UnsupportedFile("The file is empty.", hint=ACCEPTED)
    if b"%PDF-" in data[:1024]:
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        return _sniff_zip(data)
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise UnsupportedFile(
            "This is an old Word (.doc) or other Office 97 file.",
            hint=f"Save it as DOCX or PDF and upload it again. {ACCEPTED}",
        )
    for magic, kind in _IMAGE_MAGIC.items():
        if data.startswith(magic):
            raise UnsupportedFile(
                f"This file is {kind}, not a CV document.",
                hint=f"{ACCEPTED} A scanned CV can be uploaded as a PDF (it is read by OCR).",
            )
    if data.lstrip().startswith(b"{\\rtf"):
        raise UnsupportedFile("This is an RTF file.", hint=f"Save it as DOCX, PDF or TXT. {ACCEPTED}")
    if looks_binary(data):
        raise UnsupportedFile("This file is not a document we can read (binary content).", hint=ACCEPTED)
    return "txt"


def _sniff_zip(data: bytes) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except Exception:  # BadZipFile, but also ValueError/OSError/NotImplementedError on crafted headers
        raise UnsupportedFile("This ZIP-based file is damaged.", hint=ACCEPTED) from None
    if "word/document.xml" in names:
        return "docx"
    if "content.xml" in names:
        raise UnsupportedFile(
            "This is an OpenDocument (LibreOffice) file.", hint=f"Save it as DOCX or PDF. {ACCEPTED}"
        )
    raise UnsupportedFile("This is a ZIP archive, not a CV document.", hint=ACCEPTED)


def read_cv(data: bytes, filename: str = "") -> CvDocument:
    """Turn the bytes of a CV file into clean text, whatever the extension says."""
    if len(data) > limits.MAX_FILE_BYTES:
        raise limits.too_big(
            filename or "This file",
            f"the file size ({limits.size_text(len(data))})",
            f"{limits.size_text(limits.MAX_FILE_BYTES)}",
        )
    kind = sniff_format(data)
    warnings: list[str] = []
    pages = 1
    used_ocr = False
    if kind == "pdf":
        pdf = extract_pdf(data, filename)
        text, pages, used_ocr = pdf.text, pdf.pages, pdf.ocr
        warnings.extend(pdf.warnings)
    elif kind == "docx":
        raw, warnings = extract_docx(data, filename)
        text = clean_text(raw)
    else:
        raw, encoding = decode_text(data)
        if len(raw) > limits.MAX_TEXT_CHARS:
            raise limits.too_big(
                filename or "This text file",
                f"its text ({len(raw)} characters)",
                f"{limits.MAX_TEXT_CHARS} characters",
            )
        if encoding not in ("utf-8", "utf-8-sig"):
            warnings.append(msg("cv.decoded_as", encoding=encoding))
        text = clean_text(raw)
    suffix = Path(filename).suffix.lower().lstrip(".")
    if suffix and suffix != kind and not (kind == "txt" and suffix in {"text", "md"}):
        warnings.append(msg("cv.wrong_suffix", suffix=suffix, kind=kind.upper()))
    if letters_count(text) < MIN_LETTERS:
        raise InvalidInput(
            f"This {kind.upper()} contains almost no readable text ({letters_count(text)} letters).",
            hint="Check that it is the right file; if it is a scan, upload a PDF with a text layer, a DOCX or a TXT.",
        )
    return CvDocument(
        filename=filename,
        format=kind,
        text=text,
        pages=pages,
        ocr=used_ocr,
        sha256=hashlib.sha256(data).hexdigest(),
        warnings=warnings,
    )


def read_cv_path(path: str | Path) -> CvDocument:
    """Read a CV from disk (the CLI's entry point)."""
    path = Path(path)
    try:
        with path.open("rb") as fh:  # at most one byte past the limit: /dev/zero or a 10 GB file stay out
            data = fh.read(limits.MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        raise InvalidInput(f"No such file: {path}", hint="Check the path of the CV file.") from None
    except IsADirectoryError:
        raise InvalidInput(f"{path} is a folder, not a file.", hint="Give the path of the CV file.") from None
    return read_cv(data, path.name)
