"""On this day: a small card in the journal's side column listing entries from this date in
earlier years and a month ago. Hidden when there are none: never a placeholder."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout

from app import dates
from app.journal.memories import Memory
from app.text import escape_html
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
        self.buttons: list[QLabel] = []  # one row per memory, each a link
        self.refresh_icons()
        self.hide()

    def set_memories(self, memories: tuple[Memory, ...]) -> None:
        self.clear()
        for memory in memories:
            heading = memory.title or memory.snippet or dates.day_text(memory.date)
            # A wrapping label with a link, so a long title never widens the column.
            row = QLabel(self)
            row.setWordWrap(True)
            row.setTextFormat(Qt.TextFormat.RichText)
            row.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse
                                        | Qt.TextInteractionFlag.LinksAccessibleByKeyboard)
            row.setFocusPolicy(Qt.FocusPolicy.TabFocus)
            row.setText(f'<a href="{memory.entry_id}">{escape_html(memory.when)} · '
                        f"{memory.date:%Y}</a><br>{escape_html(_short(heading))}")
            row.setToolTip(f"Open the entry of {dates.day_text(memory.date)}")
            row.setAccessibleName(f"{memory.when}, {dates.day_text(memory.date)}: {heading}")
            row.linkActivated.connect(self._on_row_link_activated)
            self._rows.addWidget(row)
            self.buttons.append(row)
        self.setVisible(bool(memories))

    def _on_row_link_activated(self, link: str) -> None:
        self.entry_clicked.emit(int(link))

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
