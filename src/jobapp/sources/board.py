"""What a job board is to the app: a name and a ``search`` that turns one query into offers.

:func:`jobapp.sources.boards.search_boards` validates the user's query once, runs every chosen board
in its own thread and merges what they answer; a board only translates the query into its own
terms and its postings into :class:`~jobapp.domain.Offer` records. JobSpy's boards
(:mod:`jobapp.sources.jobspy_boards`) are one implementation; another source (an official API, a
company's careers feed) plugs in with :func:`register_board`, from a plugin module named in
``JOBAPP_PLUGINS``, without touching the rest.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

from jobapp.domain import Offer
from jobapp.errors import InvalidInput


@dataclass(frozen=True)
class BoardQuery:
    """One search, already validated: ``contract`` is one of our labels (or ""), ``count`` capped."""

    query: str
    location: str | None = None
    radius_km: int | None = None
    count: int = 20
    contract: str = ""
    max_age_days: int | None = None
    country: str = "france"
    fetch_description: bool = True


@dataclass
class BoardAnswer:
    """What one board gave: its offers, the failure that stopped it (the exception itself when there
    is one: its type and code say what happened) and what it warned about."""

    offers: list[Offer] = field(default_factory=list)
    error: BaseException | str | None = None
    warnings: list[str] = field(default_factory=list)


class Board(Protocol):
    name: str

    def check(self, query: BoardQuery) -> None:
        """Raise InvalidInput when this board cannot run ``query`` (before any board starts)."""

    def search(self, query: BoardQuery) -> BoardAnswer:
        """Run ``query``; a failure is returned in the answer, never raised."""


#: Contracts a search may ask for (our labels: :func:`jobapp.sources.text.normalise_contract`).
SEARCH_CONTRACTS = (
    "cdi",
    "cdd",
    "intérim",
    "stage",
    "alternance",
    "freelance",
    "temps plein",
    "temps partiel",
)

#: Registered boards by canonical name: the factory builds a fresh board per search (scrapers keep
#: per-search state such as their session and warnings).
BOARDS: dict[str, Callable[[], Board]] = {}
_ALIASES: dict[str, str] = {}


def register_board(name: str, factory: Callable[[], Board], aliases: tuple[str, ...] = ()) -> None:
    """Make a board searchable under ``name`` (and ``aliases``) everywhere: CLI, API, UI and runs."""
    BOARDS[name] = factory
    _ALIASES.update(dict.fromkeys(aliases, name))


def board_name(name: str) -> str:
    """Our canonical name of a board, or InvalidInput listing the valid ones."""
    key = (name or "").strip().lower()
    key = _ALIASES.get(key, key)
    if key not in BOARDS:
        raise InvalidInput(f"Unknown job board {name!r}.", hint=f"Valid boards: {', '.join(BOARDS)}.")
    return key
