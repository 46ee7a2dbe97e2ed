"""Whether a rule produces a date: searched through Hearth's whole range of years, in
bounded work, whatever the rule's INTERVAL."""

import datetime as dt

import pytest
from dateutil import rrule

from app.calendar import ics, rule_checks
from app.calendar.rule_checks import LAST_YEAR, RuleError, check_rule
from app.calendar.series import series
from app.services import calendar as cal


@pytest.mark.parametrize(("rule", "start", "first"), [
    # Every seventh year from 1900 lands on a leap year only every 28 years.
    ("FREQ=YEARLY;INTERVAL=7;BYMONTH=2;BYMONTHDAY=29", dt.datetime(1900, 2, 28),
     dt.datetime(1928, 2, 29)),
    # 29 February on a Monday: every 28 years, or 40 across a century year.
    ("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29;BYDAY=MO", dt.datetime(2024, 3, 1, 9),
     dt.datetime(2044, 2, 29, 9)),
    ("FREQ=YEARLY;INTERVAL=99;BYMONTH=2;BYMONTHDAY=29", dt.datetime(1901, 1, 1),
     dt.datetime(2000, 2, 29)),
])
def test_a_rule_whose_first_date_is_decades_away_is_accepted(rule, start, first):
    text = check_rule(rule, start)
    assert next(iter(rrule.rrulestr(text, dtstart=start))) == first



@pytest.mark.parametrize(("rule", "start"), [
    ("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29;BYDAY=MO", dt.datetime(LAST_YEAR, 1, 1)),
    # February every seven years, on a 29th that is a Monday: first in 2704.
    ("FREQ=MONTHLY;INTERVAL=84;BYMONTHDAY=29;BYDAY=MO", dt.datetime(1920, 2, 1, 8)),
])
def test_a_rule_that_only_produces_past_the_last_year_hearth_handles_is_refused(rule, start):
    with pytest.raises(RuleError, match="never produces a date"):
        check_rule(rule, start)


def test_an_end_before_the_first_date_means_no_date():
    with pytest.raises(RuleError, match="never produces a date"):
        check_rule("FREQ=YEARLY;INTERVAL=7;BYMONTH=2;BYMONTHDAY=29;UNTIL=19270101T000000",
                   dt.datetime(1900, 2, 28))
    assert check_rule("FREQ=YEARLY;INTERVAL=7;BYMONTH=2;BYMONTHDAY=29;UNTIL=19290101T000000",
                      dt.datetime(1900, 2, 28)).endswith("UNTIL=19290101T000000")


class _Counting:
    """dateutil's rrulestr, counting the years the search walks through."""

    def __init__(self, real):
        self.real = real
        self.years: list[int] = []

    def __call__(self, text, dtstart):
        compiled = self.real(text, dtstart=dtstart)
        self.years.append(dtstart.year)
        return compiled


@pytest.mark.parametrize("year", [1900, 2026, LAST_YEAR])
def test_a_rule_that_never_produces_a_date_walks_at_most_a_cycle_and_a_range(
        monkeypatch, year):
    # dateutil walks from the start it is given to the year 9999 when no date comes; the
    # search starts whole cycles later, so that walk is short whatever the start.
    counting = _Counting(rrule.rrulestr)
    monkeypatch.setattr(rule_checks._rr, "rrulestr", counting)
    with pytest.raises(RuleError, match="never produces a date"):
        check_rule("FREQ=MONTHLY;BYMONTHDAY=1;BYDAY=2MO", dt.datetime(year, 1, 5, 10))
    (searched,) = counting.years
    assert (searched - year) % rule_checks.CYCLE_YEARS == 0
    assert dt.MAXYEAR - searched <= rule_checks.CYCLE_YEARS + (LAST_YEAR - year)


def test_a_file_with_such_a_rule_imports_it(app_context, tmp_path):
    path = tmp_path / "leap.ics"
    path.write_bytes(b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:leap@other\r\n"
                     b"SUMMARY:Leap party\r\nDTSTART;VALUE=DATE:19000228\r\n"
                     b"RRULE:FREQ=YEARLY;INTERVAL=7;BYMONTH=2;BYMONTHDAY=29\r\n"
                     b"END:VEVENT\r\nEND:VCALENDAR\r\n")
    summary = ics.import_file(path)
    assert (summary.added, summary.skipped) == (1, ())
    activity = cal.list_activities()[0]
    assert [moment.year for moment in series(activity.rrule, activity.start).between(
        dt.datetime(1900, 1, 1), dt.datetime(2000, 1, 1))] == [1900, 1928, 1956, 1984]
