"""Durable file handling for database files: fsync files and folders, remove a database
with its -wal/-shm/-journal companions. Used by journals and backups alike."""

from __future__ import annotations

import os
from pathlib import Path

COMPANION_SUFFIXES = ("-wal", "-shm", "-journal")


def remove_db_files(path: Path) -> None:
    """Delete a database file and its -wal/-shm/-journal companions, if present."""
    for candidate in (path, *(Path(f"{path}{suffix}") for suffix in COMPANION_SUFFIXES)):
        try:
            candidate.unlink()
        except FileNotFoundError:
            pass


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
