"""The one check of a repeat rule: what it must be for Hearth to work out its dates cheaply.

`check_rule` is the only place a rule is validated; everything that stores a rule (a dialog,
the command line, a calendar file) goes through it once, via the activity check in
`app.calendar.rules`, and works with the text it returns from then on.

dateutil, asked for the next date of a rule, walks the rule's periods one by one and only
stops at a date it can produce or at the year 9999: a daily rule narrowed to "29 February
that is a Monday" walks 10,000 days for each date, and one that never produces a date walks
three million. So a rule is checked here, part by part, before anything is expanded:

- the parts each frequency may use follow RFC 5545 (BYWEEKNO only yearly, BYYEARDAY never
  monthly, weekly or daily, BYMONTHDAY never weekly, numbered weekdays only monthly or
  yearly); daily and weekly rules may be narrowed to weekdays and months only, which keeps
  a date in every year;
- every value lies in its range and each list names a value once (repeats are dropped);
- rules that plainly never produce a date ("30 February", "the sixth Monday of the month",
  a position past the dates a period holds) are refused at once, and any other must produce
  a date before its end (or the end of LAST_YEAR), searched in bounded time.

Starts are limited to FIRST_YEAR..LAST_YEAR, and the dates of rules with an end are worked
out up to the end of LAST_YEAR at most.
"""

from __future__ import annotations

import datetime as dt
import functools
import re

from dateutil import rrule as _rr

from app.calendar.rule_parts import (  # noqa: F401  (the range callers read from here)
    END_OF_RANGE,
    FIRST_YEAR,
    FREQS,
    GENERAL_PARTS,
    LAST_YEAR,
    NTH_DAY,
    SUB_DAY_PARTS,
    WEEKDAY_CODES,
    RuleError,
    join_rule,
    parse_rule,
)
from app.calendar.until import parse_until

RULE_TEXT_MAX = 2000
INTERVAL_MAX = 99
COUNT_MAX = 999
# The Gregorian calendar repeats its leap years and weekdays exactly every 400 years.
CYCLE_YEARS = 400

_LONGEST_MONTH = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
# The day-picking parts each frequency may use, besides GENERAL_PARTS.
_ALLOWED = {
    "DAILY": {"BYDAY", "BYMONTH"},
    "WEEKLY": {"BYDAY", "BYMONTH", "BYSETPOS"},
    "MONTHLY": {"BYDAY", "BYMONTH", "BYMONTHDAY", "BYSETPOS"},
    "YEARLY": {"BYDAY", "BYMONTH", "BYMONTHDAY", "BYYEARDAY", "BYWEEKNO", "BYSETPOS"},
}
# (lowest absolute value, highest absolute value, whether negative values count back)
_RANGES = {
    "BYMONTH": (1, 12, False),
    "BYMONTHDAY": (1, 31, True),
    "BYYEARDAY": (1, 366, True),
    "BYWEEKNO": (1, 53, True),
    "BYSETPOS": (1, 366, True),
}
_NAMES = {
    "BYMONTH": "months", "BYMONTHDAY": "days of the month", "BYYEARDAY": "days of the year",
    "BYWEEKNO": "week numbers", "BYSETPOS": "positions (BYSETPOS)", "BYDAY": "weekdays",
}
_ONE = {
    "BYMONTH": "month", "BYMONTHDAY": "day of the month", "BYYEARDAY": "day of the year",
    "BYWEEKNO": "week number", "BYSETPOS": "position (BYSETPOS)",
}


@functools.lru_cache(maxsize=1024)
def check_rule(rule: str, start: dt.datetime) -> str:
    """Validate `rule` for `start` and return its normalised text; raises RuleError.
    Kept for the rules last checked: a pure function of its arguments, and each check
    may search a few hundred years of dates."""
    if len(rule or "") > RULE_TEXT_MAX:
        raise RuleError("The repeat rule is too long to be one Hearth can use.")
    parts = parse_rule(rule)
    if parts["FREQ"] not in FREQS:
        raise RuleError("Activities can repeat daily, weekly, monthly or yearly, not more often.")
    if "COUNT" in parts and "UNTIL" in parts:
        raise RuleError("A repeat can end after a number of times or on a date, not both.")
    _check_once_a_day(parts)
    check_start(start)
    try:
        interval = int(parts.get("INTERVAL", "1"))
    except ValueError:
        raise RuleError("The repeat interval must be a whole number.") from None
    if not 1 <= interval <= INTERVAL_MAX:
        raise RuleError(f"The repeat interval must be between 1 and {INTERVAL_MAX}.")
    if "COUNT" in parts:
        try:
            count = int(parts["COUNT"])
        except ValueError:
            raise RuleError("The number of times must be a whole number.") from None
        if not 1 <= count <= COUNT_MAX:
            raise RuleError(f"The number of times must be between 1 and {COUNT_MAX}.")
    if "UNTIL" in parts:
        if parts["UNTIL"].endswith("Z"):
            raise RuleError("The repeat's end date must be a local date, not UTC.")
        if parse_until(parts["UNTIL"]) < start:
            raise RuleError("The repeat ends before the first date.")
    parts = check_parts(parts)
    text = join_rule(parts)
    _check_produces_a_date(text, parts, start)
    return text


def _check_produces_a_date(text: str, parts: dict[str, str], start: dt.datetime) -> None:
    """Refuse a rule without a date between `start` and its end (UNTIL, or the end of
    LAST_YEAR). That span covers every pattern: weekdays and leap days repeat every
    CYCLE_YEARS, so a rule's first date, whatever its INTERVAL, is never further away
    than an interval's worth of cycles, and Hearth's range is shorter than one cycle.

    dateutil stops only at a date it produces or at the year 9999 (an UNTIL is looked at
    on dates produced), so the search runs on the same rule moved forward by whole cycles,
    as far as the span still fits before 9999: the walk past the span is then the same
    few hundred years whatever the start, and the dates found are the rule's own, moved."""
    end = min(parse_until(parts["UNTIL"]) if "UNTIL" in parts else END_OF_RANGE,
              END_OF_RANGE)
    cycles = (dt.MAXYEAR - end.year) // CYCLE_YEARS
    shift = cycles * CYCLE_YEARS
    try:
        compiled = _rr.rrulestr(text, dtstart=start.replace(year=start.year + shift))
        first = next(iter(compiled.replace(until=None, count=None)), None)
    except (ValueError, TypeError, IndexError, KeyError, OverflowError) as exc:
        raise RuleError(f"The repeat rule is not valid: {str(exc)[:60]}.") from None
    if first is None or first.replace(year=first.year - shift) > end:
        raise RuleError("The repeat rule never produces a date.")


def _check_once_a_day(parts: dict[str, str]) -> None:
    for name in SUB_DAY_PARTS:
        if name in parts:
            raise RuleError("Activities can repeat at most once a day.")


def check_start(start: dt.datetime) -> None:
    if not FIRST_YEAR <= start.year <= LAST_YEAR:
        raise RuleError(f"A repeat must start between the years {FIRST_YEAR} and "
                        f"{LAST_YEAR}.")


def check_parts(parts: dict[str, str]) -> dict[str, str]:
    """`parts` (upper-case, FREQ one of Hearth's four) with repeated list values dropped;
    raises RuleError for a part the frequency cannot use, a value out of range, or a rule
    that plainly never produces a date."""
    freq = parts["FREQ"]
    _check_once_a_day(parts)
    checked = dict(parts)
    for name in _RANGES:
        if name in parts:
            checked[name] = _numbers(name, parts[name])
    if "BYDAY" in parts:
        checked["BYDAY"] = _weekdays(freq, parts["BYDAY"], "BYWEEKNO" in parts)
    if "WKST" in parts and parts["WKST"] not in WEEKDAY_CODES:
        raise RuleError("The repeat rule's week start (WKST) is not a weekday.")
    _check_month_days(checked)
    extra = set(parts) - GENERAL_PARTS - _ALLOWED[freq]
    if extra:
        raise RuleError(_misplaced(freq, sorted(extra)[0]))
    _check_set_positions(checked)
    return checked


def _misplaced(freq: str, name: str) -> str:
    if freq in ("DAILY", "WEEKLY") and name in ("BYMONTHDAY", "BYYEARDAY", "BYWEEKNO",
                                                 "BYSETPOS"):
        return (f"A {freq.lower()} repeat can be narrowed to weekdays and months only; "
                "use a monthly or yearly repeat for particular dates.")
    if name in _NAMES:
        return f"A {freq.lower()} repeat cannot name {_NAMES[name]}."
    return f"The repeat rule has a part Hearth does not know ({name[:20]})."


def _split(name: str, value: str) -> list[str]:
    items = [item.strip() for item in value.split(",")]
    if not all(items):
        raise RuleError(f"The repeat rule's {_NAMES[name]} are not a list.")
    return list(dict.fromkeys(items))


def _numbers(name: str, value: str) -> str:
    low, high, signed = _RANGES[name]
    kept = []
    for item in _split(name, value):
        if not re.fullmatch(r"[+-]?\d{1,3}", item):
            raise RuleError(f"The repeat rule's {_NAMES[name]} must be numbers.")
        number = int(item)
        if not low <= abs(number) <= high or (number < 0 and not signed):
            raise RuleError(f"The repeat rule names a {_ONE[name]} that does not exist.")
        kept.append(str(number))
    return ",".join(dict.fromkeys(kept))


def _weekdays(freq: str, value: str, by_week: bool) -> str:
    limit = {"MONTHLY": 5, "YEARLY": 53}.get(freq)
    kept = []
    for item in _split("BYDAY", value):
        match = NTH_DAY.match(item)
        if not match:
            raise RuleError(f"The repeat rule is not valid: {item[:12]!r} is not a weekday.")
        if match.group(1):
            nth = int(match.group(1))
            if limit is None or by_week:
                raise RuleError(f"A {freq.lower()} repeat cannot pick the first, second or "
                                "last weekday of its period.")
            if not 1 <= abs(nth) <= limit:
                raise RuleError(f"The repeat rule is not valid: a {freq.lower()} period has "
                                f"no weekday number {nth}.")
            item = f"{nth}{match.group(2)}"
        kept.append(item)
    return ",".join(dict.fromkeys(kept))


def _check_month_days(parts: dict[str, str]) -> None:
    """Refuse, at once, rules that plainly never match ("30 February"): dateutil would
    search until the year 9999 before giving up."""
    if "BYMONTH" not in parts:
        return
    months = [int(value) for value in parts["BYMONTH"].split(",")]
    days = [int(value) for value in parts.get("BYMONTHDAY", "1").split(",")]
    if all(day > _LONGEST_MONTH[month - 1] or day < -_LONGEST_MONTH[month - 1]
           for month in months for day in days):
        raise RuleError("The repeat rule never produces a date.")


def _check_set_positions(parts: dict[str, str]) -> None:
    """Refuse positions past the most dates one period can hold ("the sixth Monday")."""
    if "BYSETPOS" not in parts:
        return
    positions = [int(value) for value in parts["BYSETPOS"].split(",")]
    if all(abs(position) > _most_per_period(parts) for position in positions):
        raise RuleError("The repeat rule never produces a date.")


def _most_per_period(parts: dict[str, str]) -> int:
    days = parts.get("BYDAY", "").split(",") if "BYDAY" in parts else []
    if parts["FREQ"] == "WEEKLY":
        return len(days) or 1
    if parts["FREQ"] == "MONTHLY":
        if "BYMONTHDAY" in parts:
            return len(parts["BYMONTHDAY"].split(","))
        if days:
            return sum(1 if NTH_DAY.match(day).group(1) else 5 for day in days)
        return 1
    if "BYYEARDAY" in parts:
        return len(parts["BYYEARDAY"].split(","))
    return 366
