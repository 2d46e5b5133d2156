"""Fuzz bench: thousands of hostile CV and offer files, each read in its own capped child process.

    nice python bench/fuzz_files.py [--mutants 2000] [--seed 15] [--only NAME] [--out FILE]

The corpus comes from ``tests/fuzz/hostile_files.py`` (named attack files plus seeded mutants of
small valid files). Each case is read the way the app reads it (``read_cv`` for CVs,
``read_offers_file`` for offer files) in a forked child with a 1.5 GB address-space cap (so the
bench can never take the machine down) and is classified:

* ``ok``      - read, with text or offers;
* ``clear``   - refused with one of the app's own errors (a message saying what to do);
* ``crash``   - any other exception (a traceback a user would see);
* ``hang``    - took longer than 30 s (the child is killed at ``--kill`` seconds);
* ``memory``  - peak resident memory of the case (its children included) of 1 GB or more, or
  MemoryError / killed by the cap.

Prints one line per case that is not ok/clear, the counts by outcome, peak memory (max, p99) and
the slowest cases, and writes the same report to ``--out``. The acceptance bar: 0 crash, 0 hang,
0 memory, on at least 2,000 cases.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import select
import signal
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench"]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tests" / "fuzz"))

# The parsers are imported once here, not again in each forked case (the app imports them lazily).
import defusedxml.ElementTree  # noqa: E402, F401
import docx  # noqa: E402, F401
import pdfplumber  # noqa: E402, F401
import pypdfium2  # noqa: E402, F401
from hostile_files import Case, cases  # noqa: E402

from jobapp.documents import read_cv  # noqa: E402
from jobapp.errors import JobAppError  # noqa: E402
from jobapp.sources.files import read_offers_file  # noqa: E402

HANG_SECONDS = 30.0
MEMORY_LIMIT_MB = 1024
CAP_BYTES = 1536 * 1024 * 1024


def _read(case: Case) -> str:
    if case.kind == "cv":
        doc = read_cv(case.data, case.filename)
        return f"{len(doc.text)} chars"
    result = read_offers_file(case.data, case.filename)
    return f"{len(result.offers)} offers"


def _run_child(case: Case, write_fd: int) -> None:
    resource.setrlimit(resource.RLIMIT_AS, (CAP_BYTES, CAP_BYTES))
    try:
        detail = _read(case)
        outcome = "ok"
    except JobAppError as exc:
        outcome, detail = "clear", f"{type(exc).__name__}: {exc.message}"
    except MemoryError:
        outcome, detail = "memory", "MemoryError"
    except BaseException as exc:
        outcome, detail = "crash", f"{type(exc).__name__}: {exc}"
    os.write(write_fd, json.dumps({"outcome": outcome, "detail": detail[:300]}).encode())
    os._exit(0)


def run_case(case: Case, kill_after: float) -> dict[str, Any]:
    """One case in a forked child: outcome, seconds, peak RSS (MB) of the child and its children."""
    read_fd, write_fd = os.pipe()
    started = time.monotonic()
    pid = os.fork()
    if pid == 0:  # child
        os.close(read_fd)
        try:
            _run_child(case, write_fd)
        finally:
            os._exit(1)
    os.close(write_fd)
    chunks = []
    killed = False
    deadline = started + kill_after
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            os.kill(pid, signal.SIGKILL)
            killed = True
            break
        ready, _, _ = select.select([read_fd], [], [], left)
        if ready:
            chunk = os.read(read_fd, 65536)
            if not chunk:
                break
            chunks.append(chunk)
    os.close(read_fd)
    _, status, usage = os.wait4(pid, 0)
    seconds = time.monotonic() - started
    peak_mb = usage.ru_maxrss / 1024
    if killed:
        result = {"outcome": "hang", "detail": f"killed after {kill_after:g} s"}
    elif chunks:
        result = json.loads(b"".join(chunks))
    else:
        result = {
            "outcome": "memory" if os.WIFSIGNALED(status) else "crash",
            "detail": f"child status {status}",
        }
    if result["outcome"] in ("ok", "clear") and seconds > HANG_SECONDS:
        result = {"outcome": "hang", "detail": f"{seconds:.1f} s ({result['outcome']}: {result['detail']})"}
    if result["outcome"] in ("ok", "clear") and peak_mb >= MEMORY_LIMIT_MB:
        result = {"outcome": "memory", "detail": f"peak {peak_mb:.0f} MB ({result['detail']})"}
    return {"name": case.name, "seconds": seconds, "peak_mb": peak_mb, **result}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--mutants", type=int, default=2000, help="seeded mutants after the named cases")
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument("--only", default="", help="run only cases whose name contains this")
    parser.add_argument("--kill", type=float, default=60.0, help="seconds after which a case is killed")
    parser.add_argument("--out", default=str(ROOT / "bench" / "results" / "fuzz_files.txt"))
    args = parser.parse_args()

    started = time.monotonic()
    results = []
    lines: list[str] = []

    def say(line: str) -> None:
        print(line, flush=True)
        lines.append(line)

    for case in cases(args.mutants, args.seed):
        if args.only and args.only not in case.name:
            continue
        result = run_case(case, args.kill)
        results.append(result)
        if result["outcome"] not in ("ok", "clear"):
            say(
                f"{result['outcome'].upper():7} {case.name} ({len(case.data)} bytes, {result['seconds']:.1f} s, "
                f"{result['peak_mb']:.0f} MB): {result['detail']}"
            )
    counts = Counter(r["outcome"] for r in results)
    peaks = sorted(r["peak_mb"] for r in results)
    slowest = sorted(results, key=lambda r: -r["seconds"])[:8]
    biggest = sorted(results, key=lambda r: -r["peak_mb"])[:5]
    say("")
    say(
        f"fuzz_files: {len(results)} cases ({args.mutants} mutants, seed {args.seed}), "
        f"{time.monotonic() - started:.0f} s, python {platform.python_version()}, "
        f"OCR setting {os.environ.get('JOBAPP_OCR', 'auto')}"
    )
    say(
        "outcomes: "
        + ", ".join(f"{k} {counts.get(k, 0)}" for k in ("ok", "clear", "crash", "hang", "memory"))
    )
    if peaks:
        say(
            f"peak memory per case (child + its children): max {peaks[-1]:.0f} MB, "
            f"p99 {peaks[int(len(peaks) * 0.99) - 1]:.0f} MB, median {peaks[len(peaks) // 2]:.0f} MB"
        )
    say("slowest: " + ", ".join(f"{r['name']} {r['seconds']:.1f} s ({r['outcome']})" for r in slowest))
    say("largest: " + ", ".join(f"{r['name']} {r['peak_mb']:.0f} MB ({r['outcome']})" for r in biggest))
    clear_kinds = Counter(r["detail"].split(":")[0] for r in results if r["outcome"] == "clear")
    say("clear errors by class: " + ", ".join(f"{k} {v}" for k, v in clear_kinds.most_common()))
    # A parser exception caught at the child's boundary is reported as "could not be read (KeyError)":
    # a clear error for the user, but also a place where a more precise check could be written.
    caught = Counter(
        r["detail"].rsplit("(", 1)[-1].split(")")[0]
        for r in results
        if r["outcome"] == "clear" and "could not be read (" in r["detail"]
    )
    say(
        f"of which parser exceptions caught at the child boundary: {sum(caught.values())} "
        f"({', '.join(f'{k} {v}' for k, v in caught.most_common()) or 'none'})"
    )
    if args.out and not args.only:
        Path(args.out).write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
