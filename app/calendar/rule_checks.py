"""What a repeat rule must be for Hearth to work out its dates cheaply.

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
  a position past the dates a period holds) are refused at once.

Starts are limited to FIRST_YEAR..LAST_YEAR, and the dates of rules with an end are worked
out up to the end of LAST_YEAR at most.
"""

from __future__ import annotations

import datetime as dt
import re

FIRST_YEAR = 1900
LAST_YEAR = 2200
END_OF_RANGE = dt.datetime(LAST_YEAR, 12, 31, 23, 59, 59)
RULE_TEXT_MAX = 2000

_DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
_BYDAY = re.compile(r"^([+-]?\d{1,2})?(MO|TU|WE|TH|FR|SA|SU)$")
_LONGEST_MONTH = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
_GENERAL = {"FREQ", "INTERVAL", "COUNT", "UNTIL", "WKST"}
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


class RuleError(ValueError):
    """A recurrence rule that cannot be used; the message is fit for a person."""


def check_start(start: dt.datetime) -> None:
    if not FIRST_YEAR <= start.year <= LAST_YEAR:
        raise RuleError(f"A repeat must start between the years {FIRST_YEAR} and "
                        f"{LAST_YEAR}.")


def check_parts(parts: dict[str, str]) -> dict[str, str]:
    """`parts` (upper-case, FREQ one of Hearth's four) with repeated list values dropped;
    raises RuleError for a part the frequency cannot use, a value out of range, or a rule
    that plainly never produces a date."""
    freq = parts["FREQ"]
    for name in ("BYHOUR", "BYMINUTE", "BYSECOND"):
        if name in parts:
            raise RuleError("Activities can repeat at most once a day.")
    checked = dict(parts)
    for name in _RANGES:
        if name in parts:
            checked[name] = _numbers(name, parts[name])
    if "BYDAY" in parts:
        checked["BYDAY"] = _weekdays(freq, parts["BYDAY"], "BYWEEKNO" in parts)
    if "WKST" in parts and parts["WKST"] not in _DAYS:
        raise RuleError("The repeat rule's week start (WKST) is not a weekday.")
    _check_month_days(checked)
    extra = set(parts) - _GENERAL - _ALLOWED[freq]
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
        match = _BYDAY.match(item)
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
            return sum(1 if _BYDAY.match(day).group(1) else 5 for day in days)
        return 1
    if "BYYEARDAY" in parts:
        return len(parts["BYYEARDAY"].split(","))
    return 366
