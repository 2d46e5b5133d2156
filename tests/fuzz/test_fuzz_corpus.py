"""The generated hostile-file corpus: every file is read or refused with a clear error, quickly.

At least 300 cases run here (the named attack files and seeded mutants); ``bench/fuzz_files.py``
runs thousands with memory measured per case.
"""

from __future__ import annotations

import time

import pytest
from hostile_files import Case, cases, mutants

from jobapp.documents import read_cv
from jobapp.documents.limits import LimitExceeded
from jobapp.errors import InvalidInput, JobAppError
from jobapp.sources.files import read_offers_file

CI_MUTANTS = 200
CORPUS = list(cases(CI_MUTANTS, seed=15))
#: a case may take the 5 s deadline plus the fork and the clean-up, never more
MAX_SECONDS = 12.0


# The reported faults, each with the error it must now give.
REFUSED = {
    "pdf_mediabox_self_reference": (InvalidInput, "refers to itself"),
    "pdf_mediabox_reference_cycle": (InvalidInput, "refers to itself"),
    "pdf_million_chars_one_page": (LimitExceeded, "page 1"),
    "pdf_chars_in_hex_strings": (LimitExceeded, "page 1"),
    "pdf_2000_pages": (LimitExceeded, "30 pages"),
    "pdf_flate_bomb_content": (LimitExceeded, "MB"),
    "pdf_nested_form_bomb": (LimitExceeded, "seconds"),
    "docx_gridspan_999999999": (LimitExceeded, "gridSpan"),
    "docx_gridbefore_huge": (LimitExceeded, "gridBefore"),
    "docx_200000_paragraphs": (LimitExceeded, "paragraphs"),
    "docx_30000_empty_cells": (LimitExceeded, "table cells"),
    "docx_zip_bomb_declared": (LimitExceeded, "uncompressed size"),
    "docx_zip_bomb_xml_part": (LimitExceeded, "word/document.xml"),
    "docx_zip_bomb_lying_size": (InvalidInput, "cv.docx"),
    "docx_billion_laughs": (InvalidInput, "entities"),
    "docx_external_entity": (InvalidInput, "entities"),
    "docx_tables_nested_60_deep": (LimitExceeded, "nesting of tables"),
    "docx_10000_members": (LimitExceeded, "number of parts"),
    "docx_one_paragraph_5mb": (LimitExceeded, "characters"),
    "txt_5mb_one_letter": (LimitExceeded, "characters"),
    "offers_json_nested_lists": (InvalidInput, "nested too deeply"),
    "offers_json_nested_objects": (InvalidInput, "nested too deeply"),
    "offers_json_nested_in_field": (InvalidInput, "nested too deeply"),
}


def _read(case: Case) -> object:
    if case.kind == "cv":
        return read_cv(case.data, case.filename)
    return read_offers_file(case.data, case.filename)


def test_corpus_is_large_enough_and_deterministic():
    assert len(CORPUS) >= 300
    assert len({c.name for c in CORPUS}) == len(CORPUS)
    again = [c.data for c in mutants(CI_MUTANTS, seed=15)]
    assert again == [c.data for c in CORPUS[-CI_MUTANTS:]]
    assert [c.data for c in mutants(CI_MUTANTS, seed=16)] != again


# The reported faults (below) are checked for their exact error, the rest for any clear outcome.
GENERIC = [c for c in CORPUS if c.name not in REFUSED]


@pytest.mark.parametrize("case", GENERIC, ids=[c.name for c in GENERIC])
def test_hostile_file_is_read_or_refused_clearly(case, fuzz_limits):
    started = time.monotonic()
    try:
        _read(case)
    except JobAppError as exc:
        assert exc.message.strip(), "an error must say what happened"
    assert time.monotonic() - started < MAX_SECONDS


BY_NAME = {c.name: c for c in CORPUS}


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_reported_fault_gives_its_clear_error(name, fuzz_limits):
    error, words = REFUSED[name]
    case = BY_NAME[name]
    with pytest.raises(error) as caught:
        _read(case)
    message = str(caught.value)
    assert words in message
    if case.kind == "cv" and name != "txt_5mb_one_letter":
        assert case.filename in message, "the error names the file"


# The offer-file faults that crashed: each file is now imported, with the bad value neutralised.
@pytest.mark.parametrize(
    "name",
    [
        "offers_utf16_odd_bytes",
        "offers_json_5000_digit_integer",
        "offers_json_5000_digit_salary",
        "offers_json_salary_1e400",
        "offers_json_salary_nan_infinity",
        "offers_csv_salary_1e400",
        "offers_json_lone_surrogates",
        "offers_json_surrogate_in_nested",
        "offers_malformed_url_0",
        "offers_csv_malformed_url",
    ],
)
def test_reported_offer_fault_imports_cleanly(name):
    from jobapp.domain import text_hash

    result = read_offers_file(BY_NAME[name].data, BY_NAME[name].filename)
    assert result.offers
    for offer in result.offers:
        text_hash(offer.full_text())  # UTF-8 encodable: no lone surrogate left
        assert "inf" not in offer.salary.lower() and "nan" not in offer.salary.lower()
        if offer.url:
            from urllib.parse import urlsplit

            assert urlsplit(offer.url).port is None or urlsplit(offer.url).port < 65536


def test_malformed_url_is_dropped_with_a_warning():
    result = read_offers_file(BY_NAME["offers_malformed_url_0"].data, "o.json")
    assert result.offers[0].url == ""
    assert any("malformed" in w and "http://[x" in w for w in result.warnings)


def test_valid_files_of_the_corpus_are_read():
    assert "Python" in read_cv(BY_NAME["pdf_valid"].data, "cv.pdf").text
    assert "Django | Confirme" in read_cv(BY_NAME["docx_valid"].data, "cv.docx").text
    assert len(read_offers_file(BY_NAME["offers_valid_csv"].data, "o.csv").offers) == 2
