"""Hostile .ics files: each is imported or refused in one line, in bounded time and memory.

Every file is built for real in tmp_path. Refusals leave the calendar as it was; events a
file cannot give are skipped with their reason and the rest imported. The risky ones run
in a child process held to 1.5 GB of address space, whose running past a minute fails the
test: wall-clock time itself is never asserted.
"""

import datetime as dt
import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest

from app.calendar import ics, ics_budget, ics_outline, importing
from app.calendar.ics import IcsError
from app.services import calendar as cal
from tests.helpers.calendar import LOCAL, dump
from tests.helpers.paths import ROOT

ADDRESS_SPACE = 1536 * 1024 * 1024
TIMEOUT_SECONDS = 60


def calendar(*parts: str) -> bytes:
    return ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n" + "".join(parts)
            + "END:VCALENDAR\r\n").encode("utf-8")


def event(body: str, uid: str = "evil@test", title: str = "Evil") -> str:
    return f"BEGIN:VEVENT\r\nUID:{uid}\r\nSUMMARY:{title}\r\n{body}END:VEVENT\r\n"


def zone(tzid: str, standard: str = "", daylight: str = "",
         standard_start: str = "19701025T030000", daylight_start: str = "19700329T020000"
         ) -> str:
    return (f"BEGIN:VTIMEZONE\r\nTZID:{tzid}\r\n"
            f"BEGIN:STANDARD\r\nDTSTART:{standard_start}\r\nTZOFFSETFROM:+0200\r\n"
            f"TZOFFSETTO:+0100\r\n{standard}END:STANDARD\r\n"
            f"BEGIN:DAYLIGHT\r\nDTSTART:{daylight_start}\r\nTZOFFSETFROM:+0100\r\n"
            f"TZOFFSETTO:+0200\r\n{daylight}END:DAYLIGHT\r\nEND:VTIMEZONE\r\n")


FINE = event("DTSTART:20260110T190000Z\r\nDTEND:20260110T210000Z\r\n", uid="fine@test",
             title="Fine")


def write(tmp_path, data: bytes, name: str = "hostile.ics") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def assert_one_line(message: str, *, filler: str | None = None) -> None:
    """A message for a person: one line, quoting no long run of the file."""
    assert "\n" not in message and len(message) < 400, message
    if filler:
        assert filler * 61 not in message, message


def refused(tmp_path, data: bytes, db) -> str:
    before = dump(db)
    with pytest.raises(IcsError) as caught:
        ics.import_file(write(tmp_path, data))
    assert dump(db) == before
    assert_one_line(caught.value.message)
    return caught.value.message


def skipped_reason(tmp_path, data: bytes) -> str:
    """Import `data` (one bad event and one fine one) and return the bad one's reason."""
    summary = ics.import_file(write(tmp_path, data))
    assert summary.added == 1 and [a.title for a in cal.list_activities()] == ["Fine"]
    assert len(summary.skipped) == 1, summary.skipped
    assert_one_line(summary.skipped[0])
    return summary.skipped[0]


# ------------------------------------------------------------------ dates at the ends of time


@pytest.mark.parametrize(("body", "reason"), [
    ("DTSTART:99991231T230000Z\r\n", "start (DTSTART) is outside the years 1900 to 2200"),
    ("DTSTART:99991231T230000Z\r\nRRULE:FREQ=DAILY\r\n", "outside the years"),
    ("DTSTART;TZID=Pacific/Kiritimati:99991231T235959\r\nRRULE:FREQ=DAILY\r\n",
     "outside the years"),
    ("DTSTART;VALUE=DATE:99991231\r\nRRULE:FREQ=YEARLY\r\n", "outside the years"),
    ("DTSTART:00010101T000000Z\r\n", "outside the years"),
    ("DTSTART;TZID=Pacific/Honolulu:00010101T000000\r\nRRULE:FREQ=YEARLY\r\n",
     "outside the years"),
    ("DTSTART:20260101T100000Z\r\nDTEND:99991231T235959Z\r\n",
     "end (DTEND) is outside the years"),
    ("DTSTART:20260101T100000Z\r\nRRULE:FREQ=DAILY;UNTIL=00010101T000000Z\r\n",
     "ends before the first date"),
    ("DTSTART:20260101T100000Z\r\nRRULE:FREQ=DAILY\r\nEXDATE:99991231T100000Z\r\n",
     "EXDATE is outside the years"),
], ids=["start-9999", "start-9999-repeating", "start-9999-east-of-utc", "all-day-9999",
        "start-0001", "start-0001-west-of-utc", "end-9999", "until-0001", "exdate-9999"])
def test_dates_near_the_ends_of_the_calendar_skip_their_event(db, tmp_path, body, reason):
    assert reason in skipped_reason(tmp_path, calendar(event(body), FINE))


@pytest.mark.parametrize("until", ["99991231T235959Z", "99991231", "22010101T000000"])
def test_an_until_past_the_years_hearth_handles_means_the_series_does_not_end(
        db, tmp_path, until):
    all_day = len(until) == 8
    start = "DTSTART;VALUE=DATE:20260105" if all_day else "DTSTART:20260105T190000Z"
    summary = ics.import_file(write(tmp_path, calendar(event(
        f"{start}\r\nRRULE:FREQ=WEEKLY;UNTIL={until}\r\n"))))
    assert (summary.added, summary.skipped) == (1, ())
    assert cal.list_activities()[0].rrule == "FREQ=WEEKLY"


# ------------------------------------------------------------------ values that are not dates


@pytest.mark.parametrize(("body", "reason"), [
    ("DTSTART;VALUE=PERIOD:20260101T100000Z/20260101T120000Z\r\n",
     "start (DTSTART) is not a date"),
    ("DTSTART;VALUE=PERIOD:20260101T100000Z/PT2H\r\n", "start (DTSTART) is not a date"),
    ("DTSTART;VALUE=DURATION:PT1H\r\n", "start (DTSTART) is not a date"),
    ("DTSTART;VALUE=TIME:100000\r\n", "start (DTSTART) is not a date"),
    ("DTSTART:20260101T100000Z\r\nDTEND;VALUE=PERIOD:20260101T100000Z/PT2H\r\n",
     "end (DTEND) is not a date"),
    ("DTSTART:20260101T100000Z\r\nRRULE:FREQ=DAILY\r\n"
     "EXDATE;VALUE=PERIOD:20260102T100000Z/PT1H\r\n", "EXDATE is not a date"),
], ids=["period", "period-duration", "duration", "time", "end-period", "exdate-period"])
def test_values_of_the_wrong_type_skip_their_event(db, tmp_path, body, reason):
    assert reason in skipped_reason(tmp_path, calendar(event(body), FINE))


def test_a_changed_occurrence_given_as_a_period_is_left_out(db, tmp_path):
    summary = ics.import_file(write(tmp_path, calendar(
        event("DTSTART:20260101T100000Z\r\nRRULE:FREQ=DAILY;COUNT=5\r\n"),
        event("RECURRENCE-ID;VALUE=PERIOD:20260102T100000Z/PT1H\r\n"
              "DTSTART:20260102T110000Z\r\n"))))
    assert summary.added == 1
    assert any("could not be read and was left out" in note for note in summary.warnings)


# ------------------------------------------------------------------ time zone names


@pytest.mark.parametrize("tzid", ["America", "Etc/", "Etc", "..", "/etc/passwd",
                                  "../../../../etc/passwd", "zone.tab", "tzdata.zi",
                                  "/dev/zero", "../../../../../../dev/zero", ".", "",
                                  "leapseconds", "A/B/C/D/E/F/G/H"])
def test_a_tzid_that_is_no_zone_reads_as_local_time(db, tmp_path, tzid):
    summary = ics.import_file(write(tmp_path, calendar(event(
        f"DTSTART;TZID={tzid}:20260601T100000\r\n"))))
    assert (summary.added, summary.skipped) == (1, ())
    activity = cal.list_activities()[0]
    assert (activity.timezone, activity.start) == (LOCAL, dt.datetime(2026, 6, 1, 10))


@pytest.mark.parametrize("tzid", ["America", "../../../../etc/passwd", "Etc/"])
def test_zone_folders_named_by_a_file_do_not_reach_the_zone_database(db, tmp_path, tzid):
    text = calendar(f"X-WR-TIMEZONE:{tzid}\r\n",
                    zone("Custom").replace("TZID:Custom\r\n",
                                           f"TZID:Custom\r\nX-LIC-LOCATION:{tzid}\r\n"),
                    event("DTSTART;TZID=Custom:20260601T100000\r\n"),
                    event("DTSTART:20260601T120000\r\n", uid="floating@test"))
    summary = ics.import_file(write(tmp_path, text))
    assert (summary.added, summary.skipped) == (2, ())


@pytest.mark.parametrize("length", [300, 100_000])
def test_a_very_long_tzid_skips_its_event(db, tmp_path, length):
    reason = skipped_reason(tmp_path, calendar(
        event(f"DTSTART;TZID={'A' * length}:20260101T100000\r\n"), FINE))
    assert "characters long" in reason
    assert_one_line(reason, filler="A")


def test_a_long_tzid_of_many_parts_skips_its_event(db, tmp_path):
    tzid = "/" + "A/" * 50_000
    reason = skipped_reason(tmp_path, calendar(event(f"DTSTART;TZID={tzid}:20260101T100000\r\n"),
                                               FINE))
    assert "characters long" in reason


def test_a_zone_definition_with_a_very_long_name_refuses_the_file(db, tmp_path):
    tzid = "X" * 100_000
    message = refused(tmp_path, calendar(zone(tzid), event(
        f"DTSTART;TZID={tzid}:20260101T100000\r\n")), db)
    assert "100,0" in message and "TZID" in message


# ------------------------------------------------------------------ time zone definitions


@pytest.mark.parametrize("rule", ["RRULE:FREQ=SECONDLY\r\n", "RRULE:FREQ=MINUTELY\r\n",
                                  "RRULE:FREQ=DAILY;COUNT=1000000000\r\n",
                                  "RRULE:FREQ=HOURLY;UNTIL=99991231T000000Z\r\n"])
def test_a_zone_whose_clocks_change_too_often_skips_its_events(db, tmp_path, rule):
    reason = skipped_reason(tmp_path, calendar(zone("Mine", rule, rule), event(
        "DTSTART;TZID=Mine:20260101T100000\r\nRRULE:FREQ=WEEKLY\r\n"), FINE))
    assert 'its time zone "Mine" cannot be used' in reason


def test_a_zone_changing_on_every_day_of_the_year_skips_its_events(db, tmp_path):
    every_day = ("RRULE:FREQ=YEARLY;BYMONTH=1,2,3,4,5,6,7,8,9,10,11,12;BYMONTHDAY="
                 + ",".join(str(day) for day in range(1, 32)) + "\r\n")
    reason = skipped_reason(tmp_path, calendar(zone("Mine", every_day), event(
        "DTSTART;TZID=Mine:20260101T100000\r\n"), FINE))
    assert "more than 2000 times" in reason


def test_a_zone_defined_only_after_the_years_hearth_handles_skips_its_events(db, tmp_path):
    reason = skipped_reason(tmp_path, calendar(zone(
        "Mine", "RRULE:FREQ=YEARLY\r\n", "RRULE:FREQ=YEARLY\r\n", "99991025T030000",
        "99990329T020000"), event("DTSTART;TZID=Mine:20260101T100000\r\n"), FINE))
    assert "does not say what the clocks show" in reason


def test_a_zone_file_that_is_not_used_costs_nothing(db, tmp_path):
    summary = ics.import_file(write(tmp_path, calendar(
        zone("Mine", "RRULE:FREQ=SECONDLY\r\n", "RRULE:FREQ=SECONDLY\r\n"), FINE)))
    assert (summary.added, summary.skipped) == (1, ())


def test_a_zone_a_file_defines_well_is_used_for_its_times(db, tmp_path):
    rules = ("RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\n",
             "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\n")
    ics.import_file(write(tmp_path, calendar(
        zone("Custom Berlin", *rules, "16011028T030000", "16010325T020000"),
        event("DTSTART;TZID=Custom Berlin:20260701T100000\r\n"),
        event("DTSTART;TZID=Custom Berlin:20260105T100000\r\n", uid="winter@test",
              title="Winter"))))
    # 10:00 in Berlin is 09:00 in London, summer and winter alike.
    assert sorted((a.start, a.timezone) for a in cal.list_activities()) == [
        (dt.datetime(2026, 1, 5, 9), LOCAL), (dt.datetime(2026, 7, 1, 9), LOCAL)]


def test_an_outlook_zone_without_daylight_time_dated_1601_is_used(db, tmp_path):
    fixed = ("BEGIN:VTIMEZONE\r\nTZID:Customized Time Zone\r\nBEGIN:STANDARD\r\n"
             "DTSTART:16010101T000000\r\nTZOFFSETFROM:+0530\r\nTZOFFSETTO:+0530\r\n"
             "END:STANDARD\r\nEND:VTIMEZONE\r\n")
    ics.import_file(write(tmp_path, calendar(fixed, event(
        "DTSTART;TZID=Customized Time Zone:20260105T100000\r\n"))))
    assert cal.list_activities()[0].start == dt.datetime(2026, 1, 5, 4, 30)


def test_a_file_read_after_another_reads_its_own_zone_of_the_same_name(db, tmp_path):
    def custom(offset):
        return ("BEGIN:VTIMEZONE\r\nTZID:Ours\r\nBEGIN:STANDARD\r\nDTSTART:19700101T000000\r\n"
                f"TZOFFSETFROM:{offset}\r\nTZOFFSETTO:{offset}\r\nEND:STANDARD\r\n"
                "END:VTIMEZONE\r\n")
    ics.import_file(write(tmp_path, calendar(custom("+0100"), event(
        "DTSTART;TZID=Ours:20260105T100000\r\n", uid="a@test", title="A")), "a.ics"))
    ics.import_file(write(tmp_path, calendar(custom("+0300"), event(
        "DTSTART;TZID=Ours:20260105T100000\r\n", uid="b@test", title="B")), "b.ics"))
    starts = {a.title: a.start for a in cal.list_activities()}
    assert starts == {"A": dt.datetime(2026, 1, 5, 9), "B": dt.datetime(2026, 1, 5, 7)}


# ------------------------------------------------------------------ repeat rules


@pytest.mark.parametrize(("rule", "reason"), [
    ("FREQ=SECONDLY", "not more often"),
    ("FREQ=MINUTELY", "not more often"),
    ("FREQ=SECONDLY;COUNT=1000000000", "not more often"),
    ("FREQ=DAILY;COUNT=1000000000", "between 1 and 999"),
    ("FREQ=MONTHLY;BYMONTHDAY=1;BYDAY=2MO", "never produces a date"),
    ("FREQ=YEARLY;BYWEEKNO=53;BYMONTH=1;BYDAY=MO", "never produces a date"),
    ("FREQ=WEEKLY;BYMONTH=2;BYDAY=MO;BYSETPOS=2", "never produces a date"),
    ("FREQ=DAILY;BYMONTH=2;BYSETPOS=2", "narrowed to weekdays and months only"),
    ("FREQ=DAILY;BYMONTHDAY=29;BYMONTH=2;BYDAY=MO", "narrowed to weekdays and months"),
    ("FREQ=MONTHLY;BYDAY=99MO", "not valid"),
    ("FREQ=MONTHLY;BYMONTHDAY=0", "day of the month that does not exist"),
    ("FREQ=YEARLY;BYEASTER=0", "part Hearth does not know"),
    ("FREQ=WEEKLY;BYDAY=2MO", "cannot pick the first, second or last weekday"),
    ("FREQ=MONTHLY;BYDAY=" + ",".join(["MO"] * 400), "characters long"),
], ids=["secondly", "minutely", "secondly-count", "count-10e9", "monthly-never",
        "yearly-never", "weekly-never", "daily-setpos", "daily-sparse", "nth-99",
        "monthday-0", "easter", "weekly-nth", "long-list"])
def test_rules_that_cannot_be_expanded_cheaply_skip_their_event(db, tmp_path, rule, reason):
    assert reason in skipped_reason(tmp_path, calendar(
        event(f"DTSTART:20260105T100000Z\r\nRRULE:{rule}\r\n"), FINE))


def test_a_rule_listing_a_value_twice_is_stored_with_it_once(db, tmp_path):
    ics.import_file(write(tmp_path, calendar(event(
        "DTSTART:20260105T100000Z\r\nRRULE:FREQ=WEEKLY;BYDAY=MO,MO,FR,MO\r\n"))))
    assert cal.list_activities()[0].rrule == "FREQ=WEEKLY;BYDAY=MO,FR"


# ------------------------------------------------------------------ the shape of the file


def test_a_three_megabyte_single_line_is_refused_without_being_quoted(db, tmp_path):
    for data in (b"BEGIN:VCALENDAR" + b"A" * 3_000_000,
                 b"BEGIN:VCALENDAR" + b"A" * 3_000_000 + b"END:VCALENDAR",
                 b"X" * 3_000_000):
        assert_one_line(refused(tmp_path, data, db), filler="A")


@pytest.mark.parametrize("data", [
    calendar("BEGIN:" + "V" * 1_000_000 + "\r\n"),
    b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\nEND:" + b"W" * 1_000_000 + b"\r\nEND:VCALENDAR\r\n",
    calendar(event("DTSTART:20260101T100000Z\r\n").replace("END:VEVENT", "END:" + "Q" * 99_999)),
], ids=["begin", "end", "mismatch"])
def test_long_component_names_are_quoted_in_forty_characters_at_most(db, tmp_path, data):
    message = refused(tmp_path, data, db)
    assert max(len(word) for word in message.split()) < 60, message


def test_deep_nesting_is_refused(db, tmp_path):
    message = refused(tmp_path, calendar("BEGIN:X\r\n" * 100_000 + "END:X\r\n" * 100_000), db)
    assert "nest more than 8 deep" in message


@pytest.mark.parametrize(("data", "message"), [
    (calendar(*[event("DTSTART:20260101T100000Z\r\n", uid=f"e{n}")
                for n in range(ics_outline.MAX_EVENTS + 1)]), "imports up to 5,000 at a time"),
    (calendar(event("DTSTART:20260101T100000Z\r\nRRULE:FREQ=DAILY\r\n" + "".join(
        f"EXDATE:2026{month:02d}{day:02d}T100000Z\r\n" for month in range(1, 13)
        for day in range(1, 29)) * 31)), "more than 10,000 single occurrences"),
    (calendar(event("DTSTART:20260101T100000Z\r\n" + "X:1\r\n" * 600_000)),
     "Hearth reads calendar files of up to 500,000"),
    (calendar(*[zone(f"Z{n}") for n in range(101)]), "defines 101 time zones"),
    (b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n" * 50_000, "more than 100 calendars"),
    (calendar(*[zone(f"Z{n}").replace("END:VTIMEZONE", zone("P").split("TZID:P\r\n")[1]
                                       .replace("END:VTIMEZONE\r\n", "END:VTIMEZONE"))
                for n in range(60)]), "in 240 parts"),
], ids=["events", "exdates", "lines", "zones", "calendars", "zone-parts"])
def test_files_past_the_counts_hearth_reads_are_refused(db, tmp_path, data, message):
    assert message in refused(tmp_path, data, db)


def test_what_hearth_does_not_read_is_not_parsed(db, tmp_path):
    # A to-do, an attachment and ten thousand attendees: none of it reaches the parser.
    junk = ("BEGIN:VTODO\r\nSUMMARY:" + "t" * 200_000 + "\r\nEND:VTODO\r\n"
            + event("DTSTART:20260101T100000Z\r\nATTACH;ENCODING=BASE64;VALUE=BINARY:"
                    + "A" * 3_000_000 + "\r\n" + "ATTENDEE:mailto:a@b.c\r\n" * 10_000))
    summary = ics.import_file(write(tmp_path, calendar(junk)))
    assert (summary.added, summary.skipped) == (1, ())


def test_an_events_extra_dates_are_noted_without_being_parsed(db, tmp_path):
    dates = ",".join(f"2026{month:02d}{day:02d}T100000Z" for month in range(1, 13)
                     for day in range(1, 29)) * 30
    summary = ics.import_file(write(tmp_path, calendar(event(
        f'DTSTART:20260101T100000Z\r\nRRULE:FREQ=DAILY\r\nRDATE;X-NOTE="a,b":{dates}\r\n'))))
    assert (summary.added, summary.skipped) == (1, ())
    assert summary.warnings == ('"Evil": its extra dates (RDATE) were left out',)


def test_long_text_is_cut_before_parsing_and_stored_within_its_limit(db, tmp_path):
    ics.import_file(write(tmp_path, calendar(event(
        "DTSTART:20260101T100000Z\r\nDESCRIPTION:" + "\\n" * 2_000_000 + "\r\n",
        title="S" * 3_000_000))))
    activity = cal.list_activities()[0]
    assert len(activity.title) == cal.TITLE_MAX and len(activity.notes) <= cal.NOTES_MAX


def test_an_event_with_a_line_past_the_limits_is_skipped_and_the_rest_imported(db, tmp_path):
    reason = skipped_reason(tmp_path, calendar(event(
        "DTSTART;" + ";".join(f"X-P{n}=v" for n in range(100_000)) + ":20260101T100000Z\r\n"),
        FINE))
    assert "DTSTART on line" in reason and "characters long" in reason


def test_the_summary_of_a_file_of_many_bad_events_stays_one_short_line(db, tmp_path):
    bad = [event("DTSTART:99991231T230000Z\r\n", uid=f"e{n}", title="T" * 200)
           for n in range(1000)]
    summary = ics.import_file(write(tmp_path, calendar(*bad)))
    assert len(summary.skipped) == 1000
    line = summary.text()
    assert line.startswith("added 0, updated 0, skipped 1000: ")
    assert line.endswith("; and 997 more") and len(line) < 600


def test_the_import_stops_after_its_time_budget_and_stores_nothing(db, tmp_path, monkeypatch):
    ticks = iter(range(10_000))
    monkeypatch.setattr(ics_budget, "IMPORT_SECONDS", 5)
    monkeypatch.setattr(ics_budget, "SECONDS_PER_STEP", 0)
    before = dump(db)
    with pytest.raises(IcsError, match="takes too long to import"):
        ics.import_data(calendar(*[event("DTSTART:20260101T100000Z\r\n", uid=f"e{n}")
                                   for n in range(20)]), name="slow.ics",
                        clock=lambda: next(ticks))
    assert dump(db) == before


def test_the_time_budget_keeps_pace_with_the_events_done(db, tmp_path, monkeypatch):
    # Each look at the clock is a second of work. Twenty events outlast five seconds, but
    # not five plus ten for each step done: a big file that goes well gets the time its
    # size needs.
    monkeypatch.setattr(ics_budget, "IMPORT_SECONDS", 5)
    monkeypatch.setattr(ics_budget, "SECONDS_PER_STEP", 10)
    data = calendar(*[event("DTSTART:20260101T100000Z\r\n", uid=f"e{n}") for n in range(20)])
    ticks = iter(range(10_000))
    summary = ics.import_data(data, name="big.ics", clock=lambda: next(ticks))
    assert summary.added == 20
    monkeypatch.setattr(ics_budget, "SECONDS_PER_STEP", 0)
    ticks = iter(range(10_000))
    with pytest.raises(IcsError, match="stopped after 5 seconds"):
        ics.import_data(data, name="big.ics", clock=lambda: next(ticks))


def test_time_saved_while_parsing_is_not_banked_for_costly_reading(db, monkeypatch):
    # Parsing 200 events looks at the clock a few times but earns 0.9 a step; reading
    # looks once an event and earns 0.9 for a second of work. Banked, the parsing would
    # pay for all the reading; capped at five seconds ahead, the reading runs out.
    monkeypatch.setattr(ics_budget, "IMPORT_SECONDS", 5)
    monkeypatch.setattr(ics_budget, "SECONDS_PER_STEP", 0.9)
    data = calendar(*[event("DTSTART:20260101T100000Z\r\n", uid=f"e{n}")
                      for n in range(200)])
    ticks = iter(range(10_000))
    before = dump(db)
    with pytest.raises(IcsError, match="takes too long to import"):
        ics.import_data(data, name="costly.ics", clock=lambda: next(ticks))
    assert dump(db) == before


def test_the_time_budget_covers_storing_too(db, tmp_path, monkeypatch):
    # Each look at the clock is a second of work; reading 40 events takes about 42 of
    # them, so storing is what runs out of time.
    ticks = iter(range(10_000))
    stores = []
    real = importing.import_events

    def spy(*args, **kwargs):
        stores.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(importing, "import_events", spy)
    monkeypatch.setattr(ics_budget, "IMPORT_SECONDS", 45)
    monkeypatch.setattr(ics_budget, "SECONDS_PER_STEP", 0)
    data = calendar(*[event("DTSTART:20260101T100000Z\r\n", uid=f"e{n}") for n in range(40)])
    before = dump(db)
    with pytest.raises(IcsError, match="Nothing was imported"):
        ics.import_data(data, name="slow.ics", clock=lambda: next(ticks))
    assert stores == [1]
    assert dump(db) == before


# ------------------------------------------------------------------ in a child, bounded


def _limit_address_space():
    resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE, ADDRESS_SPACE))


def hearth_bounded(data_dir: Path, source: str, *, stdin=subprocess.DEVNULL,
                   budget: float | None = None) -> subprocess.CompletedProcess:
    """`hearth --data-dir DATA import-ics SOURCE` in a child held to 1.5 GB of address
    space; the test fails if it is still running after a minute. `budget` shortens the
    import's time budget (seconds of work) for files meant to exhaust it."""
    if budget is None:
        command = ["-m", "app"]
    else:
        command = ["-c", "import sys; from app.calendar import ics_budget; "
                         f"ics_budget.IMPORT_SECONDS = {budget!r}; ics_budget.SECONDS_PER_STEP = 0; "
                         "from app.__main__ import main; "
                         "sys.exit(main(sys.argv[1:]))"]
    try:
        return subprocess.run(
            [sys.executable, *command, "--data-dir", str(data_dir), "import-ics", source],
            cwd=ROOT, capture_output=True, text=True, errors="replace", stdin=stdin,
            timeout=TIMEOUT_SECONDS, preexec_fn=_limit_address_space,
            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    except subprocess.TimeoutExpired:
        pytest.fail(f"importing {source} was still running after {TIMEOUT_SECONDS} seconds")


def stored_titles(data_dir: Path) -> list[str]:
    if not (data_dir / "hearth.db").exists():
        return []
    from app.context import open_app

    context = open_app(data_dir)
    try:
        return sorted(activity.title for activity in cal.list_activities())
    finally:
        context.close()


def assert_refused_in_one_line(result, saying: str) -> None:
    assert result.returncode == 2, (result.returncode, result.stderr[-2000:])
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("hearth: "), result.stderr[-2000:]
    assert saying in lines[0], lines[0]
    assert_one_line(lines[0], filler="A")
    assert result.stdout == ""


def _many(rule: str, count: int = ics_outline.MAX_EVENTS) -> bytes:
    """`count` events repeating by `rule`, each from its own day (so none shares work)."""
    first = dt.datetime(2026, 1, 1, 10)
    starts = [f"{first + dt.timedelta(days=n):%Y%m%dT%H%M%S}Z" for n in range(count)]
    return calendar(*[event(f"DTSTART:{start}\r\nRRULE:{rule}\r\n", uid=f"e{n}")
                      for n, start in enumerate(starts)])


# (what the file is, its bytes, what comes of it: "refused: <words>" or "skipped: <words>")
BOUNDED = [
    ("zone-every-second", calendar(zone("Mine", "RRULE:FREQ=SECONDLY\r\n",
                                        "RRULE:FREQ=SECONDLY\r\n"),
                                   event("DTSTART;TZID=Mine:20260101T100000\r\n"
                                         "RRULE:FREQ=WEEKLY\r\n")), "skipped: cannot be used"),
    ("event-every-second", calendar(event("DTSTART:20260101T100000Z\r\nRRULE:FREQ=SECONDLY\r\n")),
     "skipped: not more often"),
    ("event-every-minute", calendar(event("DTSTART:20260101T100000Z\r\nRRULE:FREQ=MINUTELY\r\n")),
     "skipped: not more often"),
    ("count-10e9", calendar(event("DTSTART:20260101T100000Z\r\n"
                                  "RRULE:FREQ=DAILY;COUNT=1000000000\r\n")),
     "skipped: between 1 and 999"),
    ("start-9999", calendar(event("DTSTART:99991231T230000Z\r\n")), "skipped: outside the years"),
    ("until-9999", calendar(event("DTSTART:20260101T100000Z\r\n"
                                  "RRULE:FREQ=DAILY;UNTIL=99991231T235959Z\r\n")), "imported 1"),
    ("start-0001", calendar(event("DTSTART:00010101T000000Z\r\n")), "skipped: outside the years"),
    ("period", calendar(event("DTSTART;VALUE=PERIOD:20260101T100000Z/PT2H\r\n")),
     "skipped: not a date"),
    ("tzid-folder", calendar(event("DTSTART;TZID=America:20260101T100000\r\n")), "imported 1"),
    ("tzid-etc-slash", calendar(event("DTSTART;TZID=Etc/:20260101T100000\r\n")), "imported 1"),
    ("tzid-passwd", calendar(event("DTSTART;TZID=/etc/passwd:20260101T100000\r\n")), "imported 1"),
    ("tzid-100000", calendar(event(f"DTSTART;TZID={'A' * 100_000}:20260101T100000\r\n")),
     "skipped: characters long"),
    ("single-line-3mb", b"BEGIN:VCALENDAR" + b"A" * 3_000_000, "refused: incomplete"),
    ("tiny-lines-10mb", calendar(event("DTSTART:20260101T100000Z\r\n" + "X:1\r\n" * 2_000_000)),
     "refused: lines"),
    # Lists of numbers are the parser's dearest lines; these stay under the line limit.
    ("parser-costly-lists", calendar(*[event(
        "DTSTART:20260101T100000Z\r\nRRULE:FREQ=YEARLY;BYYEARDAY="
        + ",".join(str(day) for day in range(1, 200)) + ";COUNT=999\r\n", uid=f"e{n}")
        for n in range(1000)]), "imported 1000"),
]


@pytest.mark.slow
@pytest.mark.parametrize(("data", "outcome"), [case[1:] for case in BOUNDED],
                         ids=[case[0] for case in BOUNDED])
def test_risky_files_are_imported_or_refused_in_bounded_time_and_memory(tmp_path, data,
                                                                       outcome):
    path = write(tmp_path, data)
    result = hearth_bounded(tmp_path / "data", str(path))
    if outcome.startswith("refused: "):
        assert_refused_in_one_line(result, outcome.removeprefix("refused: "))
        assert stored_titles(tmp_path / "data") == []
        return
    assert result.returncode == 0, result.stderr[-2000:]
    assert "Traceback" not in result.stderr and result.stderr == ""
    summary = result.stdout.splitlines()[0]
    if outcome.startswith("skipped: "):
        assert summary.startswith("added 0, updated 0, skipped 1: "), summary
        assert outcome.removeprefix("skipped: ") in summary
        assert stored_titles(tmp_path / "data") == []
    else:
        count = int(outcome.removeprefix("imported "))
        assert summary == f"added {count}, updated 0, skipped 0", summary
        assert len(stored_titles(tmp_path / "data")) == count


@pytest.mark.slow
@pytest.mark.parametrize("rule", ["FREQ=MONTHLY;BYMONTHDAY=1;BYDAY=2MO",
                                  "FREQ=DAILY;BYMONTH=2;BYDAY=MO;COUNT=999"],
                         ids=["never", "sparse-count"])
def test_a_file_that_outlasts_the_budget_is_refused_and_stores_nothing(tmp_path, rule):
    path = write(tmp_path, _many(rule))
    result = hearth_bounded(tmp_path / "data", str(path), budget=2.0)
    assert_refused_in_one_line(result, "takes too long to import")
    assert stored_titles(tmp_path / "data") == []


@pytest.mark.slow
@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_endless_devices_are_refused_at_the_size_limit(tmp_path, device):
    result = hearth_bounded(tmp_path / "data", device)
    assert_refused_in_one_line(result, f"{device} is larger than 10 MB")
    assert stored_titles(tmp_path / "data") == []


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs")
def test_a_fifo_nobody_writes_to_is_refused_after_a_short_wait(tmp_path):
    fifo = tmp_path / "plans.ics"
    os.mkfifo(fifo)
    result = hearth_bounded(tmp_path / "data", str(fifo))
    assert_refused_in_one_line(result, "Nothing arrived from")
    assert stored_titles(tmp_path / "data") == []
