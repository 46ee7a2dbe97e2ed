"""Expanding a repeat rule: the start times one rule produces from one start.

Rules are RFC 5545 RRULE values ("FREQ=WEEKLY;BYDAY=FR") applied to a naive wall-clock
start, so an activity at 19:00 stays at 19:00 on both sides of a daylight-saving change.
A rule must have passed `rule_checks.check_rule` before it is expanded.

A `Series` hands its work to one of four strategies, chosen once from the rule's parts:

- `Counted`: a rule with COUNT is finite and short; all its dates are made once.
- `Arithmetic`: every N days, or every N weeks on some weekdays, is plain arithmetic.
- `MonthPicker`: the common monthly and yearly rules (the 15th, the last day, the second
  Tuesday, a yearly date) pick one day in each month of their period.
- `Generated`: any other rule goes to dateutil, a few months at a time from a start moved
  forward by whole periods of the rule (which leaves the dates unchanged); those months
  are kept. Generating from a start years ago for every month shown would be slow.

Tests check the first three against dateutil. The start itself always counts (RFC 5545).
Rules that end (COUNT or UNTIL) are worked out up to the end of the years Hearth handles
(`rule_parts.END_OF_RANGE`) at most.
"""

from __future__ import annotations

import bisect
import calendar as _calendar
import datetime as dt
import functools
import re

from dateutil import rrule as _rr

from app.calendar import months
from app.calendar.rule_parts import (
    BOUND_PARTS,
    END_OF_RANGE,
    NTH_DAY,
    WEEKDAY_CODES,
    parse_rule,
)
from app.calendar.until import parse_until

# Rules dateutil expands are generated this many months at a time.
BLOCK_MONTHS = 4


class Series:
    """The start times one rule produces from one start (naive wall-clock)."""

    def __init__(self, rule: str, start: dt.datetime):
        self.rule = rule
        self.start = start
        self.compiled = _rr.rrulestr(rule, dtstart=start)
        self.parts = parse_rule(rule)
        self.freq = self.parts["FREQ"]
        self.interval = int(self.parts.get("INTERVAL", "1"))
        until = self.parts.get("UNTIL")
        self.until = min(parse_until(until), END_OF_RANGE) if until else None
        self.start_key = months.index_of(start)
        self._last: dt.datetime | None = None
        self.strategy = _choose(self)

    def between(self, begin: dt.datetime, end: dt.datetime) -> list[dt.datetime]:
        """Start times with begin <= start < end."""
        if end <= begin or end <= self.start:
            return []
        return self.strategy.between(begin, end)

    def last(self) -> dt.datetime | None:
        """The last start, or None when the rule never ends."""
        if isinstance(self.strategy, Counted):
            return self.strategy.last()
        if self.until is None:
            return None
        if self._last is None:
            self._last = self._last_until()
        return self._last

    def _last_until(self) -> dt.datetime:
        """The last start on or before UNTIL, looked for back from it over spans that
        double, each worked out in one pass: a few months at a time would, for a rule whose
        dates are years apart, search ahead to the next date from every few months."""
        end = self.until + dt.timedelta(seconds=1)
        last_key = months.index_of(self.until)
        span = BLOCK_MONTHS
        while True:
            key = max(last_key - span, self.start_key)
            found = self.strategy.span(months.first_moment(key), end)
            if found:
                return found[-1]
            if key == self.start_key:
                return self.start
            span *= 2

    def contains(self, moment: dt.datetime) -> bool:
        return moment in self.between(moment, moment + dt.timedelta(seconds=1))

    def with_start(self, items: list[dt.datetime], below: dt.datetime | None
                   ) -> list[dt.datetime]:
        """`items` (sorted) with the start put in when it lies below `below`: RFC 5545
        counts the start even when the rule would not produce it."""
        if below is None or self.start < below:
            position = bisect.bisect_left(items, self.start)
            if position >= len(items) or items[position] != self.start:
                items.insert(position, self.start)
        return items


def _choose(series: Series):
    if "COUNT" in series.parts:
        return Counted(series)
    step, offsets = _arithmetic(series)
    if step:
        return Arithmetic(series, step, offsets)
    pick = _month_picker(series)
    if pick is not None:
        return MonthPicker(series, pick)
    return Generated(series)


class Counted:
    """A COUNT rule: every date made once, up to the end of the range."""

    def __init__(self, series: Series):
        self.series = series
        self.all = series.with_start(self._counted(), None)

    def _counted(self) -> list[dt.datetime]:
        """The thousandth date of a rule whose dates are years apart lies thousands of
        years on, and dateutil walks every period in between to reach it: stop at the end
        of the range."""
        compiled = self.series.compiled
        state = compiled.__dict__
        if "_until" not in state:
            return list(compiled)
        # dateutil refuses COUNT and UNTIL together when asked; a copy may carry both.
        clone = object.__new__(type(compiled))
        clone.__dict__ = dict(state, _until=END_OF_RANGE)
        return list(clone)

    def between(self, begin: dt.datetime, end: dt.datetime) -> list[dt.datetime]:
        found = self.all
        return found[bisect.bisect_left(found, begin):bisect.bisect_left(found, end)]

    span = between

    def last(self) -> dt.datetime:
        return self.all[-1] if self.all else self.series.start


def _arithmetic(series: Series) -> tuple[int, tuple[int, ...]]:
    """For the plainest and commonest rules (every N days; every N weeks on some
    weekdays): the period in days and the day offsets within it, counted from the first
    period's start. (0, ()) for other rules."""
    plain = set(series.parts) - BOUND_PARTS
    if series.freq == "DAILY" and not plain:
        return series.interval, (0,)
    if series.freq == "WEEKLY" and plain <= {"BYDAY", "WKST"}:
        codes = series.parts.get("BYDAY", WEEKDAY_CODES[series.start.weekday()]).split(",")
        wkst = WEEKDAY_CODES.index(series.parts.get("WKST", "MO"))
        if all(code in WEEKDAY_CODES for code in codes):
            offsets = sorted({(WEEKDAY_CODES.index(code) - wkst) % 7 for code in codes})
            return 7 * series.interval, tuple(offsets)
    return 0, ()


class Arithmetic:
    """Every `step` days, on the given day offsets within each period."""

    def __init__(self, series: Series, step: int, offsets: tuple[int, ...]):
        self.series = series
        self.step = step
        self.offsets = tuple(dt.timedelta(days=offset) for offset in offsets)
        start = series.start
        first_day = start.date()
        if series.freq == "WEEKLY":
            wkst = WEEKDAY_CODES.index(series.parts.get("WKST", "MO"))
            first_day -= dt.timedelta(days=(start.weekday() - wkst) % 7)
        self.first_period = dt.datetime.combine(first_day, start.time())

    def between(self, begin: dt.datetime, end: dt.datetime) -> list[dt.datetime]:
        first = self.first_period
        step = self.step
        start, until = self.series.start, self.series.until
        low = max(0, (begin - first).days // step - 1)
        high = (end - first).days // step
        found = []
        lowest = max(begin, start)
        for period in range(low, high + 1):
            base = first + dt.timedelta(days=period * step)
            for offset in self.offsets:
                moment = base + offset
                if lowest <= moment < end and (until is None or moment <= until):
                    found.append(moment)
        if begin <= start < end and (not found or found[0] != start):
            # RFC 5545: the start counts even when the rule would not produce it.
            bisect.insort(found, start)
        return found

    span = between


def _month_picker(series: Series):
    """For the common monthly and yearly rules (the 15th, the last day, the second
    Tuesday, the last Friday; a yearly date) a function giving the day of the month a
    period falls on (None when that month has no such day); None for other rules."""
    parts = series.parts
    plain = set(parts) - BOUND_PARTS
    if series.freq == "MONTHLY":
        if not plain:
            return _month_day_picker(series.start.day)
        if plain == {"BYMONTHDAY"} and re.fullmatch(r"-?\d{1,2}", parts["BYMONTHDAY"]):
            day = int(parts["BYMONTHDAY"])
            return _month_day_picker(day) if 1 <= abs(day) <= 31 else None
        match = NTH_DAY.match(parts.get("BYDAY", "")) if plain == {"BYDAY"} else None
        if match and match.group(1) and 1 <= abs(int(match.group(1))) <= 5:
            return _nth_weekday_picker(int(match.group(1)), WEEKDAY_CODES.index(match.group(2)))
        return None
    if series.freq == "YEARLY" and plain in (set(), {"BYMONTH"}, {"BYMONTH", "BYMONTHDAY"}):
        try:
            month = int(parts.get("BYMONTH", series.start.month))
            day = int(parts.get("BYMONTHDAY", series.start.day))
        except ValueError:
            return None
        if not (1 <= month <= 12 and 1 <= day <= 31):
            return None
        picker = _month_day_picker(day)
        return lambda year, this_month: picker(year, month) if this_month == month else None
    return None


def _month_day_picker(day: int):
    """The `day`th day of a month (negative: counted from its end), if it has one."""
    def pick(year: int, month: int) -> int | None:
        length = _calendar.monthrange(year, month)[1]
        chosen = day if day > 0 else length + day + 1
        return chosen if 1 <= chosen <= length else None

    return pick


def _nth_weekday_picker(nth: int, weekday: int):
    """The `nth` `weekday` of a month (negative: counted from its end), if it has one."""
    def pick(year: int, month: int) -> int | None:
        first_weekday, length = _calendar.monthrange(year, month)
        if nth > 0:
            chosen = 1 + (weekday - first_weekday) % 7 + 7 * (nth - 1)
        else:
            last_weekday = (first_weekday + length - 1) % 7
            chosen = length - (last_weekday - weekday) % 7 + 7 * (nth + 1)
        return chosen if 1 <= chosen <= length else None

    return pick


class MonthPicker:
    """One day picked in each month of the rule's period (`pick(year, month)`)."""

    def __init__(self, series: Series, pick):
        self.series = series
        self.pick = pick

    def between(self, begin: dt.datetime, end: dt.datetime) -> list[dt.datetime]:
        series = self.series
        start, until, interval = series.start, series.until, series.interval
        yearly = series.freq == "YEARLY"
        first_key = series.start_key
        step = interval * (12 if yearly else 1)
        low = max(first_key, months.index_of(begin))
        if not yearly:
            low += (first_key - low) % step
        # Yearly: any month of an aligned year may hold the date; the picker checks it.
        high = months.index_of(end)
        lowest = max(begin, start)
        time_of_day = start.time()
        found = []
        for key in range(low, high + 1, 1 if yearly else step):
            year, month = months.year_month(key)
            if yearly and (year - start.year) % interval:
                continue
            day = self.pick(year, month)
            if day is None:
                continue
            moment = dt.datetime.combine(dt.date(year, month, day), time_of_day)
            if lowest <= moment < end and (until is None or moment <= until):
                found.append(moment)
        if begin <= start < end and (not found or found[0] != start):
            bisect.insort(found, start)
        return found

    span = between


class Generated:
    """Any other rule: dateutil's dates, generated BLOCK_MONTHS months at a time and kept."""

    def __init__(self, series: Series):
        self.series = series
        self.months: dict[int, list[dt.datetime]] = {}

    def between(self, begin: dt.datetime, end: dt.datetime) -> list[dt.datetime]:
        series = self.series
        found: list[dt.datetime] = []
        low = max(months.index_of(begin), series.start_key)
        high = months.index_of(end)
        if series.until is not None:
            high = min(high, months.index_of(series.until))
        for key in range(low, high + 1):
            items = self._month(key)
            if not items:
                continue
            if items[0] >= begin and items[-1] < end:
                found.extend(items)
            else:
                found.extend(items[bisect.bisect_left(items, begin):
                                   bisect.bisect_left(items, end)])
        return found

    def span(self, begin: dt.datetime, end: dt.datetime) -> list[dt.datetime]:
        """The dates of begin..end worked out in one pass, none of them kept."""
        series = self.series
        if begin <= series.start:
            items = series.with_start(series.compiled.between(begin, end, inc=True), end)
        else:
            items = self._moved_rule(self._moved_start(begin)).between(begin, end, inc=True)
        return [moment for moment in items if series.start <= moment < end]

    def _month(self, key: int) -> list[dt.datetime]:
        items = self.months.get(key)
        if items is None:
            self._fill(key - key % BLOCK_MONTHS)
            items = self.months[key]
        return items

    def _fill(self, block: int) -> None:
        """Generate the months block..block+BLOCK_MONTHS-1 in one pass: each pass costs a
        setup that one month alone would not repay."""
        series = self.series
        first = months.first_moment(max(block, series.start_key))
        after = months.first_moment(block + BLOCK_MONTHS)
        for key in range(block, block + BLOCK_MONTHS):
            self.months[key] = []
        if after <= series.start or (series.until is not None and first > series.until):
            return
        if first <= series.start:
            items = series.with_start(series.compiled.between(first, after, inc=True), after)
        else:
            items = self._moved_rule(self._moved_start(first)).between(first, after, inc=True)
        for moment in items:
            if series.start <= moment < after:
                self.months[months.index_of(moment)].append(moment)

    def _moved_start(self, first: dt.datetime) -> dt.datetime:
        """A start on or before `first` (a month's first day) a whole number of the rule's
        periods after ours, so the dates it yields are the same."""
        series = self.series
        start, freq, interval = series.start, series.freq, series.interval
        if freq in ("DAILY", "WEEKLY"):
            step = interval * (7 if freq == "WEEKLY" else 1)
            periods = (first.date() - start.date()).days // step
            return start + dt.timedelta(days=periods * step)
        if freq == "MONTHLY":
            elapsed = months.index_of(first) - series.start_key
            year, month = months.year_month(series.start_key + (elapsed // interval) * interval)
            return start.replace(year=year, month=month, day=1)
        periods = (first.year - start.year) // interval
        return start.replace(year=start.year + periods * interval, month=1, day=1)

    def _moved_rule(self, moved: dt.datetime) -> _rr.rrule:
        # Everything dateutil derived from our start (the weekday, the day of the month,
        # the time) must stay; only the point it starts counting from moves. Copying the
        # parsed rule keeps those and costs far less than parsing it again.
        compiled = self.series.compiled
        state = compiled.__dict__
        if "_dtstart" in state and "_original_rule" in state:
            clone = object.__new__(type(compiled))
            clone.__dict__ = dict(state, _dtstart=moved)
            return clone
        return compiled.replace(dtstart=moved, **self._explicit_defaults())

    def _explicit_defaults(self) -> dict:
        series = self.series
        rule = series.compiled._original_rule
        chosen = any(rule.get(name) for name in ("byweekno", "byyearday", "bymonthday",
                                                  "byweekday", "byeaster"))
        if chosen:
            return {}
        if series.freq == "YEARLY":
            return {"bymonth": rule.get("bymonth") or series.start.month,
                    "bymonthday": series.start.day}
        if series.freq == "MONTHLY":
            return {"bymonthday": series.start.day}
        if series.freq == "WEEKLY":
            return {"byweekday": series.start.weekday()}
        return {}


@functools.lru_cache(maxsize=4096)
def series(rule: str, start: dt.datetime) -> Series:
    """The (cached) expansion of `rule` from `start`; the rule must have passed
    `rule_checks.check_rule`."""
    return Series(rule, start)
