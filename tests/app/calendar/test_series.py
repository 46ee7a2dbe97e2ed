"""The four expansion strategies: each rule gets the one meant for it, and each gives
dateutil's dates (the start counted, as RFC 5545 says)."""

import datetime as dt

import pytest
from dateutil import rrule as rr

from app.calendar import series as series_module
from app.calendar.series import Arithmetic, Counted, Generated, MonthPicker, Series

START = dt.datetime(2026, 1, 13, 19, 30)  # a Tuesday


@pytest.mark.parametrize(("rule", "strategy"), [
    ("FREQ=DAILY;INTERVAL=3", Arithmetic),
    ("FREQ=WEEKLY;BYDAY=MO,TH;UNTIL=20271231T235959", Arithmetic),
    ("FREQ=WEEKLY;COUNT=5", Counted),
    ("FREQ=MONTHLY;BYDAY=2TU", MonthPicker),
    ("FREQ=MONTHLY;BYMONTHDAY=-1", MonthPicker),
    ("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29", MonthPicker),
    ("FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1", Generated),
    ("FREQ=YEARLY;BYWEEKNO=20;BYDAY=MO", Generated),
])
def test_each_rule_gets_its_strategy_and_dateutils_dates(rule, strategy):
    produced = Series(rule, START)
    assert type(produced.strategy) is strategy
    begin, end = dt.datetime(2026, 1, 1), dt.datetime(2029, 1, 1)
    expected = rr.rrulestr(rule, dtstart=START).between(begin, end, inc=False)
    if START not in expected:
        expected = sorted([START, *expected])
    assert produced.between(begin, end) == expected


def test_the_last_start_of_an_ending_rule_whatever_its_strategy():
    for rule in ("FREQ=DAILY;UNTIL=20260201T000000", "FREQ=WEEKLY;COUNT=4",
                 "FREQ=MONTHLY;BYDAY=-1FR;UNTIL=20261231T235959",
                 "FREQ=YEARLY;BYWEEKNO=20;BYDAY=MO;UNTIL=20301231T235959"):
        dates = list(rr.rrulestr(rule, dtstart=START))
        assert Series(rule, START).last() == max([START, *dates]), rule
    assert Series("FREQ=DAILY", START).last() is None


def test_series_are_kept_per_rule_and_start():
    assert series_module.series("FREQ=DAILY", START) is series_module.series("FREQ=DAILY",
                                                                             START)
