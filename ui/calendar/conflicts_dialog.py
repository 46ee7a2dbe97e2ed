"""Changed in two places: each field both sides changed, the server's value kept and the
other one offered, so the couple picks which stays."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ui.theme import SPACING


class ConflictsDialog(QDialog):
    picked = Signal()  # a conflict was settled: the plans may have changed

    def __init__(self, *, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Changed in two places")
        self.setAccessibleName("Changed in two places")
        layout = QVBoxLayout(self)
        intro = QLabel("These were changed on this computer and elsewhere before they "
                       "synced. The other version is in place now; keep it, or keep the one "
                       "from this computer.", self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.scroll = QScrollArea(self)
        self.scroll.setWidgetResizable(True)
        layout.addWidget(self.scroll, 1)
        close_row = QHBoxLayout()
        close_row.addStretch(1)
        close = QPushButton("Close", self)
        close.setProperty("role", "primary")
        close.setToolTip("Close; what is not picked stays as it is now")
        close.clicked.connect(self.reject)
        close_row.addWidget(close)
        layout.addLayout(close_row)
        self.rows: list[QFrame] = []
        self.reload()

    def reload(self) -> None:
        from app.sync import conflicts

        holder = QWidget()
        column = QVBoxLayout(holder)
        column.setSpacing(SPACING["s"])
        self.rows = []
        found = conflicts.open_conflicts()
        for item in found:
            row = QFrame(holder)
            row.setProperty("role", "card")
            line = QHBoxLayout(row)
            text = QLabel(f"“{item.title}”: {item.label}\nNow: {item.server}\n"
                          f"This computer had: {item.local}", row)
            text.setWordWrap(True)
            text.setTextFormat(Qt.TextFormat.PlainText)
            line.addWidget(text, 1)
            for label, keep_local in (("Keep the other", False), ("Keep mine", True)):
                button = QPushButton(label, row)
                button.setAccessibleName(f"{label}: {item.title}, {item.label}")
                button.setToolTip("Keep the version from this computer" if keep_local
                                  else "Keep the version now in place")
                button.clicked.connect(
                    lambda _=False, i=item.id, k=keep_local: self.pick(i, k))
                line.addWidget(button)
            column.addWidget(row)
            self.rows.append(row)
        if not found:
            column.addWidget(QLabel("Nothing is waiting: every change is settled.", holder))
        column.addStretch(1)
        self.scroll.setWidget(holder)

    def pick(self, conflict_id: int, keep_local: bool) -> None:
        from app.errors import HearthError
        from app.sync import conflicts

        try:
            conflicts.resolve(conflict_id, keep_local=keep_local)
        except HearthError:
            pass  # settled meanwhile (by a sync): the list below shows what is left
        self.picked.emit()
        self.reload()
