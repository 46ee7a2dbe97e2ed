"""On this day: a small card in the journal's side column listing entries from this date in
earlier years and a month ago. Hidden when there are none: never a placeholder."""

from __future__ import annotations

import html

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout

from app.journal.memories import Memory
from ui import icons
from ui.theme import SPACING


class MemoriesPanel(QFrame):
    """Data in through `set_memories`; `entry_clicked(entry_id)` when one is chosen."""

    entry_clicked = Signal(int)

    def __init__(self, *, parent=None):
        super().__init__(parent)
        self.setProperty("role", "card")
        self.setAccessibleName("On this day")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(SPACING["m"], SPACING["s"], SPACING["m"], SPACING["s"])
        layout.setSpacing(SPACING["xs"])
        top = QHBoxLayout()
        self.icon = QLabel(self)
        self.title = QLabel("On this day", self)
        self.title.setProperty("role", "h3")
        top.addWidget(self.icon)
        top.addWidget(self.title, 1)
        layout.addLayout(top)
        self._rows = QVBoxLayout()
        self._rows.setSpacing(SPACING["xs"])
        layout.addLayout(self._rows)
        self.buttons: list[QPushButton] = []
        self.refresh_icons()
        self.hide()

    def set_memories(self, memories: tuple[Memory, ...]) -> None:
        self.clear()
        for memory in memories:
            heading = memory.title or memory.snippet or f"{memory.date:%d %B %Y}"
            button = QPushButton(self)
            button.setProperty("role", "flat")
            button.setText(f"{memory.when} · {memory.date:%Y}\n{_short(heading)}")
            button.setToolTip(f"Open the entry of {memory.date:%A %d %B %Y}")
            button.setAccessibleName(f"{memory.when}, {memory.date:%d %B %Y}: "
                                     f"{html.escape(heading)}")
            button.setStyleSheet("text-align: left;")
            button.clicked.connect(lambda _=False, i=memory.entry_id: self.entry_clicked.emit(i))
            self._rows.addWidget(button)
            self.buttons.append(button)
        self.setVisible(bool(memories))

    def clear(self) -> None:
        """Forget every row (the journal locked)."""
        for button in self.buttons:
            self._rows.removeWidget(button)
            button.deleteLater()
        self.buttons = []
        self.hide()

    def refresh_icons(self) -> None:
        self.icon.setPixmap(icons.icon("memories", accent=True).pixmap(18, 18))


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1] + "…"



