"""Hearth's icon in the desktop's tray: notifications, and the window kept running there.

There is one icon for the whole window, made only where the desktop has a tray
(`QSystemTrayIcon.isSystemTrayAvailable`); without one every method quietly does nothing,
and the window closes as usual. The window makes the icon once its first paint is on screen
(asking the desktop for its tray is a round trip that start-up need not wait for). Notifications carry what a tab gave them (a plan's title,
time and place), never journal text.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

from ui import icons

if TYPE_CHECKING:  # the class is loaded with the icon, after the first paint
    from PySide6.QtWidgets import QSystemTrayIcon

MESSAGE_MS = 15_000


def tray_available() -> bool:
    from PySide6.QtWidgets import QSystemTrayIcon

    return QSystemTrayIcon.isSystemTrayAvailable()


class AppTray(QObject):
    """The tray icon, its menu (Open Hearth, Quit Hearth) and its messages."""

    open_requested = Signal()  # the icon, or "Open Hearth", was chosen
    message_clicked = Signal()  # a notification was clicked
    quit_requested = Signal()  # "Quit Hearth" in the icon's menu

    def __init__(self, *, available: Callable[[], bool] | None = None, parent=None):
        super().__init__(parent)
        self._available = available or tray_available
        self._icon: QSystemTrayIcon | None = None
        self.menu: QMenu | None = None
        self.open_action = QAction("Open Hearth", self)
        self.open_action.triggered.connect(self.open_requested)
        self.quit_action = QAction("Quit Hearth", self)
        self.quit_action.triggered.connect(self.quit_requested)

    def is_available(self) -> bool:
        return bool(self._available())

    def is_shown(self) -> bool:
        return self._icon is not None and self._icon.isVisible()

    def ensure_icon(self) -> QSystemTrayIcon | None:
        """The icon, made and shown the first time the desktop offers a tray."""
        if self._icon is None and self.is_available():
            from PySide6.QtWidgets import QSystemTrayIcon

            self.menu = QMenu()
            self.menu.addAction(self.open_action)
            self.menu.addSeparator()
            self.menu.addAction(self.quit_action)
            self._icon = QSystemTrayIcon(icons.app_icon(), self)
            self._icon.setToolTip("Hearth: reminders for your plans")
            self._icon.setContextMenu(self.menu)
            self._icon.activated.connect(self._on_icon_activated)
            self._icon.messageClicked.connect(self.message_clicked)
            self._icon.show()
        return self._icon

    def notify(self, title: str, text: str) -> bool:
        """Show a desktop notification; False when there is no tray to show it through."""
        icon = self.ensure_icon()
        if icon is None:
            return False
        icon.showMessage(title, text, icons.app_icon(), MESSAGE_MS)
        return True

    def hide(self) -> None:
        if self._icon is not None:
            self._icon.hide()

    def _on_icon_activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        from PySide6.QtWidgets import QSystemTrayIcon

        if reason in (QSystemTrayIcon.ActivationReason.Trigger,
                      QSystemTrayIcon.ActivationReason.DoubleClick):
            self.open_requested.emit()
