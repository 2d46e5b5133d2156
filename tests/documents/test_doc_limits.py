"""The child process that bounds parsing: each way a parser can go wrong ends as a clear error."""

from __future__ import annotations

import os
import signal
import time

import pytest

from jobapp.documents import limits, ocr
from jobapp.documents.limits import LimitExceeded, run_bounded
from jobapp.documents.pdf import reference_cycle
from jobapp.documents.word import check_package, scan_xml
from jobapp.errors import InvalidInput

pytestmark = pytest.mark.skipif(not limits.can_fork(), reason="the bounded child needs fork (Linux)")


def _sleep_forever() -> None:
    while True:
        time.sleep(0.05)


def _allocate_gigabytes() -> bytes:
    return b"x" * (3 * 1024**3)


def _recurse(n: int = 0) -> int:
    return _recurse(n + 1) + 1


def _die() -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def _parser_bug() -> None:
    raise KeyError("/MediaBox")


def _clear_error() -> None:
    raise InvalidInput("cv.pdf: this PDF is damaged.", hint="Export it again.")


def test_value_comes_back_from_the_child():
    assert run_bounded(sorted, [3, 1, 2], name="cv.pdf", kind="PDF") == [1, 2, 3]


def test_a_hang_becomes_a_time_limit_error_naming_the_file():
    started = time.monotonic()
    with pytest.raises(
        LimitExceeded, match=r"cv\.pdf: reading this PDF took longer than the limit of 1 seconds"
    ):
        run_bounded(_sleep_forever, name="cv.pdf", kind="PDF", seconds=1)
    assert time.monotonic() - started < 5


def test_runaway_memory_becomes_a_memory_limit_error():
    with pytest.raises(LimitExceeded, match=r"cv\.docx: .*more than the limit of 200 MB of memory"):
        run_bounded(_allocate_gigabytes, name="cv.docx", kind="Word file", budget=200 * 1024**2)


def test_deep_recursion_is_a_clear_error():
    with pytest.raises(InvalidInput, match="nested too deeply"):
        run_bounded(_recurse, name="cv.pdf", kind="PDF")


def test_a_killed_child_is_a_clear_error():
    with pytest.raises(InvalidInput, match="stopped unexpectedly"):
        run_bounded(_die, name="cv.pdf", kind="PDF")


def test_a_parser_exception_is_reported_as_an_unreadable_file():
    with pytest.raises(InvalidInput, match=r"cv\.pdf: this PDF could not be read \(KeyError\)"):
        run_bounded(_parser_bug, name="cv.pdf", kind="PDF")


def test_the_childs_own_clear_error_passes_through_unchanged():
    with pytest.raises(InvalidInput) as caught:
        run_bounded(_clear_error, name="cv.pdf", kind="PDF")
    assert caught.value.message == "cv.pdf: this PDF is damaged." and caught.value.hint == "Export it again."


def test_ocr_bitmap_stays_under_the_pixel_cap():
    a4 = ocr.render_scale(595, 842)
    assert a4 == pytest.approx(300 / 72)  # a normal page keeps 300 dpi
    for width, height in [(14400, 14400), (14400, 1), (1e6, 1e6)]:
        scale = ocr.render_scale(width, height)
        assert width * height * scale * scale <= limits.MAX_OCR_PIXELS * 1.001


def test_reference_cycles_are_found_without_quadratic_regex():
    assert reference_cycle(b"4 0 obj 4 0 R endobj")
    assert reference_cycle(b"4 0 obj\n5 0 R\nendobj\n5 0 obj 6 0 R endobj 6 0 obj 4 0 R endobj")
    assert not reference_cycle(b"4 0 obj 5 0 R endobj 5 0 obj [0 0 595 842] endobj")
    started = time.monotonic()
    assert not reference_cycle(b"9" * 2_000_000 + b" 0 obj")
    assert time.monotonic() - started < 2


def test_docx_checks_name_the_file_and_the_limit():
    import io
    import zipfile

    def docx(xml: str) -> bytes:
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
            z.writestr("word/document.xml", xml)
        return buf.getvalue()

    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    span = f'<w:document {w}><w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val="999999999"/></w:tcPr></w:tc></w:tr></w:tbl></w:document>'
    with pytest.raises(
        LimitExceeded, match=r"moi\.docx: a table gridSpan of 999999999 columns is over the limit of 64"
    ):
        scan_xml(docx(span), "moi.docx")
    bomb = docx("<a>" + " " * (limits.MAX_DOCX_UNCOMPRESSED + 10) + "</a>")
    assert len(bomb) < 1_000_000
    with pytest.raises(LimitExceeded, match=r"moi\.docx: its uncompressed size"):
        check_package(bomb, "moi.docx")
    laughs = f'<!DOCTYPE d [<!ENTITY a "aaaa">]><w:document {w}>&a;</w:document>'
    with pytest.raises(InvalidInput, match="entities or a DTD"):
        scan_xml(docx(laughs), "moi.docx")


def test_a_cv_path_is_never_read_past_the_size_limit(monkeypatch):
    from jobapp.documents import read_cv_path

    monkeypatch.setattr(limits, "MAX_FILE_BYTES", 1024)
    started = time.monotonic()
    with pytest.raises(LimitExceeded, match=r"zero: the file size \(1 KB\) is over the limit of 1 KB"):
        read_cv_path("/dev/zero")  # endless: reading it whole would never return
    assert time.monotonic() - started < 2
