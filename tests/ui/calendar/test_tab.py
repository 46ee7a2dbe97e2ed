"""The Calendar tab driven like a user: plan, change one time of a series, delete, undo."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QPoint, Qt, QTime

from app.services import calendar as cal
from tests.ui.calendar.conftest import MONDAY
from ui.calendar.activity_dialog import MODE_OCCURRENCE, ActivityDialog
from ui.calendar.tab import CalendarTab
from ui.navigation import PlanActivityRequest


def titles_on(tab: CalendarTab, day: dt.date) -> list[str]:
    return [entry.title for entry in tab.month_view.entries_on(day)]


def double_click_entry(qtbot, tab: CalendarTab, key) -> None:
    rect = tab.month_view.entry_rect(key)
    assert rect is not None, "the entry should be visible in the grid"
    qtbot.mouseDClick(tab.month_view, Qt.MouseButton.LeftButton, pos=rect.center())


def weekly_series(title="Date night", day=dt.date(2026, 3, 6)) -> cal.Activity:
    return cal.create_activity(cal.ActivityInput(
        title=title, start=dt.datetime.combine(day, dt.time(19, 30)), duration_minutes=120,
        category="out", rrule="FREQ=WEEKLY;BYDAY=FR"))


def test_create_through_the_dialog_shows_in_the_month(qtbot, make_tab):
    tab = make_tab()
    day = dt.date(2026, 3, 12)
    rect = tab.month_view.day_rect(day)
    qtbot.mouseDClick(tab.month_view, Qt.MouseButton.LeftButton,
                      pos=QPoint(rect.center().x(), rect.bottom() - 4))
    dialog = tab.activity_dialog
    assert isinstance(dialog, ActivityDialog)
    assert dialog.start_date.date() == QDate(2026, 3, 12)
    qtbot.keyClicks(dialog.title_edit, "Pottery class")
    qtbot.mouseClick(dialog.reminders.add_button, Qt.MouseButton.LeftButton)  # an hour before
    with qtbot.waitSignal(dialog.activity_saved):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert titles_on(tab, day) == ["Pottery class"]
    assert tab.month_view.selected_date() == day
    assert [row.title for row in tab.agenda.day_model.rows()] == ["Pottery class"]
    [stored] = cal.list_activities()
    assert stored.reminders == (60,)and stored.start == dt.datetime(2026, 3, 12, 19, 0)


def test_edit_one_occurrence_of_a_weekly_series(qtbot, make_tab):
    series = weekly_series()
    tab = make_tab()
    second = (series.id, dt.datetime(2026, 3, 13, 19, 30))
    assert titles_on(tab, dt.date(2026, 3, 13)) == ["Date night"]

    double_click_entry(qtbot, tab, second)
    assert tab.changes.scope_dialog is not None and tab.changes.scope_dialog.isVisible()
    qtbot.mouseClick(tab.changes.scope_dialog.one_button, Qt.MouseButton.LeftButton)
    dialog = tab.activity_dialog
    assert dialog is not None and dialog._mode == MODE_OCCURRENCE
    assert not dialog.recurrence.isVisibleTo(dialog)
    dialog.title_edit.setText("Date night: the new Thai place")
    dialog.start_time.setTime(QTime(20, 0))
    with qtbot.waitSignal(dialog.activity_saved):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    assert titles_on(tab, dt.date(2026, 3, 13)) == ["Date night: the new Thai place"]
    [changed] = tab.month_view.entries_on(dt.date(2026, 3, 13))
    assert changed.time_text == "20:00"
    assert titles_on(tab, dt.date(2026, 3, 6)) == ["Date night"]
    assert titles_on(tab, dt.date(2026, 3, 20)) == ["Date night"]


def test_edit_the_whole_series_changes_every_week(qtbot, make_tab):
    series = weekly_series()
    tab = make_tab()
    tab.edit((series.id, dt.datetime(2026, 3, 20, 19, 30)))
    qtbot.mouseClick(tab.changes.scope_dialog.series_button, Qt.MouseButton.LeftButton)
    dialog = tab.activity_dialog
    assert dialog.recurrence.preset_key() == "weekly"
    dialog.title_edit.setText("Friday date")
    with qtbot.waitSignal(dialog.activity_saved):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    for day in (6, 13, 20, 27):
        assert titles_on(tab, dt.date(2026, 3, day)) == ["Friday date"]


def test_delete_the_series_then_undo(qtbot, make_tab):
    series = weekly_series()
    tab = make_tab()
    key = (series.id, dt.datetime(2026, 3, 13, 19, 30))
    qtbot.mouseClick(tab.month_view, Qt.MouseButton.LeftButton,
                     pos=tab.month_view.entry_rect(key).center())
    assert tab.month_view.selected_key() == key
    qtbot.keyClick(tab.month_view, Qt.Key.Key_Delete)
    qtbot.mouseClick(tab.changes.scope_dialog.series_button, Qt.MouseButton.LeftButton)

    assert all(not tab.month_view.entries_on(dt.date(2026, 3, d)) for d in (6, 13, 20, 27))
    assert cal.list_activities() == []
    banner = tab.banners.banner("undo")
    assert banner is not None and "Date night" in banner.text()

    qtbot.mouseClick(banner.buttons["undo"], Qt.MouseButton.LeftButton)
    assert titles_on(tab, dt.date(2026, 3, 20)) == ["Date night"]
    assert [a.uid for a in cal.list_activities()] == [series.uid]


def test_delete_one_occurrence_keeps_the_others(qtbot, make_tab):
    series = weekly_series()
    tab = make_tab()
    tab.delete((series.id, dt.datetime(2026, 3, 13, 19, 30)))
    qtbot.mouseClick(tab.changes.scope_dialog.one_button, Qt.MouseButton.LeftButton)
    assert titles_on(tab, dt.date(2026, 3, 13)) == []
    assert titles_on(tab, dt.date(2026, 3, 20)) == ["Date night"]


def test_delete_from_the_day_list_with_the_delete_key(qtbot, make_tab):
    cal.create_activity(cal.ActivityInput(title="Picnic", start=dt.datetime(2026, 3, 2, 12)))
    tab = make_tab()
    tab.agenda.day_list.setFocus()
    tab.agenda.day_list.setCurrentIndex(tab.agenda.day_model.index(0, 0))
    qtbot.keyClick(tab.agenda.day_list, Qt.Key.Key_Delete)
    assert titles_on(tab, dt.date(2026, 3, 2)) == []
    assert tab.banners.banner("undo") is not None


def test_validation_messages_beside_the_fields(qtbot, make_tab):
    tab = make_tab()
    tab.new_item()
    dialog = tab.activity_dialog
    dialog.title_edit.setText("   ")
    dialog.end_date.setDate(dialog.start_date.date())
    dialog.end_time.setTime(dialog.start_time.time().addSecs(-3600))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert dialog.error_text("title") == "Give the activity a title."
    assert dialog.error_text("end") == "The end must be after the start."
    assert dialog.title_edit.property("invalid") is True
    assert cal.list_activities() == []

    # Messages follow the fields as they are fixed.
    qtbot.keyClicks(dialog.title_edit, "Walk")
    assert dialog.error_text("title") == ""
    dialog.end_time.setTime(dialog.start_time.time().addSecs(3600))
    assert dialog.error_text("end") == ""


def test_a_too_long_title_is_explained(qtbot, make_tab):
    tab = make_tab()
    tab.new_item()
    dialog = tab.activity_dialog
    dialog.title_edit.setText("x" * 201)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert "200 characters" in dialog.error_text("title")


def test_custom_rule_editor_saves_monthly_by_weekday(qtbot, make_tab):
    tab = make_tab()
    tab.open_new_dialog(dt.datetime(2026, 3, 10, 18, 0))  # the second Tuesday
    dialog = tab.activity_dialog
    dialog.title_edit.setText("Book club for two")
    dialog.recurrence.set_preset("custom")
    editor = dialog.recurrence
    editor.freq_combo.setCurrentIndex(editor.freq_combo.findData("MONTHLY"))
    editor.by_weekday_radio.setChecked(True)
    editor.end_combo.setCurrentIndex(editor.end_combo.findData("count"))
    editor.count_spin.setValue(3)
    assert editor.summary_label.text() == "Every month on the second Tuesday, 3 times"
    with qtbot.waitSignal(dialog.activity_saved):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    [stored] = cal.list_activities()
    assert stored.rrule == "FREQ=MONTHLY;BYDAY=2TU;COUNT=3"
    tab.month_view.next_month()
    assert titles_on(tab, dt.date(2026, 4, 14)) == ["Book club for two"]


def test_plan_it_request_prefills_the_dialog(qtbot, make_tab):
    tab = make_tab()
    tab.handle_plan_request(PlanActivityRequest(
        title="Ask each other three questions", minutes=45, category="conversation",
        notes="From the guide on listening"))
    dialog = tab.activity_dialog
    assert dialog.isVisible()
    assert dialog.title_edit.text() == "Ask each other three questions"
    assert dialog.category_combo.currentData() == "conversation"
    assert dialog.notes_edit.toPlainText() == "From the guide on listening"
    assert dialog.duration_label.text() == "45 min"
    value = dialog.value()
    assert value.duration_minutes == 45 and value.start.date() == MONDAY.date()


def test_month_navigation_and_today(qtbot, make_tab):
    cal.create_activity(cal.ActivityInput(title="Spring picnic",
                                          start=dt.datetime(2026, 4, 18, 12)))
    tab = make_tab()
    assert tab.header.month_label.text().endswith("2026") and "March" in tab.header.month_label.text()
    qtbot.mouseClick(tab.header.next_button, Qt.MouseButton.LeftButton)
    assert "April" in tab.header.month_label.text()
    assert titles_on(tab, dt.date(2026, 4, 18)) == ["Spring picnic"]
    qtbot.keyClick(tab.month_view, Qt.Key.Key_PageDown)
    assert "May" in tab.header.month_label.text()
    qtbot.mouseClick(tab.header.today_button, Qt.MouseButton.LeftButton)
    assert tab.month_view.selected_date() == MONDAY.date()


def test_upcoming_and_summary_show_plans(qtbot, make_tab):
    weekly_series()
    done = cal.create_activity(cal.ActivityInput(title="Walk",
                                                 start=dt.datetime(2026, 3, 1, 9)))
    cal.set_outcome(done.id, done.start, "done", 5)
    tab = make_tab()
    rows = tab.agenda.upcoming_model.rows()
    assert rows[0].title == "Date night" and rows[0].when == "Fri 6 Mar, 19:30"
    assert tab.agenda.summary.streak_value.text() == "1"
    assert tab.agenda.summary.chart.accessibleDescription().endswith("2026-03: 1 done of 5")


def test_all_day_plan_round_trips_through_the_dialog(qtbot, make_tab):
    weekend = cal.create_activity(cal.ActivityInput(
        title="Weekend by the sea", start=dt.datetime(2026, 3, 14), all_day=True,
        duration_minutes=2 * 1440, category="outdoors"))
    tab = make_tab()
    assert titles_on(tab, dt.date(2026, 3, 15)) == ["Weekend by the sea"]
    double_click_entry(qtbot, tab, (weekend.id, weekend.start))
    dialog = tab.activity_dialog
    assert dialog.all_day_check.isChecked() and not dialog.start_time.isVisibleTo(dialog)
    assert dialog.end_date.date() == QDate(2026, 3, 15)
    assert dialog.duration_label.text() == "2 days"
    dialog.start_date.setDate(QDate(2026, 3, 21))  # moving the start keeps the length
    assert dialog.end_date.date() == QDate(2026, 3, 22)
    with qtbot.waitSignal(dialog.activity_saved):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    stored = cal.get_activity(weekend.id)
    assert (stored.start, stored.duration_minutes) == (dt.datetime(2026, 3, 21), 2 * 1440)
    assert titles_on(tab, dt.date(2026, 3, 22)) == ["Weekend by the sea"]


def test_find_goes_to_the_next_time_a_plan_happens(qtbot, make_tab):
    weekly_series("Friday dinner", dt.date(2026, 1, 2))
    cal.create_activity(cal.ActivityInput(title="Museum late opening",
                                          start=dt.datetime(2026, 5, 20, 19)))
    tab = make_tab()
    tab.find()
    assert tab.header.find_edit.isVisible()
    assert tab.header.find_edit.completer().model().stringList() == ["Friday dinner",
                                                              "Museum late opening"]
    qtbot.keyClicks(tab.header.find_edit, "museum")
    qtbot.keyClick(tab.header.find_edit, Qt.Key.Key_Return)
    assert tab.month_view.selected_date() == dt.date(2026, 5, 20)
    assert not tab.header.find_edit.isVisible()

    tab.find()
    tab.header.find_edit.setText("dinner")
    qtbot.keyClick(tab.header.find_edit, Qt.Key.Key_Return)
    # Weekly since January: the next one after Monday 2 March is that Friday.
    assert tab.month_view.selected_date() == dt.date(2026, 3, 6)

    tab.find()
    tab.header.find_edit.setText("opera")
    qtbot.keyClick(tab.header.find_edit, Qt.Key.Key_Return)
    assert tab.header.find_edit.isVisible()  # nothing matched: the field stays for another try
    qtbot.keyClick(tab.header.find_edit, Qt.Key.Key_Escape)
    assert not tab.header.find_edit.isVisible()


def _focus_order(start, widgets) -> list:
    """`widgets` in the order Tab reaches them, following the focus chain from `start`."""
    order, widget = [], start.nextInFocusChain()
    while widget is not start and len(order) < len(widgets):
        if any(widget is w for w in widgets):
            order.append(widget)
        widget = widget.nextInFocusChain()
    return order


def test_an_empty_side_builds_its_lists_when_plans_come(qtbot, make_tab):
    tab = make_tab()
    agenda = tab.agenda
    assert agenda._day_list is None and agenda._upcoming_list is None
    assert agenda.day_empty.isVisible() and agenda.upcoming_empty.isVisible()
    cal.create_activity(cal.ActivityInput(title="Lunch", start=dt.datetime(2026, 3, 9, 12)))
    tab.refresh()  # coming up, but not on the selected day
    assert agenda.upcoming_list.isVisible() and not agenda.upcoming_empty.isVisible()
    assert agenda._day_list is None
    cal.create_activity(cal.ActivityInput(title="Walk", start=MONDAY.replace(hour=18)))
    tab.refresh()
    assert [row.title for row in agenda.day_model.rows()] == ["Walk"]
    assert agenda.day_list.isVisible() and not agenda.day_empty.isVisible()
    column = agenda.widget().layout()
    assert column.indexOf(agenda.day_list) == column.indexOf(agenda.day_empty) - 1
    assert column.indexOf(agenda.upcoming_list) == column.indexOf(agenda.upcoming_empty) - 1
    # Tab still goes from the month to the day's plans, then to what is coming up.
    assert _focus_order(tab.month_view, [agenda.day_list, agenda.upcoming_list]) == [
        agenda.day_list, agenda.upcoming_list]


def test_a_plans_menu_offers_its_journal_entry_when_the_journal_has_one(qtbot, make_tab,
                                                                      navigator, monkeypatch):
    from PySide6.QtWidgets import QMenu

    from ui.calendar import journal_links

    tab = make_tab()
    activity = cal.create_activity(cal.ActivityInput(title="Walk",
                                                     start=MONDAY.replace(hour=18)))
    tab.refresh()
    (occ,) = cal.occurrences_on(MONDAY.date())
    shown = []

    class Menu(QMenu):
        def exec(self, _pos):
            shown.append([action.text() for action in self.actions()])

    monkeypatch.setattr("ui.calendar.plan_menu.QMenu", Menu)
    tab.show_plan_menu(occ.key, QPoint(0, 0))
    navigator.set_journal_links(lambda uid: [7] if uid == activity.uid else [])
    tab.show_plan_menu(occ.key, QPoint(0, 0))
    assert journal_links.OPEN_ENTRY not in shown[0]
    assert journal_links.OPEN_ENTRY in shown[1]
