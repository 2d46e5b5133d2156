"""What a step runner needs from whoever runs it (CLI, web request, queue worker).

A runner receives a :class:`StepContext`: it logs progress through it, asks it which items are already
done (so a step resumed after a crash skips them), marks items done or failed (a failing item never
sinks the others) and checks for cancellation between items. The queue's DB-backed context
(``jobapp.tasks.context``) and the in-memory one below implement the same protocol.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, Protocol

from jobapp.messages import Message

log = logging.getLogger("jobapp")

#: The pipeline, in the order the UI shows it.
STEPS: tuple[str, ...] = ("collect", "summarise", "convert", "profile", "match", "rerank", "explain")


class StepContext(Protocol):
    run_id: int | None
    params: dict[str, Any]

    def log(
        self,
        step: str,
        message: str,
        *,
        level: str = "info",
        done: int | None = None,
        total: int | None = None,
    ) -> None: ...

    def is_done(self, step: str, item_key: str) -> bool: ...

    def mark_done(self, step: str, item_key: str) -> None: ...

    def mark_all_done(self, step: str, item_keys: Iterable[str]) -> None: ...

    def mark_failed(self, step: str, item_key: str, error: str) -> None: ...

    def cancelled(self) -> bool: ...


@dataclass
class StepResult:
    """What a step reports: items processed, items that failed, and a one-line summary."""

    items: int = 0
    failed: int = 0
    message: str = ""
    data: dict[str, Any] = field(default_factory=dict)


StepFn = Callable[[StepContext], StepResult]


@dataclass
class MemoryContext:
    """A context that keeps everything in memory: for tests and one-off calls."""

    params: dict[str, Any] = field(default_factory=dict)
    run_id: int | None = None
    events: list[dict[str, Any]] = field(default_factory=list)
    done: set[tuple[str, str]] = field(default_factory=set)
    failed: dict[tuple[str, str], str] = field(default_factory=dict)
    on_event: Callable[[dict[str, Any]], None] | None = None

    def log(
        self,
        step: str,
        message: str,
        *,
        level: str = "info",
        done: int | None = None,
        total: int | None = None,
    ) -> None:
        data = message.to_data() if isinstance(message, Message) else None
        event = {
            "step": step,
            "message": message,
            "message_data": data,
            "level": level,
            "done": done,
            "total": total,
        }
        self.events.append(event)
        if self.on_event:
            self.on_event(event)
        log.log(logging.WARNING if level in ("warning", "error") else logging.INFO, "%s: %s", step, message)

    def is_done(self, step: str, item_key: str) -> bool:
        return (step, item_key) in self.done

    def mark_done(self, step: str, item_key: str) -> None:
        self.done.add((step, item_key))
        self.failed.pop((step, item_key), None)

    def mark_all_done(self, step: str, item_keys: Iterable[str]) -> None:
        for key in item_keys:
            self.mark_done(step, key)

    def mark_failed(self, step: str, item_key: str, error: str) -> None:
        self.failed[(step, item_key)] = error

    def cancelled(self) -> bool:
        return False
