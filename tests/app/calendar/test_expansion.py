"""Expansion: the named rows read the real tables, and the per-week cache never serves a
series as it was before an edit."""

import datetime as dt
from dataclasses import replace

from app.calendar import expansion, store
from app.calendar.types import ActivityInput
from tests.helpers.calendar import LOCAL

FRIDAY = dt.datetime(2026, 3, 6, 19, 0)


def columns(db, table):
    return {row[1] for row in db.execute_sql(f"PRAGMA table_info({table})").fetchall()}


def test_each_row_shape_names_columns_of_its_table(db):
    # Reminders are read from their own table, beside each row.
    assert set(expansion.ActivityRow._fields) - {"reminders"} <= columns(db, "calendar_activity")
    assert set(expansion.ChangeRow._fields) - {"reminders"} <= columns(db, "calendar_change")
    assert {"activity_id", "original_start", "minutes", "set_at"} <= columns(
        db, "calendar_reminder")


def test_each_row_reads_its_own_reminders(db):
    weekly = store.create_activity(ActivityInput(title="Date night", start=FRIDAY,
                                                 rrule="FREQ=WEEKLY", timezone=LOCAL,
                                                 reminders=(60, 1440)))
    second = FRIDAY + dt.timedelta(days=7)
    store.update_occurrence(weekly.id, second, ActivityInput(
        title="Date night, later", start=second + dt.timedelta(hours=1), timezone=LOCAL,
        reminders=(30,)))
    found = expansion.occurrences_between(FRIDAY.date(), FRIDAY.date() + dt.timedelta(days=14),
                                          tz=LOCAL)
    assert [(o.title, o.reminders) for o in found] == [
        ("Date night", (60, 1440)), ("Date night, later", (30,)), ("Date night", (60, 1440))]


def test_rows_come_back_by_name(db):
    weekly = store.create_activity(ActivityInput(title="Date night", start=FRIDAY,
                                                 rrule="FREQ=WEEKLY", timezone=LOCAL))
    store.delete_occurrence(weekly.id, FRIDAY + dt.timedelta(days=7))
    rows, changes = expansion.fetch(FRIDAY.date(), FRIDAY.date() + dt.timedelta(days=14))
    assert [(row.id, row.title, row.rrule) for row in rows] == [
        (weekly.id, "Date night", "FREQ=WEEKLY")]
    [change] = changes[weekly.id]
    assert change.cancelled and not change.overridden
    assert expansion.parse_time(change.original_start) == FRIDAY + dt.timedelta(days=7)


def test_an_edited_series_is_never_served_from_the_week_cache(db):
    data = ActivityInput(title="Date night", start=FRIDAY, rrule="FREQ=WEEKLY", timezone=LOCAL)
    weekly = store.create_activity(data)
    march = (dt.date(2026, 3, 1), dt.date(2026, 3, 31))
    before = expansion.occurrences_between(*march, tz=LOCAL)
    assert {o.title for o in before} == {"Date night"} and len(before) == 4
    store.update_activity(weekly.id, replace(data, title="Dinner out"))
    after = expansion.occurrences_between(*march, tz=LOCAL)
    assert {o.title for o in after} == {"Dinner out"} and len(after) == 4
    store.delete_occurrence(weekly.id, FRIDAY + dt.timedelta(days=14))
    assert len(expansion.occurrences_between(*march, tz=LOCAL)) == 3


# ----- which past plans ask how they went -----------------------------------------------


def _weekly_file(title: str, uid: str = "yoga-1@example.com") -> bytes:
    return ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Other//EN\r\nBEGIN:VEVENT\r\n"
            f"UID:{uid}\r\nDTSTAMP:20260301T100000Z\r\nSUMMARY:{title}\r\n"
            "DTSTART;TZID=Europe/London:20260206T190000\r\n"
            "DTEND;TZID=Europe/London:20260206T200000\r\n"
            "RRULE:FREQ=WEEKLY;BYDAY=FR\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n").encode()


def test_an_imported_series_asks_only_about_times_after_the_import(db, core_clock):
    from app.calendar import ics

    core_clock.now = dt.datetime(2026, 3, 20, 12, 0)  # six Fridays after it began
    assert ics.import_data(_weekly_file("Yoga"), name="yoga.ics").added == 1
    assert expansion.unresolved_past(core_clock.now, tz=LOCAL) == []
    later = dt.datetime(2026, 3, 21, 10, 0)
    assert [o.start for o in expansion.unresolved_past(later, tz=LOCAL)] == [
        dt.datetime(2026, 3, 20, 19, 0)]
    # A series planned in Hearth that began as long ago asks about each of its weeks.
    store.create_activity(ActivityInput(title="Date night", start=dt.datetime(2026, 2, 6, 21),
                                        rrule="FREQ=WEEKLY;BYDAY=FR", timezone=LOCAL))
    asked = [(o.title, o.start.date()) for o in expansion.unresolved_past(later, tz=LOCAL)]
    assert [d for t, d in asked if t == "Date night"] == [
        dt.date(2026, 2, 20), dt.date(2026, 2, 27), dt.date(2026, 3, 6), dt.date(2026, 3, 13),
        dt.date(2026, 3, 20)]
    assert [d for t, d in asked if t == "Yoga"] == [dt.date(2026, 3, 20)]


def test_a_reimport_keeps_the_first_import_time_and_shows_the_new_title(db, core_clock):
    from app.calendar import ics

    core_clock.now = dt.datetime(2026, 3, 20, 12, 0)
    ics.import_data(_weekly_file("Yoga"), name="yoga.ics")
    core_clock.now = dt.datetime(2026, 3, 28, 12, 0)
    assert ics.import_data(_weekly_file("Yoga with Sam"), name="yoga.ics").updated == 1
    asked = expansion.unresolved_past(core_clock.now, tz=LOCAL)
    assert [(o.title, o.start.date()) for o in asked] == [
        ("Yoga with Sam", dt.date(2026, 3, 20)), ("Yoga with Sam", dt.date(2026, 3, 27))]


def test_plans_hearth_made_elsewhere_are_hearths_own(db, core_clock):
    from app.calendar import ics

    core_clock.now = dt.datetime(2026, 3, 20, 12, 0)
    ics.import_data(_weekly_file("Walk", uid="0c5a9e77-partner@hearth"), name="walk.ics")
    assert len(expansion.unresolved_past(core_clock.now, tz=LOCAL)) == 4
