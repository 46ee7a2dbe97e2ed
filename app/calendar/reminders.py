"""Reminders: which planned occurrences want a reminder between two moments.

A reminder is due `reminder_minutes` before its occurrence starts (display-zone
wall-clock). The lookup reads occurrences up to the longest reminder any plan has past
the end of the span, so a reminder four weeks ahead of its plan is still found.
"""

from __future__ import annotations

import datetime as dt

from app.calendar.expansion import occurrences_between, sort_key
from app.calendar.types import Reminder
from app.models.base import shared_db


def _longest_reminder() -> int:
    row = shared_db.execute_sql(
        "SELECT max(m) FROM (SELECT max(reminder_minutes) AS m FROM calendar_activity"
        " UNION ALL SELECT max(reminder_minutes) FROM calendar_change)"
    ).fetchone()
    return row[0] or 0


def due_reminders(
    since: dt.datetime, until: dt.datetime, *, tz: str | None = None
) -> list[Reminder]:
    """Reminders of planned occurrences with `since < remind_at <= until`, by time."""
    if until <= since:
        return []
    lead = _longest_reminder()
    last = until + dt.timedelta(minutes=lead)
    found = []
    for occurrence in occurrences_between(since.date(), last.date(), tz=tz):
        if occurrence.reminder_minutes is None or occurrence.status != "planned":
            continue
        remind_at = occurrence.start - dt.timedelta(minutes=occurrence.reminder_minutes)
        if since < remind_at <= until:
            found.append(Reminder(remind_at=remind_at, occurrence=occurrence))
    found.sort(key=lambda reminder: (reminder.remind_at, sort_key(reminder.occurrence)))
    return found


def missed_reminders(
    last_seen: dt.datetime, now: dt.datetime, *, tz: str | None = None
) -> list[Reminder]:
    """Reminders that came due while the app was closed and whose occurrence has not
    ended yet at `now` (older ones are no longer useful)."""
    return [
        reminder for reminder in due_reminders(last_seen, now, tz=tz)
        if reminder.occurrence.end > now
    ]


def next_reminder_time(after: dt.datetime, *, tz: str | None = None) -> dt.datetime | None:
    """When the next reminder after `after` is due (to arm a timer), or None within the
    next 35 days (check again later)."""
    # Most of the time the next reminder is close: look near first.
    for days in (1, 7, 35):
        found = due_reminders(after, after + dt.timedelta(days=days), tz=tz)
        if found:
            return found[0].remind_at
    return None

