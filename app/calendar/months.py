"""Months counted in one line: (year, month) as a single index and back.

`index(2026, 1)` is 2026 * 12: consecutive months have consecutive indexes, so a span of
months is a `range` and "three months on" is `+ 3`.
"""

from __future__ import annotations

import datetime as dt


def index(year: int, month: int) -> int:
    """The month's index: year * 12 + month - 1."""
    return year * 12 + month - 1


def index_of(day: dt.date) -> int:
    """The index of the month `day` (a date or a datetime) is in."""
    return index(day.year, day.month)


def year_month(key: int) -> tuple[int, int]:
    """The (year, month) of a month index."""
    return key // 12, key % 12 + 1


def shift(year: int, month: int, delta: int) -> tuple[int, int]:
    """The (year, month) `delta` months after (negative: before) the given one."""
    return year_month(index(year, month) + delta)


def first_moment(key: int) -> dt.datetime:
    """Midnight on the first day of the month with index `key`."""
    year, month = year_month(key)
    return dt.datetime(year, month, 1)
