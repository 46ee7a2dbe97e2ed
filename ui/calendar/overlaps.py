"""Which plans a new or changed plan would overlap, and the warning that says so.

A warning only: two plans may well share an evening (a dinner inside a weekend away), so
the dialog says it and saves all the same. All-day plans and skipped ones never count.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from app.services import calendar as cal
from ui.calendar.formatting import time_text

NAMED = 2  # plans named in the warning; the rest are counted


def overlapping(occurrences: Iterable[cal.Occurrence], start: datetime.datetime,
                end: datetime.datetime, *, exclude_activity: int | None = None
                ) -> list[cal.Occurrence]:
    """The timed, not skipped occurrences that share some of `start`..`end`."""
    return [occ for occ in occurrences
            if not occ.all_day and occ.status != "skipped"
            and occ.activity_id != exclude_activity
            and occ.start < end and occ.end > start]


def overlap_text(found: list[cal.Occurrence]) -> str:
    """'This overlaps “Dinner” (19:00–21:00). You can still save it.' ("" for none)."""
    if not found:
        return ""
    named = [f"“{occ.title}” ({time_text(occ.start)}–{time_text(occ.end)})"
             for occ in found[:NAMED]]
    more = len(found) - len(named)
    if more:
        names = ", ".join(named) + f" and {more} more plan{'s' if more > 1 else ''}"
    else:
        names = " and ".join(named)
    return f"This overlaps {names}. You can still save it."


def overlap_warning(data: cal.ActivityInput, *, exclude_activity: int | None = None) -> str:
    """The warning for planning `data` (its first time, for a repeating plan)."""
    if data.all_day or data.duration_minutes <= 0:
        return ""
    first = data.start.date() - datetime.timedelta(days=1)
    return overlap_text(overlapping(cal.occurrences_between(first, data.end.date()),
                                    data.start, data.end, exclude_activity=exclude_activity))
