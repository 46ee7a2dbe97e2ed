"""Month indexes: (year, month) and back, and steps across year ends."""

import datetime as dt

from app.calendar import months


def test_an_index_round_trips_and_consecutive_months_are_consecutive():
    for year in (1900, 1999, 2026, 2200):
        for month in range(1, 13):
            key = months.index(year, month)
            assert months.year_month(key) == (year, month)
            assert months.index_of(dt.date(year, month, 28)) == key
            assert months.first_moment(key) == dt.datetime(year, month, 1)
    assert months.index(2027, 1) == months.index(2026, 12) + 1


def test_shifting_crosses_year_ends_both_ways():
    assert months.shift(2026, 12, 1) == (2027, 1)
    assert months.shift(2026, 1, -1) == (2025, 12)
    assert months.shift(2026, 3, -15) == (2024, 12)
    assert months.shift(2026, 3, 0) == (2026, 3)
