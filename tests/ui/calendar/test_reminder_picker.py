"""The activity dialog's reminder rows: add, change, remove, at most four."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QToolButton

from ui.calendar.reminder_picker import CHOICES, MAX_ROWS, ReminderPicker


def test_rows_give_the_minutes_once_each_smallest_first(qtbot):
    picker = ReminderPicker()
    qtbot.addWidget(picker)
    assert picker.value() == ()
    assert picker.add_button.text() == "Add a reminder"
    qtbot.mouseClick(picker.add_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(picker.add_button, Qt.MouseButton.LeftButton)
    assert picker.value() == (60, 1440)  # an hour before, then the day before
    assert picker.add_button.text() == "Add another reminder"
    first, second = picker.combos()
    second.setCurrentIndex(second.findData(60))
    assert picker.value() == (60,)  # the same time twice is one reminder


def test_at_most_four_rows_and_four_weeks(qtbot):
    picker = ReminderPicker()
    qtbot.addWidget(picker)
    assert max(CHOICES) == 4 * 7 * 24 * 60
    for _ in range(MAX_ROWS):
        assert picker.add() is not None
    assert picker.add() is None and not picker.add_button.isEnabled()
    assert len(picker.value()) == MAX_ROWS


def test_set_value_and_remove_a_row(qtbot):
    picker = ReminderPicker()
    qtbot.addWidget(picker)
    picker.show()
    with qtbot.waitSignal(picker.changed):
        picker.set_value((1440, 60, 90))
    assert picker.value() == (60, 90, 1440)
    assert [c.currentText() for c in picker.combos()] == [
        "1 hour before", "90 minutes before", "1 day before"]
    first_row = picker.combos()[0].parentWidget()
    [remove] = first_row.findChildren(QToolButton)
    assert remove.accessibleName() == "Remove this reminder"
    qtbot.mouseClick(remove, Qt.MouseButton.LeftButton)
    assert picker.value() == (90, 1440)
