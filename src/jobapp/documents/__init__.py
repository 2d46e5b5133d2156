"""CV files -> clean text (PDF, DOCX, TXT, OCR for scans) and anonymisation before any model sees it.

Public API::

    read_cv(data, filename="") -> CvDocument      # format decided by content
    read_cv_path(path) -> CvDocument
    anonymise(text, language=None) -> Anonymised  # from jobapp.documents.anonymise
"""

from __future__ import annotations

from jobapp.documents.anonymise import Anonymised, anonymise
from jobapp.documents.reader import ACCEPTED, read_cv, read_cv_path, sniff_format

__all__ = ["ACCEPTED", "Anonymised", "anonymise", "read_cv", "read_cv_path", "sniff_format"]
