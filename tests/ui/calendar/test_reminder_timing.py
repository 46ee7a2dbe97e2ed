"""Reminder timing in the real tab with the fake clock: a plan saved after its reminder's
time is reminded of at once and once, several reminders come each at its time, and a
notification carries a plan's title, time and place, never anything written about it."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt, QTime

from app.calendar import ics
from app.services import calendar as cal
from ui.calendar.tab import LAST_SEEN

TONIGHT = dt.date(2026, 3, 2)


def save_through_the_dialog(qtbot, tab, title, start, reminders):
    dialog = tab.open_new_dialog(start)
    qtbot.keyClicks(dialog.title_edit, title)
    for minutes in reminders:
        combo = dialog.reminders.add()
        combo.setCurrentIndex(combo.findData(minutes))
    with qtbot.waitSignal(dialog.activity_saved):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)


def test_saved_at_21_02_for_22_00_an_hour_before_reminds_at_once_and_once(
        qtbot, make_tab, clock, navigator):
    clock.now = dt.datetime(2026, 3, 2, 21, 2)
    tab = make_tab()
    sent = []
    navigator.notification_requested.connect(lambda *args: sent.append(args))
    with qtbot.waitSignal(tab.reminders.reminder_due, timeout=5000) as fired:
        save_through_the_dialog(qtbot, tab, "Late film", dt.datetime(2026, 3, 2, 22, 0),
                                (60,))
        clock.now = dt.datetime(2026, 3, 2, 21, 2, 1)
        # The save armed the timer for now (its shortest wait); let it run.
    reminder = fired.args[0]
    assert (reminder.occurrence.title, reminder.minutes) == ("Late film", 60)
    assert reminder.remind_at == dt.datetime(2026, 3, 2, 21, 2, 1)
    assert sent == [("Coming up", "Late film: Today at 22:00", "calendar")]
    assert tab.banners.banner("reminder").text() == "Coming up. Late film: Today at 22:00"

    # Never again: not in this run, however often it looks...
    for minutes in (1, 20, 40):
        clock.now = dt.datetime(2026, 3, 2, 21, 2) + dt.timedelta(minutes=minutes)
        assert tab.reminders.check() == []
    assert len(sent) == 1
    # ...nor after a restart.
    tab.shutdown()
    tab.settings.sync()
    clock.now = dt.datetime(2026, 3, 2, 21, 50)
    again = make_tab()
    assert again.banners.banner("missed") is None
    assert again.reminders.check() == []
    assert again.settings.get(LAST_SEEN) == "2026-03-02T21:50:00"


def test_the_day_before_and_an_hour_before_each_come_at_their_time(qtbot, make_tab, clock):
    tab = make_tab()
    save_through_the_dialog(qtbot, tab, "Sunday walk", dt.datetime(2026, 3, 8, 10, 0),
                            (1440, 60))
    [walk] = cal.list_activities()
    assert walk.reminders == (60, 1440)
    fired = []
    tab.reminders.reminder_due.connect(fired.append)
    for moment in (dt.datetime(2026, 3, 7, 9, 59), dt.datetime(2026, 3, 7, 10, 0, 10),
                   dt.datetime(2026, 3, 8, 8, 59), dt.datetime(2026, 3, 8, 9, 0, 10),
                   dt.datetime(2026, 3, 8, 9, 30)):
        clock.now = moment
        tab.reminders.check()
    assert [(r.remind_at, r.minutes) for r in fired] == [
        (dt.datetime(2026, 3, 7, 10, 0), 1440), (dt.datetime(2026, 3, 8, 9, 0), 60)]


def test_the_dialog_shows_and_keeps_several_reminders(qtbot, make_tab):
    walk = cal.create_activity(cal.ActivityInput(title="Sunday walk", reminders=(1440, 60),
                                                 start=dt.datetime(2026, 3, 8, 10, 0)))
    tab = make_tab()
    tab.edit((walk.id, walk.start))
    dialog = tab.activity_dialog
    assert [c.currentText() for c in dialog.reminders.combos()] == [
        "1 hour before", "1 day before"]
    dialog.start_date.setDate(QDate(2026, 3, 9))
    dialog.start_time.setTime(QTime(11, 0))
    with qtbot.waitSignal(dialog.activity_saved):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert cal.get_activity(walk.id).reminders == (60, 1440)


def test_a_notification_never_carries_notes_reflections_or_journal_text(
        qtbot, make_tab, clock, navigator):
    secret = "what we argued about on Sunday"
    dinner = cal.create_activity(cal.ActivityInput(
        title="Dinner", start=dt.datetime(2026, 3, 2, 19, 0), location="Via Roma 3",
        notes=f"Talk about {secret}", reminders=(60,)))
    cal.set_outcome(dinner.id, dinner.start, "planned", reflection=f"Felt {secret}")
    tab = make_tab()
    sent = []
    navigator.notification_requested.connect(lambda *args: sent.append(args))
    clock.now = dt.datetime(2026, 3, 2, 18, 0, 30)
    tab.reminders.check()
    assert sent == [("Coming up", "Dinner: Today at 19:00, Via Roma 3", "calendar")]
    assert all(secret not in part for args in sent for part in args)


def _weekly(title: str) -> bytes:
    return ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Other//EN\r\nBEGIN:VEVENT\r\n"
            f"UID:yoga-1@example.com\r\nDTSTAMP:20260201T100000Z\r\nSUMMARY:{title}\r\n"
            "DTSTART:20260105T070000Z\r\nDTEND:20260105T080000Z\r\n"
            "RRULE:FREQ=WEEKLY;BYDAY=MO\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n").encode()


def test_after_importing_a_series_that_began_weeks_ago_nothing_old_is_asked(
        qtbot, make_tab, clock):
    tab = make_tab()  # Monday 2 March, 10:00: eight Mondays since the series began
    ics.import_data(_weekly("Yoga"), name="yoga.ics")
    tab.reload_after_change()  # what a finished import does
    assert tab.banners.banner("outcome") is None
    clock.now = dt.datetime(2026, 3, 9, 10, 0)  # a week on: one Monday since the import
    ics.import_data(_weekly("Yoga with Sam"), name="yoga.ics")  # renamed in the other app
    tab.reload_after_change()
    text = tab.banners.banner("outcome").text()
    assert text.startswith("How did “Yoga with Sam” go")
    assert "more past plans" not in text and "One more" not in text
