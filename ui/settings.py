"""Every user preference the window keeps, declared once, read through one accessor.

Settings live in `settings.ini` inside the data folder, so a data folder carries its own
preferences and tests never touch the real ones.
"""

from __future__ import annotations

import logging
import os
import stat
from pathlib import Path
from typing import Any, NamedTuple

from PySide6.QtCore import QByteArray, QSettings


class Setting(NamedTuple):
    key: str
    type: type
    default: Any
    description: str


THEME = Setting("view/theme", str, "system", "Colour scheme: system, light or dark")
TEXT_SIZE = Setting("view/text_size", str, "normal", "Text size: small, normal, large, larger")
WINDOW_GEOMETRY = Setting("window/geometry", QByteArray, QByteArray(), "Main window geometry")
WINDOW_STATE = Setting("window/state", QByteArray, QByteArray(), "Main window toolbars/docks")
LAST_TAB = Setting("window/last_tab", int, 0, "Index of the tab shown last")
READER_ZOOM = Setting("guides/reader_zoom", int, 0, "Guide reader text size steps")
AUTO_LOCK_MINUTES = Setting(
    "journal/auto_lock_minutes", int, 5, "Lock the journal after this many idle minutes (0: never)"
)
CLOSE_TO_TRAY = Setting(
    "window/close_to_tray", bool, False,
    "Closing the window keeps Hearth running in the tray (where the desktop has one)")

KEEP_PHOTO_LOCATION = Setting(
    "journal/keep_photo_location", bool, False,
    "Keep the GPS position stored in photos added to a journal (removed by default)"
)

JOURNAL_ORDER = Setting("journal/order", str, "",
                        "Journal ids in the order the chooser shows them, comma-separated")

ALL_SETTINGS = [THEME, TEXT_SIZE, WINDOW_GEOMETRY, WINDOW_STATE, LAST_TAB, READER_ZOOM,
                AUTO_LOCK_MINUTES, KEEP_PHOTO_LOCATION, CLOSE_TO_TRAY, JOURNAL_ORDER]


class Settings:
    """Typed access to the preferences of one data folder."""

    FILE_NAME = "settings.ini"

    def __init__(self, data_dir: Path):
        path = Path(data_dir) / self.FILE_NAME
        if _not_a_plain_file(path):
            # A pipe would hang the start, a link would have Hearth write elsewhere: the
            # window keeps its settings for this run only and leaves the thing alone.
            logging.getLogger(__name__).warning(
                "%s is not a plain file: settings are kept until Hearth closes", path.name)
            self._store = _ForThisRun()
        else:
            self._store = QSettings(str(path), QSettings.Format.IniFormat)

    def get(self, setting: Setting) -> Any:
        value = self._store.value(setting.key, setting.default)
        if value is None:
            return setting.default
        if setting.type is QByteArray:
            return value if isinstance(value, QByteArray) else QByteArray(value)
        if setting.type is bool:
            # An ini file hands back "true"/"false", and bool("false") is True.
            return value if isinstance(value, bool) else str(value).lower() in ("true", "1")
        try:
            return setting.type(value)
        except (TypeError, ValueError):
            return setting.default

    def set(self, setting: Setting, value: Any) -> None:
        self.set_raw(setting.key, value)

    def get_raw(self, key: str, default: Any = None) -> Any:
        """For per-item values whose key is built at run time (e.g. a guide's scroll)."""
        return self._store.value(key, default)

    def set_raw(self, key: str, value: Any) -> None:
        # A value already held is not written again: each write rewrites and flushes the
        # whole file, and a start would do that before its first paint for nothing.
        if value is not None and self._store.value(key) == value:
            return
        self._store.setValue(key, value)

    def sync(self) -> None:
        self._store.sync()


def _not_a_plain_file(path: Path) -> bool:
    try:
        return not stat.S_ISREG(os.lstat(path).st_mode)
    except FileNotFoundError:
        return False  # QSettings makes it
    except OSError:
        return True


class _ForThisRun:
    """The part of QSettings that Settings uses, held in memory."""

    def __init__(self):
        self._values: dict[str, Any] = {}

    def value(self, key: str, default: Any = None) -> Any:
        return self._values.get(key, default)

    def setValue(self, key: str, value: Any) -> None:  # noqa: N802 (QSettings' name)
        self._values[key] = value

    def sync(self) -> None:
        pass
