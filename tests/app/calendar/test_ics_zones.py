"""Zone names that reach the zone database, and zones made from a file's own VTIMEZONE.

The zones made from a file are checked against zoneinfo's.
"""

import datetime as dt
import zoneinfo

import pytest
from icalendar import Calendar
from icalendar.timezone import tzp

from app.calendar import ics_zones, zones

BERLIN = (
    "BEGIN:VTIMEZONE\r\nTZID:Custom Berlin\r\n"
    "BEGIN:STANDARD\r\nDTSTART:16011028T030000\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\n"
    "TZNAME:CET\r\nRRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\nEND:STANDARD\r\n"
    "BEGIN:DAYLIGHT\r\nDTSTART:16010325T020000\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\n"
    "TZNAME:CEST\r\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\nEND:DAYLIGHT\r\nEND:VTIMEZONE\r\n")
# The old spelling of "the second Sunday": a Sunday on one of seven days.
NEW_YORK = (
    "BEGIN:VTIMEZONE\r\nTZID:Eastern\r\n"
    "BEGIN:STANDARD\r\nDTSTART:20071104T020000\r\nTZOFFSETFROM:-0400\r\nTZOFFSETTO:-0500\r\n"
    "RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU\r\nEND:STANDARD\r\n"
    "BEGIN:DAYLIGHT\r\nDTSTART:20070311T020000\r\nTZOFFSETFROM:-0500\r\nTZOFFSETTO:-0400\r\n"
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=8,9,10,11,12,13,14;BYDAY=SU\r\nEND:DAYLIGHT\r\n"
    "END:VTIMEZONE\r\n")


def parsed_zone(text: str):
    with ics_zones.reading_zones():
        calendar = Calendar.from_ical("BEGIN:VCALENDAR\r\n" + text + "END:VCALENDAR\r\n")
    return calendar.walk("VTIMEZONE")[0]


def test_every_zone_of_the_database_is_a_zone():
    assert [name for name in zoneinfo.available_timezones() if not zones.is_zone(name)] == []


@pytest.mark.parametrize("name", ["America", "Etc", "Etc/", "..", ".", "", "/etc/passwd",
                                  "../../etc/passwd", "Europe/../Europe/Paris", "zone.tab",
                                  "tzdata.zi", "A" * 100_000, "A/" * 50_000, "Europe//Paris",
                                  "Europe/Paris\x00", "Europe\\Paris"])
def test_names_that_are_not_zones_never_reach_the_zone_database(name):
    assert not zones.is_zone(name)
    with ics_zones.reading_zones():
        assert tzp.timezone(name) is None


@pytest.mark.parametrize("name", ["UTC", "Etc/UTC", "Etc/GMT", "GMT", "Zulu", "Etc/Universal",
                                  "GMT+0", "Etc/Greenwich"])
def test_the_names_of_utc_are_one_zone(name):
    assert zones.canonical_zone(name) == "UTC"
    assert zones.zone_info(name).utcoffset(dt.datetime(2026, 6, 1)) == dt.timedelta(0)


def test_other_zones_keep_their_names():
    assert zones.canonical_zone("Europe/London") == "Europe/London"
    assert zones.canonical_zone("Atlantic/Reykjavik") == "Atlantic/Reykjavik"


@pytest.mark.parametrize(("text", "key"), [(BERLIN, "Europe/Berlin"),
                                           (NEW_YORK, "America/New_York")])
def test_a_zone_made_from_a_file_agrees_with_zoneinfo(text, key):
    made = ics_zones.zone_from_component(parsed_zone(text))
    real = zoneinfo.ZoneInfo(key)
    moment, step, end = dt.datetime(2008, 1, 1), dt.timedelta(hours=5, minutes=17), \
        dt.datetime(2045, 1, 1)
    while moment < end:
        assert (moment.replace(tzinfo=made).astimezone(dt.UTC)
                == moment.replace(tzinfo=real).astimezone(dt.UTC)), moment
        instant = moment.replace(tzinfo=dt.UTC)
        assert (instant.astimezone(made).replace(tzinfo=None)
                == instant.astimezone(real).replace(tzinfo=None)), moment
        moment += step


def test_a_zone_without_daylight_time_dated_1601_holds_through_the_years():
    made = ics_zones.zone_from_component(parsed_zone(
        "BEGIN:VTIMEZONE\r\nTZID:India\r\nBEGIN:STANDARD\r\nDTSTART:16010101T000000\r\n"
        "TZOFFSETFROM:+0530\r\nTZOFFSETTO:+0530\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n"))
    for year in (1900, 2026, 2200):
        assert made.utcoffset(dt.datetime(year, 6, 1)) == dt.timedelta(hours=5, minutes=30)


@pytest.mark.parametrize(("rule", "reason"), [
    ("FREQ=SECONDLY", "does not repeat yearly on a day of a month"),
    ("FREQ=MONTHLY;BYDAY=1SU", "does not repeat yearly on a day of a month"),
    ("FREQ=YEARLY;BYDAY=1SU", "does not repeat yearly on a day of a month"),
    ("FREQ=YEARLY;BYMONTH=3;BYDAY=1SU;BYHOUR=2", "does not repeat yearly on a day of a month"),
    ("FREQ=YEARLY;BYMONTH=1,2,3,4,5,6,7,8,9,10,11,12;BYDAY=SU", "more than 2000 times"),
], ids=["secondly", "monthly", "no-month", "hourly-part", "every-sunday"])
def test_zones_whose_rules_hearth_does_not_read_cannot_be_used(rule, reason):
    component = parsed_zone(BERLIN.replace("FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU", rule))
    assert reason in ics_zones.unusable_reason(component)
    with ics_zones.reading_zones():
        assert tzp.create_timezone(component) is None


def test_a_zone_of_too_many_parts_cannot_be_used():
    part = BERLIN.split("BEGIN:STANDARD")[1].split("END:STANDARD")[0]
    text = BERLIN.replace("BEGIN:DAYLIGHT", ("BEGIN:STANDARD" + part + "END:STANDARD\r\n")
                          * ics_zones.MAX_PARTS + "BEGIN:DAYLIGHT")
    assert "more than 100 parts" in ics_zones.unusable_reason(parsed_zone(text))


def test_a_counted_rule_from_the_year_1_is_worked_out_to_the_right_changes():
    component = parsed_zone(BERLIN.replace("16011028T030000", "00011028T030000").replace(
        "FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU", "FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU;COUNT=2030"))
    made = ics_zones.zone_from_component(component)
    # The 2030th last Sunday of October from the year 1 is in 2030: winter time after it
    # only while the rule lasts.
    assert made.utcoffset(dt.datetime(2029, 12, 1)) == dt.timedelta(hours=1)
    assert made.utcoffset(dt.datetime(2031, 12, 1)) == dt.timedelta(hours=2)


def test_each_parse_starts_with_no_zones_from_earlier_files():
    with ics_zones.reading_zones():
        Calendar.from_ical("BEGIN:VCALENDAR\r\n" + BERLIN + "END:VCALENDAR\r\n")
        assert tzp.timezone("Custom Berlin") is not None
    with ics_zones.reading_zones():
        assert tzp.timezone("Custom Berlin") is None
    assert tzp.timezone("Europe/Berlin") == zoneinfo.ZoneInfo("Europe/Berlin")
