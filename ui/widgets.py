"""Small widgets every tab shares: headings, the empty-state panel, and a window's height
for its wrapped text."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ui import icons
from ui.theme import SPACING


class FitsHeightToWidth:
    """A window (a mixin before its Qt class) as tall as its width needs, and never shorter.
    Wrapped text makes the height a window's layout needs depend on its width, which the
    window's own size hint leaves out: at a larger text size its last lines were cut off."""

    def showEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().showEvent(event)
        self._fit_height_to_width()

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        self._fit_height_to_width()

    def _fit_height_to_width(self) -> None:
        layout = self.layout()
        if layout is None or not layout.hasHeightForWidth():
            return
        needed = layout.totalHeightForWidth(self.width())
        if needed != self.minimumHeight():
            self.setMinimumHeight(needed)
        if self.height() < needed:
            self.resize(self.width(), needed)


def heading(text: str, *, level: int = 1, parent=None) -> QLabel:
    label = QLabel(text, parent)
    label.setProperty("role", f"h{level}")
    label.setWordWrap(True)
    return label


def muted(text: str, *, parent=None) -> QLabel:
    label = QLabel(text, parent)
    label.setProperty("role", "muted")
    label.setWordWrap(True)
    return label


class EmptyState(QWidget):
    """A centred icon, title, explanation and optional call to action."""

    action_clicked = Signal()

    def __init__(self, *, icon_name: str, title: str, text: str, action_text: str = "",
                 parent=None):
        super().__init__(parent)
        # A fixed-width column centred by stretches: word-wrapped labels given an alignment
        # inside a layout get a wrong height and clip their last lines.
        column = QWidget(self)
        column.setMaximumWidth(480)
        inner = QVBoxLayout(column)
        inner.setSpacing(SPACING["m"])
        self._icon_name = icon_name
        self.icon_label = QLabel(column)
        self.icon_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title_label = heading(title, level=2, parent=column)
        self.title_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.text_label = muted(text, parent=column)
        self.text_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        inner.addWidget(self.icon_label)
        inner.addWidget(self.title_label)
        inner.addWidget(self.text_label)
        self.button: QPushButton | None = None
        if action_text:
            self.button = QPushButton(action_text, column)
            self.button.setProperty("role", "primary")
            self.button.clicked.connect(self.action_clicked)
            inner.addWidget(self.button, 0, Qt.AlignmentFlag.AlignHCenter)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(column, 4)
        row.addStretch(1)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(2)
        self.refresh_icon()

    def refresh_icon(self) -> None:
        self.icon_label.setPixmap(icons.icon(self._icon_name, accent=True).pixmap(56, 56))
