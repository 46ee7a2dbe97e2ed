"""The changes an import stores (with its own prepared INSERTs) are the rows the store's
own `put_change` would write: the days each covers included, for a new activity and for
one the import updates."""

import datetime as dt

from app.calendar import ics
from app.services import calendar as cal


def file_with(summary: str, extra: str = "") -> bytes:
    return ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//other app//EN\r\n"
            "BEGIN:VEVENT\r\nUID:walk@other\r\nSUMMARY:" + summary + "\r\n"
            "DTSTART;TZID=Europe/Paris:20260105T100000\r\nDURATION:PT1H\r\n"
            "RRULE:FREQ=DAILY\r\nEXDATE;TZID=Europe/Paris:20260106T100000\r\n" + extra
            + "END:VEVENT\r\n"
            "BEGIN:VEVENT\r\nUID:walk@other\r\nSUMMARY:Late walk\r\n"
            "RECURRENCE-ID;TZID=Europe/Paris:20260107T100000\r\n"
            "DTSTART;TZID=Europe/Paris:20260109T233000\r\nDURATION:PT2H\r\n"
            "END:VEVENT\r\nEND:VCALENDAR\r\n").encode()


def changes(db):
    return db.execute_sql(
        "SELECT original_start, cancelled, overridden, title, start, duration_minutes, "
        "first_day, last_day FROM calendar_change ORDER BY original_start").fetchall()


def test_changes_are_stored_with_the_days_they_cover(db, tmp_path):
    path = tmp_path / "walk.ics"
    path.write_bytes(file_with("Walk"))
    assert ics.import_file(path).added == 1
    stored = changes(db)
    assert [(row[0][:16], row[1], row[2], row[3], row[6], row[7]) for row in stored] == [
        ("2026-01-06 10:00", 1, 0, None, "2026-01-06", "2026-01-06"),
        # Moved to late on the 9th for two hours: it covers its own day to the 10th.
        ("2026-01-07 10:00", 0, 1, "Late walk", "2026-01-07", "2026-01-10"),
    ]
    # Updated: the changes are written again, the same way.
    path.write_bytes(file_with("Morning walk"))
    assert ics.import_file(path).updated == 1
    assert changes(db) == stored
    # The calendar finds the moved occurrence on the day it runs into, and none on the
    # cancelled day.
    assert [o.title for o in cal.occurrences_on(dt.date(2026, 1, 10), tz="Europe/Paris")] == [
        "Late walk", "Morning walk"]
    assert cal.occurrences_on(dt.date(2026, 1, 6), tz="Europe/Paris") == []
