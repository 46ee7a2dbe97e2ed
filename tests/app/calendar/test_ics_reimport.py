"""Re-importing a calendar file that has not changed reports no change.

That holds for Hearth's own exports, whatever zone or end date the plans have, and for
other apps' files that spell the same zone or the same last day differently.
"""

import datetime as dt
from dataclasses import replace

import pytest

from app.calendar import ics
from app.services import calendar as cal
from app.services.calendar import ActivityInput
from tests.helpers.calendar import LOCAL, dump


def plan(title, zone, rule, *, start=dt.datetime(2026, 3, 2, 19), all_day=False):
    return cal.create_activity(ActivityInput(
        title=title, start=start, all_day=all_day, duration_minutes=1440 if all_day else 90,
        location="Home", category="other", notes="", reminders=(), rrule=rule,
        timezone=zone))


# The editor stores an end date as its last second, wall-clock in the plan's zone.
UNTIL = "UNTIL=20261231T235959"
PLANS = [
    ("Etc/GMT weekly", "Etc/GMT", "FREQ=WEEKLY;BYDAY=MO", False),
    ("Etc/GMT until", "Etc/GMT", f"FREQ=WEEKLY;BYDAY=MO;{UNTIL}", False),
    ("UTC daily", "UTC", "FREQ=DAILY", False),
    ("UTC until", "UTC", f"FREQ=DAILY;{UNTIL}", False),
    ("Etc/UTC monthly", "Etc/UTC", "FREQ=MONTHLY;BYMONTHDAY=2", False),
    ("Paris weekly", "Europe/Paris", "FREQ=WEEKLY;BYDAY=MO", False),
    ("New York until", "America/New_York", f"FREQ=MONTHLY;BYMONTHDAY=2;{UNTIL}", False),
    ("Sydney count", "Australia/Sydney", "FREQ=WEEKLY;COUNT=20", False),
    # Ends at a time the clocks skip that night (the export writes it as the UTC moment,
    # which reads back as the time the clocks show).
    ("Paris until in the spring gap", "Europe/Paris", "FREQ=DAILY;UNTIL=20260329T023000",
     False),
    ("Lord Howe until in its half-hour gap", "Australia/Lord_Howe",
     "FREQ=DAILY;UNTIL=20261004T021500", False),
    ("All-day until", LOCAL, f"FREQ=WEEKLY;{UNTIL}", True),
    ("All-day Tokyo until", "Asia/Tokyo", f"FREQ=DAILY;{UNTIL}", True),
    ("All-day Honolulu yearly until", "Pacific/Honolulu", "FREQ=YEARLY;UNTIL=20301231T235959",
     True),
    ("One-off Etc/GMT", "Etc/GMT", None, False),
    ("One-off UTC", "UTC", None, False),
    ("One-off Paris", "Europe/Paris", None, False),
    ("One-off all-day Tokyo", "Asia/Tokyo", None, True),
]


def test_exporting_and_importing_again_and_again_changes_nothing(db, tmp_path):
    for title, zone, rule, all_day in PLANS:
        start = dt.datetime(2026, 3, 2) if all_day else dt.datetime(2026, 3, 2, 19)
        activity = plan(title, zone, rule, start=start, all_day=all_day)
        if rule is None:
            cal.set_outcome(activity.id, start, "done", 4, "Lovely")
        elif "WEEKLY;BYDAY=MO" in rule:
            # One Monday called off, one moved to Tuesday, one done: all travel in the file.
            cal.delete_occurrence(activity.id, dt.datetime(2026, 3, 16, 19))
            cal.update_occurrence(activity.id, dt.datetime(2026, 3, 23, 19), replace(
                activity.to_input(), start=dt.datetime(2026, 3, 24, 20)))
            cal.set_outcome(activity.id, dt.datetime(2026, 3, 9, 19), "skipped")
    before = dump(db)
    for round_trip in range(2):
        path = tmp_path / f"round-{round_trip}.ics"
        assert ics.export_file(path) == len(PLANS)
        summary = ics.import_file(path)
        assert (summary.added, summary.updated, summary.skipped) == (0, 0, ()), summary.text()
        assert summary.unchanged == len(PLANS)
        assert dump(db) == before


def file_with(body: str, zone_lines: str = "") -> bytes:
    return ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//other app//EN\r\n" + zone_lines
            + "BEGIN:VEVENT\r\nUID:series@other\r\nSUMMARY:Swim\r\n" + body
            + "END:VEVENT\r\nEND:VCALENDAR\r\n").encode()


@pytest.mark.parametrize("untils", [
    ("UNTIL=20261231", "UNTIL=20261231T235959Z", "UNTIL=20261231T000000",
     "UNTIL=20261231T000000Z", "UNTIL=20261231T235959"),
], ids=["all-day"])
def test_an_all_day_series_ending_on_the_same_day_is_no_change(db, tmp_path, untils):
    for number, until in enumerate(untils):
        path = tmp_path / f"{number}.ics"
        path.write_bytes(file_with(
            f"DTSTART;VALUE=DATE:20260105\r\nRRULE:FREQ=WEEKLY;{until}\r\n"))
        summary = ics.import_file(path)
        assert (summary.added, summary.updated) == ((1, 0) if number == 0 else (0, 0)), until
    assert [a.rrule for a in cal.list_activities()] == ["FREQ=WEEKLY;UNTIL=20261231T235959"]


@pytest.mark.parametrize(("first", "second"), [
    ("DTSTART;TZID=Etc/GMT:20260105T190000", "DTSTART:20260105T190000Z"),
    ("DTSTART:20260105T190000Z", "DTSTART;TZID=Etc/UTC:20260105T190000"),
    ("DTSTART;TZID=Etc/UTC:20260105T190000", "DTSTART;TZID=Zulu:20260105T190000"),
    ("DTSTART;TZID=GMT:20260105T190000", "DTSTART;TZID=UTC:20260105T190000"),
], ids=["gmt-then-z", "z-then-etc-utc", "etc-utc-then-zulu", "gmt-then-utc"])
def test_a_series_in_utc_under_another_name_is_no_change(db, tmp_path, first, second):
    rule = "RRULE:FREQ=WEEKLY;UNTIL=20261231T235959Z\r\n"
    for number, start in enumerate((first, second)):
        path = tmp_path / f"{number}.ics"
        path.write_bytes(file_with(f"{start}\r\n{rule}"))
        summary = ics.import_file(path)
        assert summary.updated == 0, summary.text()
    activity = cal.list_activities()[0]
    assert (activity.start, activity.rrule) == (
        dt.datetime(2026, 1, 5, 19), "FREQ=WEEKLY;UNTIL=20261231T235959")


def test_a_timed_series_with_a_utc_end_reads_the_same_from_its_export(db, tmp_path):
    path = tmp_path / "google.ics"
    path.write_bytes(file_with("DTSTART;TZID=Europe/Paris:20260105T190000\r\n"
                               "RRULE:FREQ=WEEKLY;UNTIL=20261228T175959Z\r\n"))
    ics.import_file(path)
    assert cal.list_activities()[0].rrule == "FREQ=WEEKLY;UNTIL=20261228T185959"
    exported = tmp_path / "hearth.ics"
    ics.export_file(exported)
    assert ics.import_file(exported).updated == 0
    assert ics.import_file(path).updated == 0
