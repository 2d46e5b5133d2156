"""Step 1 — collect offers from a file, a URL, pasted text or a board search.

Params read: ``offers_file`` (path), ``offers_upload`` (an offers file the web page kept under the
data folder, shown as ``offers_file_name``), ``offers_text`` (a pasted offer), ``offer_url``, ``search``
({query, boards, location, radius_km, count, contract, max_age_days}). Each source is independent: one
failing is logged and the others still land. A long file import reports its progress chunk by chunk.
"""

from __future__ import annotations

import gc
import re
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from jobapp import config
from jobapp.domain import Offer
from jobapp.errors import InvalidInput, JobAppError, SourceError
from jobapp.messages import error_message, msg
from jobapp.sources.dedup import fingerprint
from jobapp.sources.dedup_plan import MergePlan, Slot, plan_batch
from jobapp.steps.base import StepContext, StepResult
from jobapp.store import db, repo

STEP = "collect"


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector during bulk work on offers.

    Tens of thousands of new long-lived objects (offers, fingerprints, rows) make it scan the whole
    heap again and again, a sixth of a large import's time; reference counting still frees all the
    work drops. Another thread's import ending first may turn it back on: that only costs speed."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def read_offers_path(path: str | Path, name: str = "") -> tuple[list[Offer], list[str]]:
    """The offers of a CSV/JSON file and the reader's warnings; ``name`` is what messages call it."""
    from jobapp.sources.files import read_offers_file

    p = Path(path)
    if not p.is_file():
        raise InvalidInput(
            f"Offers file not found: {p}.", hint="Give the path of a CSV or JSON file of offers."
        )
    with _gc_paused():
        result = read_offers_file(p.read_bytes(), name or p.name)
    return result.offers, list(result.warnings)


#: Offers written per transaction by :func:`store_offers`: the unit of progress of a long import,
#: and short enough that the run's log (another connection) is never kept waiting for SQLite's lock.
CHUNK = 1000


def upsert_offers(s: Session, offers: Iterable[Offer], detail: str = "") -> repo.UpsertResult:
    """Store offers in ``s``; one already known (same URL, board id or near-identical text with the
    same title) is merged, not doubled. Every offer is recorded as a sighting of ``detail``."""
    result = repo.UpsertResult()
    _write(s, plan_offers(s, list(offers)), detail, result)
    return result


def store_offers(
    offers: list[Offer], detail: str, progress: Callable[[int, int], None] | None = None
) -> repo.UpsertResult:
    """:func:`upsert_offers` in transactions of :data:`CHUNK` rows; ``progress(rows written, rows)``
    after each. A batch interrupted half way is merged, not doubled, when imported again."""
    with _gc_paused():
        with db.session() as s:
            slots = plan_offers(s, offers)
        result = repo.UpsertResult()
        for start in range(0, len(slots), CHUNK):
            with db.session() as s:
                _write(s, slots[start : start + CHUNK], detail, result)
            if progress is not None:
                progress(min(start + CHUNK, len(slots)), len(slots))
    return result


def plan_offers(s: Session, offers: list[Offer]) -> list[Slot]:
    """Look up in bulk what the batch may meet in the store, then decide (pure: :func:`plan_batch`)."""
    keys = [fingerprint(o).keys for o in offers]
    stored_keys = repo.offer_ids_by_keys(s, set().union(*keys))
    # Title candidates only for offers no key recognised: a re-import then reads almost nothing more.
    titles = {
        MergePlan.title_key(o.title)
        for o, ks in zip(offers, keys, strict=True)
        if o.title and stored_keys.keys().isdisjoint(ks)
    }
    stored = repo.offers_for_merge(s, stored_keys.values(), titles)
    return plan_batch(offers, stored, stored_keys)


def _write(s: Session, slots: list[Slot], detail: str, result: repo.UpsertResult) -> None:
    """Write planned slots in bulk: merged offers updated, new ones inserted, keys and sightings."""
    known = [slot.row_id for slot in slots if slot.row_id is not None]
    enriched = [
        slot.offer.model_copy(update={"id": slot.row_id}) for slot in slots if slot.row_id and slot.changed
    ]
    repo.update_offers(s, enriched)
    fresh = [slot for slot in slots if slot.row_id is None]
    new_ids = repo.insert_offers(s, [slot.offer for slot in fresh])
    for slot, row_id in zip(fresh, new_ids, strict=True):
        slot.row_id = row_id
    result.merged.extend(known)
    result.new.extend(new_ids)
    placed = [(slot, slot.row_id) for slot in slots if slot.row_id is not None]  # every slot now
    repo.add_offer_keys(s, [(key, row_id) for slot, row_id in placed for key in slot.new_keys])
    repo.add_sightings(s, [(row_id, source) for slot, row_id in placed for source in slot.sources], detail)


def _from_params(ctx: StepContext) -> list[tuple[str, Any]]:
    p = ctx.params
    todo: list[tuple[str, Any]] = []
    if p.get("offers_file"):
        todo.append(("file", p["offers_file"]))
    if p.get("offers_upload"):
        todo.append(("upload", p["offers_upload"]))
    if p.get("offers_text"):
        todo.append(("paste", p["offers_text"]))
    if p.get("offer_url"):
        todo.append(("url", p["offer_url"]))
    if p.get("search"):
        todo.append(("search", p["search"]))
    return todo


_COUNT_LINE = re.compile(r": \d+ offer\(s\)$")  # a board's "name: N offer(s)" line, not a failure
_UPLOAD_NAME = re.compile(r"offers-[0-9a-f]{32}")  # as the web API names what it keeps


def _import_file(kind: str, value: str, ctx: StepContext, key: str) -> repo.UpsertResult:
    if kind == "upload":
        if not _UPLOAD_NAME.fullmatch(value):
            raise InvalidInput(f"{value!r} is not an offers file uploaded through the web page.")
        path, label = config.data_path("uploads", value), ctx.params.get("offers_file_name") or value
    else:
        path, label = Path(value), Path(value).name
    offers, warnings = read_offers_path(path, str(label))
    for w in warnings:
        ctx.log(STEP, w, level="warning")
    return store_offers(offers, detail=str(label)[:200], progress=_chunk_progress(ctx, key))


def _chunk_progress(ctx: StepContext, key: str) -> Callable[[int, int], None]:
    """Progress of an import longer than one chunk: each chunk written is a log line and a step item
    (what the web page's progress bar counts); the source's own item, marked when it ends, is the last."""
    chunks = 0

    def report(done: int, total: int) -> None:
        nonlocal chunks
        chunks += 1
        if total > CHUNK:
            ctx.mark_done(STEP, f"{key}#{chunks}")
            ctx.log(
                STEP,
                msg("collect.chunk_stored", done=done, total=total),
                done=chunks,
                total=-(-total // CHUNK) + 1,
            )

    return report


def collect_one(kind: str, value: Any, ctx: StepContext, key: str = "") -> repo.UpsertResult:
    if kind in ("file", "upload"):
        return _import_file(kind, value, ctx, key or kind)
    if kind == "paste":
        from jobapp.models.registry import get_llm
        from jobapp.sources.paste import offer_from_text

        return store_offers([offer_from_text(value, llm=get_llm())], detail="pasted text")
    if kind == "url":
        from jobapp.sources.url import resolve_url

        found = resolve_url(value)
        if isinstance(found, Offer):
            return store_offers([found], detail=value)
        ctx.log(STEP, msg("collect.search_url", boards=", ".join(found.boards), query=found.query))
        kind, value = "search", found.as_kwargs()
    if kind == "search":
        from jobapp.sources.boards import search_boards

        logged: set[str] = set()  # each board's line is logged once: live, or after the search

        def report(line: str) -> None:
            logged.add(line)
            ctx.log(STEP, line, level="info" if _COUNT_LINE.search(line) else "warning")

        result = search_boards(**value, progress=report)
        for message in result.messages():
            if message not in logged:
                report(message)
        if not result.offers and result.errors:  # the reasons are the board lines just logged
            raise SourceError(msg("collect.no_board_offers"))
        return store_offers(result.offers, detail=f"search {value.get('query', '')!r}")
    raise InvalidInput(f"Unknown offer source {kind!r}.")


def run(ctx: StepContext) -> StepResult:
    todo = _from_params(ctx)
    if not todo:
        with db.session() as s:
            n = len(repo.list_offers(s))
        ctx.log(STEP, msg("collect.nothing_new", n=n))
        return StepResult(items=0, message=msg("collect.stored", n=n))
    new = merged = failed = 0
    for i, (kind, value) in enumerate(todo, 1):
        key = f"{kind}:{value if isinstance(value, str) else sorted(value.items())}"[:100]
        if ctx.is_done(STEP, key):
            continue
        try:
            res = collect_one(kind, value, ctx, key)
        except JobAppError as exc:
            failed += 1
            ctx.mark_failed(STEP, key, str(exc))
            failure = msg("collect.source_failed", kind=msg(f"source.{kind}"), error=error_message(exc))
            ctx.log(STEP, failure, level="error", done=i, total=len(todo))
            continue
        new += len(res.new)
        merged += len(res.merged)
        ctx.mark_done(STEP, key)
        # One source alone keeps the total its own progress gave (chunks of a long import).
        several = len(todo) > 1
        message = msg(
            "collect.source_done", kind=msg(f"source.{kind}"), new=len(res.new), merged=len(res.merged)
        )
        ctx.log(STEP, message, done=i if several else None, total=len(todo) if several else None)
    if failed == len(todo):
        raise InvalidInput(msg("collect.none_collected"), hint=msg("collect.see_log"))
    return StepResult(
        items=new + merged,
        failed=failed,
        message=msg("collect.summary", new=new, merged=merged),
        data={"new": new, "merged": merged},
    )
