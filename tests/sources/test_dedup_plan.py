"""The merge plan of a batch: which offers are new, which merge into a stored one, without a database."""

from __future__ import annotations

from jobapp.domain import Offer
from jobapp.sources.dedup import dedup_keys
from jobapp.sources.dedup_plan import plan_batch

TEXT = "Analyse de données clients avec Python, SQL et Power BI pour les équipes marketing. " * 4


def _offer(n: int, **kw: str) -> Offer:
    base = {
        "title": f"Data analyst {n}",
        "company": "Acme",
        "url": f"https://example.com/o/{n}",
        "description": f"{TEXT} Référence {n}.",
        "source": "file",
    }
    return Offer(**{**base, **kw})


def _stored(offer: Offer, row_id: int) -> tuple[Offer, dict[str, int]]:
    return offer.model_copy(update={"id": row_id}), dict.fromkeys(dedup_keys(offer), row_id)


def test_an_empty_store_makes_every_distinct_offer_new() -> None:
    slots = plan_batch([_offer(1), _offer(2)], [], {})
    assert [s.row_id for s in slots] == [None, None]
    assert [s.offer.title for s in slots] == ["Data analyst 1", "Data analyst 2"]
    assert all(s.sources == ["file"] for s in slots)
    assert set(slots[0].new_keys) == dedup_keys(_offer(1))


def test_a_known_key_merges_into_the_stored_offer_and_keeps_its_richer_text() -> None:
    row, keys = _stored(_offer(1, salary=""), 7)
    again = _offer(1, url="https://example.com/o/1?utm_source=mail", salary="40 k€", source="hellowork")
    [slot] = plan_batch([again], [row], keys)
    assert slot.row_id == 7 and slot.changed
    assert slot.offer.salary == "40 k€" and slot.offer.url == "https://example.com/o/1"
    assert slot.new_keys == [] and slot.sources == ["hellowork"]


def test_the_same_offer_again_touches_the_row_without_changing_it() -> None:
    row, keys = _stored(_offer(1), 3)
    [slot] = plan_batch([_offer(1)], [row], keys)
    assert slot.row_id == 3 and not slot.changed and slot.sources == ["file"]


def test_a_near_duplicate_with_the_same_title_under_another_url_merges() -> None:
    row, keys = _stored(_offer(1), 5)
    repost = _offer(
        1, title="DATA ANALYST 1", url="https://other.example/x", description=_offer(1).description + "!"
    )
    [slot] = plan_batch([repost], [row], keys)
    assert slot.row_id == 5
    assert slot.new_keys == ["url:https://other.example/x"]  # its URL now leads to the stored offer


def test_the_same_title_with_another_text_is_another_offer() -> None:
    row, keys = _stored(_offer(1), 5)
    other = _offer(
        1, url="https://other.example/x", description="Infirmier de nuit en service de cardiologie. " * 5
    )
    slots = plan_batch([other], [row], keys)
    assert [s.row_id for s in slots] == [None]


def test_duplicates_inside_the_batch_become_one_slot_with_a_sighting_each() -> None:
    a = _offer(1)
    b = _offer(1, url="https://example.com/o/1#apply", salary="35 k€", source="indeed")
    slots = plan_batch([a, _offer(2), b], [], {})
    assert len(slots) == 2
    assert slots[0].sources == ["file", "indeed"] and slots[0].offer.salary == "35 k€"


def test_a_key_shared_by_two_stored_offers_picks_the_oldest_and_files_no_key_twice() -> None:
    first, keys_1 = _stored(_offer(1), 1)
    second, keys_2 = _stored(_offer(2), 2)
    # A board card carrying the URL of offer 2 and the board id seen with offer 1.
    keys = {**keys_1, **keys_2, "id:indeed:42": 1}
    card = _offer(3, url="https://example.com/o/2", source="indeed", source_id="42")
    [slot] = plan_batch([card], [second, first], keys)
    assert slot.row_id == 1
    assert all(k not in keys for k in slot.new_keys)
