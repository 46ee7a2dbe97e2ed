"""The Guides tab's top-level widget."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from ui.widgets import EmptyState


class GuidesTab(QWidget):
    def __init__(self, *, context, navigator, settings, parent=None):
        super().__init__(parent)
        self.context = context
        self.navigator = navigator
        self.settings = settings
        self.setAccessibleName("Guides")
        layout = QVBoxLayout(self)
        self.empty = EmptyState(icon_name="guides", title="Guides will appear here.", text="Short reads about closeness, each with one small thing to try tonight.", parent=self)
        layout.addWidget(self.empty)
