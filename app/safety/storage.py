"""Turn a full or read-only disk into a typed error the user can read, and probe for it.

SQLite reports these as `OperationalError` ("attempt to write a readonly database",
"database or disk is full"); the OS as `OSError` with EROFS/EACCES/ENOSPC. Either way the
transaction was rolled back, so nothing is half-written: the user only needs to know why
their change did not stick.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sqlite3
import uuid
from collections.abc import Iterator
from pathlib import Path

import peewee

from app.errors import DataFolderError

_READ_ONLY_ERRNOS = {errno.EROFS, errno.EACCES, errno.EPERM}
_FULL_ERRNOS = {errno.ENOSPC, errno.EDQUOT}


class StorageError(DataFolderError):
    """The data folder cannot take a write right now."""


class ReadOnlyStorageError(StorageError):
    """The data folder or a database in it is read-only."""


class StorageFullError(StorageError):
    """The disk holding the data folder is full."""


READ_ONLY_MESSAGE = (
    "Hearth cannot save changes because its data folder is read-only. "
    "You can still read everything; nothing was half-saved."
)
FULL_MESSAGE = (
    "Hearth cannot save changes because the disk is full. Free some space and try again; "
    "nothing was half-saved."
)


def storage_error(exc: BaseException) -> StorageError | None:
    """The StorageError that `exc` stands for, or None when it is some other failure."""
    if isinstance(exc, StorageError):
        return exc
    if isinstance(exc, OSError):
        if exc.errno in _FULL_ERRNOS:
            return StorageFullError(FULL_MESSAGE, detail=str(exc))
        if exc.errno in _READ_ONLY_ERRNOS:
            return ReadOnlyStorageError(READ_ONLY_MESSAGE, detail=str(exc))
        return None
    if isinstance(exc, peewee.OperationalError | sqlite3.OperationalError | _cipher_errors()):
        text = str(exc).lower()
        if "readonly" in text or "read-only" in text or "read only" in text:
            return ReadOnlyStorageError(READ_ONLY_MESSAGE, detail=str(exc))
        if "disk is full" in text or "database or disk is full" in text:
            return StorageFullError(FULL_MESSAGE, detail=str(exc))
    return None


def _cipher_errors() -> type:
    try:
        from sqlcipher3 import dbapi2
    except ImportError:  # SQLCipher missing: only plain errors can occur
        return sqlite3.OperationalError
    return dbapi2.OperationalError


@contextlib.contextmanager
def translate_storage_errors() -> Iterator[None]:
    """Wrap a write: a full or read-only disk comes out as a StorageError."""
    try:
        yield
    except (OSError, peewee.OperationalError, sqlite3.OperationalError) as exc:
        translated = storage_error(exc)
        if translated is None:
            raise
        raise translated from exc


def probe_writable(folder: Path) -> StorageError | None:
    """Try to write, flush and remove a small file in `folder`; None when that works."""
    probe = Path(folder) / f".hearth-probe-{uuid.uuid4().hex}"
    try:
        with open(probe, "wb") as handle:
            handle.write(b"\0" * 4096)
            handle.flush()
            os.fsync(handle.fileno())
    except OSError as exc:
        with contextlib.suppress(OSError):
            probe.unlink()
        return storage_error(exc) or ReadOnlyStorageError(READ_ONLY_MESSAGE, detail=str(exc))
    with contextlib.suppress(OSError):
        probe.unlink()
    return None
