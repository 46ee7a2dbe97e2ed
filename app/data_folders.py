"""The data folders this process has open, which no export or other output may write into.

Kept apart from `app.output_file`, which checks outputs against them, so opening a data
folder (every start) does not load the output checks.
"""

from __future__ import annotations

import os
from pathlib import Path

_open: set[Path] = set()


def protect_folder(folder: str | os.PathLike) -> None:
    """Refuse every later output inside `folder` (a data folder that was just opened)."""
    _open.add(Path(os.path.realpath(folder)))


def protected_folder_holding(path: str | os.PathLike) -> Path | None:
    """The open data folder that `path` (resolved) is or lies inside, if any."""
    if not _open:
        return None
    where = Path(os.path.realpath(path))
    for folder in _open:
        if where == folder or folder in where.parents:
            return folder
    return None
