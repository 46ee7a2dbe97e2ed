"""Reading the calendar: stored rows expanded into the occurrences a range of days shows.

The rows are read with raw SQL (`fetch`): a month grid may touch hundreds of series, and
Peewee's model rows cost more than the expansion itself. Each row shape has a name
(`ActivityRow`, `ChangeRow`), so the expansion reads as what it does. Stored days
(`first_day`, `last_day`) narrow the query; they are in the activity's own zone, so the
lookup is widened by PAD_DAYS for a viewer in another one.

The unchanged occurrences of a series, in the common case where the viewer shares its
clock, are kept per week in `_generated`, keyed by everything they are made of (the row's
content and the display zone), so an edit can never hit a stale entry.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, NamedTuple

from app.calendar import zones
from app.calendar.reminder_reads import parse_minutes
from app.errors import NotFoundError
from app.models.base import shared_db

if TYPE_CHECKING:
    from app.calendar.types import Occurrence

PAD_DAYS = 2  # zones differ by at most 26 hours: widen stored-day lookups by this much


class ActivityRow(NamedTuple):
    """One `calendar_activity` row as the expansion reads it."""

    id: int
    uid: str
    title: str
    start: dt.datetime | str
    all_day: int
    duration_minutes: int
    timezone: str
    location: str
    category: str
    notes: str
    reminders: str | None  # its reminders' minutes, comma-separated (see _REMINDERS)
    rrule: str | None
    status: str
    rating: int | None
    reflection: str

    def content(self) -> tuple:
        """Everything its unchanged occurrences are made of (all but the outcome)."""
        return (self.id, self.uid, self.title, self.start, self.all_day,
                self.duration_minutes, self.timezone, self.location, self.category,
                self.notes, self.reminders, self.rrule)


class ChangeRow(NamedTuple):
    """One `calendar_change` row: an occurrence cancelled, overridden and/or given an
    outcome. The override fields are None unless `overridden`."""

    activity_id: int
    original_start: dt.datetime | str
    cancelled: int
    overridden: int
    title: str | None
    start: dt.datetime | str | None
    all_day: int | None
    duration_minutes: int | None
    location: str | None
    category: str | None
    notes: str | None
    reminders: str | None  # the changed occurrence's own reminders, as ActivityRow's
    status: str
    rating: int | None
    reflection: str


# Reminders live in calendar_reminder; each row reads its own in the same query.
_REMINDERS = {
    "calendar_activity": "(SELECT group_concat(r.minutes) FROM calendar_reminder AS r"
                         " WHERE r.activity_id = calendar_activity.id"
                         " AND r.original_start IS NULL) AS reminders",
    "calendar_change": "(SELECT group_concat(r.minutes) FROM calendar_reminder AS r"
                       " WHERE r.activity_id = calendar_change.activity_id"
                       " AND r.original_start = calendar_change.original_start) AS reminders",
}
_ACTIVITY_COLUMNS = ", ".join(_REMINDERS["calendar_activity"] if name == "reminders" else name
                              for name in ActivityRow._fields)
_CHANGE_COLUMNS = ", ".join(_REMINDERS["calendar_change"] if name == "reminders" else name
                            for name in ChangeRow._fields)


class _Shape(NamedTuple):
    """What every occurrence made from one row (or one changed occurrence) shares, and the
    clocks it is converted between: `own_zone` (the activity's) to `zone` (the viewer's),
    unless `same_clock` (same zone, or all-day dates that float)."""

    activity_id: int
    uid: str
    title: str
    all_day: bool
    category: str
    location: str
    notes: str
    reminders: tuple[int, ...]
    is_recurring: bool
    zone: str
    own_zone: str
    same_clock: bool

    def occurrence(self, start: dt.datetime, duration: dt.timedelta, original: dt.datetime,
                   status: str, rating: int | None, reflection: str,
                   changed: bool) -> Occurrence:
        from app.calendar.types import Occurrence

        end = start + duration
        if not self.same_clock:
            start = zones.to_zone(start, self.own_zone, self.zone)
            end = zones.to_zone(end, self.own_zone, self.zone)
        return Occurrence(self.activity_id, self.uid, self.title, start, end, self.all_day,
                          self.category, self.location, self.notes, status, rating,
                          reflection, self.reminders, self.is_recurring, changed,
                          original, self.zone)


def parse_time(value) -> dt.datetime:
    """A stored time (SQLite hands back text) as a datetime."""
    if isinstance(value, dt.datetime):
        return value
    return dt.datetime.fromisoformat(value)


def display_time(start: dt.datetime, all_day: bool, own_zone: str, zone: str) -> dt.datetime:
    """A start in the activity's zone as the viewer in `zone` sees it."""
    return start if all_day or own_zone == zone else zones.to_zone(start, own_zone, zone)


def fetch(first: dt.date, last: dt.date, only: int | None = None
          ) -> tuple[list[ActivityRow], dict[int, list[ChangeRow]]]:
    """The activity rows and change rows (by activity) that can touch the days
    first..last."""
    pad = dt.timedelta(days=PAD_DAYS)
    low, high = (first - pad).isoformat(), (last + pad).isoformat()
    where = "first_day <= ? AND (last_day IS NULL OR last_day >= ?)"
    params: list = [high, low]
    if only is not None:
        where += " AND id = ?"
        params.append(only)
    rows = list(map(ActivityRow._make, shared_db.execute_sql(
        f"SELECT {_ACTIVITY_COLUMNS} FROM calendar_activity WHERE {where}", params)))
    change_where = "first_day <= ? AND last_day >= ?"
    change_params: list = [high, low]
    if only is not None:
        change_where += " AND activity_id = ?"
        change_params.append(only)
    changes: dict[int, list[ChangeRow]] = {}
    for change in map(ChangeRow._make, shared_db.execute_sql(
            f"SELECT {_CHANGE_COLUMNS} FROM calendar_change WHERE {change_where}",
            change_params)):
        changes.setdefault(change.activity_id, []).append(change)
    return rows, changes


def expand(first: dt.date, last: dt.date, zone: str | None,
           only: int | None = None) -> list[Occurrence]:
    """Occurrences overlapping the days first..last of zone `zone` (unsorted); None (or
    "") is this computer's zone, looked up only when some plan may be in the range."""
    begin = dt.datetime.combine(first, dt.time())
    end = dt.datetime.combine(last + dt.timedelta(days=1), dt.time())
    rows, changes = fetch(first, last, only)
    if rows:
        zone = zones.zone_or_local(zone)
    found: list[Occurrence] = []
    for row in rows:
        _expand_row(row, changes.get(row.id, ()), begin, end, zone, found)
    return found


def _expand_row(row: ActivityRow, changes, begin: dt.datetime, end: dt.datetime, zone: str,
                found: list[Occurrence]) -> None:
    start = parse_time(row.start)
    all_day = bool(row.all_day)
    own_zone = row.timezone
    duration = dt.timedelta(minutes=row.duration_minutes)
    # The window in the activity's own wall-clock (all-day dates float with the viewer).
    same = all_day or own_zone == zone
    if same:
        a_begin, a_end = begin, end
    else:
        a_begin = zones.to_zone(begin, zone, own_zone)
        a_end = zones.to_zone(end, zone, own_zone)
    shape = _Shape(row.id, row.uid, row.title, all_day, row.category, row.location,
                   row.notes, parse_minutes(row.reminders), row.rrule is not None, zone,
                   own_zone,
                   same)
    if row.rrule is None:
        if start < a_end and start + duration > a_begin:
            found.append(shape.occurrence(start, duration, start, row.status, row.rating,
                                          row.reflection, False))
        return
    from app.calendar.series import series  # only repeating plans need their rules read

    own = {parse_time(change.original_start): change for change in changes}
    if same:
        _add_unchanged_weeks(row, start, duration, own, begin, end, zone, found)
    else:
        for moment in series(row.rrule, start).between(a_begin - duration, a_end):
            if moment in own or moment + duration <= a_begin:
                continue
            found.append(shape.occurrence(moment, duration, moment, "planned", None, "",
                                          False))
    for original, change in own.items():
        if change.cancelled:
            continue
        if change.overridden:
            c_start = parse_time(change.start)
            c_duration = dt.timedelta(minutes=change.duration_minutes)
            c_all_day = bool(change.all_day)
            c_same = c_all_day or own_zone == zone
            c_begin, c_end = (begin, end) if c_same else (a_begin, a_end)
            if not (c_start < c_end and c_start + c_duration > c_begin):
                continue
            c_shape = shape._replace(title=change.title, all_day=c_all_day,
                                     category=change.category, location=change.location,
                                     notes=change.notes,
                                     reminders=parse_minutes(change.reminders),
                                     same_clock=c_same)
            found.append(c_shape.occurrence(c_start, c_duration, original, change.status,
                                            change.rating, change.reflection, True))
        elif original < a_end and original + duration > a_begin:
            found.append(shape.occurrence(original, duration, original, change.status,
                                          change.rating, change.reflection, False))


def _add_unchanged_weeks(row: ActivityRow, start: dt.datetime, duration: dt.timedelta,
                         own: dict, begin: dt.datetime, end: dt.datetime, zone: str,
                         found: list[Occurrence]) -> None:
    """The bulk of every month grid: a series on the viewer's clock, its unchanged
    occurrences taken from (or added to) the per-week cache."""
    cache_key = (row.content(), zone)
    weeks = _generated.get(cache_key)
    if weeks is None:
        if len(_generated) >= _GENERATED_MAX:
            _generated.clear()
        weeks = _generated[cache_key] = {}
    keys = range(_week_key(begin - duration), _week_key(end) + 1)
    missing = [key for key in keys if key not in weeks]
    if missing:
        from app.calendar.series import series
        from app.calendar.types import Occurrence

        built: dict[int, list[Occurrence]] = {key: [] for key in missing}
        all_day = bool(row.all_day)
        reminders = parse_minutes(row.reminders)
        for moment in series(row.rrule, start).between(_week_start(missing[0]),
                                                       _week_start(missing[-1] + 1)):
            bucket = built.get(_week_key(moment))
            if bucket is not None:
                bucket.append(Occurrence(
                    row.id, row.uid, row.title, moment, moment + duration, all_day,
                    row.category, row.location, row.notes, "planned", None, "",
                    reminders, True, False, moment, zone))
        for key, items in built.items():
            weeks[key] = tuple(items)
    # Weeks lying wholly inside the window.
    inner_first = _week_key(begin - dt.timedelta(microseconds=1)) + 1
    inner_last = _week_key(end) - 1
    for key in keys:
        week = weeks[key]
        if not own and inner_first <= key <= inner_last:
            found.extend(week)  # wholly inside the window, nothing changed
            continue
        for occurrence in week:
            if (occurrence.end > begin and occurrence.start < end
                    and occurrence.original_start not in own):
                found.append(occurrence)


# Unchanged occurrences of series by (row content, display zone) and week; cleared when
# it grows past this many series so memory stays bounded.
_generated: dict[tuple, dict[int, tuple[Occurrence, ...]]] = {}
_GENERATED_MAX = 5000
_EPOCH = dt.datetime(2000, 1, 3)  # a Monday


def _week_key(moment: dt.datetime) -> int:
    return (moment - _EPOCH).days // 7


def _week_start(key: int) -> dt.datetime:
    return _EPOCH + dt.timedelta(weeks=key)


def sort_key(occurrence: Occurrence) -> tuple:
    """By start, all-day ones first within a day, then by title."""
    return (occurrence.start, not occurrence.all_day, occurrence.title, occurrence.activity_id)


def occurrences_between(
    start: dt.date, end: dt.date, *, tz: str | None = None
) -> list[Occurrence]:
    """Occurrences overlapping the days `start`..`end` (both inclusive), sorted by start
    (all-day ones first within a day)."""
    if end < start:
        return []
    found = expand(start, end, tz)
    found.sort(key=sort_key)
    return found


def occurrences_on(day: dt.date, *, tz: str | None = None) -> list[Occurrence]:
    return occurrences_between(day, day, tz=tz)


def get_occurrence(
    activity_id: int, original_start: dt.datetime, *, tz: str | None = None
) -> Occurrence:
    """One occurrence by its key, wherever a change has moved it. A one-off has just one
    occurrence, so its `original_start` may be stale (e.g. from before an edit)."""
    from app.calendar.rules import minute
    from app.models.calendar import CalendarActivity, CalendarChange

    row = CalendarActivity.get_or_none(CalendarActivity.id == activity_id)
    if row is None:
        raise NotFoundError("That activity no longer exists.")
    original_start = row.start if row.rrule is None else minute(original_start)
    zone = zones.zone_or_local(tz)
    change = CalendarChange.get_or_none(
        (CalendarChange.activity == activity_id)
        & (CalendarChange.original_start == original_start)
    )
    days = {original_start.date()}
    if change is not None and change.start is not None:
        days.add(change.start.date())
    for day in sorted(days):
        for occurrence in expand(day - dt.timedelta(days=PAD_DAYS),
                                 day + dt.timedelta(days=PAD_DAYS), zone, only=activity_id):
            if occurrence.original_start == original_start:
                return occurrence
    raise NotFoundError("That occurrence is not part of the activity any more.")


def upcoming(now: dt.datetime, limit: int = 10, *, tz: str | None = None) -> list[Occurrence]:
    """The next `limit` planned occurrences not yet over at `now` (up to a year ahead)."""
    if limit <= 0:
        return []
    for days in (7, 35, 120, 366):
        found = [
            occurrence
            for occurrence in occurrences_between(
                now.date(), now.date() + dt.timedelta(days=days), tz=tz
            )
            if occurrence.end > now and occurrence.status == "planned"
        ]
        if len(found) >= limit:
            break
    return found[:limit]


def unresolved_past(
    now: dt.datetime, *, days: int = 30, tz: str | None = None
) -> list[Occurrence]:
    """Planned occurrences that ended in the last `days` days before `now`, oldest first,
    that were Hearth's plans: planned in Hearth, or (from a calendar file) ended after it
    was imported. A weekly series imported today that began weeks ago asks nothing about
    the weeks before it came in."""
    since = now - dt.timedelta(days=days)
    found = [
        occurrence
        for occurrence in occurrences_between(since.date(), now.date(), tz=tz)
        if occurrence.status == "planned" and since < occurrence.end <= now
    ]
    imported = _imported_at({occurrence.activity_id for occurrence in found})
    return [occurrence for occurrence in found
            if occurrence.activity_id not in imported
            or occurrence.end > imported[occurrence.activity_id]]


def _imported_at(activity_ids: set[int]) -> dict[int, dt.datetime]:
    """When each of these activities came in from a file (those planned in Hearth are
    left out). Stamps are this computer's wall-clock, as the occurrences are shown."""
    ids = sorted(activity_ids)
    found: dict[int, dt.datetime] = {}
    for first in range(0, len(ids), 500):
        part = ids[first:first + 500]
        for activity_id, imported_at in shared_db.execute_sql(
                "SELECT id, imported_at FROM calendar_activity WHERE imported_at IS NOT NULL"
                f" AND id IN ({', '.join('?' * len(part))})", part):
            found[activity_id] = parse_time(imported_at)
    return found
