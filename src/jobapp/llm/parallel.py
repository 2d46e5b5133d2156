"""Several LLM requests in flight at once, results handed back in input order.

llama.cpp decodes several sequences in one batch (its server "slots"), and an OpenAI-compatible
server does the same across concurrent requests: on a memory-bound CPU a batch of sequences costs
little more than one, so a step's offers are sent a few at a time (``LLM.parallel``). Results come
back in the order of the input, so the best ranked offer is still published and logged first, and
everything that touches the database stays on the caller's thread.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")


def in_order(
    items: Iterable[T],
    work: Callable[[T], R],
    workers: int,
    cancelled: Callable[[], bool] = lambda: False,
) -> Iterator[tuple[T, R | Exception]]:
    """``(item, work(item) or the exception it raised)`` for each item, in input order.

    At most ``workers`` calls run at once; no new call starts once ``cancelled()`` is true (calls
    already running finish, their results are dropped). ``workers <= 1`` runs in the caller's
    thread, one at a time.
    """
    if workers <= 1:
        for item in items:
            if cancelled():
                return
            yield item, _call(work, item)
        return
    pending: deque[tuple[T, Future[R | Exception]]] = deque()
    source = iter(items)
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="llm") as pool:
        try:
            while True:
                while len(pending) < workers and not cancelled():
                    try:
                        item = next(source)
                    except StopIteration:
                        break
                    pending.append((item, pool.submit(_call, work, item)))
                if not pending or cancelled():
                    return
                item, future = pending.popleft()
                yield item, future.result()
        finally:
            for _, future in pending:
                future.cancel()


def _call(work: Callable[[T], R], item: T) -> R | Exception:
    try:
        return work(item)
    except Exception as exc:  # handed to the caller, which logs it: one item never sinks the others
        return exc
