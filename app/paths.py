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
    return default_data_dir()


def ensure_private_dir(path: Path) -> Path:
    """Create `path` (and parents) readable by the owner only; tighten it if it exists."""
    try:
        path.mkdir(parents=True, exist_ok=True, mode=0o700)
        if os.name == "posix":
            os.chmod(path, 0o700)
    except OSError as exc:
        raise DataFolderError(
            f"Hearth cannot create its data folder at {path}: {exc.strerror or exc}."
        ) from exc
    return path


def shared_db_path(data_dir: Path) -> Path:
    return data_dir / SHARED_DB_NAME


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
