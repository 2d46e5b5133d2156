"""Storing a batch of offers (the collect step's write path) on real SQLite, and PostgreSQL when the
suite runs with one: bulk lookups, the merge plan, bulk writes in chunks."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import func, select

from jobapp.domain import Offer
from jobapp.steps import collect
from jobapp.store import db, repo
from jobapp.store.tables import OfferKeyRow, OfferSightingRow


def _offers(n: int, tag: str = "") -> list[Offer]:
    return [
        Offer(
            title=f"Technicien maintenance {i}",
            company="Usine Ouest",
            url=f"https://jobs.example/{tag}{i}",
            description=f"Maintenance préventive et curative des lignes {i}, habilitation électrique. " * 3,
            source="file",
        )
        for i in range(n)
    ]


def _count(row_cls: type) -> int:
    with db.session() as s:
        return s.scalar(select(func.count()).select_from(row_cls)) or 0


def test_a_batch_in_several_chunks_is_stored_once_with_progress(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(collect, "CHUNK", 3)
    batch = _offers(10)
    repost = batch[0].model_copy(update={"url": "https://other.example/a", "salary": "2 400 € brut"})
    seen: list[tuple[int, int]] = []
    result = collect.store_offers(
        [*batch, repost], detail="big.csv", progress=lambda d, t: seen.append((d, t))
    )
    assert len(result.new) == 10 and result.merged == []
    assert seen == [(3, 10), (6, 10), (9, 10), (10, 10)]  # rows written: the re-post merged into one
    with db.session() as s:
        first = repo.get_offer(s, result.new[0])
        assert first.salary == "2 400 € brut"  # the re-post's richer field, merged inside the batch
        assert len(repo.offer_sightings(s, result.new[0])) == 2
        assert [o.title for o in repo.list_offers(s)] == [o.title for o in batch]


def test_importing_again_merges_every_offer_and_adds_only_sightings(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(collect, "CHUNK", 250)
    batch = _offers(700)  # more keys than one IN (...) lookup takes
    first = collect.store_offers(batch, detail="a.json")
    keys = _count(OfferKeyRow)
    again = collect.store_offers(batch, detail="a.json")
    assert again.new == [] and again.merged == first.new
    assert _count(OfferKeyRow) == keys and _count(OfferSightingRow) == 1400


def test_a_merge_shows_in_an_offer_the_session_had_already_loaded() -> None:
    with db.session() as s:
        [oid] = collect.upsert_offers(s, _offers(1)).new
        assert repo.get_offer(s, oid).salary == ""
        richer = _offers(1)[0].model_copy(
            update={"salary": "30 k€", "url": "https://jobs.example/0?utm_source=x"}
        )
        assert collect.upsert_offers(s, [richer]).merged == [oid]
        assert repo.get_offer(s, oid).salary == "30 k€"


def test_an_empty_batch_stores_nothing() -> None:
    assert collect.store_offers([], detail="empty.csv") == repo.UpsertResult()


def test_bulk_upsert_on_postgresql(postgres_url: str) -> None:
    db.reset_engines()
    tag = uuid.uuid4().hex[:8]
    batch = _offers(30, tag=f"{tag}/")
    with db.session(postgres_url) as s:
        first = collect.upsert_offers(s, batch, detail="pg")
    assert len(first.new) == 30 and first.new == sorted(first.new)
    richer = batch[4].model_copy(update={"salary": "45 k€", "url": batch[4].url + "?utm_medium=x"})
    with db.session(postgres_url) as s:
        again = collect.upsert_offers(s, [richer, *batch[:2]], detail="pg again")
        assert again.new == [] and again.merged == [first.new[4], first.new[0], first.new[1]]
        stored = repo.get_offer(s, first.new[4])
        assert stored.salary == "45 k€" and stored.title == batch[4].title
        assert len(repo.offer_sightings(s, first.new[4])) == 2
        repo.delete_offers(s, first.new)


@pytest.mark.parametrize("enabled_before", [True, False])
def test_the_garbage_collector_is_left_as_it_was(enabled_before: bool) -> None:
    import gc

    (gc.enable if enabled_before else gc.disable)()
    try:
        collect.store_offers(_offers(3), detail="gc.csv")
        assert gc.isenabled() is enabled_before
    finally:
        gc.enable()


def test_an_upload_param_must_name_a_kept_upload() -> None:
    from jobapp.errors import InvalidInput
    from jobapp.steps.base import MemoryContext

    ctx = MemoryContext(params={"offers_upload": "../../etc/passwd"})
    with pytest.raises(InvalidInput, match="No offers could be collected"):
        collect.run(ctx)
    assert any("not an offers file uploaded" in e["message"] for e in ctx.events)
