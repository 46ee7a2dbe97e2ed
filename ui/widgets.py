"""Small widgets every tab shares: headings and the empty-state panel."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from ui import icons
from ui.theme import SPACING


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
        layout = QVBoxLayout(self)
        layout.setSpacing(SPACING["m"])
        layout.addStretch(1)
        self._icon_name = icon_name
        self.icon_label = QLabel(self)
        self.icon_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title_label = heading(title, level=2, parent=self)
        self.title_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.text_label = muted(text, parent=self)
        self.text_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.text_label.setMaximumWidth(460)
        layout.addWidget(self.icon_label)
        layout.addWidget(self.title_label)
        layout.addWidget(self.text_label, 0, Qt.AlignmentFlag.AlignHCenter)
        self.button: QPushButton | None = None
        if action_text:
            self.button = QPushButton(action_text, self)
            self.button.setProperty("role", "primary")
            self.button.clicked.connect(self.action_clicked)
            layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)
        self.refresh_icon()

    def refresh_icon(self) -> None:
        self.icon_label.setPixmap(icons.icon(self._icon_name, accent=True).pixmap(56, 56))
