"""Occurrences turned into what the Calendar tab shows: grid cells, list rows, tooltips.

Plain functions over `cal.Occurrence`: a cell of the month grid, a row of the selected day,
a row of what is coming up.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from app.services import calendar as cal
from ui.calendar.formatting import day_title, duration_text, short_day, time_text
from ui.calendar.month_view import CellEntry

if TYPE_CHECKING:
    from ui.calendar.models import AgendaRow

_ALL_DAY_SORT = datetime.time(0, 0)
# An evening that ends before this hour the next day shows on its own day only.
_LATE_EVENING_END = datetime.time(6, 0)


def by_day(occurrences: Iterable[cal.Occurrence], first: datetime.date,
           last: datetime.date) -> dict[datetime.date, list[cal.Occurrence]]:
    """Each day of the grid `first`..`last` with the occurrences on it, in the day's order."""
    days: dict[datetime.date, list[cal.Occurrence]] = {}
    for occ in occurrences:
        start_day = occ.start.date()
        if not occ.all_day and occ.end.date() == start_day:  # the usual case, fast
            if first <= start_day <= last:
                days.setdefault(start_day, []).append(occ)
            continue
        for day in days_covered(occ, first, last):
            days.setdefault(day, []).append(occ)
    for items in days.values():
        items.sort(key=_day_order)
    return days


def days_covered(occ: cal.Occurrence, first: datetime.date,
                 last: datetime.date) -> Iterator[datetime.date]:
    """Every day of the grid an occurrence touches (an evening past midnight counts once)."""
    start = occ.start.date()
    end_moment = occ.end - datetime.timedelta(microseconds=1)
    end = max(start, end_moment.date())
    if not occ.all_day and end > start and occ.end.time() <= _LATE_EVENING_END and \
            (occ.end - occ.start) < datetime.timedelta(hours=12):
        end = start  # a late evening shows on its own day only
    day = max(start, first)
    while day <= min(end, last):
        yield day
        day += datetime.timedelta(days=1)


def _day_order(occ: cal.Occurrence):
    return (not occ.all_day, occ.start.time() if not occ.all_day else _ALL_DAY_SORT, occ.title)


def _when_range(occ: cal.Occurrence) -> str:
    if occ.all_day:
        days = max(1, (occ.end - occ.start).days)
        return "All day" if days == 1 else f"{days} days"
    return f"{time_text(occ.start)}–{time_text(occ.end)}"


def _details(occ: cal.Occurrence, *, with_range: bool) -> str:
    parts = []
    if with_range:
        parts.append(_when_range(occ))
    if occ.location:
        parts.append(occ.location)
    if occ.is_recurring:
        parts.append("Repeats" + (", changed this time" if occ.is_changed else ""))
    if occ.status == "done":
        parts.append("Done" + (f" {'★' * occ.rating}" if occ.rating else ""))
    elif occ.status == "skipped":
        parts.append("Skipped")
    return " · ".join(parts)


def tooltip(occ: cal.Occurrence) -> str:
    lines = [occ.title, _when_range(occ)]
    if occ.location:
        lines.append(occ.location)
    if occ.notes:
        lines.append(occ.notes[:200])
    return "\n".join(lines)


def cell_entry(occ: cal.Occurrence) -> CellEntry:
    return CellEntry(key=occ.key, title=occ.title,
                     time_text="" if occ.all_day else time_text(occ.start),
                     category=occ.category, status=occ.status)


def day_row(occ: cal.Occurrence, day: datetime.date) -> AgendaRow:
    from ui.calendar.models import AgendaRow  # the side's lists load with their first rows

    when = "All day" if occ.all_day else time_text(occ.start)
    if not occ.all_day and occ.start.date() != day:
        when = "…"
    detail = _details(occ, with_range=not occ.all_day)
    if not occ.all_day:
        detail = detail.replace(_when_range(occ), duration_text(
            int((occ.end - occ.start).total_seconds() // 60)), 1)
    return AgendaRow(key=occ.key, title=occ.title, when=when, detail=detail,
                     category=occ.category, status=occ.status, tooltip=tooltip(occ))


def upcoming_row(occ: cal.Occurrence, today: datetime.date) -> AgendaRow:
    from ui.calendar.models import AgendaRow

    when = day_title(occ.start.date(), today)
    if when not in ("Today", "Tomorrow"):
        when = short_day(occ.start.date())
    if not occ.all_day:
        when += f", {time_text(occ.start)}"
    return AgendaRow(key=occ.key, title=occ.title, when=when,
                     detail=_details(occ, with_range=False), category=occ.category,
                     status=occ.status, tooltip=tooltip(occ))
