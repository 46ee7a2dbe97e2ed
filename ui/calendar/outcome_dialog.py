"""After the date: was it done or skipped, how was it (1-5), a line about it, and a journal link."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSize, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.errors import HearthError, ValidationError
from app.services import calendar as cal
from app.text import count
from ui import icons
from ui.calendar.formatting import day_title, time_text
from ui.theme import SPACING
from ui.widgets import heading, muted


class StarRating(QWidget):
    """Five toggles; clicking the current star again clears the rating."""

    rating_changed = Signal(object)  # int 1-5 or None

    def __init__(self, *, parent=None):
        super().__init__(parent)
        self._rating: int | None = None
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.buttons: list[QToolButton] = []
        for value in range(1, 6):
            button = QToolButton(self)
            button.setAccessibleName(count(value, "star"))
            button.setToolTip(f"Rate it {value} out of 5")
            button.setProperty("value", value)
            button.setAutoRaise(True)
            button.setIconSize(QSize(24, 24))
            button.clicked.connect(self._on_star_clicked)
            layout.addWidget(button)
            self.buttons.append(button)
        layout.addStretch(1)
        self.setAccessibleName("Rating")
        self._refresh()

    def rating(self) -> int | None:
        return self._rating

    def set_rating(self, rating: int | None) -> None:
        self._rating = rating
        self._refresh()
        self.rating_changed.emit(rating)

    def _on_star_clicked(self) -> None:
        value = self.sender().property("value")
        self.set_rating(None if value == self._rating else value)

    def _refresh(self) -> None:
        for button in self.buttons:
            filled = self._rating is not None and button.property("value") <= self._rating
            button.setIcon(icons.icon("star-filled" if filled else "star", accent=filled))


class OutcomeDialog(QDialog):
    """Records how one occurrence went; "Write about it" asks for a linked journal entry."""

    outcome_saved = Signal(object)  # the updated Occurrence
    write_requested = Signal(object)  # the Occurrence

    def __init__(self, *, occurrence, today=None,
                 save: Callable[..., object] = cal.set_outcome, parent=None):
        super().__init__(parent)
        self.occurrence = occurrence
        self._save = save
        self.setWindowTitle("How did it go?")
        self.setAccessibleName("How did it go?")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(SPACING["xl"], SPACING["l"], SPACING["xl"], SPACING["l"])
        layout.setSpacing(SPACING["m"])
        layout.addWidget(heading(occurrence.title, level=2, parent=self))
        when = day_title(occurrence.start.date(), today)
        if not occurrence.all_day:
            when += f", {time_text(occurrence.start)}"
        layout.addWidget(muted(when, parent=self))

        row = QHBoxLayout()
        self.done_radio = QRadioButton("We did it", self)
        self.done_radio.setIcon(icons.icon("check"))
        self.skipped_radio = QRadioButton("It didn't happen", self)
        self.skipped_radio.setIcon(icons.icon("skip"))
        group = QButtonGroup(self)
        group.addButton(self.done_radio)
        group.addButton(self.skipped_radio)
        row.addWidget(self.done_radio)
        row.addWidget(self.skipped_radio)
        row.addStretch(1)
        layout.addLayout(row)

        self.rating_row = QWidget(self)
        rating_layout = QHBoxLayout(self.rating_row)
        rating_layout.setContentsMargins(0, 0, 0, 0)
        rating_layout.addWidget(QLabel("How was it?", self.rating_row))
        self.stars = StarRating(parent=self.rating_row)
        rating_layout.addWidget(self.stars, 1)
        layout.addWidget(self.rating_row)

        self.reflection_edit = QPlainTextEdit(self)
        self.reflection_edit.setPlaceholderText("A line to remember it by (optional)")
        self.reflection_edit.setAccessibleName("Reflection")
        self.reflection_edit.setTabChangesFocus(True)
        self.reflection_edit.setMaximumHeight(110)
        layout.addWidget(self.reflection_edit)
        self.error_label = QLabel(self)
        self.error_label.setProperty("role", "error")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        layout.addWidget(self.error_label)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setProperty("role", "primary")
        self.write_button = QPushButton("Write about it", self)
        self.write_button.setIcon(icons.icon("pen"))
        self.write_button.setToolTip("Save, then open a journal entry linked to this plan")
        self.buttons.addButton(self.write_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.write_button.clicked.connect(self._on_write_button_clicked)
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

        self.done_radio.toggled.connect(self._on_done_radio_toggled)
        if occurrence.status == "skipped":
            self.skipped_radio.setChecked(True)
        else:
            self.done_radio.setChecked(True)
        self.stars.set_rating(occurrence.rating)
        self.reflection_edit.setPlainText(occurrence.reflection or "")
        self.setMinimumWidth(440)

    def _on_done_radio_toggled(self, checked: bool) -> None:
        self.rating_row.setEnabled(checked)

    def _store(self) -> bool:
        status = "done" if self.done_radio.isChecked() else "skipped"
        rating = self.stars.rating() if status == "done" else None
        try:
            updated = self._save(self.occurrence.activity_id, self.occurrence.original_start,
                                 status, rating, self.reflection_edit.toPlainText().strip())
        except (ValidationError, HearthError) as exc:
            self.error_label.setText(exc.message)
            self.error_label.show()
            return False
        self.occurrence = updated
        self.outcome_saved.emit(updated)
        return True

    def _on_buttons_accepted(self) -> None:
        if self._store():
            self.accept()

    def _on_write_button_clicked(self) -> None:
        if self._store():
            self.write_requested.emit(self.occurrence)
            self.accept()
