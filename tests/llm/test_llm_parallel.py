"""Requests kept in flight a few at a time, results in input order (jobapp.llm.parallel)."""

from __future__ import annotations

import threading
import time

import pytest

from jobapp.llm.parallel import in_order


@pytest.mark.parametrize("workers", [1, 2, 4])
def test_results_come_back_in_input_order_with_errors_handed_over(workers: int) -> None:
    def work(n: int) -> int:
        time.sleep(0.01 * (5 - n))  # the first items finish last
        if n == 3:
            raise ValueError("bad offer")
        return n * n

    results = list(in_order(range(5), work, workers))
    assert [item for item, _ in results] == [0, 1, 2, 3, 4]
    assert [r for _, r in results if not isinstance(r, Exception)] == [0, 1, 4, 16]
    assert isinstance(results[3][1], ValueError)


def test_no_more_than_workers_calls_run_at_once() -> None:
    running = peak = 0
    lock = threading.Lock()

    def work(n: int) -> int:
        nonlocal running, peak
        with lock:
            running += 1
            peak = max(peak, running)
        time.sleep(0.02)
        with lock:
            running -= 1
        return n

    assert [r for _, r in in_order(range(12), work, 3)] == list(range(12))
    assert 2 <= peak <= 3


@pytest.mark.parametrize("workers", [1, 3])
def test_cancel_starts_no_new_call_and_yields_nothing_more(workers: int) -> None:
    started: list[int] = []
    stop = threading.Event()

    def work(n: int) -> int:
        started.append(n)
        return n

    seen = []
    for item, _ in in_order(range(20), work, workers, cancelled=stop.is_set):
        seen.append(item)
        if item == 4:
            stop.set()
    assert seen == [0, 1, 2, 3, 4]
    assert len(started) <= 5 + workers  # at most the calls already in flight when it was cancelled
