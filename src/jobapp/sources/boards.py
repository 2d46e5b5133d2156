"""Job-board searches: one query, several boards in parallel, one merged list of offers.

Each board (:mod:`jobapp.sources.board`: JobSpy's HelloWork, Indeed, LinkedIn... or a plugged-in
one) runs in its own thread, so one slow or blocked board never hides the others' offers. A failure
becomes a message for that board saying what happened and what the user can do; a board that
answers with nothing says "no offers found" — never a silent empty list.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, as_completed
from concurrent.futures import TimeoutError as FuturesTimeout

from jobapp.domain import Offer
from jobapp.errors import InvalidInput
from jobapp.sources import board_errors, jobspy_boards  # noqa: F401  (registers JobSpy's boards)
from jobapp.sources.board import BOARDS, SEARCH_CONTRACTS, BoardAnswer, BoardQuery, board_name
from jobapp.sources.dedup import dedupe
from jobapp.sources.results import SearchResult
from jobapp.sources.text import normalise_contract

__all__ = ["BOARDS", "MAX_PER_BOARD", "board_name", "explain_failure", "search_boards"]

#: Most offers asked from one board in one search (politeness, and boards block big scrapes).
MAX_PER_BOARD = 100
#: Seconds a whole board search may take before we stop waiting for it.
BOARD_TIMEOUT = 300.0
_JOBSPY_LOG = logging.getLogger("jobspy")

# Labels an offer may carry and still match a requested contract (boards merge stage/alternance, cdd/intérim).
_COMPATIBLE = {
    "cdi": {"cdi"}, "temps plein": {"temps plein", "cdi"}, "cdd": {"cdd"}, "intérim": {"cdd", "intérim"},
    "stage": {"stage", "alternance"}, "alternance": {"stage", "alternance"}, "freelance": {"freelance"},
    "temps partiel": {"temps partiel"},
}  # fmt: skip


def explain_failure(board: str, raw: BaseException | str) -> str:
    """A board's raw error -> one sentence: what failed and what the user can do."""
    return board_errors.explain(board, raw)


def search_boards(
    query: str,
    boards: list[str] | tuple[str, ...] = ("hellowork",),
    location: str | None = None,
    radius_km: int | None = None,
    count: int = 20,
    contract: str | None = None,
    max_age_days: int | None = None,
    *,
    country: str = "france",
    fetch_description: bool = True,
    board_timeout: float = BOARD_TIMEOUT,
    progress: Callable[[str], None] | None = None,
) -> SearchResult:
    """Search several boards in parallel; up to ``count`` offers per board (capped at MAX_PER_BOARD).

    ``contract`` (cdi, cdd, intérim, stage, alternance, freelance, temps plein, temps partiel) is sent
    to the boards and re-checked on the results; ``max_age_days`` limits the postings' age;
    ``radius_km`` the distance from ``location``; ``country`` is for the boards that need one.
    ``progress`` is called with one line per board as soon as that board is done (for live logs).
    """
    names = list(dict.fromkeys(board_name(b) for b in (boards or ())))
    asked = _validated(query, names, count, contract, max_age_days)
    notices: dict[str, list[str]] = {name: [] for name in names}
    if count > MAX_PER_BOARD:
        for name in names:
            notices[name].append(
                f"asked for {count} offers, capped at {MAX_PER_BOARD} per board (politeness)."
            )
    asked = BoardQuery(
        asked.query, location, radius_km, min(count, MAX_PER_BOARD), asked.contract, max_age_days,
        country, fetch_description,
    )  # fmt: skip
    chosen = [BOARDS[name]() for name in names]
    for board in chosen:
        board.check(asked)
    _quiet_jobspy()
    result = SearchResult(offers=[], notices=notices)
    per_board: dict[str, list[Offer]] = {}
    executor = ThreadPoolExecutor(max_workers=len(chosen), thread_name_prefix="board")
    futures = {executor.submit(board.search, asked): board.name for board in chosen}
    try:
        for future in as_completed(futures, timeout=board_timeout):
            name = futures[future]
            per_board[name] = _collect(result, name, future.result(), asked)
            if progress:
                progress(result.errors.get(name) or f"{name}: {len(per_board[name])} offer(s)")
    except FuturesTimeout:
        for future, name in futures.items():
            if not future.done():
                result.errors[name] = explain_failure(name, TimeoutError(f"{board_timeout:.0f} s"))
                result.counts[name] = 0
    finally:
        executor.shutdown(wait=False, cancel_futures=True)  # a stuck board's thread ends on its own timeout
    result.offers = dedupe(o for name in names for o in per_board.get(name, []))
    result.notices = {k: v for k, v in result.notices.items() if v}
    return result


def _validated(
    query: str, names: list[str], count: int, contract: str | None, max_age_days: int | None
) -> BoardQuery:
    """The user's search checked once for every board (count and boards' own limits come after)."""
    if not query or not query.strip():
        raise InvalidInput(
            "The search has no keywords.", hint="Give a job title or skills, e.g. 'data analyst'."
        )
    if not names:
        raise InvalidInput("No job board chosen.", hint=f"Choose among: {', '.join(BOARDS)}.")
    if count < 1:
        raise InvalidInput(f"count must be at least 1 (got {count}).", hint="Ask for 10 to 50 offers.")
    wanted = normalise_contract(contract).split(", ")[0] if contract else ""
    if contract and wanted not in SEARCH_CONTRACTS:
        raise InvalidInput(
            f"Unknown contract {contract!r}.", hint=f"Use one of: {', '.join(SEARCH_CONTRACTS)}."
        )
    if max_age_days is not None and max_age_days < 1:
        raise InvalidInput(
            f"max_age_days must be at least 1 (got {max_age_days}).", hint="E.g. 7 for the last week."
        )
    return BoardQuery(query.strip(), contract=wanted)


def _quiet_jobspy() -> None:
    # JobSpy logs each failure itself; we report them in SearchResult.errors, so without an app
    # logging setup they must not also be printed raw on stderr (logging's last-resort handler).
    if not any(isinstance(h, logging.NullHandler) for h in _JOBSPY_LOG.handlers):
        _JOBSPY_LOG.addHandler(logging.NullHandler())


def _collect(result: SearchResult, name: str, answer: BoardAnswer, asked: BoardQuery) -> list[Offer]:
    """One board's answer -> its offers (contract re-checked); errors, notices and count into ``result``."""
    offers, notes = answer.offers, result.notices[name]
    if asked.contract:
        kept = [
            o for o in offers if not o.contract or _COMPATIBLE[asked.contract] & set(o.contract.split(", "))
        ]
        if len(kept) < len(offers):
            notes.append(f"{len(offers) - len(kept)} offer(s) dropped: contract is not {asked.contract}.")
        offers = kept
    notes.extend(answer.warnings)
    if answer.error:
        result.errors[name] = explain_failure(name, answer.error)
        if offers:
            notes.append(f"{len(offers)} offer(s) found before the failure are kept.")
    elif not offers:
        where = f" near {asked.location}" if asked.location else ""
        notes.append(f"no offers found for '{asked.query}'{where}.")
    result.counts[name] = len(offers)
    return offers
