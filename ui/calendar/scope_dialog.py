"""The question every calendar asks about a repeating plan: just this one, or all of them?"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QHBoxLayout, QPushButton, QVBoxLayout

from ui.calendar.edit_modes import ONE, SERIES
from ui.theme import SPACING
from ui.widgets import heading, muted


class ScopeDialog(QDialog):
    """Asks whether a change or deletion applies to one occurrence or the whole series."""

    scope_chosen = Signal(str)  # ONE or SERIES

    def __init__(self, *, title: str, verb: str, parent=None):
        super().__init__(parent)
        self.setWindowTitle(f"{verb.capitalize()} a repeating plan")
        self.setAccessibleName(self.windowTitle())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(SPACING["xl"], SPACING["l"], SPACING["xl"], SPACING["l"])
        layout.setSpacing(SPACING["m"])
        layout.addWidget(heading(f"“{title}” repeats", level=3, parent=self))
        layout.addWidget(muted(f"{verb.capitalize()} only this time, or every time in the "
                               "series?", parent=self))
        row = QHBoxLayout()
        row.addStretch(1)
        self.cancel_button = QPushButton("Cancel", self)
        self.series_button = QPushButton("All of them", self)
        self.series_button.setToolTip(f"{verb.capitalize()} the whole series")
        self.one_button = QPushButton("Only this one", self)
        self.one_button.setToolTip(f"{verb.capitalize()} this time; the others stay")
        self.one_button.setProperty("role", "primary")
        self.one_button.setDefault(True)
        for button in (self.cancel_button, self.series_button, self.one_button):
            row.addWidget(button)
        layout.addLayout(row)
        self.cancel_button.clicked.connect(self.reject)
        self.one_button.clicked.connect(self._on_one_button_clicked)
        self.series_button.clicked.connect(self._on_series_button_clicked)
        self.setMinimumWidth(440)

    def _on_one_button_clicked(self) -> None:
        self.accept()
        self.scope_chosen.emit(ONE)

    def _on_series_button_clicked(self) -> None:
        self.accept()
        self.scope_chosen.emit(SERIES)
