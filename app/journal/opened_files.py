"""Copies of stored files handed to the system's viewer, and their removal.

A file that is not a picture (a ticket PDF, a voice memo) can only be opened by another
program, which needs it on disk. Each copy goes into a folder of its own, named by a random
token, under the data folder's `opened/` (never the shared temp folder), written owner-only
and never through a link. `remove_opened` deletes those copies: Hearth calls it when a
journal locks and when one unlocks (after a crash). It removes only token folders holding
plain files, the shape Hearth writes, and leaves anything else there alone.
"""

from __future__ import annotations

import logging
import os
import re
import secrets
import shutil
import stat
from pathlib import Path

from app.errors import HearthError
from app.journal.attachments import safe_name
from app.paths import ensure_private_dir, opened_dir

log = logging.getLogger(__name__)

_TOKEN = re.compile(r"^[0-9a-f]{16}$")


def write_opened(data_dir: Path, name: str, data: bytes) -> Path:
    """Write `data` as `opened/<token>/<name>` (0600 in a 0700 folder); return its path."""
    folder = ensure_private_dir(opened_dir(data_dir))
    own = folder / secrets.token_hex(8)
    try:
        os.mkdir(own, 0o700)
        path = own / safe_name(name)
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
        handle = os.open(path, flags, 0o600)
        with os.fdopen(handle, "wb") as out:
            out.write(data)
    except OSError as exc:
        raise HearthError(f"Hearth could not write the copy to open ({exc.strerror}).") from None
    return path


def remove_opened(data_dir: Path) -> int:
    """Delete the copies handed out before; return how many folders went."""
    folder = opened_dir(data_dir)
    if not folder.is_dir() or folder.is_symlink():
        return 0
    removed = 0
    for entry in os.scandir(folder):
        if not _TOKEN.match(entry.name) or not entry.is_dir(follow_symlinks=False):
            continue
        inside = list(os.scandir(entry.path))
        if not all(stat.S_ISREG(item.stat(follow_symlinks=False).st_mode) for item in inside):
            continue
        shutil.rmtree(entry.path, ignore_errors=True)
        removed += 1
    if removed:
        log.info("removed %d opened copies", removed)
    return removed
