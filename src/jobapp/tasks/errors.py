"""Which failures are worth retrying.

A step that fails because a server was briefly unreachable or slow (an LLM server busy loading a
model, a job board timing out, Redis restarting) should be tried again a little later; a step that
fails because of a bug or bad input would fail the same way again, so it fails the run at once with
its message stored. :func:`is_transient` draws that line in one place for the queue worker and for
synchronous runs alike.
"""

from __future__ import annotations

from jobapp.errors import JobAppError


class TransientError(JobAppError):
    """Raise this from a step runner for a failure that may go away if the step is tried again.

    The step is retried with backoff (3 times by default); items already marked done are skipped
    on the retry, so only the remaining work is redone.
    """

    code = "transient_error"
    status = 503


def _transient_types() -> tuple[type[BaseException], ...]:
    types: list[type[BaseException]] = [TransientError, TimeoutError, ConnectionError]
    try:  # httpx is a dependency, but keep this module importable without it.
        import httpx

        types += [httpx.TimeoutException, httpx.NetworkError, httpx.RemoteProtocolError]
    except ImportError:  # pragma: no cover
        pass
    try:
        import redis.exceptions

        types += [redis.exceptions.ConnectionError, redis.exceptions.TimeoutError]
    except ImportError:  # pragma: no cover
        pass
    return tuple(types)


def is_transient(exc: BaseException) -> bool:
    """True when ``exc`` (or an exception it was raised from) is a timeout or a connection failure.

    The cause chain is followed so that a user-facing error wrapping a timeout — e.g. a
    ``ModelUnavailable`` raised ``from`` an ``httpx.ConnectTimeout`` — still counts as transient,
    while the same error raised for a missing model file does not. Only explicit causes
    (``raise ... from``) are followed: an unrelated error raised while handling a timeout is not
    transient.
    """
    types = _transient_types()
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        if isinstance(current, types):
            return True
        seen.add(id(current))
        current = current.__cause__
    return False
