"""The Journal tab's top-level widget."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from ui.widgets import EmptyState


class JournalTab(QWidget):
    def __init__(self, *, context, navigator, settings, parent=None):
        super().__init__(parent)
        self.context = context
        self.navigator = navigator
        self.settings = settings
        self.setAccessibleName("Journal")
        layout = QVBoxLayout(self)
        self.empty = EmptyState(icon_name="journal", title="Your journal", text="A private place to write, just for you.", parent=self)
        layout.addWidget(self.empty)
