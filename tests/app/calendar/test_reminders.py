"""Reminders that can be relied on: one chosen after its time fires at once while the plan
is ahead, exactly once; several per plan, up to four weeks before; each a VALARM in a file.

The core's clock (`core_clock`, tests/helpers/calendar.py) says when a plan is saved."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from app.calendar import expansion, ics, store
from app.calendar.reminders import due_reminders, missed_reminders, next_reminder_time
from app.calendar.types import ActivityInput
from app.context import open_app
from tests.helpers.calendar import LOCAL

EVENING = dt.datetime(2026, 3, 6, 22, 0)
HOUR, DAY, WEEK = 60, 24 * 60, 7 * 24 * 60


def plan(title="Late film", start=EVENING, **fields) -> store.Activity:
    return store.create_activity(ActivityInput(title=title, start=start, timezone=LOCAL,
                                               **fields))


def due(since, until):
    return [(r.remind_at, r.occurrence.title, r.minutes)
            for r in due_reminders(since, until, tz=LOCAL)]


def test_a_reminder_whose_time_has_passed_when_saved_fires_at_once(db, core_clock):
    core_clock.now = dt.datetime(2026, 3, 6, 21, 2)
    plan(reminders=(HOUR,))  # saved at 21:02 for 22:00, "1 hour before"
    last_look = dt.datetime(2026, 3, 6, 21, 1, 30)
    # Due the second after it was saved: a look taken during the save cannot pass it by.
    assert due(last_look, dt.datetime(2026, 3, 6, 21, 2, 5)) == [
        (dt.datetime(2026, 3, 6, 21, 2, 1), "Late film", HOUR)]
    assert due(dt.datetime(2026, 3, 6, 21, 2), dt.datetime(2026, 3, 6, 21, 2, 1)) != []
    assert next_reminder_time(last_look, tz=LOCAL) == dt.datetime(2026, 3, 6, 21, 2, 1)
    # Once: the next look starts where this one ended, and a restart finds nothing missed.
    assert due(dt.datetime(2026, 3, 6, 21, 2, 5), EVENING) == []
    assert missed_reminders(dt.datetime(2026, 3, 6, 21, 2, 5),
                            dt.datetime(2026, 3, 6, 21, 30), tz=LOCAL) == []
    assert next_reminder_time(dt.datetime(2026, 3, 6, 21, 2, 5), tz=LOCAL) is None


def test_a_reminder_chosen_in_time_fires_on_time(db, core_clock):
    core_clock.now = dt.datetime(2026, 3, 6, 20, 0)
    plan(reminders=(HOUR,))
    assert due(dt.datetime(2026, 3, 6, 20, 0), dt.datetime(2026, 3, 6, 20, 59)) == []
    assert due(dt.datetime(2026, 3, 6, 20, 59), dt.datetime(2026, 3, 6, 21, 0)) == [
        (dt.datetime(2026, 3, 6, 21, 0), "Late film", HOUR)]


def test_no_reminder_once_the_plan_has_begun(db, core_clock):
    core_clock.now = dt.datetime(2026, 3, 6, 22, 5)
    plan(reminders=(HOUR,))
    assert due(dt.datetime(2026, 3, 6, 20, 0), dt.datetime(2026, 3, 7, 0, 0)) == []


def test_saving_the_plan_again_does_not_bring_a_reminder_back(db, core_clock):
    core_clock.now = dt.datetime(2026, 3, 6, 21, 2)
    film = plan(reminders=(HOUR,))
    core_clock.now = dt.datetime(2026, 3, 6, 21, 30)
    store.update_activity(film.id, replace(film.to_input(), notes="Bring the blanket"))
    assert due(dt.datetime(2026, 3, 6, 21, 3), EVENING) == []
    # A reminder added now is new and due on time; the hour before stays what it was.
    store.update_activity(film.id, replace(film.to_input(), reminders=(HOUR, 10)))
    assert due(dt.datetime(2026, 3, 6, 21, 3), EVENING) == [
        (dt.datetime(2026, 3, 6, 21, 50), "Late film", 10)]


def test_the_day_before_and_an_hour_before(db):
    walk = plan("Sunday walk", dt.datetime(2026, 3, 8, 10, 0), reminders=(DAY, HOUR))
    assert store.get_activity(walk.id).reminders == (HOUR, DAY)
    assert due(dt.datetime(2026, 3, 6, 0, 0), dt.datetime(2026, 3, 8, 12, 0)) == [
        (dt.datetime(2026, 3, 7, 10, 0), "Sunday walk", DAY),
        (dt.datetime(2026, 3, 8, 9, 0), "Sunday walk", HOUR)]


def test_up_to_four_weeks_before(db):
    plan("Anniversary", dt.datetime(2026, 4, 3, 19, 0), reminders=(4 * WEEK, WEEK))
    assert due(dt.datetime(2026, 3, 5, 0, 0), dt.datetime(2026, 3, 6, 23, 0)) == [
        (dt.datetime(2026, 3, 6, 19, 0), "Anniversary", 4 * WEEK)]


def test_a_changed_time_has_its_own_reminders_and_keeps_when_they_were_set(db, core_clock):
    series = plan("Date night", dt.datetime(2026, 3, 6, 19, 0), rrule="FREQ=WEEKLY",
                  reminders=(HOUR,))
    second = dt.datetime(2026, 3, 13, 19, 0)
    core_clock.now = dt.datetime(2026, 3, 13, 18, 30)  # its reminder fired at 18:00
    store.update_occurrence(series.id, second, ActivityInput(
        title="Date night, later", start=dt.datetime(2026, 3, 13, 19, 15), timezone=LOCAL,
        reminders=(HOUR, DAY)))
    # The hour before is the reminder it had: not again. The day before is new and late,
    # but the plan is still ahead: now.
    assert due(dt.datetime(2026, 3, 13, 18, 29), dt.datetime(2026, 3, 13, 19, 0)) == [
        (dt.datetime(2026, 3, 13, 18, 30, 1), "Date night, later", DAY)]
    # The other weeks keep the series' reminder.
    assert due(dt.datetime(2026, 3, 20, 17, 0), dt.datetime(2026, 3, 20, 18, 0)) == [
        (dt.datetime(2026, 3, 20, 18, 0), "Date night", HOUR)]


def test_undo_of_a_delete_brings_the_reminders_back_as_they_were(db, core_clock):
    film = plan(reminders=(HOUR, DAY))
    snapshot = store.delete_activity(film.id)
    assert due(dt.datetime(2026, 3, 5, 0, 0), EVENING) == []
    core_clock.now = dt.datetime(2026, 3, 6, 21, 30)
    store.restore_activity(snapshot)
    assert store.get_activity(film.id).reminders == (HOUR, DAY)
    # Restored with when they were set, not as new reminders firing at once.
    assert due(dt.datetime(2026, 3, 6, 21, 1), EVENING) == []


def test_every_reminder_is_a_valarm_and_comes_back_from_the_file(db, tmp_path):
    series = plan("Date night", dt.datetime(2026, 3, 6, 19, 0), rrule="FREQ=WEEKLY;COUNT=4",
                  reminders=(HOUR, DAY))
    store.update_occurrence(series.id, dt.datetime(2026, 3, 13, 19, 0), ActivityInput(
        title="Date night, later", start=dt.datetime(2026, 3, 13, 20, 0), timezone=LOCAL,
        reminders=(30,)))
    path = tmp_path / "plans.ics"
    assert ics.export_file(path) == 1
    text = path.read_text(encoding="utf-8")
    assert text.count("BEGIN:VALARM") == 3
    assert "TRIGGER:-PT1H" in text and "TRIGGER:-P1D" in text and "TRIGGER:-PT30M" in text

    other = open_app(tmp_path / "other")
    try:
        summary = ics.import_file(path)
        assert (summary.added, summary.skipped) == (1, ())
        [again] = store.list_activities()
        assert again.reminders == (HOUR, DAY)
        found = {o.title: o.reminders for o in expansion.occurrences_between(
            dt.date(2026, 3, 6), dt.date(2026, 3, 14), tz=LOCAL)}
        assert found == {"Date night": (HOUR, DAY), "Date night, later": (30,)}
        # The same file again changes nothing.
        assert ics.import_file(path).unchanged == 1
    finally:
        other.close()


def test_alarms_a_file_gives_are_read_all_and_only_those_before_the_start(db, tmp_path):
    path = tmp_path / "other-app.ics"
    path.write_text(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Other//EN\r\nBEGIN:VEVENT\r\n"
        "UID:picnic-1@example.com\r\nDTSTAMP:20260301T100000Z\r\nSUMMARY:Picnic\r\n"
        "DTSTART:20260314T120000Z\r\nDTEND:20260314T140000Z\r\n"
        + "".join(f"BEGIN:VALARM\r\nACTION:DISPLAY\r\nDESCRIPTION:Picnic\r\n"
                  f"TRIGGER:{trigger}\r\nEND:VALARM\r\n"
                  for trigger in ("-P1D", "-PT2H", "-PT2H", "PT15M", "-P5W", "-P2W"))
        + "END:VEVENT\r\nEND:VCALENDAR\r\n", encoding="utf-8")
    assert ics.import_file(path).added == 1
    [picnic] = store.list_activities()
    # Two hours and a day before, and two weeks; not after the start, not five weeks.
    assert picnic.reminders == (2 * HOUR, DAY, 2 * WEEK)
