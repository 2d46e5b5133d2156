"""User-facing errors.

Every exception here carries a message that tells the user what happened *and what to do next*.
The CLI and the web API turn them into a clean message / JSON error in one place; anything else
that escapes is a bug.
"""

from __future__ import annotations


class JobAppError(Exception):
    """Base class of errors shown to the user as they are (no traceback)."""

    #: HTTP status the API answers with.
    status = 400
    #: short machine-readable code for the API.
    code = "error"

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message} {self.hint}" if self.hint else self.message

    def to_dict(self) -> dict[str, str]:
        out = {"error": self.code, "message": self.message}
        if self.hint:
            out["hint"] = self.hint
        return out


class InvalidInput(JobAppError):
    """The user gave something we cannot use (bad file, bad argument, bad body)."""

    code = "invalid_input"


class UnsupportedFile(InvalidInput):
    code = "unsupported_file"
    status = 415


class NoTextLayer(InvalidInput):
    """A scanned PDF without text and without an OCR engine to read it."""

    code = "no_text_layer"
    status = 422


class NotFound(JobAppError):
    code = "not_found"
    status = 404


class MissingPrerequisite(JobAppError):
    """A step needs the output of an earlier one (e.g. matching without a CV)."""

    code = "missing_prerequisite"
    status = 409


class ModelUnavailable(JobAppError):
    """A model cannot be loaded (not installed, not downloadable offline, server down)."""

    code = "model_unavailable"
    status = 503


class SourceError(JobAppError):
    """A job board or an offer URL failed (blocked, timed out, changed layout)."""

    code = "source_error"
    status = 502


class BlockedUrl(InvalidInput):
    """A URL we refuse to fetch (non-http scheme, private address: SSRF guard)."""

    code = "blocked_url"
