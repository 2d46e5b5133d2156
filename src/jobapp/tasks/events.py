"""Run log rows from catalogue messages: every writer of ``run_events`` goes through
:func:`event_row`, so each line keeps its message key and parameters beside its English text and the
web page shows it in its own language."""

from __future__ import annotations

from jobapp.messages import Message, catalogue, msg
from jobapp.store.tables import RunEventRow


def event_row(
    run_id: int,
    message: str,
    *,
    step: str = "",
    level: str = "info",
    done: int | None = None,
    total: int | None = None,
) -> RunEventRow:
    """A run event for ``message`` (a :class:`Message` keeps its key; plain text has none)."""
    data = message.to_data() if isinstance(message, Message) else None
    return RunEventRow(
        run_id=run_id, step=step, message=message, message_data=data, level=level, done=done, total=total
    )


def step_name(step: str) -> str:
    """A step as the log names it: its catalogue word when it has one."""
    key = f"step.{step}"
    return msg(key) if key in catalogue("en") else step


__all__ = ["event_row", "step_name"]
