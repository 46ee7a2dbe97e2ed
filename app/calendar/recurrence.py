"""Recurrence rules: presets, a custom-rule spec, plain-English descriptions and expansion.

Rules are RFC 5545 RRULE values ("FREQ=WEEKLY;BYDAY=FR") applied to a naive wall-clock
start, so an activity at 19:00 stays at 19:00 on both sides of a daylight-saving change;
`to_zone()` converts wall-clock times between zones when the display zone differs.

Expansion uses dateutil's rrule. Generating from a start years ago for every month shown
would be slow, so `Series` generates a few months at a time from a start moved forward
by whole periods of the rule (which leaves the dates unchanged) and keeps those months. The
commonest rules (every N days, every N weeks on some weekdays) are plain arithmetic and are
computed directly; tests check them against dateutil.
"""

from __future__ import annotations

import bisect
import calendar as _calendar
import datetime as dt
import functools
import re
from dataclasses import dataclass

from dateutil import rrule as _rr

from app.calendar import rule_checks
from app.calendar.rule_checks import RuleError
from app.calendar.zones import (  # noqa: F401  (the names callers use through this module)
    UTC_ALIASES,
    ZONE_NAME_MAX,
    canonical_zone,
    is_zone,
    to_zone,
    zone_info,
)

FREQS = ("DAILY", "WEEKLY", "MONTHLY", "YEARLY")
WEEKDAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
WEEKDAY_NAMES = tuple(_calendar.day_name[i] for i in range(7))
MONTH_NAMES = ("",) + tuple(_calendar.month_name[i] for i in range(1, 13))
ORDINALS = {1: "first", 2: "second", 3: "third", 4: "fourth", 5: "fifth", -1: "last"}
INTERVAL_MAX = 99
COUNT_MAX = 999
# A rule must produce its first date within this many years to be accepted.
SEARCH_YEARS = 10
# Rules dateutil expands are generated this many months at a time.
_BLOCK_MONTHS = 4

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

_PART = re.compile(r"^[A-Z]+$")
_NTH_DAY = re.compile(r"^([+-]?\d{1,2})?(MO|TU|WE|TH|FR|SA|SU)$")


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


# ------------------------------------------------------------------ parsing and text


def parse_rule(rule: str) -> dict[str, str]:
    """Split an RRULE value into upper-case parts; raises RuleError when it is not one."""
    text = (rule or "").strip()
    if text.upper().startswith("RRULE:"):
        text = text[6:]
    if not text:
        raise RuleError("The repeat rule is empty.")
    parts: dict[str, str] = {}
    for chunk in text.split(";"):
        if not chunk:
            continue
        name, sep, value = chunk.partition("=")
        name = name.strip().upper()
        if not sep or not _PART.match(name) or not value.strip():
            raise RuleError(f"The repeat rule has a malformed part: {chunk[:40]!r}.")
        if name in parts:
            raise RuleError(f"The repeat rule names {name} twice.")
        parts[name] = value.strip().upper()
    if "FREQ" not in parts:
        raise RuleError("The repeat rule does not say how often (FREQ is missing).")
    return parts


def join_rule(parts: dict[str, str]) -> str:
    """Write parts back as an RRULE value, FREQ first."""
    order = ["FREQ", "INTERVAL", "BYDAY", "BYMONTHDAY", "BYMONTH", "BYSETPOS", "COUNT", "UNTIL"]
    names = [n for n in order if n in parts] + sorted(n for n in parts if n not in order)
    return ";".join(f"{name}={parts[name]}" for name in names)


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
    match = _NTH_DAY.match(item)
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
    known = {"FREQ", "INTERVAL", "BYDAY", "BYMONTHDAY", "BYMONTH", "COUNT", "UNTIL", "WKST"}
    if set(parts) - known or parts["FREQ"] not in FREQS:
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
    extra = set(parts) - {"FREQ", "INTERVAL", "BYDAY", "BYMONTHDAY", "BYMONTH", "COUNT",
                          "UNTIL", "WKST"}
    if extra:
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
            match = _NTH_DAY.match(byday)
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
    if set(parts) - {"FREQ", "INTERVAL", "BYDAY", "BYSETPOS", "COUNT", "UNTIL", "WKST"}:
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


# ------------------------------------------------------------------ UNTIL


def format_until(until: dt.date | dt.datetime) -> str:
    """UNTIL as stored: the last moment of the day (or the given time), wall-clock."""
    # Not strftime: it drops the leading zeros of years before 1000 on some systems.
    day = f"{until.year:04d}{until.month:02d}{until.day:02d}"
    if isinstance(until, dt.datetime):
        return f"{day}T{until.hour:02d}{until.minute:02d}{until.second:02d}"
    return day + "T235959"


def parse_until(value: str) -> dt.datetime:
    """A stored (floating) UNTIL as a naive datetime; a date means its last second."""
    text = value.strip().upper()
    try:
        if len(text) == 8:
            return dt.datetime.strptime(text, "%Y%m%d").replace(hour=23, minute=59, second=59)
        return dt.datetime.strptime(text.rstrip("Z"), "%Y%m%dT%H%M%S")
    except ValueError as exc:
        raise RuleError(f"The repeat rule's end date {value[:20]!r} is not a date.") from exc


def localize_until(rule: str, zone: str, *, all_day: bool = False) -> str:
    """Rewrite an UNTIL from a file in the one form Hearth stores next to a wall-clock
    start in `zone`, so a file read twice gives the same rule: a UTC UNTIL ("...Z", as
    calendar apps write it) as wall-clock, a floating one as a wall-clock time the zone
    has, an all-day series' UNTIL as the last second of its day, and one past the years
    Hearth handles dropped (the series does not end)."""
    parts = parse_rule(rule)
    until = parts.get("UNTIL")
    if not until:
        return join_rule(parts)
    moment = parse_until(until)
    if moment.year > rule_checks.LAST_YEAR:
        del parts["UNTIL"]
        return join_rule(parts)
    if moment.year >= rule_checks.FIRST_YEAR:
        source = dt.UTC if until.endswith("Z") else zone_info(zone)
        # Through UTC and back: a time the clocks skip comes out as the one they show.
        moment = moment.replace(tzinfo=source).astimezone(dt.UTC).astimezone(
            zone_info(zone)).replace(tzinfo=None)
    if all_day:
        # All-day dates float: the day as written is the day meant, in any zone.
        moment = dt.datetime.combine(parse_until(until).date(), dt.time(23, 59, 59))
    parts["UNTIL"] = format_until(moment)
    return join_rule(parts)


def utc_until(rule: str, zone: str) -> str:
    """The reverse of `localize_until`, for export next to a DTSTART with a TZID."""
    parts = parse_rule(rule)
    until = parts.get("UNTIL")
    if until and not until.endswith("Z"):
        moment = parse_until(until).replace(tzinfo=zone_info(zone))
        parts["UNTIL"] = moment.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    return join_rule(parts)


# ------------------------------------------------------------------ expansion


@functools.lru_cache(maxsize=1024)
def check_rule(rule: str, start: dt.datetime) -> str:
    """Validate `rule` for `start` and return its normalised text; raises RuleError.
    Kept for the rules last checked: a pure function of its arguments, and each check
    may search ten years of dates."""
    if len(rule or "") > rule_checks.RULE_TEXT_MAX:
        raise RuleError("The repeat rule is too long to be one Hearth can use.")
    parts = parse_rule(rule)
    if parts["FREQ"] not in FREQS:
        raise RuleError("Activities can repeat daily, weekly, monthly or yearly, not more often.")
    if "COUNT" in parts and "UNTIL" in parts:
        raise RuleError("A repeat can end after a number of times or on a date, not both.")
    for name in ("BYHOUR", "BYMINUTE", "BYSECOND"):
        if name in parts:
            raise RuleError("Activities can repeat at most once a day.")
    rule_checks.check_start(start)
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
    parts = rule_checks.check_parts(parts)
    text = join_rule(parts)
    horizon = _add_years(start, SEARCH_YEARS)
    # Bounded search: dateutil would look until the year 9999 for a date that never comes.
    until = parse_until(parts["UNTIL"]) if "UNTIL" in parts else horizon
    try:
        compiled = _rr.rrulestr(text, dtstart=start)
        bounded = compiled.replace(until=min(until, horizon), count=None)
        first = next(iter(bounded), None)
    except (ValueError, TypeError, IndexError, KeyError, OverflowError) as exc:
        raise RuleError(f"The repeat rule is not valid: {str(exc)[:60]}.") from None
    if first is None:
        raise RuleError("The repeat rule never produces a date.")
    return text


def _add_years(moment: dt.datetime, years: int) -> dt.datetime:
    try:
        return moment.replace(year=moment.year + years)
    except ValueError:  # 29 February
        return moment.replace(year=moment.year + years, day=28)


class Series:
    """The start times one rule produces from one start (naive wall-clock).

    Rules with COUNT are finite and short: they are generated once. Others are generated
    a few calendar months at a time on demand and kept. The start itself always counts
    (RFC 5545). Rules that end (COUNT or UNTIL) are worked out up to the end of the years
    Hearth handles (`rule_checks.END_OF_RANGE`) at most.
    """

    def __init__(self, rule: str, start: dt.datetime):
        self.rule = rule
        self.start = start
        self._compiled = _rr.rrulestr(rule, dtstart=start)
        self._parts = parse_rule(rule)
        self._freq = self._parts["FREQ"]
        self._interval = int(self._parts.get("INTERVAL", "1"))
        self._months: dict[int, list[dt.datetime]] = {}
        self._all: list[dt.datetime] | None = None
        until = self._parts.get("UNTIL")
        self._until = min(parse_until(until), rule_checks.END_OF_RANGE) if until else None
        self._last: dt.datetime | None = None
        self._start_key = start.year * 12 + start.month - 1
        if "COUNT" in self._parts:
            self._all = self._with_start(self._counted(), None)
        self._step, offsets = self._arithmetic()
        self._offset_deltas = tuple(dt.timedelta(days=offset) for offset in offsets)
        first_day = start.date()
        if self._freq == "WEEKLY":
            wkst = WEEKDAY_CODES.index(self._parts.get("WKST", "MO"))
            first_day -= dt.timedelta(days=(start.weekday() - wkst) % 7)
        self._first_period = dt.datetime.combine(first_day, start.time())
        self._pick = None if self._step else self._calendar_rule()

    def _counted(self) -> list[dt.datetime]:
        """A COUNT rule's dates up to the end of the range: the thousandth date of a rule
        whose dates are years apart lies thousands of years on, and dateutil walks every
        period in between to reach it."""
        state = self._compiled.__dict__
        if "_until" not in state:
            return list(self._compiled)
        # dateutil refuses COUNT and UNTIL together when asked; a copy may carry both.
        clone = object.__new__(type(self._compiled))
        clone.__dict__ = dict(state, _until=rule_checks.END_OF_RANGE)
        return list(clone)

    def _arithmetic(self) -> tuple[int, tuple[int, ...]]:
        """For the plainest and commonest rules (every N days; every N weeks on some
        weekdays) the dates are simple arithmetic: return the period in days and the day
        offsets within it, counted from the first period's start. (0, ()) otherwise."""
        plain = set(self._parts) - {"FREQ", "INTERVAL", "UNTIL"}
        if self._freq == "DAILY" and not plain:
            return self._interval, (0,)
        if self._freq == "WEEKLY" and plain <= {"BYDAY", "WKST"}:
            codes = self._parts.get("BYDAY", WEEKDAY_CODES[self.start.weekday()]).split(",")
            wkst = WEEKDAY_CODES.index(self._parts.get("WKST", "MO"))
            if all(code in WEEKDAY_CODES for code in codes):
                offsets = sorted({(WEEKDAY_CODES.index(code) - wkst) % 7 for code in codes})
                return 7 * self._interval, tuple(offsets)
        return 0, ()

    def _calendar_rule(self):
        """For the common monthly and yearly rules (the 15th, the last day, the second
        Tuesday, the last Friday; a yearly date) a function giving the day of the month a
        period falls on (None when that month has no such day); None for other rules."""
        parts = self._parts
        plain = set(parts) - {"FREQ", "INTERVAL", "UNTIL"}
        if self._freq == "MONTHLY":
            if not plain:
                return _month_day_picker(self.start.day)
            if plain == {"BYMONTHDAY"} and re.fullmatch(r"-?\d{1,2}", parts["BYMONTHDAY"]):
                day = int(parts["BYMONTHDAY"])
                return _month_day_picker(day) if 1 <= abs(day) <= 31 else None
            match = _NTH_DAY.match(parts.get("BYDAY", "")) if plain == {"BYDAY"} else None
            if match and match.group(1) and 1 <= abs(int(match.group(1))) <= 5:
                return _nth_weekday_picker(int(match.group(1)),
                                           WEEKDAY_CODES.index(match.group(2)))
            return None
        if self._freq == "YEARLY" and plain in (set(), {"BYMONTH"}, {"BYMONTH", "BYMONTHDAY"}):
            try:
                month = int(parts.get("BYMONTH", self.start.month))
                day = int(parts.get("BYMONTHDAY", self.start.day))
            except ValueError:
                return None
            if not (1 <= month <= 12 and 1 <= day <= 31):
                return None
            picker = _month_day_picker(day)
            return lambda year, this_month: picker(year, month) if this_month == month else None
        return None

    def _calendar_between(self, begin: dt.datetime, end: dt.datetime) -> list[dt.datetime]:
        start = self.start
        first_key = start.year * 12 + start.month - 1
        step = self._interval * (12 if self._freq == "YEARLY" else 1)
        low = max(first_key, begin.year * 12 + begin.month - 1)
        low += (first_key - low) % step
        high = end.year * 12 + end.month - 1
        lowest = max(begin, start)
        until = self._until
        time_of_day = start.time()
        found = []
        if self._freq == "YEARLY":
            # Any month of an aligned year may hold the date; the picker checks the month.
            low = max(first_key, begin.year * 12 + begin.month - 1)
        for key in range(low, high + 1, 1 if self._freq == "YEARLY" else step):
            year, month = divmod(key, 12)
            month += 1
            if self._freq == "YEARLY" and (year - start.year) % self._interval:
                continue
            day = self._pick(year, month)
            if day is None:
                continue
            moment = dt.datetime.combine(dt.date(year, month, day), time_of_day)
            if lowest <= moment < end and (until is None or moment <= until):
                found.append(moment)
        if begin <= start < end and (not found or found[0] != start):
            bisect.insort(found, start)
        return found

    def _arithmetic_between(self, begin: dt.datetime, end: dt.datetime) -> list[dt.datetime]:
        first = self._first_period
        step = self._step
        low = max(0, (begin - first).days // step - 1)
        high = (end - first).days // step
        found = []
        lowest = max(begin, self.start)
        until = self._until
        for period in range(low, high + 1):
            base = first + dt.timedelta(days=period * step)
            for offset in self._offset_deltas:
                moment = base + offset
                if lowest <= moment < end and (until is None or moment <= until):
                    found.append(moment)
        if begin <= self.start < end and (not found or found[0] != self.start):
            # RFC 5545: the start counts even when the rule would not produce it.
            bisect.insort(found, self.start)
        return found

    def _with_start(self, items: list[dt.datetime], below: dt.datetime | None
                    ) -> list[dt.datetime]:
        if below is None or self.start < below:
            position = bisect.bisect_left(items, self.start)
            if position >= len(items) or items[position] != self.start:
                items.insert(position, self.start)
        return items

    def _moved_start(self, first: dt.datetime) -> dt.datetime:
        """A start on or before `first` (a month's first day) a whole number of the rule's
        periods after ours, so the dates it yields are the same."""
        start = self.start
        if self._freq in ("DAILY", "WEEKLY"):
            step = self._interval * (7 if self._freq == "WEEKLY" else 1)
            periods = (first.date() - start.date()).days // step
            return start + dt.timedelta(days=periods * step)
        if self._freq == "MONTHLY":
            months = (first.year - start.year) * 12 + (first.month - start.month)
            index = start.month - 1 + (months // self._interval) * self._interval
            return start.replace(year=start.year + index // 12, month=index % 12 + 1, day=1)
        periods = (first.year - start.year) // self._interval
        return start.replace(year=start.year + periods * self._interval, month=1, day=1)

    def _moved_rule(self, moved: dt.datetime) -> _rr.rrule:
        # Everything dateutil derived from our start (the weekday, the day of the month,
        # the time) must stay; only the point it starts counting from moves. Copying the
        # parsed rule keeps those and costs far less than parsing it again.
        state = self._compiled.__dict__
        if "_dtstart" in state and "_original_rule" in state:
            clone = object.__new__(type(self._compiled))
            clone.__dict__ = dict(state, _dtstart=moved)
            return clone
        return self._compiled.replace(dtstart=moved, **self._explicit_defaults())

    def _explicit_defaults(self) -> dict:
        rule = self._compiled._original_rule
        chosen = any(rule.get(name) for name in ("byweekno", "byyearday", "bymonthday",
                                                  "byweekday", "byeaster"))
        if chosen:
            return {}
        if self._freq == "YEARLY":
            return {"bymonth": rule.get("bymonth") or self.start.month,
                    "bymonthday": self.start.day}
        if self._freq == "MONTHLY":
            return {"bymonthday": self.start.day}
        if self._freq == "WEEKLY":
            return {"byweekday": self.start.weekday()}
        return {}

    def _month(self, key: int) -> list[dt.datetime]:
        items = self._months.get(key)
        if items is None:
            self._fill(key - key % _BLOCK_MONTHS)
            items = self._months[key]
        return items

    def _fill(self, block: int) -> None:
        """Generate the months block..block+_BLOCK_MONTHS-1 in one pass: each pass costs a
        setup that one month alone would not repay."""
        first = _month_start(max(block, self._start_key))
        after = _month_start(block + _BLOCK_MONTHS)
        keys = range(block, block + _BLOCK_MONTHS)
        for key in keys:
            self._months[key] = []
        if after <= self.start or (self._until is not None and first > self._until):
            return
        if first <= self.start:
            compiled = self._compiled
            items = compiled.between(first, after, inc=True)
            items = self._with_start(items, after)
        else:
            compiled = self._moved_rule(self._moved_start(first))
            items = compiled.between(first, after, inc=True)
        for moment in items:
            if self.start <= moment < after:
                self._months[moment.year * 12 + moment.month - 1].append(moment)

    def between(self, begin: dt.datetime, end: dt.datetime) -> list[dt.datetime]:
        """Start times with begin <= start < end."""
        if end <= begin or end <= self.start:
            return []
        if self._all is not None:
            source = self._all
            return source[bisect.bisect_left(source, begin):bisect.bisect_left(source, end)]
        if self._step:
            return self._arithmetic_between(begin, end)
        if self._pick is not None:
            return self._calendar_between(begin, end)
        found: list[dt.datetime] = []
        low = max(begin.year * 12 + begin.month - 1, self._start_key)
        high = end.year * 12 + end.month - 1
        if self._until is not None:
            high = min(high, self._until.year * 12 + self._until.month - 1)
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

    def last(self) -> dt.datetime | None:
        """The last start, or None when the rule never ends."""
        if self._all is not None:
            return self._all[-1] if self._all else self.start
        if self._until is None:
            return None
        if self._last is None:
            self._last = self._last_until()
        return self._last

    def _last_until(self) -> dt.datetime:
        """The last start on or before UNTIL, looked for back from it over spans that
        double, each worked out in one pass: a few months at a time would, for a rule whose
        dates are years apart, search ahead to the next date from every few months."""
        end = self._until + dt.timedelta(seconds=1)
        last_key = self._until.year * 12 + self._until.month - 1
        months = _BLOCK_MONTHS
        while True:
            key = max(last_key - months, self._start_key)
            found = self._span(_month_start(key), end)
            if found:
                return found[-1]
            if key == self._start_key:
                return self.start
            months *= 2

    def _span(self, begin: dt.datetime, end: dt.datetime) -> list[dt.datetime]:
        if self._step or self._pick is not None:
            return self.between(begin, end)
        if begin <= self.start:
            items = self._with_start(self._compiled.between(begin, end, inc=True), end)
        else:
            items = self._moved_rule(self._moved_start(begin)).between(begin, end, inc=True)
        return [moment for moment in items if self.start <= moment < end]

    def contains(self, moment: dt.datetime) -> bool:
        return moment in self.between(moment, moment + dt.timedelta(seconds=1))


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


def _month_start(key: int) -> dt.datetime:
    return dt.datetime(key // 12, key % 12 + 1, 1)


@functools.lru_cache(maxsize=4096)
def series(rule: str, start: dt.datetime) -> Series:
    """The (cached) expansion of `rule` from `start`; the rule must have passed
    `check_rule`."""
    return Series(rule, start)
