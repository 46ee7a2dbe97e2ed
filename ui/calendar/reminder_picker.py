"""The activity dialog's reminders: a few rows of "how long before", each removable.

"The day before" and "an hour before" are two rows. The value is the minutes before the
start, each once, smallest first, as `cal.ActivityInput.reminders` takes them.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QPushButton, QToolButton, QVBoxLayout, QWidget

from ui import icons
from ui.calendar.formatting import reminder_text

_HOUR, _DAY, _WEEK = 60, 24 * 60, 7 * 24 * 60
CHOICES: tuple[int, ...] = (0, 10, 30, _HOUR, 2 * _HOUR, _DAY, 2 * _DAY, _WEEK, 2 * _WEEK,
                            4 * _WEEK)
MAX_ROWS = 4
# What a new row offers first: the next of these not taken yet.
_NEW_ROW_DEFAULTS = (_HOUR, _DAY, 10, _WEEK)


class ReminderPicker(QWidget):
    """Rows of reminder choices with an "Add a reminder" button under them."""

    changed = Signal()

    def __init__(self, *, parent=None):
        super().__init__(parent)
        self.setAccessibleName("Reminders")
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._rows: list[tuple[QWidget, QComboBox]] = []
        self.add_button = QPushButton(icons.icon("bell"), "Add a reminder", self)
        self.add_button.setToolTip("Remind us before it starts, e.g. the day before and an "
                                   "hour before (while Hearth runs)")
        self.add_button.setAccessibleName("Add a reminder")
        self.add_button.clicked.connect(self._on_add_button_clicked)
        self._layout.addWidget(self.add_button)

    def value(self) -> tuple[int, ...]:
        return tuple(sorted({combo.currentData() for _row, combo in self._rows}))

    def set_value(self, minutes: Iterable[int]) -> None:
        for row, _combo in self._rows:
            row.deleteLater()
        self._rows.clear()
        for value in sorted(set(minutes)):
            self._add_row(value)
        self._update_add_button()
        self.changed.emit()

    def combos(self) -> list[QComboBox]:
        return [combo for _row, combo in self._rows]

    def add(self, minutes: int | None = None) -> QComboBox | None:
        """Add a row (`minutes` before, or the next usual one not taken yet)."""
        if len(self._rows) >= MAX_ROWS:
            return None
        if minutes is None:
            taken = set(self.value())
            minutes = next((m for m in _NEW_ROW_DEFAULTS if m not in taken), CHOICES[0])
        combo = self._add_row(minutes)
        self._update_add_button()
        self.changed.emit()
        return combo

    def _add_row(self, minutes: int) -> QComboBox:
        row = QWidget(self)
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        combo = QComboBox(row)
        combo.setAccessibleName("Reminder")
        combo.setToolTip("How long before it starts")
        for choice in CHOICES:
            combo.addItem(icons.icon("bell"), reminder_text(choice), choice)
        if combo.findData(minutes) < 0:  # an imported reminder at an unusual time
            combo.addItem(icons.icon("bell"), reminder_text(minutes), minutes)
        combo.setCurrentIndex(combo.findData(minutes))
        combo.currentIndexChanged.connect(self.changed)
        remove = QToolButton(row)
        remove.setIcon(icons.icon("close"))
        remove.setToolTip("Remove this reminder")
        remove.setAccessibleName("Remove this reminder")
        remove.clicked.connect(self._on_remove_clicked)
        line.addWidget(combo, 1)
        line.addWidget(remove)
        self._layout.insertWidget(len(self._rows), row)
        self._rows.append((row, combo))
        return combo

    def _update_add_button(self) -> None:
        self.add_button.setEnabled(len(self._rows) < MAX_ROWS)
        self.add_button.setText("Add a reminder" if not self._rows else "Add another reminder")

    def _on_add_button_clicked(self) -> None:
        self.add()

    def _on_remove_clicked(self) -> None:
        row = self.sender().parent()
        for index, (widget, _combo) in enumerate(self._rows):
            if widget is row:
                del self._rows[index]
                widget.hide()
                widget.deleteLater()
                break
        self._update_add_button()
        self.changed.emit()
