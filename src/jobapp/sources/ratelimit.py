"""Politeness: never hit the same host faster than a minimum interval, even from several threads.

Offer pages and boards belong to other people; hammering them gets the user's address blocked, and
it is rude. A host's next request waits until ``min_interval`` seconds after the previous one.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable


class HostRateLimiter:
    """Per-host minimum interval between requests; thread-safe; each host has its own slot."""

    def __init__(
        self,
        min_interval: float = 1.0,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.min_interval = float(min_interval)
        self._clock = clock
        self._sleep = sleep
        self._lock = threading.Lock()
        self._next_slot: dict[str, float] = {}

    def reserve(self, host: str) -> float:
        """Book the host's next slot and return how long the caller must wait for it."""
        key = (host or "").lower()
        with self._lock:
            now = self._clock()
            slot = max(now, self._next_slot.get(key, now))
            self._next_slot[key] = slot + self.min_interval
            return slot - now

    def wait(self, host: str) -> float:
        """Block until this host may be contacted again; returns the seconds waited."""
        delay = self.reserve(host)
        if delay > 0:
            self._sleep(delay)
        return delay


#: The limiter shared by URL fetches in this process (one request per second per host).
default_limiter = HostRateLimiter(1.0)
