"""Property-based fuzzing (hypothesis) of offer files, CV files and text extraction.

The properties are the promises made to a user who uploads anything: reading never raises
anything but the app's own errors, what is read can always be hashed and stored (valid UTF-8, no
infinite numbers), and text clean-up stays fast on adversarial text.
"""

from __future__ import annotations

import csv
import io
import json
import time
import unicodedata
from urllib.parse import urlsplit

from hostile_files import CV_TEXT, valid_docx, valid_pdf
from hypothesis import given, settings
from hypothesis import strategies as st

from jobapp.documents import read_cv
from jobapp.documents.text import clean_text, decode_text, letters_count, looks_binary
from jobapp.domain import text_hash
from jobapp.errors import JobAppError
from jobapp.sources.files import read_offers_file

FIELDS = ["title", "company", "location", "url", "description", "salary", "min_amount", "max_amount",
          "source_id", "date_posted", "Poste", "Missions", "Profil_Recherche", "weird\ud800", ""]  # fmt: skip

# JSON values as hostile as json.dumps allows: lone surrogates, huge ints, inf/nan, deep nesting
json_leaf = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**60), max_value=10**60)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(alphabet=st.characters(codec=None, exclude_categories=()), max_size=60)
    | st.sampled_from(["http://[x", "http://x:99999999", '=HYPERLINK("http://e")', "\x1b[2J", "1e400", "nan"])
)
json_values = st.recursive(
    json_leaf,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=20,
)
offer_records = st.dictionaries(st.sampled_from(FIELDS), json_values, max_size=8)


def _check_offers(data: bytes, filename: str) -> None:
    try:
        result = read_offers_file(data, filename)
    except JobAppError as exc:
        assert exc.message
        return
    for offer in result.offers:
        text_hash(offer.full_text())  # encodable: storable and hashable
        for value in offer.model_dump().values():
            if isinstance(value, str):
                value.encode("utf-8")
        assert "inf" not in offer.salary.lower()
        if offer.url:
            assert urlsplit(offer.url).port is None or urlsplit(offer.url).port < 65536  # parses


@settings(max_examples=80)
@given(st.lists(offer_records, max_size=6))
def test_json_offer_files_import_or_fail_clearly(records):
    data = json.dumps(records, allow_nan=True).encode("utf-8", "surrogatepass")
    _check_offers(data, "offers.json")


@settings(max_examples=100)
@given(
    st.lists(st.lists(st.text(max_size=30), min_size=1, max_size=6), max_size=8),
    st.sampled_from([",", ";", "\t"]),
)
def test_csv_offer_files_import_or_fail_clearly(rows, delimiter):
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=delimiter)
    writer.writerow(["title", "description", "url", "min_amount"])
    writer.writerows(rows)
    for encoding in ("utf-8", "utf-16", "cp1252"):
        try:
            data = buf.getvalue().encode(encoding, "surrogatepass")
        except UnicodeEncodeError:
            continue
        _check_offers(data, "offers.csv")


@settings(max_examples=150)
@given(st.binary(max_size=2000), st.sampled_from(["o.csv", "o.json", "o.jsonl", "o"]))
def test_arbitrary_bytes_as_offer_file(data, filename):
    _check_offers(data, filename)


def _check_cv(data: bytes, filename: str) -> None:
    try:
        doc = read_cv(data, filename)
    except JobAppError as exc:
        assert exc.message
        return
    doc.text.encode("utf-8")
    assert letters_count(doc.text) >= 40


def _mutate(base: bytes, edits: list[tuple[int, bytes]]) -> bytes:
    out = base
    for position, chunk in edits:
        at = position % (len(out) + 1)
        out = out[:at] + chunk + out[at + len(chunk) :]
    return out


edits = st.lists(
    st.tuples(st.integers(min_value=0), st.binary(min_size=1, max_size=12)), min_size=1, max_size=6
)


@settings(max_examples=40)
@given(edits)
def test_edited_pdf_is_read_or_refused_clearly(fuzz_limits, changes):
    _check_cv(_mutate(valid_pdf(), changes), "cv.pdf")


@settings(max_examples=40)
@given(edits)
def test_edited_docx_is_read_or_refused_clearly(fuzz_limits, changes):
    _check_cv(_mutate(valid_docx(), changes), "cv.docx")


@settings(max_examples=100)
@given(
    st.binary(max_size=3000),
    st.sampled_from([b"", b"%PDF-1.4\n", b"PK\x03\x04", b"\xff\xfe", CV_TEXT.encode()]),
)
def test_arbitrary_bytes_as_cv(fuzz_limits, data, prefix):
    _check_cv(prefix + data, "cv")


@settings(max_examples=200)
@given(st.binary(max_size=3000))
def test_decoding_never_raises(data):
    text, encoding = decode_text(data)
    assert isinstance(text, str) and encoding
    looks_binary(data)


@settings(max_examples=200)
@given(st.text(alphabet=st.characters(codec=None, exclude_categories=()), max_size=3000))
def test_clean_text_keeps_no_control_character(text):
    out = clean_text(text)
    assert all(c == "\n" or unicodedata.category(c) != "Cc" for c in out)
    assert "\n\n\n" not in out and out == out.strip()


# Small alphabets of the characters the clean-up regexes care about: where backtracking would hide.
regex_food = st.text(alphabet="aé -\n\t\u00ad(cid:1)•", min_size=1000, max_size=20_000)


@settings(max_examples=25)
@given(regex_food)
def test_clean_text_is_fast_on_adversarial_text(text):
    started = time.monotonic()
    clean_text(text, soft_hyphen_visible=True)
    assert time.monotonic() - started < 2.0
