"""Decide, for a batch of offers, which are new and which merge into a stored offer — without I/O.

The collect step asks the store for what the batch could meet (the offers holding one of its dedup
keys, the offers with one of its titles), hands that to :class:`MergePlan`, then writes the plan in
bulk. The rules are the store's old per-offer ones: an offer sharing a dedup key with a stored (or
earlier) offer merges into it; otherwise a near duplicate with the same title (case aside) does;
otherwise it is new. Every offer of the batch is one sighting of the row it lands in.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from jobapp.domain import Offer
from jobapp.sources.dedup import Fingerprint, fingerprint, first_near, merge


@dataclass
class Slot:
    """One row the batch writes: a stored offer it merges into (``row_id``) or a new one."""

    offer: Offer
    row_id: int | None = None
    new_keys: list[str] = field(default_factory=list)  # dedup keys the store does not hold yet
    sources: list[str] = field(default_factory=list)  # one sighting per offer of the batch
    changed: bool = False  # a stored offer whose fields the batch enriched


class MergePlan:
    """The slots of one batch. ``stored`` are the offers the store returned for the batch's keys and
    titles (with their ids), ``stored_keys`` maps the batch's keys the store knows to offer ids."""

    def __init__(self, stored: Iterable[Offer], stored_keys: dict[str, int]) -> None:
        self.slots: list[Slot] = []
        self._prints: list[Fingerprint] = []
        self._by_title: dict[str, list[int]] = {}
        self._touched: dict[int, None] = {}  # slot indexes in first-touched order
        row_slot: dict[int, int] = {}
        for offer in sorted(stored, key=lambda o: o.id or 0):
            assert offer.id is not None, "stored offers carry their id"
            row_slot[offer.id] = self._new_slot(Slot(offer=offer, row_id=offer.id))
        self._owner = {key: row_slot[row] for key, row in stored_keys.items() if row in row_slot}

    @staticmethod
    def title_key(title: str) -> str:
        """What titles are compared on (the store looks candidates up by the same lowercase form)."""
        return title.lower()

    def add(self, offer: Offer) -> None:
        probe = fingerprint(offer)
        index = min((self._owner[k] for k in probe.keys if k in self._owner), default=None)
        if index is None and offer.title:
            index = first_near(probe, self._by_title.get(self.title_key(offer.title), []), self._prints)
        if index is None:
            index = self._new_slot(Slot(offer=offer))
        else:
            self._merge_into(index, offer)
        slot = self.slots[index]
        self._touched.setdefault(index)
        for key in sorted(probe.keys):
            if key not in self._owner:
                self._owner[key] = index
                slot.new_keys.append(key)
        slot.sources.append(offer.source)

    def touched(self) -> list[Slot]:
        """The slots the batch wrote to, in the order it first reached them."""
        return [self.slots[i] for i in self._touched]

    def _new_slot(self, slot: Slot) -> int:
        self.slots.append(slot)
        self._prints.append(fingerprint(slot.offer))
        index = len(self.slots) - 1
        self._by_title.setdefault(self.title_key(slot.offer.title), []).append(index)
        return index

    def _merge_into(self, index: int, offer: Offer) -> None:
        slot = self.slots[index]
        merged = merge(slot.offer, offer)
        if merged == slot.offer:
            return
        if self.title_key(merged.title) != self.title_key(slot.offer.title):
            self._by_title.setdefault(self.title_key(merged.title), []).append(index)
        slot.offer, slot.changed = merged, True
        self._prints[index] = fingerprint(merged)


def plan_batch(offers: Iterable[Offer], stored: Iterable[Offer], stored_keys: dict[str, int]) -> list[Slot]:
    """The slots ``offers`` land in, given what the store holds (see :class:`MergePlan`)."""
    plan = MergePlan(stored, stored_keys)
    for offer in offers:
        plan.add(offer)
    return plan.touched()
