"""The Calendar tab's top-level widget."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from ui.widgets import EmptyState


class CalendarTab(QWidget):
    def __init__(self, *, context, navigator, settings, parent=None):
        super().__init__(parent)
        self.context = context
        self.navigator = navigator
        self.settings = settings
        self.setAccessibleName("Calendar")
        layout = QVBoxLayout(self)
        self.empty = EmptyState(icon_name="calendar", title="Nothing planned yet.", text="Quality time you plan together will show here.", parent=self)
        layout.addWidget(self.empty)
