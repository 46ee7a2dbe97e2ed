"""The calendar in numbers: occurrences per month by outcome, and the week streak.

Counting a year of months must stay cheap with years of weekly plans: unchanged
occurrences of a series are counted by bisecting its sorted starts at the month
boundaries, and the streak reads only rows that can carry an outcome.
"""

from __future__ import annotations

import bisect
import calendar
import datetime as dt

from app.calendar import months as month_index
from app.calendar import zones
from app.calendar.expansion import display_time, fetch, parse_time
from app.calendar.outcomes import STATUSES, MonthSummary, QualitySummary
from app.models.base import shared_db


def _month_bounds(year: int, month: int) -> tuple[dt.date, dt.date]:
    first = dt.date(year, month, 1)
    last = dt.date(year, month, calendar.monthrange(year, month)[1])
    return first, last


def _summaries(months: list[tuple[int, int]], tz: str | None) -> list[MonthSummary]:
    """Count the occurrences starting in each month by status. Unchanged occurrences of a
    series are counted by bisecting its sorted starts at the month boundaries, so a year
    of weekly plans costs a few lookups rather than a loop over every date."""
    first = _month_bounds(*months[0])[0]
    last = _month_bounds(*months[-1])[1]
    begin = dt.datetime.combine(first, dt.time())
    end = dt.datetime.combine(last + dt.timedelta(days=1), dt.time())
    bounds = [dt.datetime(year, month, 1) for year, month in months] + [end]
    counts = {month: {status: 0 for status in STATUSES} for month in months}

    def add(moment: dt.datetime, status: str) -> None:
        if begin <= moment < end:
            counts[(moment.year, moment.month)][status] += 1

    rows, changes = fetch(first, last)
    if rows:
        zone = zones.zone_or_local(tz)  # looked up only when there is something to count
    if any(row.rrule is not None for row in rows):
        from app.calendar.series import series  # only repeating plans need their rules read
    for row in rows:
        start, all_day, own_zone = parse_time(row.start), bool(row.all_day), row.timezone
        if row.rrule is None:
            add(display_time(start, all_day, own_zone, zone), row.status)
            continue
        own = {parse_time(change.original_start): change for change in changes.get(row.id, ())}
        produced = series(row.rrule, start)
        if all_day or own_zone == zone:
            starts = produced.between(begin, end)
            for index, month in enumerate(months):
                counts[month]["planned"] += (bisect.bisect_left(starts, bounds[index + 1])
                                             - bisect.bisect_left(starts, bounds[index]))
            for original in own:
                if begin <= original < end:
                    counts[(original.year, original.month)]["planned"] -= 1
        else:
            a_begin = zones.to_zone(begin, zone, own_zone)
            a_end = zones.to_zone(end, zone, own_zone)
            for moment in produced.between(a_begin, a_end):
                if moment not in own:
                    add(zones.to_zone(moment, own_zone, zone), "planned")
        for original, change in own.items():
            if change.cancelled:
                continue
            if change.overridden:
                moment, moment_all_day = parse_time(change.start), bool(change.all_day)
            else:
                moment, moment_all_day = original, all_day
            add(display_time(moment, moment_all_day, own_zone, zone), change.status)
    return [MonthSummary(year, month, counts[(year, month)]["planned"],
                         counts[(year, month)]["done"], counts[(year, month)]["skipped"])
            for year, month in months]


def month_summary(year: int, month: int, *, tz: str | None = None) -> MonthSummary:
    """Counts of the occurrences starting in the month, by status."""
    return _summaries([(year, month)], tz)[0]


def activities_per_month(
    last_n: int = 12, *, today: dt.date, tz: str | None = None
) -> list[MonthSummary]:
    """One summary per month, oldest first, ending with `today`'s month."""
    if last_n <= 0:
        return []
    months = [month_index.shift(today.year, today.month, -i)
              for i in range(last_n - 1, -1, -1)]
    return _summaries(months, tz)


def _done_starts(tz: str | None) -> list[dt.datetime]:
    """Display-zone starts of every occurrence marked done: only one-offs and changed
    occurrences can carry an outcome, so no rule needs expanding."""
    done = shared_db.execute_sql(
        "SELECT start, all_day, timezone FROM calendar_activity"
        " WHERE rrule IS NULL AND status = 'done'").fetchall()
    changed = shared_db.execute_sql(
        "SELECT c.original_start, c.start, c.all_day, c.overridden, a.all_day, a.timezone"
        " FROM calendar_change AS c JOIN calendar_activity AS a ON a.id = c.activity_id"
        " WHERE c.cancelled = 0 AND c.status = 'done' AND a.rrule IS NOT NULL").fetchall()
    if not done and not changed:
        return []
    zone = zones.zone_or_local(tz)
    found = []
    for start, all_day, own_zone in done:
        found.append(display_time(parse_time(start), bool(all_day), own_zone, zone))
    for original, moved, moved_all_day, overridden, all_day, own_zone in changed:
        if overridden and moved is not None:
            found.append(display_time(parse_time(moved), bool(moved_all_day), own_zone, zone))
        else:
            found.append(display_time(parse_time(original), bool(all_day), own_zone, zone))
    return found


def week_streak(today: dt.date, *, tz: str | None = None) -> int:
    """Weeks in a row (Monday-Sunday) with at least one occurrence done, counting back
    from this week; this week counts only once something is done in it, and not having
    done anything yet this week does not break the streak."""
    monday = today - dt.timedelta(days=today.weekday())
    done_weeks = {
        start.date() - dt.timedelta(days=start.weekday())
        for start in _done_starts(tz)
        if start.date() <= today
    }
    week = monday if monday in done_weeks else monday - dt.timedelta(weeks=1)
    streak = 0
    while week in done_weeks:
        streak += 1
        week -= dt.timedelta(weeks=1)
    return streak


def quality_summary(today: dt.date, *, tz: str | None = None) -> QualitySummary:
    per_month = activities_per_month(12, today=today, tz=tz)
    return QualitySummary(
        this_month=per_month[-1],
        last_month=per_month[-2],
        streak_weeks=week_streak(today, tz=tz),
        per_month=tuple(per_month),
    )

