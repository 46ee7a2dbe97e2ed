"""Choosing how a plan repeats: a few presets, and a small editor for any other rule."""

from __future__ import annotations

import datetime

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QRadioButton,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.calendar import rule_text as rec
from ui.theme import SPACING

_FREQS = (("DAILY", "day", "days"), ("WEEKLY", "week", "weeks"), ("MONTHLY", "month", "months"),
          ("YEARLY", "year", "years"))
_CUSTOM = "custom"


class RecurrenceEditor(QWidget):
    """Edits an RRULE value ("FREQ=WEEKLY;BYDAY=FR") or None for a one-off."""

    rule_changed = Signal()

    def __init__(self, *, parent=None):
        super().__init__(parent)
        self._start = _as_datetime(datetime.date.today())
        self._loading = False
        # A rule from another calendar app that the editor cannot show is kept verbatim
        # until the user picks something else.
        self._foreign_rule: str | None = None

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(SPACING["s"])
        self.preset_combo = QComboBox(self)
        self.preset_combo.setAccessibleName("Repeats")
        self.preset_combo.setToolTip("How often this plan comes back")
        self.preset_combo.currentIndexChanged.connect(self._on_preset_combo_changed)
        layout.addWidget(self.preset_combo)

        self.custom = QWidget(self)
        custom = QVBoxLayout(self.custom)
        custom.setContentsMargins(0, 0, 0, 0)
        custom.setSpacing(SPACING["s"])
        every_row = QHBoxLayout()
        every_row.addWidget(QLabel("Every", self.custom))
        self.interval_spin = QSpinBox(self.custom)
        self.interval_spin.setRange(1, 99)
        self.interval_spin.setProperty("role", "bare")
        self.interval_spin.setMinimumWidth(48)
        self.interval_spin.setAccessibleName("Repeat interval")
        self.interval_spin.setToolTip("1 means every time, 2 every other time, and so on")
        every_row.addWidget(self.interval_spin)
        self.freq_combo = QComboBox(self.custom)
        self.freq_combo.setAccessibleName("Repeat unit")
        for code, one, _many in _FREQS:
            self.freq_combo.addItem(one, code)
        every_row.addWidget(self.freq_combo)
        every_row.addStretch(1)
        custom.addLayout(every_row)

        self.days_row = QWidget(self.custom)
        days = QHBoxLayout(self.days_row)
        days.setContentsMargins(0, 0, 0, 0)
        days.setSpacing(2)
        days.addWidget(QLabel("On", self.days_row))
        self.day_buttons: list[QToolButton] = []
        for index, name in enumerate(("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")):
            button = QToolButton(self.days_row)
            button.setText(name[:2])
            button.setCheckable(True)
            button.setAccessibleName(name)
            button.setToolTip(f"Repeat on {datetime.date(2024, 1, 1 + index).strftime('%A')}")
            button.toggled.connect(self._on_part_changed)
            days.addWidget(button)
            self.day_buttons.append(button)
        days.addStretch(1)
        custom.addWidget(self.days_row)

        self.monthly_row = QWidget(self.custom)
        monthly = QHBoxLayout(self.monthly_row)
        monthly.setContentsMargins(0, 0, 0, 0)
        self.by_date_radio = QRadioButton(self.monthly_row)
        self.by_weekday_radio = QRadioButton(self.monthly_row)
        self.by_date_radio.setToolTip("The same date each month")
        self.by_weekday_radio.setToolTip("The same weekday of the month, e.g. the second Friday")
        group = QButtonGroup(self.monthly_row)
        group.addButton(self.by_date_radio)
        group.addButton(self.by_weekday_radio)
        self.by_date_radio.setChecked(True)
        self.by_date_radio.toggled.connect(self._on_part_changed)
        monthly.addWidget(self.by_date_radio)
        monthly.addWidget(self.by_weekday_radio)
        monthly.addStretch(1)
        custom.addWidget(self.monthly_row)

        end_row = QHBoxLayout()
        end_row.addWidget(QLabel("Ends", self.custom))
        self.end_combo = QComboBox(self.custom)
        self.end_combo.setAccessibleName("Repeat ends")
        self.end_combo.addItem("never", "never")
        self.end_combo.addItem("on", "until")
        self.end_combo.addItem("after", "count")
        end_row.addWidget(self.end_combo)
        self.until_edit = QDateEdit(self.custom)
        self.until_edit.setCalendarPopup(True)
        self.until_edit.setDisplayFormat("d MMM yyyy")
        self.until_edit.setAccessibleName("Last date")
        self.count_spin = QSpinBox(self.custom)
        self.count_spin.setRange(1, 999)
        self.count_spin.setProperty("role", "bare")
        self.count_spin.setValue(10)
        self.count_spin.setSuffix(" times")
        self.count_spin.setAccessibleName("Number of times")
        end_row.addWidget(self.until_edit)
        end_row.addWidget(self.count_spin)
        end_row.addStretch(1)
        custom.addLayout(end_row)
        layout.addWidget(self.custom)

        self.summary_label = QLabel(self)
        self.summary_label.setProperty("role", "small")
        self.summary_label.setWordWrap(True)
        layout.addWidget(self.summary_label)

        self.interval_spin.valueChanged.connect(self._on_part_changed)
        self.freq_combo.currentIndexChanged.connect(self._on_part_changed)
        self.end_combo.currentIndexChanged.connect(self._on_part_changed)
        self.until_edit.dateChanged.connect(self._on_part_changed)
        self.count_spin.valueChanged.connect(self._on_part_changed)
        self._fill_presets()
        self._sync_visibility()

    # ----- public ---------------------------------------------------------------------

    def set_start(self, start: datetime.date) -> None:
        """Presets follow the start date ("every week on Friday")."""
        start = _as_datetime(start)
        if start == self._start:
            return
        self._start = start
        self._loading = True
        self._fill_presets()
        self._loading = False
        self._update_texts()
        self.rule_changed.emit()

    def set_rule(self, rule: str | None, start: datetime.date) -> None:
        self._loading = True
        self._start = _as_datetime(start)
        self._foreign_rule = None
        self._fill_presets()
        key = rec.preset_of(rule, self._start)
        self.preset_combo.setCurrentIndex(max(0, self.preset_combo.findData(key)))
        if key == _CUSTOM:
            self._load_custom(rule)
        self._loading = False
        self._sync_visibility()
        self._update_texts()

    def rule(self) -> str | None:
        key = self.preset_combo.currentData()
        if key != _CUSTOM:
            return rec.preset_rule(key or "none", self._start)
        if self._foreign_rule is not None:
            return self._foreign_rule
        return rec.spec_to_rule(self._spec(), self._start)

    def preset_key(self) -> str:
        return self.preset_combo.currentData()

    def set_preset(self, key: str) -> None:
        self.preset_combo.setCurrentIndex(self.preset_combo.findData(key))

    # ----- presets --------------------------------------------------------------------

    def _fill_presets(self) -> None:
        blocked = self.preset_combo.blockSignals(True)
        current = self.preset_combo.currentData()
        self.preset_combo.clear()
        for key, label in rec.preset_choices(self._start):
            self.preset_combo.addItem(f"{label}…" if key == _CUSTOM else label, key)
        self.preset_combo.setCurrentIndex(max(0, self.preset_combo.findData(current)))
        self.preset_combo.blockSignals(blocked)

    # ----- the custom rule ------------------------------------------------------------

    def _load_custom(self, rule: str | None) -> None:
        spec = rec.rule_to_spec(rule, self._start)
        if spec is None:
            self._foreign_rule = rule
            return
        self.freq_combo.setCurrentIndex(max(0, self.freq_combo.findData(spec.freq)))
        self.interval_spin.setValue(spec.interval)
        weekdays = spec.weekdays or (self._start.weekday(),)
        for index, button in enumerate(self.day_buttons):
            button.setChecked(index in weekdays)
        self.by_weekday_radio.setChecked(spec.monthly_by == "weekday")
        self.by_date_radio.setChecked(spec.monthly_by != "weekday")
        if spec.until is not None:
            self.end_combo.setCurrentIndex(self.end_combo.findData("until"))
            self.until_edit.setDate(QDate(spec.until.year, spec.until.month, spec.until.day))
        elif spec.count is not None:
            self.end_combo.setCurrentIndex(self.end_combo.findData("count"))
            self.count_spin.setValue(spec.count)
        else:
            self.end_combo.setCurrentIndex(0)

    def _spec(self) -> rec.RecurrenceSpec:
        end = self.end_combo.currentData()
        return rec.RecurrenceSpec(
            freq=self.freq_combo.currentData(),
            interval=self.interval_spin.value(),
            weekdays=tuple(i for i, b in enumerate(self.day_buttons) if b.isChecked()),
            monthly_by="weekday" if self.by_weekday_radio.isChecked() else "date",
            until=self.until_edit.date().toPython() if end == "until" else None,
            count=self.count_spin.value() if end == "count" else None,
        )

    # ----- slots ----------------------------------------------------------------------

    def _on_preset_combo_changed(self, _index: int) -> None:
        if self._loading:
            return
        self._foreign_rule = None
        if self.preset_combo.currentData() == _CUSTOM:
            self._seed_custom_from_start()
        self._sync_visibility()
        self._update_texts()
        self.rule_changed.emit()

    def _seed_custom_from_start(self) -> None:
        blocked = [w.blockSignals(True) for w in self._custom_inputs()]
        self.freq_combo.setCurrentIndex(self.freq_combo.findData("WEEKLY"))
        for index, button in enumerate(self.day_buttons):
            button.setChecked(index == self._start.weekday())
        until = self._start.date() + datetime.timedelta(days=90)
        self.until_edit.setDate(QDate(until.year, until.month, until.day))
        for widget, was in zip(self._custom_inputs(), blocked, strict=True):
            widget.blockSignals(was)

    def _custom_inputs(self) -> list[QWidget]:
        return [self.interval_spin, self.freq_combo, self.end_combo, self.until_edit,
                self.count_spin, self.by_date_radio, *self.day_buttons]

    def _on_part_changed(self, *_args) -> None:
        if self._loading:
            return
        self._foreign_rule = None
        self._sync_visibility()
        self._update_texts()
        self.rule_changed.emit()

    def _sync_visibility(self) -> None:
        custom = self.preset_combo.currentData() == _CUSTOM
        self.custom.setVisible(custom)
        freq = self.freq_combo.currentData()
        self.days_row.setVisible(custom and freq == "WEEKLY")
        self.monthly_row.setVisible(custom and freq == "MONTHLY")
        end = self.end_combo.currentData()
        self.until_edit.setVisible(end == "until")
        self.count_spin.setVisible(end == "count")
        many = self.interval_spin.value() != 1
        blocked = self.freq_combo.blockSignals(True)
        for i, (_code, one, plural) in enumerate(_FREQS):
            self.freq_combo.setItemText(i, plural if many else one)
        self.freq_combo.blockSignals(blocked)

    def _update_texts(self) -> None:
        day = self._start.date()
        self.by_date_radio.setText(f"on day {day.day}")
        self.by_weekday_radio.setText(
            f"on the {rec.ORDINALS[rec.nth_weekday_of(day)]} {rec.WEEKDAY_NAMES[day.weekday()]}")
        rule = self.rule()
        if rule is None or self.preset_combo.currentData() != _CUSTOM:
            self.summary_label.setText("")
            self.summary_label.hide()
            return
        self.summary_label.setText(rec.describe(rule, self._start))
        self.summary_label.show()


def _as_datetime(day: datetime.date) -> datetime.datetime:
    if isinstance(day, datetime.datetime):
        return day
    return datetime.datetime.combine(day, datetime.time())
