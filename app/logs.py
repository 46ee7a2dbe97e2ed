"""Logging to a rotating file in the data folder. Messages never carry journal text:
services log what happened (ids, counts, file names), never what a person wrote."""

from __future__ import annotations

import logging
import logging.handlers
import os
from pathlib import Path

from app.paths import ensure_private_dir, log_dir

LOG_FILE_NAME = "hearth.log"
_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def log_file(data_dir: Path) -> Path:
    return log_dir(data_dir) / LOG_FILE_NAME


def setup_logging(data_dir: Path, *, level: int = logging.INFO) -> Path:
    """Send the root logger to `<data_dir>/logs/hearth.log` (1 MB x 5, owner-only)."""
    folder = ensure_private_dir(log_dir(data_dir))
    path = folder / LOG_FILE_NAME
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "_hearth", False):
            root.removeHandler(handler)
            handler.close()
    handler = logging.handlers.RotatingFileHandler(
        path, maxBytes=1_000_000, backupCount=5, encoding="utf-8"
    )
    handler._hearth = True  # type: ignore[attr-defined]
    handler.setFormatter(logging.Formatter(_FORMAT))
    root.addHandler(handler)
    root.setLevel(level)
    # Peewee logs every SQL statement with its parameters at DEBUG: never let that through.
    logging.getLogger("peewee").setLevel(logging.WARNING)
    if os.name == "posix":
        os.chmod(path, 0o600)
    return path
