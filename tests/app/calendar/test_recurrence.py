"""Recurrence rules: presets, descriptions, the custom-rule spec, checks and expansion."""

import datetime as dt

import pytest
from dateutil.rrule import rrulestr
from hypothesis import given, settings
from hypothesis import strategies as st

from app.calendar import recurrence
from app.calendar.recurrence import RecurrenceSpec, RuleError

FRIDAY = dt.datetime(2026, 3, 6, 19, 0)  # the first Friday of March 2026
SECOND_TUESDAY = dt.datetime(2026, 2, 10, 19, 0)
LAST_FRIDAY = dt.datetime(2026, 1, 30, 18, 30)


@pytest.mark.parametrize(
    ("key", "start", "rule"),
    [
        ("none", FRIDAY, None),
        ("daily", FRIDAY, "FREQ=DAILY"),
        ("weekdays", FRIDAY, "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR"),
        ("weekly", FRIDAY, "FREQ=WEEKLY;BYDAY=FR"),
        ("biweekly", FRIDAY, "FREQ=WEEKLY;INTERVAL=2;BYDAY=FR"),
        ("monthly_date", FRIDAY, "FREQ=MONTHLY;BYMONTHDAY=6"),
        ("monthly_weekday", SECOND_TUESDAY, "FREQ=MONTHLY;BYDAY=2TU"),
        ("monthly_weekday", LAST_FRIDAY, "FREQ=MONTHLY;BYDAY=-1FR"),
        ("yearly", FRIDAY, "FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=6"),
    ],
)
def test_presets_make_rules_and_are_recognised_again(key, start, rule):
    assert recurrence.preset_rule(key, start) == rule
    assert recurrence.preset_of(rule, start) == key


def test_preset_labels_name_the_day():
    labels = dict(recurrence.preset_choices(SECOND_TUESDAY))
    assert labels["weekly"] == "Every week on Tuesday"
    assert labels["monthly_weekday"] == "Every month on the second Tuesday"
    assert labels["monthly_date"] == "Every month on the 10th"
    assert labels["yearly"] == "Every year on 10 February"


def test_unknown_and_custom_rules_are_custom():
    assert recurrence.preset_of("FREQ=WEEKLY;BYDAY=MO,FR", FRIDAY) == "custom"
    assert recurrence.preset_of("FREQ=WEEKLY;BYDAY=FR;COUNT=4", FRIDAY) == "custom"
    assert recurrence.preset_of("not a rule", FRIDAY) == "custom"
    assert recurrence.preset_of("RRULE:FREQ=WEEKLY;INTERVAL=1;BYDAY=FR", FRIDAY) == "weekly"
    with pytest.raises(KeyError):
        recurrence.preset_rule("fortnightly", FRIDAY)


@pytest.mark.parametrize(
    ("rule", "start", "text"),
    [
        (None, FRIDAY, "Does not repeat"),
        ("FREQ=WEEKLY;BYDAY=FR", FRIDAY, "Every Friday"),
        ("FREQ=WEEKLY", FRIDAY, "Every Friday"),
        ("FREQ=WEEKLY;BYDAY=TH,MO", FRIDAY, "Every Monday and Thursday"),
        ("FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", FRIDAY, "Every weekday"),
        ("FREQ=WEEKLY;INTERVAL=2;BYDAY=SA,SU", FRIDAY, "Every 2 weeks on Saturday and Sunday"),
        ("FREQ=DAILY", FRIDAY, "Every day"),
        ("FREQ=DAILY;INTERVAL=3;COUNT=5", FRIDAY, "Every 3 days, 5 times"),
        ("FREQ=MONTHLY;BYDAY=2TU", SECOND_TUESDAY, "Every month on the second Tuesday"),
        ("FREQ=MONTHLY;BYDAY=-1FR", LAST_FRIDAY, "Every month on the last Friday"),
        ("FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=1", FRIDAY, "Every 3 months on the 1st"),
        ("FREQ=MONTHLY;BYMONTHDAY=-1", FRIDAY, "Every month on the last day"),
        ("FREQ=YEARLY", FRIDAY, "Every year on 6 March"),
        ("FREQ=WEEKLY;BYDAY=FR;UNTIL=20260605T235959", FRIDAY,
         "Every Friday, until 5 June 2026"),
        ("FREQ=WEEKLY;BYDAY=FR;COUNT=1", FRIDAY, "Every Friday, once"),
        ("FREQ=MONTHLY;BYDAY=TU;BYSETPOS=2", FRIDAY, "Every month on the second Tuesday"),
        ("FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1", FRIDAY,
         "Every month on the last weekday"),
        ("FREQ=MONTHLY;INTERVAL=2;BYDAY=SA,SU;BYSETPOS=1", FRIDAY,
         "Every 2 months on the first weekend day"),
        ("FREQ=MONTHLY;BYDAY=MO,FR;BYSETPOS=1", FRIDAY, "Repeats on a custom rule"),
        ("FREQ=", FRIDAY, "Repeats (a rule Hearth cannot read)"),
    ],
)
def test_descriptions(rule, start, text):
    assert recurrence.describe(rule, start) == text


def test_spec_round_trips_through_a_rule():
    specs = [
        RecurrenceSpec(freq="DAILY", interval=2, count=10),
        RecurrenceSpec(freq="WEEKLY", weekdays=(0, 4)),
        RecurrenceSpec(freq="WEEKLY", interval=3, until=dt.date(2026, 12, 31)),
        RecurrenceSpec(freq="MONTHLY", monthly_by="weekday"),
        RecurrenceSpec(freq="MONTHLY", monthly_by="date", interval=2),
        RecurrenceSpec(freq="YEARLY"),
    ]
    for spec in specs:
        rule = recurrence.spec_to_rule(spec, SECOND_TUESDAY)
        back = recurrence.rule_to_spec(rule, SECOND_TUESDAY)
        expected = spec if spec.weekdays or spec.freq != "WEEKLY" else \
            RecurrenceSpec(**{**spec.__dict__, "weekdays": (1,)})
        assert back == expected, rule
        recurrence.check_rule(rule, SECOND_TUESDAY)


def test_rules_the_editor_cannot_show_have_no_spec():
    assert recurrence.rule_to_spec("FREQ=MONTHLY;BYDAY=TU;BYSETPOS=2", FRIDAY) is None
    assert recurrence.rule_to_spec("FREQ=MONTHLY;BYDAY=3WE", FRIDAY) is None
    assert recurrence.rule_to_spec(None, FRIDAY) is None
    with pytest.raises(RuleError):
        recurrence.spec_to_rule(RecurrenceSpec(freq="HOURLY"), FRIDAY)


@pytest.mark.parametrize(
    ("rule", "message"),
    [
        ("", "empty"),
        ("BYDAY=FR", "FREQ is missing"),
        ("FREQ=WEEKLY;BYDAY", "malformed"),
        ("FREQ=WEEKLY;FREQ=DAILY", "twice"),
        ("FREQ=HOURLY", "not more often"),
        ("FREQ=SOMETIMES", "not more often"),
        ("FREQ=DAILY;BYHOUR=9,17", "at most once a day"),
        ("FREQ=DAILY;COUNT=3;UNTIL=20270101T000000", "not both"),
        ("FREQ=DAILY;INTERVAL=0", "between 1 and 99"),
        ("FREQ=DAILY;INTERVAL=x", "whole number"),
        ("FREQ=DAILY;COUNT=0", "between 1 and 999"),
        ("FREQ=DAILY;UNTIL=20250101T000000", "ends before the first date"),
        ("FREQ=DAILY;UNTIL=20270101T000000Z", "not UTC"),
        ("FREQ=DAILY;UNTIL=someday", "not a date"),
        ("FREQ=WEEKLY;BYDAY=XX", "not valid"),
        ("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30", "never produces"),
        ("FREQ=DAILY;BYMONTH=4,6;BYMONTHDAY=31", "never produces"),
        ("FREQ=YEARLY;BYMONTH=13", "month that does not exist"),
        ("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=last", "must be numbers"),
        ("FREQ=MONTHLY;BYDAY=MO;BYSETPOS=6", "never produces"),
    ],
)
def test_bad_rules_are_refused_with_a_reason(rule, message):
    with pytest.raises(RuleError, match=message):
        recurrence.check_rule(rule, FRIDAY)


def test_until_is_moved_between_utc_and_wall_clock():
    local = recurrence.localize_until("FREQ=WEEKLY;UNTIL=20260531T130000Z", "America/New_York")
    assert local == "FREQ=WEEKLY;UNTIL=20260531T090000"
    assert recurrence.utc_until(local, "America/New_York") == "FREQ=WEEKLY;UNTIL=20260531T130000Z"


def test_weekly_rule_keeps_wall_clock_across_daylight_saving():
    # Europe/Berlin moves its clocks forward on 29 March 2026.
    series = recurrence.series("FREQ=WEEKLY;BYDAY=FR", FRIDAY)
    starts = series.between(dt.datetime(2026, 3, 20), dt.datetime(2026, 4, 11))
    assert starts == [dt.datetime(2026, 3, day, 19) for day in (20, 27)] + [
        dt.datetime(2026, 4, 3, 19), dt.datetime(2026, 4, 10, 19)]
    in_utc = [recurrence.to_zone(start, "Europe/Berlin", "UTC") for start in starts]
    assert [moment.hour for moment in in_utc] == [18, 18, 17, 17]


def test_monthly_by_weekday_finds_second_tuesday_and_last_friday():
    second = recurrence.series("FREQ=MONTHLY;BYDAY=2TU", SECOND_TUESDAY)
    assert [m.date() for m in second.between(dt.datetime(2026, 2, 1), dt.datetime(2026, 7, 1))] \
        == [dt.date(2026, 2, 10), dt.date(2026, 3, 10), dt.date(2026, 4, 14),
            dt.date(2026, 5, 12), dt.date(2026, 6, 9)]
    last = recurrence.series("FREQ=MONTHLY;BYDAY=-1FR", LAST_FRIDAY)
    assert [m.date() for m in last.between(dt.datetime(2026, 1, 1), dt.datetime(2026, 5, 1))] \
        == [dt.date(2026, 1, 30), dt.date(2026, 2, 27), dt.date(2026, 3, 27),
            dt.date(2026, 4, 24)]


def test_finite_rules_know_their_last_date_and_endless_ones_do_not():
    assert recurrence.series("FREQ=WEEKLY;BYDAY=FR;COUNT=3", FRIDAY).last() == \
        dt.datetime(2026, 3, 20, 19)
    assert recurrence.series("FREQ=WEEKLY;UNTIL=20260401T235959", FRIDAY).last() == \
        dt.datetime(2026, 3, 27, 19)
    assert recurrence.series("FREQ=MONTHLY;BYMONTHDAY=31;UNTIL=20260601T000000",
                             dt.datetime(2026, 1, 31, 9)).last() == dt.datetime(2026, 5, 31, 9)
    assert recurrence.series("FREQ=DAILY", FRIDAY).last() is None


def test_the_start_always_counts_even_off_the_rule():
    # RFC 5545: DTSTART is the first occurrence even when the rule would skip it.
    series = recurrence.series("FREQ=WEEKLY;BYDAY=MO", FRIDAY)
    assert series.between(dt.datetime(2026, 3, 1), dt.datetime(2026, 3, 14)) == [
        FRIDAY, dt.datetime(2026, 3, 9, 19)]
    assert series.contains(FRIDAY) and not series.contains(dt.datetime(2026, 3, 13, 19))


RULES = st.sampled_from([
    "FREQ=DAILY", "FREQ=DAILY;INTERVAL=3", "FREQ=WEEKLY", "FREQ=WEEKLY;BYDAY=MO,WE,FR",
    "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,SA", "FREQ=WEEKLY;INTERVAL=3;WKST=SU;BYDAY=SU,SA",
    "FREQ=MONTHLY", "FREQ=MONTHLY;BYMONTHDAY=31", "FREQ=MONTHLY;INTERVAL=5",
    "FREQ=MONTHLY;BYDAY=-1FR", "FREQ=MONTHLY;INTERVAL=2;BYDAY=TU;BYSETPOS=2",
    "FREQ=YEARLY", "FREQ=YEARLY;INTERVAL=3;BYMONTH=2;BYMONTHDAY=29",
    "FREQ=WEEKLY;BYDAY=TH;UNTIL=20291231T235959", "FREQ=DAILY;COUNT=40",
    "FREQ=DAILY;INTERVAL=2;UNTIL=20270110T120000", "FREQ=MONTHLY;BYMONTHDAY=-1",
    "FREQ=MONTHLY;INTERVAL=2;BYMONTHDAY=-3", "FREQ=MONTHLY;BYDAY=5WE",
    "FREQ=MONTHLY;INTERVAL=3;BYDAY=-2MO", "FREQ=MONTHLY;BYDAY=2TU;UNTIL=20280101T000000",
    "FREQ=YEARLY;BYMONTH=7", "FREQ=YEARLY;INTERVAL=2;BYMONTH=12;BYMONTHDAY=31",
])
MOMENTS = st.datetimes(min_value=dt.datetime(2019, 1, 1), max_value=dt.datetime(2028, 12, 31))


@settings(max_examples=250, deadline=None)
@given(rule=RULES, start=MOMENTS, begin=MOMENTS, days=st.integers(1, 500))
def test_expansion_matches_dateutil(rule, start, begin, days):
    start = start.replace(second=0, microsecond=0)
    try:
        recurrence.check_rule(rule, start)
    except RuleError:
        return
    end = begin + dt.timedelta(days=days)
    expected = [m for m in rrulestr(rule, dtstart=start).between(begin, end, inc=True) if m < end]
    if begin <= start < end and start not in expected:
        expected = sorted([*expected, start])
    assert recurrence.Series(rule, start).between(begin, end) == expected
