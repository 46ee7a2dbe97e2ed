"""Stored reminders as the calendar's readers see them, in plain SQL: the longest lead any
reminder has, when each was chosen, and the minutes of a row's reminders as the expansion
reads them. `app.calendar.reminder_store` writes them; these reads need none of its models,
so a month can be read without them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from app.models.base import shared_db


def set_at_by_key(activity_ids: Iterable[int]) -> dict[tuple, dt.datetime]:
    """(activity id, original start or None, minutes) -> when set, for these activities."""
    ids = list(dict.fromkeys(activity_ids))
    found: dict[tuple, dt.datetime] = {}
    for first in range(0, len(ids), 500):
        for activity_id, original, minutes, set_at in shared_db.execute_sql(
                "SELECT activity_id, original_start, minutes, set_at FROM calendar_reminder"
                f" WHERE activity_id IN ({', '.join('?' * len(ids[first:first + 500]))})",
                ids[first:first + 500]):
            key = (activity_id, _time(original) if original is not None else None, minutes)
            found[key] = _time(set_at)
    return found


def longest() -> int:
    """The longest lead of any reminder, in minutes (0 when there is none)."""
    row = shared_db.execute_sql("SELECT max(minutes) FROM calendar_reminder").fetchone()
    return row[0] or 0


def parse_minutes(text: str | None) -> tuple[int, ...]:
    """A `group_concat` of minutes as the sorted tuple it stands for."""
    if not text:
        return ()
    return tuple(sorted({int(part) for part in str(text).split(",")}))


def _time(value) -> dt.datetime:
    return value if isinstance(value, dt.datetime) else dt.datetime.fromisoformat(value)
