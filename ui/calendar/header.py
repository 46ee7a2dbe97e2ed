"""The row above the Calendar tab's month: its title, and the buttons around it.

Moving between months, finding a plan, ideas and "New activity". Intents out through
signals; the tab does the work. The find field is hidden until asked for, so it is built
then, in its place beside the title.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QSizePolicy, QToolButton, QWidget

from ui import icons
from ui.theme import SPACING
from ui.widgets import heading


class MonthHeader(QWidget):
    """◀ ▶  March 2026 ……  [find]  Today  ·  Ideas  New activity"""

    previous_requested = Signal()
    next_requested = Signal()
    today_requested = Signal()
    ideas_requested = Signal()
    new_requested = Signal()
    plan_searched = Signal(str)  # the find field's text to look for
    find_closed = Signal()  # Escape hid the find field

    def __init__(self, *, parent=None):
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(SPACING["xs"])
        self.prev_button = self._tool_button("prev", "Previous month (Page Up)")
        self.next_button = self._tool_button("next", "Next month (Page Down)")
        self.today_button = self._button("Today", "Go to today (Home)")
        self.month_label = heading("", level=2, parent=self)
        self.month_label.setWordWrap(False)
        self.month_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self._find_edit = None
        self.ideas_button = self._button("Ideas", "Browse ideas for time together, or be "
                                         "surprised")
        self.new_button = self._button("New activity", "Plan something on the selected day "
                                       "(Ctrl+N)")
        self.new_button.setProperty("role", "primary")
        row.addWidget(self.prev_button)
        row.addWidget(self.next_button)
        row.addSpacing(SPACING["s"])
        row.addWidget(self.month_label, 1)
        row.addWidget(self.today_button)
        row.addSpacing(SPACING["s"])
        row.addWidget(self.ideas_button)
        row.addWidget(self.new_button)
        self.prev_button.clicked.connect(self.previous_requested)
        self.next_button.clicked.connect(self.next_requested)
        self.today_button.clicked.connect(self.today_requested)
        self.ideas_button.clicked.connect(self.ideas_requested)
        self.new_button.clicked.connect(self.new_requested)

    @property
    def find_edit(self):
        """The find field (between the title and Today), built the first time it is needed."""
        if self._find_edit is None:
            from ui.calendar.find import FindField

            self._find_edit = FindField(parent=self)
            row = self.layout()
            row.insertWidget(row.indexOf(self.today_button), self._find_edit)
            QWidget.setTabOrder(self.today_button, self._find_edit)  # as if built first
            self._find_edit.plan_searched.connect(self.plan_searched)
            self._find_edit.closed.connect(self.find_closed)
        return self._find_edit

    def hide_find(self) -> None:
        if self._find_edit is not None:
            self._find_edit.hide()

    def set_title(self, text: str) -> None:
        self.month_label.setText(text)

    def refresh_icons(self) -> None:
        for button in (self.prev_button, self.next_button):
            button.setIcon(icons.icon(button.property("icon_name")))

    def _tool_button(self, icon_name: str, tip: str) -> QToolButton:
        button = QToolButton(self)
        button.setIcon(icons.icon(icon_name))
        button.setProperty("icon_name", icon_name)
        button.setToolTip(tip)
        button.setAccessibleName(tip.split(" (")[0])
        return button

    def _button(self, text: str, tip: str) -> QPushButton:
        button = QPushButton(text, self)
        button.setToolTip(tip)
        button.setAccessibleName(text)
        return button
