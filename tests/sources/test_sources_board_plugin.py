"""A board that is not JobSpy's plugs in through ``register_board`` and joins every search."""

from __future__ import annotations

from typing import ClassVar

import pytest

from jobapp.domain import Offer
from jobapp.errors import InvalidInput
from jobapp.sources import board as board_module
from jobapp.sources.board import BoardAnswer, BoardQuery, board_name, register_board
from jobapp.sources.boards import search_boards


class CareersFeed:
    """A company's careers feed: answers from a list, refuses a country it does not cover."""

    name = "careersfeed"
    seen: ClassVar[list[BoardQuery]] = []

    def check(self, query: BoardQuery) -> None:
        if query.country != "france":
            raise InvalidInput("careersfeed only covers France.", hint="Search with country=france.")

    def search(self, query: BoardQuery) -> BoardAnswer:
        self.seen.append(query)
        offers = [
            Offer(title="Chef de partie", company="Bistrot", contract="cdi", description="Cuisine."),
            Offer(title="Commis de cuisine", company="Bistrot", contract="stage", description="Cuisine."),
        ]
        return BoardAnswer(offers=offers, warnings=["feed is one day old."])


@pytest.fixture
def feed(monkeypatch):
    monkeypatch.setattr(board_module, "BOARDS", dict(board_module.BOARDS))
    monkeypatch.setattr(board_module, "_ALIASES", dict(board_module._ALIASES))
    monkeypatch.setattr("jobapp.sources.boards.BOARDS", board_module.BOARDS)
    CareersFeed.seen = []
    register_board("careersfeed", CareersFeed, aliases=("careers-feed",))
    return CareersFeed


def test_registered_board_is_searched_with_the_validated_query(feed) -> None:
    assert board_name("Careers-Feed") == "careersfeed"
    result = search_boards("  cuisinier ", boards=["careersfeed"], count=500, contract="CDI", location="Lyon")
    (asked,) = feed.seen
    assert (asked.query, asked.count, asked.contract, asked.location) == ("cuisinier", 100, "cdi", "Lyon")
    assert [o.title for o in result.offers] == ["Chef de partie"]  # the "stage" posting fails the contract
    assert result.counts == {"careersfeed": 1}
    notes = result.notices["careersfeed"]
    assert any("capped at 100" in n for n in notes) and "feed is one day old." in notes
    assert any("1 offer(s) dropped: contract is not cdi" in n for n in notes)


def test_a_board_refusing_the_query_stops_the_search_before_any_board_runs(feed) -> None:
    with pytest.raises(InvalidInput, match="only covers France"):
        search_boards("cuisinier", boards=["careersfeed"], country="uk")
    assert feed.seen == []


def test_unknown_board_lists_the_registered_ones(feed) -> None:
    with pytest.raises(InvalidInput) as err:
        board_name("monster")
    assert "careersfeed" in (err.value.hint or "") and "hellowork" in (err.value.hint or "")
