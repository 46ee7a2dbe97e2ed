"""Repeat rules in words: the presets, a custom-rule editor's spec, and plain English.

Everything here reads or writes rule text for people: the preset a rule is for a start
("Every week on Friday"), the editor's choices (`RecurrenceSpec`) to a rule and back, and
`describe()`. Nothing here expands a rule (see `app.calendar.series`) or checks one (see
`app.calendar.rule_checks`).
"""

from __future__ import annotations

import calendar as _calendar
import datetime as dt
from dataclasses import dataclass

from app.calendar.rule_parts import (
    FREQS,
    NTH_DAY,
    PLAIN_PARTS,
    SET_POSITION_PARTS,
    WEEKDAY_CODES,
    RuleError,
    join_rule,
    parse_rule,
)
from app.calendar.until import format_until, parse_until

WEEKDAY_NAMES = tuple(_calendar.day_name[i] for i in range(7))
MONTH_NAMES = ("",) + tuple(_calendar.month_name[i] for i in range(1, 13))
ORDINALS = {1: "first", 2: "second", 3: "third", 4: "fourth", 5: "fifth", -1: "last"}

PRESETS: tuple[tuple[str, str], ...] = (
    ("none", "Does not repeat"),
    ("daily", "Every day"),
    ("weekdays", "Every weekday"),
    ("weekly", "Every week"),
    ("biweekly", "Every 2 weeks"),
    ("monthly_date", "Every month on the same date"),
    ("monthly_weekday", "Every month on the same weekday"),
    ("yearly", "Every year"),
    ("custom", "Custom"),
)


@dataclass(frozen=True)
class RecurrenceSpec:
    """What a custom-rule editor shows: how often, on which days, and until when.

    `weekdays` (0 = Monday) are used for WEEKLY (empty means the start's weekday).
    `monthly_by` is "date" (the start's day of month) or "weekday" (e.g. the second
    Tuesday; the last one when the start is in the month's last week past the fourth).
    At most one of `until` (inclusive day) and `count` is set.
    """

    freq: str = "WEEKLY"
    interval: int = 1
    weekdays: tuple[int, ...] = ()
    monthly_by: str = "date"
    until: dt.date | None = None
    count: int | None = None



def nth_weekday_of(day: dt.date) -> int:
    """Which weekday of its month `day` is: 1-4, or -1 for a fifth (i.e. last) one."""
    nth = (day.day - 1) // 7 + 1
    return -1 if nth == 5 else nth


def preset_choices(start: dt.datetime) -> list[tuple[str, str]]:
    """The presets with labels made concrete for `start` ("Every week on Friday")."""
    day = start.date()
    weekday = WEEKDAY_NAMES[day.weekday()]
    labels = {
        "weekly": f"Every week on {weekday}",
        "biweekly": f"Every 2 weeks on {weekday}",
        "monthly_date": f"Every month on the {_ordinal_number(day.day)}",
        "monthly_weekday": f"Every month on the {ORDINALS[nth_weekday_of(day)]} {weekday}",
        "yearly": f"Every year on {day.day} {MONTH_NAMES[day.month]}",
    }
    return [(key, labels.get(key, label)) for key, label in PRESETS]


def preset_rule(key: str, start: dt.datetime) -> str | None:
    """The RRULE value of a preset for `start` (None for "none"); "custom" is not a rule."""
    day = start.date()
    code = WEEKDAY_CODES[day.weekday()]
    rules = {
        "none": None,
        "daily": "FREQ=DAILY",
        "weekdays": "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR",
        "weekly": f"FREQ=WEEKLY;BYDAY={code}",
        "biweekly": f"FREQ=WEEKLY;INTERVAL=2;BYDAY={code}",
        "monthly_date": f"FREQ=MONTHLY;BYMONTHDAY={day.day}",
        "monthly_weekday": f"FREQ=MONTHLY;BYDAY={nth_weekday_of(day)}{code}",
        "yearly": f"FREQ=YEARLY;BYMONTH={day.month};BYMONTHDAY={day.day}",
    }
    if key not in rules:
        raise KeyError(key)
    return rules[key]


def preset_of(rule: str | None, start: dt.datetime) -> str:
    """The preset key `rule` is for `start`, or "custom" when it is none of them."""
    if not rule:
        return "none"
    try:
        wanted = normalize_rule(rule)
    except RuleError:
        return "custom"
    for key, _label in PRESETS:
        if key in ("none", "custom"):
            continue
        if normalize_rule(preset_rule(key, start)) == wanted:
            return key
    # A bare weekly/monthly rule means "on the start's day", like the preset.
    if wanted == "FREQ=WEEKLY":
        return "weekly"
    if wanted == "FREQ=MONTHLY":
        return "monthly_date"
    if wanted == "FREQ=YEARLY":
        return "yearly"
    return "custom"


def normalize_rule(rule: str) -> str:
    """A canonical spelling, so equal rules compare equal ("INTERVAL=1" dropped)."""
    parts = parse_rule(rule)
    if parts.get("INTERVAL") == "1":
        del parts["INTERVAL"]
    if "BYDAY" in parts:
        days = parts["BYDAY"].split(",")
        parts["BYDAY"] = ",".join(sorted(days, key=_byday_sort_key))
    return join_rule(parts)


def _byday_sort_key(item: str) -> tuple[int, int]:
    match = NTH_DAY.match(item)
    if not match:
        return (99, 0)
    return (WEEKDAY_CODES.index(match.group(2)), int(match.group(1) or 0))


def spec_to_rule(spec: RecurrenceSpec, start: dt.datetime) -> str:
    """The RRULE value a custom-rule editor's choices stand for."""
    if spec.freq not in FREQS:
        raise RuleError("Choose daily, weekly, monthly or yearly.")
    parts: dict[str, str] = {"FREQ": spec.freq}
    if spec.interval != 1:
        parts["INTERVAL"] = str(spec.interval)
    day = start.date()
    if spec.freq == "WEEKLY":
        weekdays = sorted(set(spec.weekdays)) or [day.weekday()]
        parts["BYDAY"] = ",".join(WEEKDAY_CODES[i] for i in weekdays)
    elif spec.freq == "MONTHLY":
        if spec.monthly_by == "weekday":
            parts["BYDAY"] = f"{nth_weekday_of(day)}{WEEKDAY_CODES[day.weekday()]}"
        else:
            parts["BYMONTHDAY"] = str(day.day)
    elif spec.freq == "YEARLY":
        parts["BYMONTH"] = str(day.month)
        parts["BYMONTHDAY"] = str(day.day)
    if spec.count is not None:
        parts["COUNT"] = str(spec.count)
    elif spec.until is not None:
        parts["UNTIL"] = format_until(spec.until)
    return join_rule(parts)


def rule_to_spec(rule: str | None, start: dt.datetime) -> RecurrenceSpec | None:
    """The editor's view of `rule`, or None when the rule uses parts the editor lacks
    (then it is shown as a description and kept as it is)."""
    if not rule:
        return None
    try:
        parts = parse_rule(rule)
    except RuleError:
        return None
    if set(parts) - PLAIN_PARTS or parts["FREQ"] not in FREQS:
        return None
    try:
        interval = int(parts.get("INTERVAL", "1"))
        count = int(parts["COUNT"]) if "COUNT" in parts else None
        until = parse_until(parts["UNTIL"]).date() if "UNTIL" in parts else None
    except (ValueError, RuleError):
        return None
    freq = parts["FREQ"]
    day = start.date()
    weekdays: tuple[int, ...] = ()
    monthly_by = "date"
    byday = parts.get("BYDAY")
    if freq == "WEEKLY":
        if "BYMONTHDAY" in parts or "BYMONTH" in parts:
            return None
        if byday:
            codes = byday.split(",")
            if any(code not in WEEKDAY_CODES for code in codes):
                return None
            weekdays = tuple(sorted(WEEKDAY_CODES.index(code) for code in codes))
    elif freq == "MONTHLY":
        if "BYMONTH" in parts:
            return None
        if byday:
            if byday != f"{nth_weekday_of(day)}{WEEKDAY_CODES[day.weekday()]}" or "BYMONTHDAY" in parts:
                return None
            monthly_by = "weekday"
        elif parts.get("BYMONTHDAY", str(day.day)) != str(day.day):
            return None
    elif freq == "YEARLY":
        if byday or parts.get("BYMONTH", str(day.month)) != str(day.month):
            return None
        if parts.get("BYMONTHDAY", str(day.day)) != str(day.day):
            return None
    elif byday or "BYMONTHDAY" in parts or "BYMONTH" in parts:
        return None
    return RecurrenceSpec(freq=freq, interval=interval, weekdays=weekdays,
                          monthly_by=monthly_by, until=until, count=count)


def describe(rule: str | None, start: dt.datetime) -> str:
    """Plain English for a rule: "Every Friday", "Every 2 weeks on Monday and Thursday",
    "Every month on the last Friday, 6 times", "Every day, until 3 March 2027"."""
    if not rule:
        return "Does not repeat"
    try:
        parts = parse_rule(rule)
        interval = int(parts.get("INTERVAL", "1"))
    except (RuleError, ValueError):
        return "Repeats (a rule Hearth cannot read)"
    freq = parts["FREQ"]
    day = start.date()
    text = _describe_core(parts, freq, interval, day)
    if text is None:
        text = "Repeats on a custom rule"
    if "COUNT" in parts:
        count = parts["COUNT"]
        text += ", once" if count == "1" else f", {count} times"
    elif "UNTIL" in parts:
        try:
            until = parse_until(parts["UNTIL"]).date()
            text += f", until {until.day} {MONTH_NAMES[until.month]} {until.year}"
        except RuleError:
            pass
    return text


def _describe_core(parts: dict[str, str], freq: str, interval: int, day: dt.date) -> str | None:
    if freq == "MONTHLY" and "BYSETPOS" in parts:
        return _describe_set_position(parts, interval)
    if set(parts) - PLAIN_PARTS:
        return None
    byday = parts.get("BYDAY")
    if freq == "DAILY":
        if byday or "BYMONTHDAY" in parts or "BYMONTH" in parts:
            return None
        return "Every day" if interval == 1 else f"Every {interval} days"
    if freq == "WEEKLY":
        if "BYMONTHDAY" in parts or "BYMONTH" in parts:
            return None
        codes = byday.split(",") if byday else [WEEKDAY_CODES[day.weekday()]]
        if any(code not in WEEKDAY_CODES for code in codes):
            return None
        indices = sorted({WEEKDAY_CODES.index(code) for code in codes})
        if interval == 1:
            if indices == [0, 1, 2, 3, 4]:
                return "Every weekday"
            if len(indices) == 7:
                return "Every day"
            return "Every " + _join_names([WEEKDAY_NAMES[i] for i in indices])
        if indices == [0, 1, 2, 3, 4]:
            return f"Every {interval} weeks on weekdays"
        return f"Every {interval} weeks on " + _join_names([WEEKDAY_NAMES[i] for i in indices])
    every = "Every month" if interval == 1 else f"Every {interval} months"
    if freq == "MONTHLY":
        if "BYMONTH" in parts:
            return None
        if byday:
            if "BYMONTHDAY" in parts or "," in byday:
                return None
            match = NTH_DAY.match(byday)
            if not match or not match.group(1) or int(match.group(1)) not in ORDINALS:
                return None
            nth = ORDINALS[int(match.group(1))]
            return f"{every} on the {nth} {WEEKDAY_NAMES[WEEKDAY_CODES.index(match.group(2))]}"
        monthday = parts.get("BYMONTHDAY", str(day.day))
        if "," in monthday:
            return None
        number = int(monthday)
        if number == -1:
            return f"{every} on the last day"
        if not 1 <= number <= 31:
            return None
        return f"{every} on the {_ordinal_number(number)}"
    if freq == "YEARLY":
        if byday:
            return None
        month = int(parts.get("BYMONTH", str(day.month)))
        monthday = int(parts.get("BYMONTHDAY", str(day.day)))
        if not (1 <= month <= 12 and 1 <= monthday <= 31):
            return None
        every = "Every year" if interval == 1 else f"Every {interval} years"
        return f"{every} on {monthday} {MONTH_NAMES[month]}"
    return None


def _describe_set_position(parts: dict[str, str], interval: int) -> str | None:
    """Outlook's spelling of "the second Tuesday" (BYDAY=TU;BYSETPOS=2) and of "the last
    weekday" (BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1)."""
    if set(parts) - SET_POSITION_PARTS:
        return None
    try:
        position = int(parts["BYSETPOS"])
    except ValueError:
        return None
    codes = parts.get("BYDAY", "").split(",")
    if position not in ORDINALS or not all(code in WEEKDAY_CODES for code in codes):
        return None
    if len(codes) == 1:
        what = WEEKDAY_NAMES[WEEKDAY_CODES.index(codes[0])]
    elif sorted(codes, key=WEEKDAY_CODES.index) == list(WEEKDAY_CODES[:5]):
        what = "weekday"
    elif sorted(codes, key=WEEKDAY_CODES.index) == list(WEEKDAY_CODES[5:]):
        what = "weekend day"
    else:
        return None
    every = "Every month" if interval == 1 else f"Every {interval} months"
    return f"{every} on the {ORDINALS[position]} {what}"


def _join_names(names: list[str]) -> str:
    if len(names) == 1:
        return names[0]
    return ", ".join(names[:-1]) + " and " + names[-1]


def _ordinal_number(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"

