"""In-window notices at the top of the tab: undo, reminders, and plans waiting for an outcome.

The notices share one card, one line each: a long sentence is cut with "…" and shown whole
in its tooltip and accessible name, so three notices open at once still leave the month
and the summary on a 1024x700 screen.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
)

from ui import icons
from ui.theme import SPACING


class OneLineLabel(QLabel):
    """A label that keeps to one line, cutting its text with "…" to the width it gets."""

    def __init__(self, text: str, *, parent=None):
        super().__init__(parent)
        self._full = text
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setMinimumWidth(40)
        self._fit()

    def full_text(self) -> str:
        return self._full

    def is_cut(self) -> bool:
        return super().text() != self._full

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        shown = self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideRight,
                                              max(0, self.width()))
        if shown != super().text():
            self.setText(shown)
        self.setToolTip(self._full if shown != self._full else "")


class Banner(QFrame):
    """One notice on one line: an icon, a sentence, a few buttons and a close button."""

    action_triggered = Signal(str)  # the action's id
    closed = Signal()

    def __init__(self, *, kind: str, icon_name: str, text: str,
                 actions: tuple[tuple[str, str], ...] = (), parent=None):
        super().__init__(parent)
        self.kind = kind
        self._icon_name = icon_name
        self.setAccessibleName(text)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(SPACING["m"], 0, SPACING["xs"], 0)
        layout.setSpacing(SPACING["s"])
        self.icon_label = QLabel(self)
        layout.addWidget(self.icon_label)
        self.text_label = OneLineLabel(text, parent=self)
        layout.addWidget(self.text_label, 1)
        self.buttons: dict[str, QPushButton] = {}
        for action_id, label in actions:
            button = QPushButton(label, self)
            button.setProperty("role", "flat")
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
        """The whole sentence (the label may show it cut to one line)."""
        return self.text_label.full_text()

    def refresh_icons(self) -> None:
        self.icon_label.setPixmap(icons.icon(self._icon_name, accent=True).pixmap(18, 18))
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


class BannerArea(QFrame):
    """One card of notices, one line each; a new notice of a kind replaces the old one."""

    def __init__(self, *, parent=None):
        super().__init__(parent)
        self.setProperty("role", "card")
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, SPACING["xs"], 0, SPACING["xs"])
        self._layout.setSpacing(0)
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
            self._layout.removeWidget(old)
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
            self._layout.removeWidget(banner)
        self.setVisible(bool(self._banners))
