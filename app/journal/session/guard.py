"""The session's thread contract: one lock per session, and the errors of a locked or busy journal."""

from __future__ import annotations

import functools

from app.errors import HearthError


class JournalClosedError(HearthError):
    """The journal was locked (its session closed) before this call."""

    def __init__(self, message: str = "This journal is locked. Unlock it to go on.", **kw):
        super().__init__(message, **kw)


class JournalBusyError(HearthError):
    """The journal is open, so its file cannot be replaced or deleted right now."""


def guarded(method):
    """Run a session method under the session lock, refusing once the journal is locked."""

    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        with self._lock:
            if self._models is None:
                raise JournalClosedError()
            return method(self, *args, **kwargs)

    return wrapper
