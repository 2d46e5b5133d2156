"""Limits every CV file is read under, and the child process that enforces time and memory.

Parsers of PDF and DOCX are large third-party code fed with files from anyone: a 654-byte PDF whose
MediaBox refers to itself made pdfminer spin forever, a 1 KB DOCX with ``gridSpan=999999999`` made
python-docx build a 6.9 GB table grid. Cheap checks run before each expensive call (page counts,
declared zip sizes, table spans, bitmap pixels), and the parsing itself runs in a forked child with
an address-space limit and a deadline, so whatever the checks miss ends as a clear error instead of
a hung worker or an exhausted machine.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import resource
import sys
import time
from collections.abc import Callable
from typing import Any, TypeVar

from jobapp.errors import InvalidInput, JobAppError

log = logging.getLogger(__name__)

T = TypeVar("T")

#: bytes of a CV file: a real CV is a few hundred KB, a scanned one a few MB
MAX_FILE_BYTES = 20 * 1024 * 1024
#: pages of a PDF: a CV has 1-4; a thesis attached by mistake should fail fast, not block a worker
MAX_PAGES = 30
#: characters kept from a document (a 10-page CV is ~40,000)
MAX_TEXT_CHARS = 400_000
#: decoded content-stream bytes of one PDF page (text-heavy CV pages use ~50 KB)
MAX_PAGE_CONTENT_BYTES = 4 * 1024 * 1024
#: bytes inside the text strings of one page (a dense CV page draws ~5,000 characters)
MAX_PAGE_STRING_BYTES = 200_000
#: sum of the uncompressed sizes a DOCX declares (zip bombs), and of one XML part
MAX_DOCX_UNCOMPRESSED = 100 * 1024 * 1024
MAX_DOCX_XML_PART = 25 * 1024 * 1024
#: members of a DOCX zip (Word writes ~15-40)
MAX_DOCX_MEMBERS = 2_000
#: paragraphs and table cells of a DOCX
MAX_PARAGRAPHS = 20_000
MAX_TABLE_CELLS = 20_000
#: Word allows 63 columns; a larger gridSpan only exists to blow up the table grid
MAX_GRID_SPAN = 64
#: tables inside tables
MAX_TABLE_NESTING = 8
#: bitmap pixels rendered for OCR (A4 at 300 dpi is 8.7 million, A3 17.4 million)
MAX_OCR_PIXELS = 20_000_000
#: memory a parse may add on top of the process it starts from
MEMORY_BUDGET_BYTES = 768 * 1024 * 1024
#: wall time of parsing one file (OCR has its own per-page timeout)
PARSE_SECONDS = 20.0


class LimitExceeded(InvalidInput):
    """A file is beyond what a CV or an offer file can be (size, pages, time, memory)."""

    code = "limit_exceeded"
    status = 413


def too_big(name: str, what: str, limit: str, hint: str | None = None) -> LimitExceeded:
    """The error for a file past a limit, naming the file, what was counted and the limit."""
    return LimitExceeded(
        f"{name}: {what} is over the limit of {limit}.",
        hint=hint or "This is not a CV we can read: upload a shorter PDF, DOCX or TXT version.",
    )


def size_text(size: int) -> str:
    """'20 MB', '1.5 MB' or '900 KB' for messages."""
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.3g} MB"
    return f"{max(size, 1) / 1024:.3g} KB"


def display_name(filename: str, kind: str) -> str:
    """'cv.pdf' or 'This PDF' for messages."""
    return filename or f"This {kind}"


def _child(conn: Any, func: Callable[..., Any], args: tuple[Any, ...], budget: int, seconds: float) -> None:
    """Runs in the forked child: cap memory and CPU, run, send ('ok', value) or ('error', exc)."""
    try:
        vm = _current_vm_bytes()
        if vm:
            _lower_limit(resource.RLIMIT_AS, vm + budget)
        _lower_limit(resource.RLIMIT_CPU, int(seconds) + 5)
        result: tuple[str, Any] = ("ok", func(*args))
    except JobAppError as exc:
        result = ("error", exc)
    except MemoryError:
        result = ("memory", None)
    except RecursionError:
        result = ("recursion", None)
    except Exception as exc:  # a parser bug on a hostile file: reported as a damaged file
        log.warning("parser failed: %r", exc)
        result = ("failed", type(exc).__name__)
    try:
        conn.send(result)
    except Exception:  # the result itself could not be sent (memory): report that much
        conn.send(("memory", None))
    conn.close()


def _lower_limit(kind: int, value: int) -> None:
    """Set a resource limit, never above the one already imposed (a limit can only go down)."""
    _soft, hard = resource.getrlimit(kind)
    if hard != resource.RLIM_INFINITY:
        value = min(value, hard)
    resource.setrlimit(kind, (value, hard))


def _current_vm_bytes() -> int:
    try:
        with open("/proc/self/statm") as fh:
            return int(fh.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def can_fork() -> bool:
    """Linux forks cheaply and safely enough here; elsewhere parsing runs in-process (checks only)."""
    return sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods()


def run_bounded(
    func: Callable[..., T],
    *args: Any,
    name: str,
    kind: str,
    seconds: float | None = None,
    budget: int | None = None,
) -> T:
    """``func(*args)`` in a child process with a memory budget and a deadline.

    Every way it can fail becomes a :class:`JobAppError` naming the file: the child's own clear
    errors pass through unchanged; running out of time or memory, deep recursion or a parser crash
    become LimitExceeded / InvalidInput. ``func`` and its result must be picklable-free of handles.
    """
    seconds = PARSE_SECONDS if seconds is None else seconds
    budget = MEMORY_BUDGET_BYTES if budget is None else budget
    if not can_fork():
        return func(*args)
    ctx = multiprocessing.get_context("fork")
    receive, send = ctx.Pipe(duplex=False)
    process = ctx.Process(target=_child, args=(send, func, args, budget, seconds), daemon=True)
    started = time.monotonic()
    process.start()
    send.close()
    try:
        if not receive.poll(seconds):
            raise LimitExceeded(
                f"{name}: reading this {kind} took longer than the limit of {seconds:g} seconds.",
                hint="The file is too complex or damaged: export it again, or upload a DOCX/TXT version.",
            )
        try:
            status, value = receive.recv()
        except (EOFError, OSError):
            status, value = "died", process.exitcode
    finally:
        receive.close()
        if process.is_alive():
            process.kill()
        process.join(5)
    log.debug("%s parsed in %.2f s (%s)", name, time.monotonic() - started, status)
    if status == "ok":
        return value
    if status == "error":
        raise value
    if status == "memory":
        raise LimitExceeded(
            f"{name}: reading this {kind} needed more than the limit of {budget // (1024 * 1024)} MB of memory.",
            hint="The file is too complex or damaged: export it again, or upload a DOCX/TXT version.",
        )
    if status == "recursion":
        raise InvalidInput(
            f"{name}: this {kind} is nested too deeply to be read.",
            hint="It may be damaged or built to crash readers: export it again from its editor.",
        )
    if status == "died":
        raise InvalidInput(
            f"{name}: the {kind} reader stopped unexpectedly (exit code {value}).",
            hint="The file may be damaged: export it again, or upload a DOCX/TXT version.",
        )
    raise InvalidInput(
        f"{name}: this {kind} could not be read ({value}).",
        hint="It may be damaged: export it again from its editor, or upload a DOCX/TXT version.",
    )
