"""The key file beside a protected journal: read it safely, write it atomically.

The file is `<journal file>.keys` (named in `app.db_files`). It is written to a temporary
name of this process (`...keys.<pid>.part`, removed at start-up if the process died),
made owner-only, synced, then renamed over the old one and the folder synced, so a crash
leaves either the old key file or the new one, never half of one.
"""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path

from app.db_files import fsync_dir, key_file_of
from app.errors import DamagedDatabaseError
from app.journal.keys.slots import (
    MAX_FILE_BYTES,
    KeyFile,
    KeyFileDamagedError,
    from_bytes,
    to_bytes,
)
from app.safety.leftovers import SESSION_COPY, unfinished_name


class KeyFileMissingError(DamagedDatabaseError):
    """A journal that opens through key slots has lost its key file."""


def has_key_file(db_path: Path) -> bool:
    return os.path.lexists(key_file_of(db_path))


def read_key_file(db_path: Path) -> KeyFile:
    """The key file of the journal file `db_path`; typed errors in words when it is gone,
    is not a regular file, or is damaged."""
    path = key_file_of(db_path)
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        raise KeyFileMissingError(
            "This journal's key file is missing, so the journal cannot be opened. Restore the "
            "journal from a backup (File > Restore from backup…): backups carry the key file."
        ) from None
    if not stat.S_ISREG(info.st_mode):
        raise KeyFileDamagedError("A link, folder or device stands where this journal's key "
                                  "file belongs, so it was not read.")
    if info.st_size > MAX_FILE_BYTES:
        raise KeyFileDamagedError("This journal's key file is far too large to be one; it "
                                  "was not read.")
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0)
    fd = os.open(path, flags)
    try:
        data = os.read(fd, MAX_FILE_BYTES + 1)
    finally:
        os.close(fd)
    return from_bytes(data)


def write_key_file(db_path: Path, keys: KeyFile) -> Path:
    """Replace (or create) the key file of `db_path` with `keys`, durably."""
    return write_key_bytes(key_file_of(db_path), to_bytes(keys))


def write_key_bytes(path: Path, data: bytes) -> Path:
    """Write `data` to `path` atomically, owner-only, synced."""
    path = Path(path)
    tmp = unfinished_name(path, SESSION_COPY)
    with contextlib.suppress(FileNotFoundError):
        tmp.unlink()
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    fd = os.open(tmp, flags, 0o600)
    try:
        try:
            os.write(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        raise
    fsync_dir(path.parent)
    return path


def copy_key_file(source_db: Path, target_db: Path) -> bool:
    """Copy the key file of `source_db` (if it has one) beside `target_db`, checked and
    durably; returns whether there was one."""
    if not has_key_file(source_db):
        return False
    write_key_file(target_db, read_key_file(source_db))
    return True
