"""Typed errors the user interface can show in words.

`HearthError` and its children are the user's or the environment's doing (bad input, a
wrong passphrase, a damaged file) and carry a message meant for a person. Anything else
that escapes a service is a bug and is logged with its traceback.
"""


class HearthError(Exception):
    """An expected failure with a message fit to show the user."""

    def __init__(self, message: str, *, detail: str = ""):
        super().__init__(message)
        self.message = message
        self.detail = detail

    def __str__(self) -> str:
        return self.message


class ValidationError(HearthError):
    """Input that breaks a rule; `field` names the offending field when there is one."""

    def __init__(self, message: str, *, field: str = "", detail: str = ""):
        super().__init__(message, detail=detail)
        self.field = field


class NotFoundError(HearthError):
    """The record asked for does not exist (any more)."""


class DataFolderError(HearthError):
    """The data folder cannot be created, read or written."""


class DatabaseOpenError(HearthError):
    """A database file could not be opened: damaged, not a database, or too new."""


class WrongPassphraseError(DatabaseOpenError):
    """The passphrase does not unlock the protected database."""


class AlreadyRunningError(HearthError):
    """Another Hearth process already holds this data folder."""


class CommandRunningError(AlreadyRunningError):
    """A `hearth` command, not a window, holds this data folder for now."""


class DamagedDatabaseError(DatabaseOpenError):
    """The file is damaged, cut short, or not a database Hearth wrote."""


class ForeignFileError(DamagedDatabaseError):
    """Something Hearth did not write (another program's database, a link, a device)
    stands where one of its databases belongs; it is left exactly as it is."""


class DatabaseBusyError(DatabaseOpenError):
    """Another process held the database longer than the busy timeout."""


class DatabaseTooNewError(DatabaseOpenError):
    """The file was written by a newer Hearth, whose schema this one does not know."""
