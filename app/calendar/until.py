"""A repeat's end date (UNTIL): how Hearth stores it, and how files write it.

Hearth stores UNTIL as a floating wall-clock time next to the series' wall-clock start:
the last second of a day, or the exact time a file gave. Files from other apps write it in
UTC ("...Z"), or as a bare date for all-day series; `localize_until` reads those into the
stored form and `export_until` writes the stored form back for a file.
"""

from __future__ import annotations

import datetime as dt

from app.calendar.rule_parts import FIRST_YEAR, LAST_YEAR, RuleError, join_rule, parse_rule
from app.calendar.zones import zone_info


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
    if moment.year > LAST_YEAR:
        del parts["UNTIL"]
        return join_rule(parts)
    if moment.year >= FIRST_YEAR:
        source = dt.UTC if until.endswith("Z") else zone_info(zone)
        # Through UTC and back: a time the clocks skip comes out as the one they show.
        local = moment.replace(tzinfo=source).astimezone(dt.UTC).astimezone(zone_info(zone))
        moment = _end_of_repeat(local) if local.fold else local.replace(tzinfo=None)
    if all_day:
        # All-day dates float: the day as written is the day meant, in any zone.
        moment = dt.datetime.combine(parse_until(until).date(), dt.time(23, 59, 59))
    parts["UNTIL"] = format_until(moment)
    return join_rule(parts)


def _end_of_repeat(local: dt.datetime) -> dt.datetime:
    """For a moment in the second pass of an hour the clocks repeat (`local.fold` is 1):
    the last second of that repeated stretch, as a naive wall-clock time. Hearth reads a
    wall-clock time as its first pass, so every time of the stretch is then before the
    moment, as it is for the file: an end at the time the clocks show would drop the
    occurrences of the first pass after it (01:30 EDT is before 01:00 EST)."""
    wall = local.replace(tzinfo=None)
    zone = local.tzinfo
    repeated = (wall.replace(tzinfo=zone, fold=0).utcoffset()
                - wall.replace(tzinfo=zone, fold=1).utcoffset())
    if repeated <= dt.timedelta(0):  # not a repeated time after all
        return wall
    # The stretch is `repeated` long and holds `wall`: its end lies within that of it.
    low, high = 0, int(repeated.total_seconds())
    while low < high:  # the first second past `wall` that is not repeated
        middle = (low + high) // 2
        later = (wall + dt.timedelta(seconds=middle)).replace(tzinfo=zone)
        if later.replace(fold=0).utcoffset() != later.replace(fold=1).utcoffset():
            low = middle + 1
        else:
            high = middle
    return wall + dt.timedelta(seconds=low - 1)


def utc_until(rule: str, zone: str) -> str:
    """The reverse of `localize_until`, for export next to a DTSTART with a TZID."""
    parts = parse_rule(rule)
    until = parts.get("UNTIL")
    if until and not until.endswith("Z"):
        moment = parse_until(until).replace(tzinfo=zone_info(zone))
        parts["UNTIL"] = moment.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    return join_rule(parts)


def export_until(rule: str, *, all_day: bool, zone: str) -> str:
    """A stored rule as a file writes it: an all-day series' UNTIL as a bare date, a timed
    one's in UTC (RFC 5545 wants UTC next to a DTSTART with a TZID)."""
    parts = parse_rule(rule)
    if "UNTIL" in parts:
        if all_day:
            parts["UNTIL"] = parse_until(parts["UNTIL"]).strftime("%Y%m%d")
        else:
            return utc_until(rule, zone)
    return join_rule(parts)
