"""The dialog to plan or change an activity, with each problem shown beside its field."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Sequence

from PySide6.QtCore import QDate, Qt, QTime, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from app.content.categories import category_label
from app.errors import HearthError, ValidationError
from app.services import calendar as cal
from app.text import count
from ui import icons
from ui.calendar.edit_modes import MODE_NEW, MODE_OCCURRENCE, MODE_SERIES
from ui.calendar.formatting import duration_text
from ui.calendar.recurrence_editor import RecurrenceEditor
from ui.calendar.reminder_picker import ReminderPicker
from ui.field_errors import FieldErrors
from ui.theme import SPACING

_DAY = 24 * 60

_TITLES = {MODE_NEW: "Plan something together", MODE_SERIES: "Change the series",
           MODE_OCCURRENCE: "Change this time only"}


class ActivityDialog(QDialog):
    """Edits an `ActivityInput`; `save` is called with it and may raise ValidationError."""

    activity_saved = Signal(object)  # whatever `save` returned

    def __init__(self, *, initial: cal.ActivityInput, save: Callable[[cal.ActivityInput], object],
                 mode: str = MODE_NEW, ideas: Sequence = (),
                 overlaps: Callable[[cal.ActivityInput], str] | None = None, parent=None):
        super().__init__(parent)
        self._save = save
        # Asked for a warning (or "") whenever the time changes; never blocks saving.
        self._overlaps = overlaps
        self._start_touched = False
        self._mode = mode
        self._ideas = list(ideas)
        self._idea_picker = None
        self._timezone = initial.timezone
        self._tried = False
        self._syncing = False
        self._last_duration: int | None = None
        self.setWindowTitle(_TITLES[mode])
        self.setAccessibleName(_TITLES[mode])
        self.setModal(True)
        self._build()
        self._load(initial)
        self.title_edit.setFocus()

    # ----- building -------------------------------------------------------------------

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        body = QWidget(scroll)
        scroll.setWidget(body)
        outer.addWidget(scroll, 1)
        self._field_errors = FieldErrors(parent=body)

        form = QFormLayout(body)
        form.setContentsMargins(SPACING["xl"], SPACING["l"], SPACING["xl"], SPACING["s"])
        form.setHorizontalSpacing(SPACING["l"])
        form.setVerticalSpacing(SPACING["s"])
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)

        heading = QLabel(_TITLES[self._mode], body)
        heading.setProperty("role", "h2")
        form.addRow(heading)

        self.title_edit = QLineEdit(body)
        self.title_edit.setPlaceholderText("Dinner at our favourite place, a walk, a film night…")
        self.title_edit.setAccessibleName("Title")
        self.title_edit.setToolTip("What you will do together")
        self.idea_button = QPushButton("Pick an idea…", body)
        self.idea_button.setIcon(icons.icon("lightbulb"))
        self.idea_button.setToolTip("Choose from the ideas deck; fills in title, length and "
                                    "category")
        self.idea_button.setAccessibleName("Pick an idea")
        self.idea_button.clicked.connect(self._on_idea_button_clicked)
        self.idea_button.setVisible(self._mode != MODE_OCCURRENCE)
        title_row = QHBoxLayout()
        title_row.addWidget(self.title_edit, 1)
        title_row.addWidget(self.idea_button)
        form.addRow("Title", self._field_errors.wrap("title", title_row, focus=self.title_edit,
                                                  mark=self.title_edit))

        self.all_day_check = QCheckBox("All day", body)
        self.all_day_check.setToolTip("No start time: the plan takes whole days")
        self.all_day_check.toggled.connect(self._on_all_day_toggled)
        form.addRow("", self.all_day_check)

        self.start_date = QDateEdit(body)
        self.start_date.setCalendarPopup(True)
        self.start_date.setDisplayFormat("ddd d MMM yyyy")
        self.start_date.setAccessibleName("Start date")
        self.start_time = QTimeEdit(body)
        self.start_time.setDisplayFormat("HH:mm")
        self.start_time.setAccessibleName("Start time")
        start_row = QHBoxLayout()
        start_row.addWidget(self.start_date, 1)
        start_row.addWidget(self.start_time)
        form.addRow("Starts", self._field_errors.wrap("start", start_row, focus=self.start_date))

        self.end_date = QDateEdit(body)
        self.end_date.setCalendarPopup(True)
        self.end_date.setDisplayFormat("ddd d MMM yyyy")
        self.end_date.setAccessibleName("End date")
        self.end_time = QTimeEdit(body)
        self.end_time.setDisplayFormat("HH:mm")
        self.end_time.setAccessibleName("End time")
        self.duration_label = QLabel(body)
        self.duration_label.setProperty("role", "small")
        self.duration_label.setMinimumWidth(70)
        end_row = QHBoxLayout()
        end_row.addWidget(self.end_date, 1)
        end_row.addWidget(self.end_time)
        end_row.addWidget(self.duration_label)
        form.addRow("Ends", self._field_errors.wrap("end", end_row, focus=self.end_date))
        self.overlap_label = QLabel(body)
        self.overlap_label.setProperty("role", "small")
        self.overlap_label.setWordWrap(True)
        self.overlap_label.setTextFormat(Qt.TextFormat.PlainText)
        self.overlap_label.hide()
        form.addRow("", self.overlap_label)
        for edit in (self.start_date, self.start_time):
            edit.setToolTip("Moving the start keeps the length")
        self.start_date.dateChanged.connect(self._on_start_changed)
        self.start_time.timeChanged.connect(self._on_start_changed)
        self.end_date.dateChanged.connect(self._on_end_changed)
        self.end_time.timeChanged.connect(self._on_end_changed)
        self.end_date.setToolTip("When it ends; the length is shown beside it")
        self.end_time.setToolTip("When it ends; the length is shown beside it")

        self.recurrence = RecurrenceEditor(parent=body)
        self.recurrence.setVisible(self._mode != MODE_OCCURRENCE)
        self.recurrence.rule_changed.connect(self._on_field_changed)
        repeat_label = "Repeats" if self._mode != MODE_OCCURRENCE else ""
        form.addRow(repeat_label, self._field_errors.wrap("rrule", self.recurrence))
        if self._mode == MODE_OCCURRENCE:
            note = QLabel("Only this time changes; the rest of the series stays as it is.", body)
            note.setProperty("role", "small")
            note.setWordWrap(True)
            form.addRow("", note)

        self.reminders = ReminderPicker(parent=body)
        self.reminders.setToolTip("Notifications before it starts, while Hearth runs")
        self.reminders.changed.connect(self._on_field_changed)
        form.addRow("Reminders", self._field_errors.wrap("reminder", self.reminders))

        self.category_combo = QComboBox(body)
        self.category_combo.setAccessibleName("Category")
        self.category_combo.setToolTip("What kind of time together this is")
        for category in cal.categories():
            self.category_combo.addItem(category_label(category), category)
        form.addRow("Category", self._field_errors.wrap("category", self.category_combo))

        self.location_edit = QLineEdit(body)
        self.location_edit.setAccessibleName("Location")
        self.location_edit.setPlaceholderText("Optional")
        self.location_edit.setToolTip("Where, if it matters")
        form.addRow("Where", self._field_errors.wrap("location", self.location_edit,
                                                     mark=self.location_edit))

        self.notes_edit = QPlainTextEdit(body)
        self.notes_edit.setAccessibleName("Notes")
        self.notes_edit.setPlaceholderText("Anything to remember: book a table, bring a blanket…")
        self.notes_edit.setTabChangesFocus(True)
        self.notes_edit.setMinimumHeight(70)
        self.notes_edit.setMaximumHeight(120)
        form.addRow("Notes", self._field_errors.wrap("notes", self.notes_edit))

        self.general_error = self._field_errors.general
        form.addRow(self.general_error)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setProperty("role", "primary")
        self.save_button.setDefault(True)
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)
        footer = QHBoxLayout()
        footer.setContentsMargins(SPACING["xl"], SPACING["s"], SPACING["xl"], SPACING["l"])
        footer.addWidget(self.buttons)
        outer.addLayout(footer)

        for edit in (self.title_edit, self.location_edit):
            edit.textChanged.connect(self._on_field_changed)
        self.notes_edit.textChanged.connect(self._on_field_changed)
        for edit in (self.start_time, self.end_time):
            # Typing "19:30" is quicker than stepping, and the steppers crowd the row.
            edit.setProperty("role", "bare")
            edit.setMinimumWidth(edit.fontMetrics().horizontalAdvance("00:00") + 28)
        self._body = body
        self._footer = footer

    def showEvent(self, event) -> None:  # noqa: N802 (Qt override)
        self._fit_to_screen()
        super().showEvent(event)

    def _fit_to_screen(self) -> None:
        """As tall as the form needs, but never taller than the screen (then it scrolls)."""
        hint = self._body.sizeHint()
        wanted_height = hint.height() + self._footer.sizeHint().height() + 4
        wanted_width = max(620, hint.width() + 24)
        screen = self.screen().availableGeometry() if self.screen() else None
        if screen is not None:
            wanted_height = min(wanted_height, screen.height() - 60)
            wanted_width = min(wanted_width, screen.width() - 40)
        self.resize(wanted_width, wanted_height)

    # ----- values ---------------------------------------------------------------------

    def _load(self, data: cal.ActivityInput) -> None:
        self._syncing = True
        self.title_edit.setText(data.title)
        self.all_day_check.setChecked(data.all_day)
        self._set_start(data.start)
        end = data.end
        if data.all_day:
            end = end - datetime.timedelta(days=1)  # the dialog shows the last day itself
        self.end_date.setDate(QDate(end.year, end.month, end.day))
        self.end_time.setTime(QTime(end.hour, end.minute))
        self.reminders.set_value(data.reminders)
        self._set_category(data.category)
        self.location_edit.setText(data.location)
        self.notes_edit.setPlainText(data.notes)
        self.recurrence.set_rule(data.rrule, data.start.date())
        self._syncing = False
        self._apply_all_day(data.all_day)
        self._update_duration_label()

    def _set_start(self, start: datetime.datetime) -> None:
        self.start_date.setDate(QDate(start.year, start.month, start.day))
        self.start_time.setTime(QTime(start.hour, start.minute))

    def _set_category(self, category: str) -> None:
        index = self.category_combo.findData(category)
        if index < 0:
            index = self.category_combo.findData(cal.OTHER_CATEGORY)
        self.category_combo.setCurrentIndex(max(0, index))

    def _start(self) -> datetime.datetime:
        day = self.start_date.date().toPython()
        if self.all_day_check.isChecked():
            return datetime.datetime.combine(day, datetime.time())
        return datetime.datetime.combine(day, self.start_time.time().toPython().replace(
            second=0, microsecond=0))

    def _duration_minutes(self) -> int:
        start = self._start()
        end_day = self.end_date.date().toPython()
        if self.all_day_check.isChecked():
            return ((end_day - start.date()).days + 1) * _DAY
        end = datetime.datetime.combine(end_day, self.end_time.time().toPython().replace(
            second=0, microsecond=0))
        return int((end - start).total_seconds() // 60)

    def value(self) -> cal.ActivityInput:
        return cal.ActivityInput(
            title=self.title_edit.text().strip(),
            start=self._start(),
            all_day=self.all_day_check.isChecked(),
            duration_minutes=self._duration_minutes(),
            location=self.location_edit.text().strip(),
            category=self.category_combo.currentData() or cal.OTHER_CATEGORY,
            notes=self.notes_edit.toPlainText().strip(),
            reminders=self.reminders.value(),
            rrule=None if self._mode == MODE_OCCURRENCE else self.recurrence.rule(),
            timezone=self._timezone,
        )

    def apply_idea(self, idea) -> None:
        """Fill in an idea: its title, length, category, description as notes, and its
        time of day unless a start time was chosen already."""
        self.title_edit.setText(idea.title)
        self._set_category(idea.category)
        if not self.notes_edit.toPlainText().strip():
            self.notes_edit.setPlainText(idea.description)
        if idea.time_of_day is not None and not self._start_touched \
                and not self.all_day_check.isChecked():
            self._syncing = True
            self.start_time.setTime(QTime(idea.time_of_day.hour, idea.time_of_day.minute))
            self._syncing = False
        if not self.all_day_check.isChecked():
            end = self._start() + datetime.timedelta(minutes=idea.minutes)
            self._syncing = True
            self.end_date.setDate(QDate(end.year, end.month, end.day))
            self.end_time.setTime(QTime(end.hour, end.minute))
            self._syncing = False
            self._update_duration_label()

    # ----- validation -----------------------------------------------------------------

    def show_errors(self, errors: Sequence[ValidationError]) -> None:
        self._field_errors.show(errors)

    def error_text(self, field: str) -> str:
        """The message shown beside `field` ("" when none), e.g. for tests and a11y."""
        return self._field_errors.text(field)

    def _focus_first_error(self) -> None:
        self._field_errors.focus_first()

    def _revalidate(self) -> list[ValidationError]:
        errors = cal.validate(self.value())
        if self._mode == MODE_OCCURRENCE:
            errors = [e for e in errors if e.field != "rrule"]
        self.show_errors(errors)
        return errors

    # ----- slots ----------------------------------------------------------------------

    def _on_buttons_accepted(self) -> None:
        self._tried = True
        if self._revalidate():
            self._focus_first_error()
            return
        try:
            result = self._save(self.value())
        except cal.InvalidActivity as exc:
            self.show_errors(exc.errors)
            self._focus_first_error()
            return
        except ValidationError as exc:
            self.show_errors([exc])
            self._focus_first_error()
            return
        except HearthError as exc:
            self.show_errors([ValidationError(exc.message)])
            return
        self.activity_saved.emit(result)
        self.accept()

    def _on_field_changed(self, *_args) -> None:
        if self._tried and not self._syncing:
            self._revalidate()

    def _on_all_day_toggled(self, checked: bool) -> None:
        self._apply_all_day(checked)
        self._on_field_changed()

    def _apply_all_day(self, all_day: bool) -> None:
        self.start_time.setVisible(not all_day)
        self.end_time.setVisible(not all_day)
        if all_day and self.end_date.date() < self.start_date.date():
            self.end_date.setDate(self.start_date.date())
        self._update_duration_label()

    def _on_start_changed(self, *_args) -> None:
        if self._syncing:
            return
        self._start_touched = True
        # Moving the start moves the end with it, as calendar apps do.
        duration = self._last_duration
        if duration is not None and duration > 0:
            end = self._start() + datetime.timedelta(
                minutes=duration - (_DAY if self.all_day_check.isChecked() else 0))
            self._syncing = True
            self.end_date.setDate(QDate(end.year, end.month, end.day))
            if not self.all_day_check.isChecked():
                self.end_time.setTime(QTime(end.hour, end.minute))
            self._syncing = False
        self.recurrence.set_start(self.start_date.date().toPython())
        self._update_duration_label()
        self._on_field_changed()

    def _on_end_changed(self, *_args) -> None:
        if self._syncing:
            return
        self._update_duration_label()
        self._on_field_changed()

    def overlap_text(self) -> str:
        """The overlap warning shown ("" when none)."""
        return self.overlap_label.text() if not self.overlap_label.isHidden() else ""

    def _update_overlap(self) -> None:
        if self._overlaps is None or self._syncing:
            return
        try:
            text = self._overlaps(self.value())
        except HearthError:
            text = ""  # a warning that cannot be worked out is no reason to stop planning
        self.overlap_label.setText(text)
        self.overlap_label.setVisible(bool(text))

    def _update_duration_label(self) -> None:
        self._update_overlap()
        minutes = self._duration_minutes()
        if minutes > 0:
            self._last_duration = minutes
            if self.all_day_check.isChecked():
                days = minutes // _DAY
                self.duration_label.setText(count(days, "day"))
            else:
                self.duration_label.setText(duration_text(minutes))
        else:
            self.duration_label.setText("")

    def _on_idea_button_clicked(self) -> None:
        from ui.calendar.ideas import IdeasDialog

        dialog = IdeasDialog(ideas=self._ideas, picking=True, parent=self)
        dialog.idea_chosen.connect(self.apply_idea)
        dialog.browser.ideas_changed.connect(self._on_idea_picker_ideas_changed)
        self._idea_picker = dialog
        dialog.open()

    def _on_idea_picker_ideas_changed(self) -> None:
        # An idea of their own added while picking is there the next time too.
        self._ideas = self._idea_picker.browser.ideas()
