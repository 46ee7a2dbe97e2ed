"""Database files on disk: what kind of file a path holds (without ever blocking on or
writing through it), its -wal/-shm/-journal companions, and durable writes (fsync of
files and folders). Used by journals, the shared database and backups alike."""

from __future__ import annotations

import contextlib
import os
import stat
import threading
from pathlib import Path

COMPANION_SUFFIXES = ("-wal", "-shm", "-journal")
# A protected journal's key slots live beside it as `<file>.keys` (see app.journal.keys);
# the file travels with its database: copied into backups, restored, removed with it.
KEY_FILE_SUFFIX = ".keys"
SQLITE_HEADER = b"SQLite format 3\x00"
# SQLCipher 4 files are whole pages of this size; a file of another length was cut short.
CIPHER_PAGE_SIZE = 4096
SALT_SIZE = 16

MISSING = "missing"
EMPTY = "empty"
PLAIN = "plain"  # an SQLite header
OPAQUE = "opaque"  # encrypted, or junk: only a key tells
SYMLINK = "symlink"
SPECIAL = "special"  # a folder, FIFO, device or socket
UNREADABLE = "unreadable"
NOT_A_FILE = (SYMLINK, SPECIAL)

# Database files this process has open through SQLite, by inode, with their kind and how
# many connections use them. Such a file is never opened here: closing any descriptor of a
# file drops every POSIX lock the process holds on it, SQLite's included, and another
# process could then checkpoint and delete a WAL that is still being written.
_live: dict[tuple[int, int], list] = {}
_live_lock = threading.Lock()


def _inode(path: Path) -> tuple[int, int] | None:
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_dev, info.st_ino


def mark_open(path: Path, kind: str) -> None:
    """A connection of this process has `path` open (kind PLAIN or OPAQUE)."""
    key = _inode(path)
    if key is None:
        return
    with _live_lock:
        entry = _live.setdefault(key, [kind, 0])
        entry[1] += 1


def mark_closed(path: Path) -> None:
    key = _inode(path)
    with _live_lock:
        entry = _live.get(key) if key else None
        if entry is None:
            return
        entry[1] -= 1
        if entry[1] <= 0:
            del _live[key]


def is_open_here(path: Path) -> bool:
    """Whether a connection of this process has `path` open."""
    key = _inode(path)
    with _live_lock:
        return key is not None and key in _live


def _live_kind(info: os.stat_result) -> str | None:
    with _live_lock:
        entry = _live.get((info.st_dev, info.st_ino))
    return entry[0] if entry else None


def file_kind(path: Path) -> str:
    """What `path` holds, judged without following a symlink and without opening anything
    but a regular file that no connection of this process has open: one of the constants
    above."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return MISSING
    except OSError:
        return UNREADABLE
    if stat.S_ISLNK(info.st_mode):
        return SYMLINK
    if not stat.S_ISREG(info.st_mode):
        return SPECIAL
    if info.st_size == 0:
        return EMPTY
    live = _live_kind(info)
    if live is not None:
        return live
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0)
                     | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return UNREADABLE
    try:
        head = os.read(fd, len(SQLITE_HEADER))
    except OSError:
        return UNREADABLE
    finally:
        os.close(fd)
    return PLAIN if head == SQLITE_HEADER else OPAQUE


def cipher_shape_problem(path: Path) -> str | None:
    """Why an encrypted file cannot be a whole SQLCipher database, judged without its key
    (None when its shape is sound): a length that is no whole number of pages, or a salt of
    zeros, which no SQLCipher file has."""
    try:
        info = os.lstat(path)
        if _live_kind(info) is not None:
            return None  # open and working in this process: not to be opened again here
        size = info.st_size
        with open(path, "rb") as handle:
            salt = handle.read(SALT_SIZE)
    except OSError as exc:
        return f"the file cannot be read ({exc.strerror or exc})"
    if size % CIPHER_PAGE_SIZE:
        return f"truncated ({size} bytes, not a whole number of pages)"
    if salt == b"\0" * SALT_SIZE:
        return "its header was overwritten with zeros"
    return None


def companions(path: Path) -> list[Path]:
    return [Path(f"{path}{suffix}") for suffix in COMPANION_SUFFIXES]


def companion_problem(path: Path) -> str | None:
    """Why SQLite must not open `path` at all: a link, folder, FIFO or device where its
    -wal, -shm or -journal belongs (SQLite would open and chmod it). None when all is well.
    Judged by lstat alone: a companion is never opened here, since closing any descriptor
    of it would drop the locks SQLite holds on it."""
    for companion in companions(path):
        try:
            mode = os.lstat(companion).st_mode
        except OSError:
            continue
        if not stat.S_ISREG(mode):
            return (f"a link, folder or device stands where its "
                    f"{companion.name.rsplit('-', 1)[-1]} file belongs")
    return None


def has_wal(path: Path) -> bool:
    """Whether a non-empty write-ahead log sits beside `path` (committed pages may be there
    and not yet in the main file)."""
    try:
        return os.lstat(f"{path}-wal").st_size > 0
    except OSError:
        return False


def key_file_of(path: Path) -> Path:
    """The key file that belongs beside the database file `path`."""
    return Path(f"{path}{KEY_FILE_SUFFIX}")


def remove_db_files(path: Path, *, key_file: bool = True) -> None:
    """Delete a database file, its -wal/-shm/-journal companions and (unless `key_file` is
    false: an unencrypted database has none of its own) its key file, if present. The key
    file goes last: a database is never left without its key."""
    candidates = [Path(path), *companions(path)]
    if key_file:
        candidates.append(key_file_of(path))
    for candidate in candidates:
        with contextlib.suppress(FileNotFoundError):
            candidate.unlink()


def fsync_file(path: Path) -> None:
    """Make a written file durable before something starts to depend on it."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_dir(path: Path) -> None:
    """Make a rename or unlink in `path` durable (POSIX only; Windows has no dir fsync)."""
    if os.name != "posix":
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def set_owner_only(path: Path) -> None:
    """Make a regular file Hearth itself just wrote owner-only. Never follows a symlink or
    touches a device: those are not Hearth's to change."""
    if os.name != "posix":
        return
    with contextlib.suppress(FileNotFoundError):
        info = os.lstat(path)
        if stat.S_ISREG(info.st_mode) and info.st_mode & 0o077:
            os.chmod(path, 0o600)
