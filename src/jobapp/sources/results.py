"""What the sources hand back: offers plus what went wrong, so callers never get a silent empty list."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from jobapp.domain import Offer


@dataclass
class ImportResult:
    """Offers read from a file, and the warnings to show (skipped rows, encoding guessed, merges)."""

    offers: list[Offer]
    warnings: list[str] = field(default_factory=list)


@dataclass
class SearchRequest:
    """A job-board search, with the same names as :func:`jobapp.sources.boards.search_boards`.

    :func:`jobapp.sources.url.resolve_url` returns one for a board's search-page URL, so pasting a
    HelloWork search link runs the search instead of scraping a results page by hand.
    Run it with ``search_boards(**request.as_kwargs())``.
    """

    query: str
    boards: list[str] = field(default_factory=lambda: ["hellowork"])
    location: str | None = None
    radius_km: int | None = None
    count: int = 20
    contract: str | None = None
    max_age_days: int | None = None

    def as_kwargs(self) -> dict[str, Any]:
        return {
            "query": self.query,
            "boards": list(self.boards),
            "location": self.location,
            "radius_km": self.radius_km,
            "count": self.count,
            "contract": self.contract,
            "max_age_days": self.max_age_days,
        }


@dataclass
class SearchResult:
    """Offers found on the boards; ``errors`` says, per board that failed, what happened and what to do;
    ``notices`` says when a board answered but had nothing ("no offers found") or ignored a filter."""

    offers: list[Offer]
    errors: dict[str, str] = field(default_factory=dict)
    notices: dict[str, list[str]] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)

    def messages(self) -> list[str]:
        """One line per board, for logs and the UI: counts, failures and notices."""
        lines = []
        for board in sorted(set(self.counts) | set(self.errors) | set(self.notices)):
            if board in self.errors:
                lines.append(self.errors[board])  # its sentence names the board
            else:
                lines.append(f"{board}: {self.counts.get(board, 0)} offer(s)")
            lines.extend(f"{board}: {note}" for note in self.notices.get(board, []))
        return lines
