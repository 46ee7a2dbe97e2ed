"""Files a copy leaves behind while it is being written, and their removal at start-up.

Every copy Hearth makes inside its data folder is written under a name of its own (a
backup as `<name>.partial`, a session's copy as `<name>.part`, a restore as
`<name>.restoring`) and renamed into place only when whole, so a file with one of these
endings is always an unfinished copy of something that still exists: a kill left it.
"""

from __future__ import annotations

import contextlib
import logging
import stat
from pathlib import Path

from app.db_files import COMPANION_SUFFIXES
from app.paths import journals_dir

log = logging.getLogger(__name__)

PARTIAL_SUFFIX = ".partial"
SESSION_COPY_SUFFIX = ".part"
RESTORING_SUFFIX = ".restoring"
UNFINISHED_SUFFIXES = (PARTIAL_SUFFIX, SESSION_COPY_SUFFIX, RESTORING_SUFFIX)
BACKUPS_DIR_NAME = "backups"


def _unfinished(path: Path) -> bool:
    name = path.name
    for suffix in COMPANION_SUFFIXES:
        if name.endswith(suffix):
            name = name[: -len(suffix)]
            break
    return name.endswith(UNFINISHED_SUFFIXES) and ".db" in name


def remove_unfinished_copies(data_dir: Path) -> int:
    """Delete the unfinished copies a killed process left in the data folder (regular files
    with Hearth's own endings only); returns how many went."""
    data_dir = Path(data_dir)
    folders = [data_dir, journals_dir(data_dir)]
    backups = data_dir / BACKUPS_DIR_NAME
    if backups.is_dir() and not backups.is_symlink():
        folders += [p for p in backups.rglob("*") if p.is_dir() and not p.is_symlink()]
        folders.append(backups)
    removed = 0
    for folder in folders:
        if not folder.is_dir() or folder.is_symlink():
            continue
        for path in folder.iterdir():
            with contextlib.suppress(OSError):
                if _unfinished(path) and stat.S_ISREG(path.lstat().st_mode):
                    path.unlink()
                    removed += 1
    if removed:
        log.info("removed %d unfinished copies left by an interrupted run", removed)
    return removed
