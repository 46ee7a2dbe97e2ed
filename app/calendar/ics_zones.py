"""Time zones while a calendar file is parsed: checked names, and bounded VTIMEZONE zones.

The parser resolves every TZID it meets through a process-wide provider. Its default one
hands any TZID to `zoneinfo` (a folder name such as "America" or a 100,000-character name
then raises from inside the parser) and turns a VTIMEZONE into a dateutil zone that
expands its rules afresh on every lookup (a rule repeating every second never finishes).
`reading_zones()` installs `_Provider` for one parse instead:

- a name is looked up only when `zones.is_zone` accepts it (shaped like a zone database
  name, at most 64 characters);
- a VTIMEZONE becomes a `FileZone`: its clock changes worked out once, between CHANGES_FROM
  and CHANGES_UNTIL (around the years Hearth handles), at most MAX_CHANGES of them. Rules
  must repeat yearly on a day of a given month, as every calendar app writes them ("the
  last Sunday of October", "Sunday on or after 8 March"); a VTIMEZONE with other rules,
  more changes or more than MAX_PARTS parts becomes no zone, and `unusable_reason` says why.

`zone_of` then says which zone, by name, an event's start is meant in.
"""

from __future__ import annotations

import bisect
import calendar as _calendar
import contextlib
import datetime as dt
import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass

from icalendar.timezone import tzp
from icalendar.timezone.windows_to_olson import WINDOWS_TO_OLSON
from icalendar.timezone.zoneinfo import ZONEINFO

from app.calendar import rule_checks, zones
from app.calendar.ics_outline import quote
from app.calendar.rule_parts import PLAIN_PARTS, WEEKDAY_CODES, RuleError, parse_rule
from app.calendar.until import parse_until

CHANGES_FROM = dt.datetime(rule_checks.FIRST_YEAR - 1, 1, 1)
CHANGES_UNTIL = dt.datetime(rule_checks.LAST_YEAR + 2, 1, 1)
# Two changes a year over the whole span are about 600.
MAX_CHANGES = 2000
MAX_PARTS = 100

# A zone's daylight-saving rules may use the plain parts only.
_ZONE_RULE_PARTS = PLAIN_PARTS
_ONE_WEEKDAY = re.compile(r"^([+-]?[1-5])?(MO|TU|WE|TH|FR|SA|SU)$")
# One parse at a time: the provider and its cache are shared by the whole process.
_PARSING = threading.Lock()


class _Unusable(Exception):
    """A VTIMEZONE Hearth cannot turn into a zone; the message says why."""


class UnusableZone(Exception):
    """An event's time zone is defined in its file but cannot be used; says why."""


@dataclass(frozen=True)
class _Change:
    utc: dt.datetime
    before: dt.timedelta
    after: dt.timedelta
    dst: dt.timedelta
    name: str | None


class FileZone(dt.tzinfo):
    """A zone as a file's VTIMEZONE defines it: the UTC offset in force after each change
    (naive UTC instants, sorted), and before the first one the offset it changes from."""

    def __init__(self, tzid: str, changes: list[_Change]):
        super().__init__()
        self.tzid = tzid
        changes = sorted(changes, key=lambda change: change.utc)
        self._utc = [change.utc for change in changes]
        # The wall-clock time from which the new offset holds. A time the clocks skip or
        # show twice is read with the earlier offset, as zoneinfo does (fold=0).
        self._wall = [change.utc + max(change.before, change.after) for change in changes]
        self._states = [(change.after, change.dst, change.name) for change in changes]
        first = changes[0]
        self._initial = (first.before, dt.timedelta(0), first.name)

    def _state_at_wall(self, moment: dt.datetime | None):
        if moment is None:
            return self._initial
        index = bisect.bisect_right(self._wall, moment.replace(tzinfo=None)) - 1
        return self._states[index] if index >= 0 else self._initial

    def utcoffset(self, moment):
        return self._state_at_wall(moment)[0]

    def dst(self, moment):
        return self._state_at_wall(moment)[1]

    def tzname(self, moment):
        return self._state_at_wall(moment)[2]

    def fromutc(self, moment):
        index = bisect.bisect_right(self._utc, moment.replace(tzinfo=None)) - 1
        offset = self._states[index][0] if index >= 0 else self._initial[0]
        return moment + offset

    def __repr__(self) -> str:
        return f"FileZone({self.tzid[:40]!r}, {len(self._utc)} changes)"


def zone_from_component(component) -> FileZone:
    """The zone a VTIMEZONE defines; raises _Unusable."""
    parts = [sub for sub in component.subcomponents if sub.name in ("STANDARD", "DAYLIGHT")]
    if not parts:
        raise _Unusable("it defines no standard or daylight time")
    if len(parts) > MAX_PARTS:
        raise _Unusable(f"it has more than {MAX_PARTS} parts")
    changes: list[_Change] = []
    for part in parts:
        changes.extend(_changes_of(part))
        if len(changes) > MAX_CHANGES:
            raise _Unusable(f"its clocks change more than {MAX_CHANGES} times")
    if not changes:
        raise _Unusable("it does not say what the clocks show in the years Hearth handles")
    return FileZone(str(component.get("TZID", "")), changes)


def zone_of(value, vtimezones: dict, local_zone: str) -> tuple[str, bool]:
    """The zoneinfo key a parsed DTSTART is meant in, and whether it is a real named zone
    (False: floating or unknown, read as this computer's zone); raises UnusableZone when
    the file defines its zone but no zone can be made of the definition."""
    if not isinstance(value.dt, dt.datetime):
        return local_zone, False
    moment = value.dt
    tzid = str(value.params.get("TZID", "")).strip().strip('"')
    if moment.tzinfo is None and not tzid:
        return local_zone, False
    if moment.tzinfo is not None and moment.utcoffset() == dt.timedelta(0) and not tzid:
        return "UTC", True
    candidates = [tzid.strip("/")]
    if tzid.strip("/") in WINDOWS_TO_OLSON:
        candidates.append(WINDOWS_TO_OLSON[tzid.strip("/")])
    parts = tzid.strip("/").split("/")
    candidates += ["/".join(parts[i:]) for i in range(1, len(parts))]
    component = vtimezones.get(tzid)
    if component is not None and component.get("X-LIC-LOCATION"):
        candidates.append(str(component.get("X-LIC-LOCATION")))
    key = getattr(moment.tzinfo, "key", None)
    if key:
        candidates.append(key)
    for candidate in candidates:
        if candidate and zones.is_zone(candidate):
            return zones.canonical_zone(candidate), True
    if moment.tzinfo is None and component is not None:
        # The file defines this zone, but no zone could be made of its definition.
        reason = unusable_reason(component) or "it cannot be read"
        raise UnusableZone(f'its time zone "{quote(tzid)}" cannot be used: {reason}')
    return local_zone, False


def unknown_zone(value, vtimezones: dict) -> str | None:
    """The TZID of a parsed DTSTART (quoted for a message) when it names a zone Hearth
    does not know and the file does not define, so `zone_of` reads its times as local
    ones; None otherwise."""
    if value is None or not hasattr(value, "dt") or not isinstance(value.dt, dt.datetime):
        return None
    tzid = str(value.params.get("TZID", "")).strip().strip('"')
    if not tzid or value.dt.tzinfo is not None:
        return None
    try:
        _zone, named = zone_of(value, vtimezones, "UTC")
    except UnusableZone:
        return None
    return None if named else quote(tzid)


def unusable_reason(component) -> str | None:
    """Why the VTIMEZONE cannot be used, or None when it can."""
    made = _made(component)
    return made if isinstance(made, str) else None


def _made(component) -> FileZone | str:
    """The zone a VTIMEZONE defines or why there is none, worked out once: the parser
    asks when the VTIMEZONE ends, the reader for each event in that zone."""
    made = getattr(component, "_hearth_zone", None)
    if made is None:
        try:
            made = zone_from_component(component)
        except _Unusable as reason:
            made = str(reason)
        component._hearth_zone = made
    return made


def _changes_of(part) -> list[_Change]:
    before, after = _offset(part, "TZOFFSETFROM"), _offset(part, "TZOFFSETTO")
    start = _naive(part.get("DTSTART"))
    if start is None:
        raise _Unusable("one of its parts has no start (DTSTART)")
    name = str(part.get("TZNAME", "")).strip()[:40] or None
    dst = after - before if part.name == "DAYLIGHT" else dt.timedelta(0)
    onsets = [[start], _extra_dates(part)]
    for rule in _as_list(part.get("RRULE")):
        onsets.append(_rule_onsets(rule.to_ical().decode("utf-8", "replace"), start, before))
    # The last change before the span still says what the clocks show at its start
    # (Outlook dates a zone without daylight time from 1601).
    earlier = None
    kept: set[dt.datetime] = set()
    for onset in (onset for dates in onsets for onset in dates):
        if onset < CHANGES_FROM:
            earlier = onset if earlier is None else max(earlier, onset)
        elif onset < CHANGES_UNTIL:
            kept.add(onset)
            if len(kept) > MAX_CHANGES:
                raise _Unusable(f"its clocks change more than {MAX_CHANGES} times")
    if earlier is not None:
        kept.add(earlier)
    return [_Change(onset - before, before, after, dst, name) for onset in sorted(kept)]


def _offset(part, name: str) -> dt.timedelta:
    value = getattr(part.get(name), "td", None)
    if not isinstance(value, dt.timedelta):
        raise _Unusable(f"one of its parts has no {name}")
    return value


def _naive(value) -> dt.datetime | None:
    moment = getattr(value, "dt", value)
    if isinstance(moment, tuple):  # a PERIOD: its start
        moment = moment[0]
    if isinstance(moment, dt.datetime):
        return moment.replace(tzinfo=None)
    if isinstance(moment, dt.date):
        return dt.datetime.combine(moment, dt.time())
    return None


def _as_list(value) -> list:
    return value if isinstance(value, list) else [] if value is None else [value]


def _extra_dates(part) -> list[dt.datetime]:
    found = []
    for item in _as_list(part.get("RDATE")):
        for value in getattr(item, "dts", [item]):
            moment = _naive(value)
            if moment is not None:
                found.append(moment)
            if len(found) > MAX_CHANGES:
                raise _Unusable(f"its clocks change more than {MAX_CHANGES} times")
    return found


def _rule_onsets(text: str, start: dt.datetime, before: dt.timedelta
                 ) -> Iterator[dt.datetime]:
    """The dates a zone's yearly rule gives, in order, worked out a year at a time: at
    most one pass over each year from the start to CHANGES_UNTIL, whatever the rule says."""
    try:
        parts = parse_rule(text)
        interval = int(parts.get("INTERVAL", "1"))
        count = int(parts["COUNT"]) if "COUNT" in parts else None
        until = parse_until(parts["UNTIL"]) if "UNTIL" in parts else None
    except (RuleError, ValueError):
        raise _Unusable("one of its rules cannot be read") from None
    if parts["FREQ"] != "YEARLY" or set(parts) - _ZONE_RULE_PARTS or interval < 1:
        raise _Unusable("one of its rules does not repeat yearly on a day of a month")
    if until is not None:
        until = min(until, CHANGES_UNTIL)  # and so far from the ends of the calendar
        if not parts["UNTIL"].endswith("Z"):
            until -= before  # RFC 5545 asks for UTC; a local UNTIL is in the offset before
    months, pick = _day_picker(parts, start)
    year = start.year
    if count is None and year < CHANGES_FROM.year - 1:
        # Whole intervals before the span add nothing it needs but the last change before
        # it, which the interval just before the span holds.
        year += (CHANGES_FROM.year - 1 - year) // interval * interval
    return _yearly(year, interval, months, pick, start, until, before, count)


def _yearly(year, interval, months, pick, start, until, before, count
            ) -> Iterator[dt.datetime]:
    while year < CHANGES_UNTIL.year:
        for month in months:
            for day in pick(year, month):
                onset = dt.datetime(year, month, day, start.hour, start.minute, start.second)
                if onset < start:
                    continue
                if until is not None and onset - before > until:
                    return
                if count is not None:
                    count -= 1
                    if count < 0:
                        return
                yield onset
        year += interval


def _day_picker(parts: dict[str, str], start: dt.datetime):
    """The months a zone rule names and a function giving its days in one month."""
    try:
        months = sorted({int(value) for value in parts.get("BYMONTH", str(start.month))
                         .split(",")})
        monthdays = [int(value) for value in parts["BYMONTHDAY"].split(",")] \
            if "BYMONTHDAY" in parts else None
    except ValueError:
        raise _Unusable("one of its rules cannot be read") from None
    match = _ONE_WEEKDAY.match(parts.get("BYDAY", "MO"))
    if not match or not all(1 <= month <= 12 for month in months) or (
            "BYMONTH" not in parts and ("BYDAY" in parts or monthdays)):
        raise _Unusable("one of its rules does not repeat yearly on a day of a month")
    nth = int(match.group(1)) if match.group(1) else None
    weekday = WEEKDAY_CODES.index(match.group(2)) if "BYDAY" in parts else None
    if monthdays is None and weekday is None:
        monthdays = [start.day]

    known: dict[tuple[int, int], list[int]] = {}

    def pick(year: int, month: int) -> list[int]:
        # A month's days depend only on its length and first weekday: 28 kinds of month.
        kind = _calendar.monthrange(year, month)
        if kind not in known:
            known[kind] = days_of(*kind)
        return known[kind]

    def days_of(first_weekday: int, length: int) -> list[int]:
        wanted = None
        if monthdays is not None:
            wanted = sorted({day if day > 0 else length + day + 1 for day in monthdays
                             if 1 <= abs(day) <= length})
        if weekday is None:
            return wanted
        # That weekday's dates in the month, a week apart: four or five of them.
        days = list(range(1 + (weekday - first_weekday) % 7, length + 1, 7))
        if nth is not None:
            days = [days[nth - 1]] if 0 < nth <= len(days) else (
                [days[nth]] if -len(days) <= nth < 0 else [])
        return days if wanted is None else [day for day in days if day in wanted]

    return months, pick


class _Provider(ZONEINFO):
    """zoneinfo zones for zone names only, and bounded zones for a file's VTIMEZONEs."""

    def timezone(self, name: str) -> dt.tzinfo | None:
        return zones.zone_info(name) if zones.is_zone(name) else None

    def create_timezone(self, tz) -> dt.tzinfo | None:
        # None: the parser reads times in this zone as floating ones, with their TZID
        # kept, and the reader skips their events, saying why.
        made = _made(tz)
        return made if isinstance(made, FileZone) else None


_PROVIDER = _Provider()


@contextlib.contextmanager
def reading_zones() -> Iterator[None]:
    """Parse one file with Hearth's provider; zones a file defined are forgotten after,
    so the next file's VTIMEZONE of the same name is read afresh."""
    with _PARSING:
        tzp.use(_PROVIDER)
        try:
            yield
        finally:
            tzp.use_default()
