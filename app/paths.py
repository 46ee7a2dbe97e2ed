"""Where Hearth's files live: the user's data folder and the bundled resources."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

from app import APP_ID
from app.errors import DataFolderError

DATA_DIR_ENV = "HEARTH_DATA_DIR"
SHARED_DB_NAME = "hearth.db"
LOG_DIR_NAME = "logs"
JOURNALS_DIR_NAME = "journals"
# Copies of journal files opened with the system's viewer, removed when the journal locks.
OPENED_DIR_NAME = "opened"

# Held while a calendar sync runs, by the window or a command: one sync at a time.
SYNC_LOCK_NAME = ".hearth-sync.lock"


def default_data_dir() -> Path:
    """The platform's per-user data folder (e.g. ~/.local/share/hearth on Linux)."""
    return Path(platformdirs.user_data_dir(APP_ID, appauthor=False, roaming=True))


def resolve_data_dir(override: str | os.PathLike | None = None) -> Path:
    """Pick the data folder: an explicit override, then $HEARTH_DATA_DIR, then the default."""
    if override:
        return Path(override).expanduser().resolve()
    env = os.environ.get(DATA_DIR_ENV, "").strip()
    if env:
        return Path(env).expanduser().resolve()
    # The folder itself may be a link the user keeps (into a synced folder, say): what lies
    # inside it is judged on its own, with links refused there.
    return default_data_dir().resolve()


def owner_only_umask() -> None:
    """Make everything this process creates owner-only from the start (settings, logs and
    their rotations, exports, temporary files), rather than tightened after the fact."""
    if os.name == "posix":
        os.umask(0o077)


def ensure_private_dir(path: Path) -> Path:
    """Create `path` (and parents) readable by the owner only.

    A folder that already exists keeps its permissions: Hearth cannot know who made it
    (`--data-dir /tmp`, a folder the user shares or made read-only), and it never changes
    the mode of what it did not create. A symlink or a file where a folder of Hearth's own
    belongs is refused rather than written through.
    """
    path = Path(path)
    if path.is_symlink() or (path.exists() and not path.is_dir()):
        raise DataFolderError(
            f"Hearth cannot use {path}: something other than a folder is there."
        )
    try:
        if not path.is_dir():
            path.mkdir(parents=True, exist_ok=True, mode=0o700)
            if os.name == "posix":
                os.chmod(path, 0o700)  # mkdir's mode is cut by the umask, never widened
    except OSError as exc:
        raise DataFolderError(
            f"Hearth cannot create its data folder at {path}: {exc.strerror or exc}."
        ) from exc
    return path


def shared_db_path(data_dir: Path) -> Path:
    return data_dir / SHARED_DB_NAME


def journals_dir(data_dir: Path) -> Path:
    """Where every journal's file lives: `journals/<token>.db`."""
    return Path(data_dir) / JOURNALS_DIR_NAME


def opened_dir(data_dir: Path) -> Path:
    return Path(data_dir) / OPENED_DIR_NAME


def log_dir(data_dir: Path) -> Path:
    return data_dir / LOG_DIR_NAME


def resources_dir() -> Path:
    """The `resources/` folder, from a source checkout or inside a PyInstaller bundle."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def resource_path(*parts: str) -> Path:
    """A file or folder under `resources/`, e.g. resource_path("icons", "hearth.svg")."""
    return resources_dir().joinpath(*parts)
