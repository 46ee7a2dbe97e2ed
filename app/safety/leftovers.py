"""Files a copy leaves behind while it is being written, and their removal at start-up.

Every copy Hearth makes inside its data folder is written under a name of its own (a
backup as `<name>.<pid>.partial`, a session's copy as `<name>.<pid>.part`, a restore as
`<name>.<pid>.restoring`) and renamed into place only when whole. The writer's process id
is in the name, so a start-up removes only what a process that is gone left behind, never
the copy another Hearth (a window, a command) is writing at that moment.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import stat
from pathlib import Path

from app.db_files import COMPANION_SUFFIXES, KEY_FILE_SUFFIX
from app.paths import journals_dir

log = logging.getLogger(__name__)

PARTIAL = "partial"
SESSION_COPY = "part"
RESTORING = "restoring"
BACKUPS_DIR_NAME = "backups"
UNVERIFIED_DIR_NAME = "unverified"
# A key file (`<name>.db.keys`) is copied the same way, so its copies end alike.
_UNFINISHED = re.compile(
    r"\.db(?:" + re.escape(KEY_FILE_SUFFIX) + r")?\.(?P<pid>\d+)\.(partial|part|restoring)(" + "|".join(COMPANION_SUFFIXES) + r")?$")


def unfinished_name(path: Path, kind: str) -> Path:
    """Where this process writes its copy of `path` before renaming it into place."""
    return path.with_name(f"{path.name}.{os.getpid()}.{kind}")


def process_alive(pid: int) -> bool:
    """Whether process `pid` may still be running (when in doubt: yes)."""
    if pid == os.getpid():
        return True
    if os.name != "posix":
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def remove_unfinished_copies(data_dir: Path) -> int:
    """Delete the unfinished copies that processes now gone left in the data folder
    (regular files with Hearth's own endings only); returns how many went."""
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
            match = _UNFINISHED.search(path.name)
            if match is None or process_alive(int(match["pid"])):
                continue
            with contextlib.suppress(OSError):
                if stat.S_ISREG(path.lstat().st_mode):
                    path.unlink()
                    removed += 1
    if removed:
        log.info("removed %d unfinished copies left by an interrupted run", removed)
    return removed
