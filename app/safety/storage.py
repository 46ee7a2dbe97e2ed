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
WRITE_FAILED_MESSAGE = (
    "Hearth could not write to the disk holding its data folder. Check that the disk is "
    "connected and has space; nothing was half-saved."
)
FULL_MESSAGE = (
    "Hearth cannot save changes because the disk is full. Free some space and try again; "
    "nothing was half-saved."
)


def storage_error(exc: BaseException) -> StorageError | None:
    """The StorageError that `exc` (or what it was raised from or during) stands for, or
    None when it is some other failure. The chain matters: when SQLite rolls back by itself
    on a full disk, Peewee's own rollback then fails and hides the first error."""
    seen = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        found = _storage_error_of(exc)
        if found is not None:
            return found
        exc = exc.__cause__ or exc.__context__
    return None


def _storage_error_of(exc: BaseException) -> StorageError | None:
    if isinstance(exc, StorageError):
        return exc
    if isinstance(exc, OSError):
        if exc.errno in _FULL_ERRNOS:
            return StorageFullError(FULL_MESSAGE, detail=str(exc))
        if exc.errno in _READ_ONLY_ERRNOS:
            return ReadOnlyStorageError(READ_ONLY_MESSAGE, detail=str(exc))
        if exc.errno == errno.EFBIG:
            return StorageFullError(FULL_MESSAGE, detail=str(exc))
        return None
    if isinstance(exc, peewee.OperationalError | sqlite3.OperationalError | _cipher_errors()):
        text = str(exc).lower()
        if "readonly" in text or "read-only" in text or "read only" in text:
            return ReadOnlyStorageError(READ_ONLY_MESSAGE, detail=str(exc))
        if "disk is full" in text or "database or disk is full" in text:
            return StorageFullError(FULL_MESSAGE, detail=str(exc))
        if "disk i/o error" in text:
            return StorageError(WRITE_FAILED_MESSAGE, detail=str(exc))
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


# Less room than this and a save would fail part way, having made SQLite's files beside a
# database (its log and index) that a refusal up front leaves unmade.
MIN_FREE_BYTES = 256 * 1024
MIN_FREE_FILES = 16  # a database's log and index, a new journal's file and key file, ...


def probe_writable(folder: Path) -> StorageError | None:
    """Try to write, flush and remove a small file in `folder`; None when that works and
    the disk has room for a save (free space, and free file entries for SQLite's files)."""
    try:
        room = os.statvfs(folder)
    except OSError:
        room = None
    if room is not None and not room.f_flag & os.ST_RDONLY and (
            room.f_bavail * room.f_frsize < MIN_FREE_BYTES
            or room.f_files > 0 and room.f_favail < MIN_FREE_FILES):
        return StorageFullError(FULL_MESSAGE, detail=f"{room.f_bavail * room.f_frsize} bytes, "
                                                     f"{room.f_favail} file entries free")
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


def open_app_read_only(data_dir: Path):
    """Open the shared database for reading only, for a data folder that cannot take
    writes: the window can still show everything, and journals unlock for reading. Nothing
    in the folder is created or changed; a database that would need an upgrade is refused,
    since that is a write."""
    from app.context import AppContext
    from app.db import open_read_only
    from app.migrations.shared import STEPS
    from app.models.base import shared_db
    from app.paths import shared_db_path

    path = shared_db_path(Path(data_dir))
    if not path.is_file():
        raise ReadOnlyStorageError(
            "Hearth cannot start: its data folder is read-only and holds no data yet."
        )
    from app.data_folders import protect_folder

    protect_folder(data_dir)
    from app.instance_lock import FolderUse

    use = FolderUse(data_dir).acquire()
    try:
        db = open_read_only(path, migrations=STEPS)
    except BaseException:
        use.release()
        raise
    shared_db.initialize(db)
    return AppContext(data_dir=Path(data_dir), db=db, first_start=False, read_only=True,
                      folder_use=use)
