"""A TZID Hearth does not know, with no VTIMEZONE to define it, is read as local time and
the import says so for that event."""

import datetime as dt

from app.calendar import ics
from app.services import calendar as cal
from tests.helpers.calendar import LOCAL


def calendar(*events: str) -> bytes:
    return ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//other app//EN\r\n" + "".join(events)
            + "END:VCALENDAR\r\n").encode()


def event(uid: str, title: str, start: str) -> str:
    return (f"BEGIN:VEVENT\r\nUID:{uid}\r\nSUMMARY:{title}\r\n{start}\r\n"
            "DURATION:PT1H\r\nEND:VEVENT\r\n")


def test_an_unknown_zone_is_read_as_local_with_a_note_naming_it(db, tmp_path):
    path = tmp_path / "odd.ics"
    path.write_bytes(calendar(
        event("a@other", "Odd zone", "DTSTART;TZID=Nope/Zone:20260105T190000"),
        event("b@other", "Known zone", "DTSTART;TZID=Europe/Paris:20260105T190000"),
        event("c@other", "Floating", "DTSTART:20260105T190000")))
    summary = ics.import_file(path)
    assert summary.added == 3
    assert summary.warnings == (
        f'"Odd zone": its time zone "Nope/Zone" is not one Hearth knows, so its times were '
        f"read as {LOCAL} time",)
    odd = next(a for a in cal.list_activities() if a.title == "Odd zone")
    assert (odd.start, odd.timezone) == (dt.datetime(2026, 1, 5, 19), LOCAL)


def test_a_zone_the_file_defines_under_an_unknown_name_has_no_note(db, tmp_path):
    zone = ("BEGIN:VTIMEZONE\r\nTZID:My Office\r\nBEGIN:STANDARD\r\n"
            "DTSTART:19700101T000000\r\nTZOFFSETFROM:+0300\r\nTZOFFSETTO:+0300\r\n"
            "END:STANDARD\r\nEND:VTIMEZONE\r\n")
    path = tmp_path / "office.ics"
    path.write_bytes(calendar(zone, event("a@other", "Office", "DTSTART;TZID=My Office:"
                                                                "20260105T190000")))
    summary = ics.import_file(path)
    assert (summary.added, summary.warnings) == (1, ())
