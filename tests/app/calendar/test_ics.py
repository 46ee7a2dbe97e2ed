""".ics import and export: files as Google Calendar, Outlook, Apple Calendar and Thunderbird
write them, round trips, re-imports, broken files, and the two commands."""

import datetime as dt
import subprocess
import sys
from dataclasses import replace

import pytest

from app.calendar import ics, importing
from app.calendar.ics import IcsError
from app.services import calendar as cal
from app.services.calendar import ActivityInput
from tests.helpers.calendar import LOCAL, dump
from tests.helpers.paths import ROOT

FIXTURES = ROOT / "tests" / "fixtures" / "ics"


def by_title(title):
    return next(a for a in cal.list_activities() if a.title == title)


def between(activity, first, last, tz=LOCAL):
    return [o for o in cal.occurrences_between(first, last, tz=tz)
            if o.activity_id == activity.id]


# ------------------------------------------------------------------ files from other apps


def test_google_calendar_file(db):
    summary = ics.import_file(FIXTURES / "google.ics")
    assert (summary.added, summary.updated, summary.skipped) == (3, 0, ())
    night = by_title("Date night")
    assert (night.timezone, night.rrule, night.reminders) == (
        "Europe/London", "FREQ=WEEKLY;BYDAY=FR", (30,))
    assert night.notes.startswith("Our Friday evening. Phones go in the drawer, the kettle "
                                  "goes on and we pick")
    found = between(night, dt.date(2026, 3, 16), dt.date(2026, 4, 5))
    # 20 March was deleted, 27 March moved to 20:00; the clocks change on 29 March.
    assert [(o.start, o.title) for o in found] == [
        (dt.datetime(2026, 3, 27, 20), "Date night – cinema"),
        (dt.datetime(2026, 4, 3, 19, 30), "Date night"),
    ]
    assert found[0].location == "Picturehouse Central, London" and found[0].is_changed
    weekend = by_title("Weekend in the Lake District")
    assert weekend.all_day and weekend.duration_minutes == 2 * 1440
    assert weekend.start == dt.datetime(2026, 4, 11)
    walk = by_title("Walk & talk")  # written in UTC, kept as local time
    assert (walk.start, walk.timezone) == (dt.datetime(2026, 3, 15, 10), LOCAL)
    assert "Säg ja till kaffe på vägen hem ☕" in walk.notes


def test_outlook_file_with_windows_zone_names(db):
    summary = ics.import_file(FIXTURES / "outlook.ics")
    assert (summary.added, summary.skipped) == (2, ())
    dinner = by_title("Essen gehen – zweiter Dienstag")
    assert dinner.timezone == "Europe/Berlin"
    assert dinner.rrule == "FREQ=MONTHLY;BYDAY=2TU;COUNT=10"
    assert dinner.location == "Trattoria Da Gino, Münchner Straße 12"
    assert dinner.reminders == (15,)
    assert dinner.uid.startswith("040000008200E00074C5B7101A82E008") and " " not in dinner.uid
    dates = [o.start for o in between(dinner, dt.date(2026, 2, 1), dt.date(2026, 6, 30),
                                      tz="Europe/Berlin")]
    assert dates == [dt.datetime(2026, m, d, 19) for m, d in
                     ((2, 10), (3, 10), (5, 12), (6, 9))]  # 14 April was cancelled
    valentine = by_title("Valentine's Day")
    assert valentine.all_day and valentine.duration_minutes == 1440
    assert valentine.reminders == (1080,)


def test_apple_calendar_file(db):
    summary = ics.import_file(FIXTURES / "apple.ics")
    assert (summary.added, summary.skipped) == (2, ())
    walk = by_title("Sunday morning walk")
    assert walk.timezone == "America/New_York"
    assert walk.rrule == "FREQ=WEEKLY;INTERVAL=1;UNTIL=20260531T090000"
    assert walk.location == "Prospect Park, Brooklyn, NY, United States"
    assert walk.reminders == (60,)
    ny = [o.start for o in between(walk, dt.date(2026, 3, 1), dt.date(2026, 3, 15),
                                   tz="America/New_York")]
    assert ny == [dt.datetime(2026, 3, d, 9) for d in (1, 8, 15)]  # US clocks change 8 March
    assert len(between(walk, dt.date(2026, 5, 1), dt.date(2026, 12, 31))) == 5
    anniversary = by_title("Our anniversary 💛")
    assert anniversary.all_day and anniversary.rrule == "FREQ=YEARLY"
    assert "ευχαριστώ για όλα" in anniversary.notes
    # An absolute alarm at 09:00 UTC the day before: 05:00 in New York (the calendar's
    # declared zone), 19 hours ahead.
    assert anniversary.reminders == (19 * 60,)


def test_thunderbird_file(db):
    summary = ics.import_file(FIXTURES / "thunderbird.ics")
    assert (summary.added, summary.skipped) == (3, ())
    evening = by_title("Soirée sans écrans")
    assert (evening.timezone, evening.category, evening.reminders) == (
        "Europe/Paris", "at-home", (30,))
    found = between(evening, dt.date(2026, 1, 1), dt.date(2026, 2, 28), tz="Europe/Paris")
    assert [(o.start, o.is_changed) for o in found] == [
        (dt.datetime(2026, 1, 7, 20), False),
        (dt.datetime(2026, 1, 22, 20, 30), True),  # moved from the 21st
        (dt.datetime(2026, 2, 18, 20), False),  # 4 February cancelled by a UTC EXDATE
    ]
    dinner = by_title("Valentine's dinner at home")  # floating time: read as local
    assert (dinner.start, dinner.timezone, dinner.category) == (
        dt.datetime(2026, 2, 14, 19), LOCAL, "at-home")
    aperitivo = by_title("Aperitivo in Trastevere")  # an old Mozilla-style zone id
    assert (aperitivo.timezone, aperitivo.start, aperitivo.category) == (
        "Europe/Rome", dt.datetime(2026, 5, 2, 18, 30), "out")


# ------------------------------------------------------------------ re-import and updates


def test_importing_twice_adds_nothing(db):
    ics.import_file(FIXTURES / "google.ics")
    before = dump(db)
    again = ics.import_file(FIXTURES / "google.ics")
    assert (again.added, again.updated, again.unchanged) == (0, 0, 3)
    assert again.text() == "added 0, updated 0, skipped 0 (3 already up to date)"
    assert dump(db) == before


def test_a_changed_event_updates_and_keeps_outcomes_recorded_here(db, tmp_path):
    ics.import_file(FIXTURES / "google.ics")
    night = by_title("Date night")
    cal.set_outcome(night.id, dt.datetime(2026, 3, 6, 19, 30), "done", 5, "We laughed")
    changed = (FIXTURES / "google.ics").read_bytes().replace(
        b"SUMMARY:Date night\r\n", b"SUMMARY:Friday date night\r\n")
    (tmp_path / "changed.ics").write_bytes(changed)
    summary = ics.import_file(tmp_path / "changed.ics")
    assert (summary.added, summary.updated, summary.unchanged) == (0, 1, 2)
    first = cal.get_occurrence(night.id, dt.datetime(2026, 3, 6, 19, 30), tz=LOCAL)
    assert (first.title, first.status, first.rating, first.reflection) == (
        "Friday date night", "done", 5, "We laughed")
    assert cal.get_activity(night.id).uid == night.uid


def test_round_trip_loses_nothing(db, tmp_path, monkeypatch):
    from app.context import open_app

    series = cal.create_activity(ActivityInput(
        "Date night ♥", dt.datetime(2026, 3, 6, 19), duration_minutes=150, location="Café Müller",
        category="out", notes="Line one\nLine two; with, punctuation\\ and a backslash",
        reminders=(90,), rrule="FREQ=WEEKLY;BYDAY=FR;UNTIL=20260626T235959",
        timezone="Europe/Berlin"))
    cal.set_outcome(series.id, dt.datetime(2026, 3, 6, 19), "done", 5, "Long talk, good food")
    cal.set_outcome(series.id, dt.datetime(2026, 3, 13, 19), "skipped")
    cal.delete_occurrence(series.id, dt.datetime(2026, 3, 20, 19))
    cal.update_occurrence(series.id, dt.datetime(2026, 3, 27, 19), replace(
        series.to_input(), title="Concert", start=dt.datetime(2026, 3, 28, 20),
        duration_minutes=180, reminders=(), category="creative"))
    cal.create_activity(ActivityInput("Hike", dt.datetime(2026, 4, 11), all_day=True,
                                      duration_minutes=2 * 1440, category="outdoors",
                                      rrule="FREQ=MONTHLY;BYDAY=2SA;COUNT=6", timezone=LOCAL))
    one = cal.create_activity(ActivityInput("Call", dt.datetime(2026, 3, 10, 18),
                                            timezone="America/New_York", category="other"))
    cal.set_outcome(one.id, one.start, "done", 3)
    cal.create_activity(ActivityInput("Brunch", dt.datetime(2026, 3, 15, 11, 30),
                                      rrule="FREQ=MONTHLY;BYMONTHDAY=15", timezone="UTC",
                                      category="low-budget"))
    before = [cal.snapshot_activity(a.id) for a in cal.list_activities()]
    assert ics.export_file(tmp_path / "all.ics") == 4

    other = open_app(tmp_path / "other")
    try:
        summary = ics.import_file(tmp_path / "all.ics")
        assert (summary.added, summary.skipped, summary.warnings) == (4, (), ())
        after = [cal.snapshot_activity(a.id) for a in cal.list_activities()]
    finally:
        other.close()

    def comparable(snapshot):
        activity = replace(snapshot.activity, id=0, created_at=None, updated_at=None)
        return activity, [dict(change) for change in snapshot.changes]

    assert [comparable(s) for s in after] == [comparable(s) for s in before]


def test_exporting_one_activity(db, tmp_path):
    keep = cal.create_activity(ActivityInput("Picnic", dt.datetime(2026, 6, 6, 12),
                                             category="outdoors", timezone=LOCAL))
    cal.create_activity(ActivityInput("Other", dt.datetime(2026, 6, 7, 12), timezone=LOCAL))
    assert ics.export_file(tmp_path / "one.ics", [keep.id]) == 1
    text = (tmp_path / "one.ics").read_text(encoding="utf-8")
    assert text.count("BEGIN:VEVENT") == 1 and keep.uid in text
    assert "BEGIN:VTIMEZONE" in text and "TZID:Europe/London" in text


# ------------------------------------------------------------------ broken files


CALENDAR = ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n{events}END:VCALENDAR\r\n")
GOOD_EVENT = ("BEGIN:VEVENT\r\nUID:good@test\r\nDTSTAMP:20260101T000000Z\r\n"
              "DTSTART:20260110T190000Z\r\nDTEND:20260110T210000Z\r\nSUMMARY:Fine\r\n"
              "END:VEVENT\r\n")


def write(tmp_path, data, name="broken.ics"):
    path = tmp_path / name
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ((FIXTURES / "google.ics").read_bytes()[:1500], "ends before END:VCALENDAR"),
        (bytes(range(256)) * 40, "binary data"),
        (b"\x89PNG\r\n\x1a\n" + b"x" * 200, "does not start with BEGIN:VCALENDAR"),
        (b"Subject: hello\r\n\r\nnot a calendar", "does not start with BEGIN:VCALENDAR"),
        (b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY:x\r\nEND:VTODO\r\n"
         b"END:VCALENDAR\r\n", "BEGIN:VEVENT on line 2 is closed by END:VTODO on line 4"),
        (b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY:x\r\nEND:VCALENDAR\r\n",
         "BEGIN:VEVENT on line 2 is closed by END:VCALENDAR"),
        (b"", "does not start with BEGIN:VCALENDAR"),
    ],
    ids=["truncated", "binary", "png", "email", "mismatched-end", "unclosed", "empty"],
)
def test_broken_files_change_nothing(db, tmp_path, data, message):
    ics.import_file(FIXTURES / "outlook.ics")
    before = dump(db)
    with pytest.raises(IcsError, match=message):
        ics.import_file(write(tmp_path, data))
    assert dump(db) == before


def test_file_over_ten_megabytes_is_refused_before_reading(db, tmp_path):
    path = tmp_path / "huge.ics"
    with path.open("wb") as handle:
        handle.write(CALENDAR.format(events=GOOD_EVENT).encode())
        handle.truncate(ics.MAX_FILE_BYTES + 1)
    before = dump(db)
    with pytest.raises(IcsError, match="up to 10 MB"):
        ics.import_file(path)
    assert dump(db) == before


def test_missing_files_and_folders_are_explained(db, tmp_path):
    with pytest.raises(IcsError, match="no file"):
        ics.import_file(tmp_path / "absent.ics")
    with pytest.raises(IcsError, match="folder"):
        ics.import_file(tmp_path)


BAD_EVENTS = [
    ("BEGIN:VEVENT\r\nUID:a@test\r\nSUMMARY:No start\r\nEND:VEVENT\r\n",
     '"No start": it has no start date (DTSTART)'),
    ("BEGIN:VEVENT\r\nUID:b@test\r\nSUMMARY:Odd rule\r\nDTSTART:20260110T190000Z\r\n"
     "RRULE:FREQ=SOMETIMES;BYDAY=XX\r\nEND:VEVENT\r\n",
     '"Odd rule": its repeat rule is not valid'),
    ("BEGIN:VEVENT\r\nUID:c@test\r\nSUMMARY:Hourly\r\nDTSTART:20260110T190000Z\r\n"
     "RRULE:FREQ=HOURLY\r\nEND:VEVENT\r\n", '"Hourly": its repeat rule cannot be used'),
    ("BEGIN:VEVENT\r\nUID:d@test\r\nSUMMARY:Bad date\r\nDTSTART:2026XX10\r\n"
     "END:VEVENT\r\n", '"Bad date": its DTSTART is not a valid date'),
    ("BEGIN:VEVENT\r\nUID:e@test\r\nSUMMARY:Backwards\r\nDTSTART:20260110T190000Z\r\n"
     "DTEND:20260110T180000Z\r\nEND:VEVENT\r\n", '"Backwards": it ends before it starts'),
    ("BEGIN:VEVENT\r\nUID:f@test\r\nSUMMARY:Called off\r\nSTATUS:CANCELLED\r\n"
     "DTSTART:20260110T190000Z\r\nEND:VEVENT\r\n", '"Called off": it was cancelled'),
    ("BEGIN:VEVENT\r\nUID:g@test\r\nSUMMARY:Too long\r\nDTSTART:20260110T190000Z\r\n"
     "DTEND:20260210T190000Z\r\nEND:VEVENT\r\n", '"Too long": An activity can last at most'),
    ("BEGIN:VEVENT\r\nUID:h@test\r\nSUMMARY:Garbled\r\nDTSTART:20260110T190000Z\r\n"
     ";;;;\r\nEND:VEVENT\r\n", '"Garbled": one of its lines cannot be read'),
]
BAD_IDS = ["no-dtstart", "bad-rrule", "hourly", "bad-date", "backwards", "cancelled", "too-long",
           "bad-line"]


@pytest.mark.parametrize(("event", "reason"), BAD_EVENTS, ids=BAD_IDS)
def test_a_bad_event_is_skipped_with_its_reason_and_the_rest_imported(db, tmp_path, event,
                                                                      reason):
    summary = ics.import_file(write(tmp_path, CALENDAR.format(events=event + GOOD_EVENT)))
    assert summary.added == 1 and len(summary.skipped) == 1
    assert summary.skipped[0].startswith(reason)
    assert summary.text().startswith("added 1, updated 0, skipped 1: " + reason)
    assert [a.title for a in cal.list_activities()] == ["Fine"]


@pytest.mark.parametrize(("event", "reason"), BAD_EVENTS, ids=BAD_IDS)
def test_a_file_with_only_a_bad_event_changes_nothing(db, tmp_path, event, reason):
    ics.import_file(FIXTURES / "apple.ics")
    before = dump(db)
    summary = ics.import_file(write(tmp_path, CALENDAR.format(events=event)))
    assert summary.text().startswith("added 0, updated 0, skipped 1: " + reason)
    assert dump(db) == before


def test_import_is_one_transaction(db, tmp_path, monkeypatch):
    before = dump(db)
    calls = []
    real = importing._write_imported

    def fail_on_second(*args):
        calls.append(1)
        if len(calls) == 2:
            raise RuntimeError("disk full")
        real(*args)

    monkeypatch.setattr(importing, "_write_imported", fail_on_second)
    with pytest.raises(RuntimeError):
        ics.import_file(FIXTURES / "google.ics")
    assert dump(db) == before


def test_events_without_uid_are_recognised_on_reimport(db, tmp_path):
    event = GOOD_EVENT.replace("UID:good@test\r\n", "")
    path = write(tmp_path, CALENDAR.format(events=event))
    assert ics.import_file(path).added == 1
    assert ics.import_file(path).unchanged == 1


# ------------------------------------------------------------------ command line


def hearth(*args):
    return subprocess.run([sys.executable, "-m", "app", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=120)


@pytest.mark.slow
def test_commands_import_and_export(tmp_path):
    data = str(tmp_path / "data")
    first = hearth("--data-dir", data, "import-ics", str(FIXTURES / "thunderbird.ics"))
    assert first.returncode == 0, first.stderr
    assert first.stdout.splitlines()[0] == "added 3, updated 0, skipped 0"
    again = hearth("--data-dir", data, "import-ics", str(FIXTURES / "thunderbird.ics"))
    assert again.stdout.splitlines()[0] == "added 0, updated 0, skipped 0 (3 already up to date)"
    out = tmp_path / "out.ics"
    exported = hearth("--data-dir", data, "export-ics", str(out))
    assert exported.returncode == 0 and exported.stdout.startswith("exported 3 activities")
    assert out.read_text(encoding="utf-8").count("UID:2f1c5a8e-7d3b-4c2e-9f1a-6b8d0e3c5a7f") == 2


@pytest.mark.slow
def test_command_refuses_a_broken_file_in_one_line(tmp_path):
    broken = write(tmp_path, b"\x00\x01\x02garbage")
    result = hearth("--data-dir", str(tmp_path / "data"), "import-ics", str(broken))
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.strip().splitlines() == [
        "hearth: broken.ics is not a calendar (.ics) file: it holds binary data."]


def test_floating_times_follow_the_calendars_declared_zone(db, tmp_path):
    text = CALENDAR.format(events=GOOD_EVENT.replace("T190000Z", "T190000").replace(
        "T210000Z", "T210000")).replace("PRODID:-//test//EN\r\n",
                                        "PRODID:-//test//EN\r\nX-WR-TIMEZONE:Asia/Tokyo\r\n")
    ics.import_file(write(tmp_path, text))
    fine = by_title("Fine")
    assert (fine.start, fine.timezone) == (dt.datetime(2026, 1, 10, 19), "Asia/Tokyo")
