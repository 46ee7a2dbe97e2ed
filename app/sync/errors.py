"""What can go wrong while syncing, each in words a person can act on.

Every failure of the network or the server becomes one of these, with a `fix` saying what
to do; anything else escaping the sync is a bug.
"""

from __future__ import annotations

from app.errors import HearthError


class SyncError(HearthError):
    """A sync that could not finish; `fix` says what to do about it."""

    fix = "Try again later."

    def __init__(self, message: str, *, fix: str | None = None, detail: str = ""):
        super().__init__(message, detail=detail)
        if fix is not None:
            self.fix = fix


class NotSetUp(SyncError):
    fix = "Set it up with Calendar > Sync with a calendar server… or `hearth sync setup`."


class WrongPassword(SyncError):
    fix = "Check the user name and make a new app password on the server."


class NoCalendar(SyncError):
    fix = "Check the address, or choose another calendar."


class RefusesEvents(SyncError):
    fix = "Choose a calendar that holds events (not only tasks), or create one."


class CertificateProblem(SyncError):
    fix = "Check the address; the server's certificate does not prove it is that server."


class NoNetwork(SyncError):
    fix = "Hearth will try again when the network is back."


class TimedOut(SyncError):
    fix = "The server is slow or unreachable; Hearth will try again."


class ServerError(SyncError):
    fix = "The server had a problem; Hearth will try again."


class Busy(SyncError):
    fix = "Wait for it to finish."


class NeedsPassword(SyncError):
    fix = "Type the app password again."


class DeletionGuard(SyncError):
    """The server's changes would delete many plans here (or the calendar is suddenly
    empty): nothing was deleted, and `count` says how many would be."""

    fix = "If that is what you meant, confirm the deletes (`hearth sync --confirm-deletes`)."

    def __init__(self, message: str, *, count: int):
        super().__init__(message)
        self.count = count
