"""In-window notices at the top of the tab: undo, reminders, and plans waiting for an outcome."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ui import icons
from ui.theme import SPACING


class Banner(QFrame):
    """One notice: an icon, a sentence, a few buttons and a close button."""

    action_triggered = Signal(str)  # the action's id
    closed = Signal()

    def __init__(self, *, kind: str, icon_name: str, text: str,
                 actions: tuple[tuple[str, str], ...] = (), parent=None):
        super().__init__(parent)
        self.kind = kind
        self._icon_name = icon_name
        self.setProperty("role", "card")
        self.setAccessibleName(text)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(SPACING["m"], SPACING["s"], SPACING["s"], SPACING["s"])
        layout.setSpacing(SPACING["m"])
        self.icon_label = QLabel(self)
        layout.addWidget(self.icon_label)
        self.text_label = QLabel(text, self)
        self.text_label.setWordWrap(True)
        self.text_label.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.text_label, 1)
        self.buttons: dict[str, QPushButton] = {}
        for action_id, label in actions:
            button = QPushButton(label, self)
            button.setAccessibleName(label)
            button.setProperty("action_id", action_id)
            button.clicked.connect(self._on_button_clicked)
            layout.addWidget(button)
            self.buttons[action_id] = button
        close = QToolButton(self)
        close.setIcon(icons.icon("close"))
        close.setToolTip("Dismiss")
        close.setAccessibleName("Dismiss")
        close.clicked.connect(self.dismiss)
        self.close_button = close
        layout.addWidget(close)
        self.refresh_icons()

    def text(self) -> str:
        return self.text_label.text()

    def refresh_icons(self) -> None:
        self.icon_label.setPixmap(icons.icon(self._icon_name, accent=True).pixmap(22, 22))
        self.close_button.setIcon(icons.icon("close"))

    def dismiss(self) -> None:
        self.hide()
        self.closed.emit()
        self.deleteLater()

    def dismiss_after(self, milliseconds: int) -> None:
        QTimer.singleShot(milliseconds, self, self.dismiss)

    def _on_button_clicked(self) -> None:
        action_id = self.sender().property("action_id")
        self.action_triggered.emit(action_id)


class BannerArea(QWidget):
    """A column of banners; a new banner of a kind replaces the old one of that kind."""

    def __init__(self, *, parent=None):
        super().__init__(parent)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(SPACING["s"])
        self._banners: dict[str, Banner] = {}
        self.hide()

    def show_banner(self, banner: Banner) -> Banner:
        self.remove(banner.kind)
        banner.setParent(self)
        banner.closed.connect(self._on_banner_closed)
        self._banners[banner.kind] = banner
        self._layout.addWidget(banner)
        banner.show()
        self.show()
        return banner

    def banner(self, kind: str) -> Banner | None:
        return self._banners.get(kind)

    def remove(self, kind: str) -> None:
        old = self._banners.pop(kind, None)
        if old is not None:
            old.closed.disconnect(self._on_banner_closed)
            old.hide()
            old.deleteLater()
        self.setVisible(bool(self._banners))

    def refresh_icons(self) -> None:
        for banner in self._banners.values():
            banner.refresh_icons()

    def _on_banner_closed(self) -> None:
        banner = self.sender()
        if self._banners.get(getattr(banner, "kind", None)) is banner:
            del self._banners[banner.kind]
        self.setVisible(bool(self._banners))
