"""Every user preference the window keeps, declared once, read through one accessor.

Settings live in `settings.ini` inside the data folder, so a data folder carries its own
preferences and tests never touch the real ones.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QSettings


@dataclass(frozen=True)
class Setting:
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

JOURNAL_ORDER = Setting("journal/order", str, "",
                        "Journal ids in the order the chooser shows them, comma-separated")

ALL_SETTINGS = [THEME, TEXT_SIZE, WINDOW_GEOMETRY, WINDOW_STATE, LAST_TAB, READER_ZOOM,
                AUTO_LOCK_MINUTES, JOURNAL_ORDER]


class Settings:
    """Typed access to the preferences of one data folder."""

    FILE_NAME = "settings.ini"

    def __init__(self, data_dir: Path):
        self._store = QSettings(str(Path(data_dir) / self.FILE_NAME), QSettings.Format.IniFormat)

    def get(self, setting: Setting) -> Any:
        value = self._store.value(setting.key, setting.default)
        if value is None:
            return setting.default
        if setting.type is QByteArray:
            return value if isinstance(value, QByteArray) else QByteArray(value)
        try:
            return setting.type(value)
        except (TypeError, ValueError):
            return setting.default

    def set(self, setting: Setting, value: Any) -> None:
        self._store.setValue(setting.key, value)

    def get_raw(self, key: str, default: Any = None) -> Any:
        """For per-item values whose key is built at run time (e.g. a guide's scroll)."""
        return self._store.value(key, default)

    def set_raw(self, key: str, value: Any) -> None:
        self._store.setValue(key, value)

    def sync(self) -> None:
        self._store.sync()
