"""A repeat's end (UNTIL) in the second pass of an hour the clocks repeat.

Hearth stores UNTIL as a wall-clock time and reads every wall-clock time as its first
pass, so an end given as a UTC moment in the second pass is stored as the last second of
the repeated stretch: the series keeps every occurrence the file's own rule has (as
dateutil expands it in the file's zone), and its export reads back as no change.
"""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from dateutil import rrule

from app.calendar import ics
from app.calendar.series import series
from app.calendar.until import localize_until
from app.services import calendar as cal

# (zone, the day the clocks go back, a daily start time inside the repeated stretch,
#  UTC ends: the start of the second pass, inside it, its last second, just past it)
FOLDS = [
    ("America/New_York", dt.date(2026, 11, 1), dt.time(1, 30),
     ("20261101T060000Z", "20261101T063000Z", "20261101T065959Z", "20261101T070000Z")),
    ("America/St_Johns", dt.date(2026, 11, 1), dt.time(1, 30),
     ("20261101T043000Z", "20261101T050000Z", "20261101T052959Z", "20261101T053000Z")),
    # Lord Howe goes back half an hour, from 02:00 to 01:30.
    ("Australia/Lord_Howe", dt.date(2026, 4, 5), dt.time(1, 45),
     ("20260404T150000Z", "20260404T151500Z", "20260404T152959Z", "20260404T153000Z")),
    ("Europe/London", dt.date(2026, 10, 25), dt.time(1, 30),
     ("20261025T010000Z", "20261025T013000Z", "20261025T015959Z", "20261025T020000Z")),
]
CASES = [(zone, day, time, until) for zone, day, time, untils in FOLDS for until in untils]


def file_for(zone: str, start: dt.datetime, until: str) -> bytes:
    return ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//other app//EN\r\n"
            "BEGIN:VEVENT\r\nUID:fold@other\r\nSUMMARY:Night shift\r\n"
            f"DTSTART;TZID={zone}:{start:%Y%m%dT%H%M%S}\r\nDURATION:PT20M\r\n"
            f"RRULE:FREQ=DAILY;UNTIL={until}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n").encode()


def dateutil_walls(zone: str, start: dt.datetime, until: str) -> list[dt.datetime]:
    """The file's own rule as dateutil expands it in the zone, as wall-clock times."""
    aware = start.replace(tzinfo=ZoneInfo(zone))
    return [moment.replace(tzinfo=None)
            for moment in rrule.rrulestr(f"FREQ=DAILY;UNTIL={until}", dtstart=aware)]


@pytest.mark.parametrize(("zone", "day", "time", "until"), CASES,
                         ids=[f"{zone}-{until}" for zone, _d, _t, until in CASES])
def test_an_end_in_a_repeated_hour_keeps_every_occurrence_the_file_has(
        db, tmp_path, zone, day, time, until):
    start = dt.datetime.combine(day - dt.timedelta(days=7), time)
    path = tmp_path / "other.ics"
    path.write_bytes(file_for(zone, start, until))
    assert ics.import_file(path).added == 1
    activity = cal.list_activities()[0]
    produced = series(activity.rrule, activity.start).between(
        start, start + dt.timedelta(days=30))
    expected = dateutil_walls(zone, start, until)
    assert produced == expected
    exported = tmp_path / "hearth.ics"
    ics.export_file(exported)
    again = ics.import_file(exported)
    assert (again.added, again.updated, again.unchanged) == (0, 0, 1)
    assert ics.import_file(path).updated == 0
    assert cal.list_activities()[0].rrule == activity.rrule


@pytest.mark.parametrize(("zone", "until", "stored"), [
    ("America/New_York", "20261101T060000Z", "20261101T015959"),
    ("America/New_York", "20261101T065959Z", "20261101T015959"),
    ("America/New_York", "20261101T055959Z", "20261101T015959"),  # the first pass
    ("America/New_York", "20261101T070000Z", "20261101T020000"),  # past the repeat
    ("America/St_Johns", "20261101T043000Z", "20261101T015959"),
    ("Australia/Lord_Howe", "20260404T150000Z", "20260405T015959"),
    ("Europe/London", "20261025T010000Z", "20261025T015959"),
])
def test_a_second_pass_end_is_stored_as_the_last_second_of_the_repeat(zone, until, stored):
    assert localize_until(f"FREQ=DAILY;UNTIL={until}", zone) == f"FREQ=DAILY;UNTIL={stored}"
