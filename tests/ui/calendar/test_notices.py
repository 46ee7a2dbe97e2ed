"""The Calendar tab's notices, its notifications, and its work on the one background runner."""

from __future__ import annotations

import datetime as dt
import errno

from PySide6.QtCore import Qt

from app.safety.storage import FULL_MESSAGE
from app.services import calendar as cal
from ui.calendar import ics_tasks


def test_show_on_a_reminder_selects_the_plan_and_closes_the_notice(qtbot, make_tab, clock):
    dinner = cal.create_activity(cal.ActivityInput(title="Dinner", reminders=(60,),
                                                   start=dt.datetime(2026, 3, 9, 19, 0)))
    tab = make_tab()
    clock.now = dt.datetime(2026, 3, 9, 18, 0, 30)
    tab.reminders.check()
    banner = tab.banners.banner("reminder")
    assert banner.text() == "Coming up. Dinner: Today at 19:00"
    qtbot.mouseClick(banner.buttons["show"], Qt.MouseButton.LeftButton)
    assert tab.month_view.selected_date() == dt.date(2026, 3, 9)
    assert tab.month_view.selected_key() == (dinner.id, dinner.start)
    assert tab.banners.banner("reminder") is None


def test_the_outcome_notice_counts_the_other_plans_waiting(make_tab):
    for day in (26, 27, 28):
        cal.create_activity(cal.ActivityInput(title=f"Walk {day}",
                                              start=dt.datetime(2026, 2, day, 10, 0)))
    tab = make_tab()
    text = tab.banners.banner("outcome").text()
    assert "Walk 28" in text and "2 more past plans are waiting too." in text


def test_a_reminder_is_sent_as_a_notification_that_shows_the_calendar(
        qtbot, make_tab, clock, navigator):
    cal.create_activity(cal.ActivityInput(title="Dinner", reminders=(60,),
                                          start=dt.datetime(2026, 3, 9, 19, 0)))
    tab = make_tab()
    clock.now = dt.datetime(2026, 3, 9, 18, 0, 30)
    with qtbot.waitSignal(navigator.notification_requested) as sent:
        tab.reminders.check()
    assert sent.args == ["Coming up", "Dinner: Today at 19:00", "calendar"]


def test_a_full_disk_during_an_import_is_told_in_the_words_every_task_uses(
        qtbot, make_tab, tmp_path, monkeypatch):
    def full(_path):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(ics_tasks.ics, "import_file", full)
    tab = make_tab()
    path = tmp_path / "plans.ics"
    path.write_text("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", encoding="utf-8")
    with qtbot.waitSignal(tab.files.import_file(path).finished, timeout=10_000) as done:
        pass
    box = done.args[0]
    assert box.text() == "Import calendar did not work"
    assert box.informativeText() == FULL_MESSAGE
    box.close()


def test_a_month_that_cannot_be_read_ahead_is_not_kept(qtbot, make_tab, monkeypatch):
    tab = make_tab()
    april = tab.month_view.grid_range(2026, 4)

    def broken(*_days):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(cal, "occurrences_between", broken)
    tab.loader.read_ahead([april])
    assert tab.loader.pool.waitForDone(5000)
    qtbot.wait(10)  # the outcome crosses back to this thread
    assert not tab.loader.is_kept(april)
    monkeypatch.undo()  # the tab's shutdown reads the calendar once more


def test_the_notices_card_is_built_with_the_first_notice_above_the_header(make_tab):
    tab = make_tab()
    column = tab.header.parentWidget()
    assert not column.has_banners()
    tab.banners.show_undo("Deleted “Walk”.")
    assert column.has_banners() and tab.banners.isVisible()
    assert column.layout().indexOf(tab.banners) == 0
    assert column.children().index(tab.banners) < column.children().index(tab.header)
