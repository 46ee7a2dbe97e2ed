"""Repeat rules checked before expansion, UNTIL stored in one form, expansion kept in range.

Expansion stays within the years Hearth handles, and the dates it finds still agree with
dateutil's.
"""

import datetime as dt
import random

import pytest
from dateutil import rrule as dateutil_rrule

from app.calendar import recurrence, rule_checks
from app.calendar.recurrence import RuleError

MONDAY = dt.datetime(2026, 1, 5, 19, 0)


@pytest.mark.parametrize(("rule", "message"), [
    ("FREQ=DAILY;BYMONTHDAY=1", "narrowed to weekdays and months only"),
    ("FREQ=WEEKLY;BYYEARDAY=10", "narrowed to weekdays and months only"),
    ("FREQ=MONTHLY;BYWEEKNO=3", "cannot name week numbers"),
    ("FREQ=MONTHLY;BYYEARDAY=3", "cannot name days of the year"),
    ("FREQ=WEEKLY;BYDAY=1MO", "cannot pick the first, second or last weekday"),
    ("FREQ=YEARLY;BYWEEKNO=1;BYDAY=1MO", "cannot pick the first, second or last weekday"),
    ("FREQ=MONTHLY;BYDAY=6MO", "a monthly period has no weekday number 6"),
    ("FREQ=YEARLY;BYDAY=54MO", "a yearly period has no weekday number 54"),
    ("FREQ=MONTHLY;BYMONTHDAY=32", "day of the month that does not exist"),
    ("FREQ=YEARLY;BYYEARDAY=367", "day of the year that does not exist"),
    ("FREQ=YEARLY;BYWEEKNO=0", "week number that does not exist"),
    ("FREQ=YEARLY;BYMONTH=-1", "month that does not exist"),
    ("FREQ=MONTHLY;BYDAY=MO;BYSETPOS=400", r"position \(BYSETPOS\) that does not exist"),
    ("FREQ=MONTHLY;BYMONTHDAY=1;BYSETPOS=2", "never produces a date"),
    ("FREQ=WEEKLY;BYDAY=MO,TU;BYSETPOS=3", "never produces a date"),
    ("FREQ=MONTHLY;BYMONTHDAY=1,,2", "not a list"),
    ("FREQ=MONTHLY;BYMONTHDAY=1000", "must be numbers"),
    ("FREQ=WEEKLY;WKST=XX", r"week start \(WKST\) is not a weekday"),
    ("FREQ=YEARLY;BYEASTER=0", "part Hearth does not know"),
    ("FREQ=DAILY;BYFOO=1", r"part Hearth does not know \(BYFOO\)"),
    ("FREQ=DAILY;" + "BYDAY=MO," * 300, "too long"),
])
def test_rules_are_checked_part_by_part(rule, message):
    with pytest.raises(RuleError, match=message):
        recurrence.check_rule(rule, MONDAY)


@pytest.mark.parametrize("year", [1, 1899, 2201, 9999])
def test_a_repeat_must_start_within_the_years_hearth_handles(year):
    with pytest.raises(RuleError, match="between the years 1900 and 2200"):
        recurrence.check_rule("FREQ=DAILY", MONDAY.replace(year=year))


def test_list_values_named_twice_are_kept_once():
    assert recurrence.check_rule("FREQ=MONTHLY;BYMONTHDAY=1,15,1,+15", MONDAY) == \
        "FREQ=MONTHLY;BYMONTHDAY=1,15"


@pytest.mark.parametrize(("rule", "zone", "all_day", "stored"), [
    ("FREQ=DAILY;UNTIL=20261231T225959Z", "Europe/Paris", False,
     "FREQ=DAILY;UNTIL=20261231T235959"),
    ("FREQ=DAILY;UNTIL=20261231T235959", "Europe/Paris", False,
     "FREQ=DAILY;UNTIL=20261231T235959"),
    ("FREQ=DAILY;UNTIL=20261231", "Europe/Paris", False, "FREQ=DAILY;UNTIL=20261231T235959"),
    # 02:30 on the morning the clocks go forward is not a time Paris has; 03:30 is.
    ("FREQ=DAILY;UNTIL=20260329T023000", "Europe/Paris", False,
     "FREQ=DAILY;UNTIL=20260329T033000"),
    ("FREQ=WEEKLY;UNTIL=20261231", "America/New_York", True,
     "FREQ=WEEKLY;UNTIL=20261231T235959"),
    ("FREQ=WEEKLY;UNTIL=20261231T000000Z", "America/New_York", True,
     "FREQ=WEEKLY;UNTIL=20261231T235959"),
    ("FREQ=WEEKLY;UNTIL=20261231T235959Z", "Pacific/Kiritimati", True,
     "FREQ=WEEKLY;UNTIL=20261231T235959"),
    ("FREQ=WEEKLY;UNTIL=99991231T235959Z", "Pacific/Kiritimati", False, "FREQ=WEEKLY"),
    ("FREQ=WEEKLY;UNTIL=99991231", "UTC", True, "FREQ=WEEKLY"),
    ("FREQ=WEEKLY;UNTIL=00010101T000000Z", "Pacific/Honolulu", False,
     "FREQ=WEEKLY;UNTIL=00010101T000000"),
])
def test_an_until_from_a_file_is_stored_in_one_form(rule, zone, all_day, stored):
    assert recurrence.localize_until(rule, zone, all_day=all_day) == stored


def test_dates_of_rules_that_end_are_worked_out_to_the_end_of_the_range_at_most():
    start = dt.datetime(2199, 12, 31, 10)
    counted = recurrence.Series("FREQ=DAILY;COUNT=999", start)
    assert counted.last() == rule_checks.END_OF_RANGE.replace(hour=10, minute=0, second=0)
    until = recurrence.Series("FREQ=MONTHLY;BYMONTHDAY=31;UNTIL=99991231T235959", start)
    assert until.last() == dt.datetime(2200, 12, 31, 10)
    # A rule whose dates come every four years walks no further than the range either.
    sparse = recurrence.Series("FREQ=MONTHLY;BYMONTH=2;BYMONTHDAY=29;COUNT=999",
                               dt.datetime(2028, 2, 29, 10))
    assert sparse.last() == dt.datetime(2196, 2, 29, 10)


RULES = ["FREQ=DAILY", "FREQ=DAILY;INTERVAL=3", "FREQ=WEEKLY;BYDAY=MO,FR",
         "FREQ=MONTHLY;BYMONTHDAY=31", "FREQ=MONTHLY;BYDAY=5WE",
         "FREQ=MONTHLY;BYMONTH=2;BYMONTHDAY=29", "FREQ=DAILY;BYMONTH=2;BYDAY=MO",
         "FREQ=YEARLY;INTERVAL=99;BYMONTH=2;BYMONTHDAY=29", "FREQ=MONTHLY;BYDAY=FR;BYMONTHDAY=13",
         "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1", "FREQ=YEARLY;BYWEEKNO=1;BYDAY=MO",
         "FREQ=WEEKLY;BYMONTH=1,7;BYDAY=SA,SU;BYSETPOS=1", "FREQ=YEARLY;BYYEARDAY=100,-1"]


@pytest.mark.parametrize("rule", RULES)
def test_the_last_date_of_a_rule_with_an_end_agrees_with_dateutil(rule):
    chosen = random.Random(rule)
    for _ in range(12):
        start = dt.datetime(chosen.randint(1901, 2150), chosen.randint(1, 12),
                            chosen.randint(1, 28), chosen.randint(0, 23))
        if "BYMONTHDAY=29" in rule:
            start = start.replace(year=start.year - start.year % 4 + 4, month=2, day=29)
            if start.year % 100 == 0:
                start = start.replace(year=start.year + 4)
        until = min(start + dt.timedelta(days=chosen.choice([40, 400, 4000, 40000])),
                    rule_checks.END_OF_RANGE)
        try:
            text = recurrence.check_rule(f"{rule};UNTIL={recurrence.format_until(until)}",
                                         start)
        except RuleError:
            continue  # its first date is more than ten years away
        every = list(dateutil_rrule.rrulestr(text, dtstart=start))
        assert recurrence.Series(text, start).last() == max([start, *every]), (text, start)
