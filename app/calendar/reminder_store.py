"""Stored reminders: how long before a plan (or one changed time of it) to remind, and
when each reminder was chosen.

One row a reminder in `calendar_reminder`. `original_start` None: the activity's own,
for every time it happens; otherwise the reminders of that one changed occurrence, which
replace the series' as the rest of its content does. `set_at` is kept while the reminder
stays chosen, so saving a plan again (new notes, say) never brings back a reminder that
already fired, while a reminder chosen after its time fires at once (see
`app.calendar.reminders`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from app.models.base import shared_db
from app.models.calendar import CalendarReminder

Key = tuple[int, dt.datetime | None]  # (activity id, original start or None)


def _where(activity_id: int, original_start: dt.datetime | None):
    if original_start is None:
        return (CalendarReminder.activity == activity_id) & \
            CalendarReminder.original_start.is_null()
    return (CalendarReminder.activity == activity_id) & \
        (CalendarReminder.original_start == original_start)


def reminders_of(activity_id: int, original_start: dt.datetime | None = None
                 ) -> tuple[int, ...]:
    """The minutes before of the activity's reminders (or of one changed occurrence's)."""
    query = (CalendarReminder.select(CalendarReminder.minutes)
             .where(_where(activity_id, original_start))
             .order_by(CalendarReminder.minutes))
    return tuple(row.minutes for row in query)


def set_reminders(activity_id: int, original_start: dt.datetime | None,
                  minutes: Iterable[int], now: dt.datetime,
                  inherit: dict[int, dt.datetime] | None = None) -> None:
    """Make these the reminders of the activity (or of one changed occurrence), inside the
    caller's transaction. A reminder kept keeps when it was set; a new one is set `now`
    (or when `inherit` says the same reminder was set before, e.g. the series' reminder
    that a changed occurrence carries on)."""
    wanted = set(minutes)
    existing = {row.minutes: row for row in
                CalendarReminder.select().where(_where(activity_id, original_start))}
    for value, row in existing.items():
        if value not in wanted:
            row.delete_instance()
    for value in sorted(wanted - set(existing)):
        set_at = (inherit or {}).get(value, now)
        CalendarReminder.create(activity=activity_id, original_start=original_start,
                                minutes=value, set_at=min(set_at, now))


def set_times(activity_id: int, original_start: dt.datetime | None = None
              ) -> dict[int, dt.datetime]:
    """When each of these reminders was set, by its minutes."""
    return {row.minutes: row.set_at for row in
            CalendarReminder.select().where(_where(activity_id, original_start))}


def drop_occurrence(activity_id: int, original_start: dt.datetime) -> None:
    CalendarReminder.delete().where(_where(activity_id, original_start)).execute()


def drop_changed(activity_id: int) -> None:
    """Forget every changed occurrence's own reminders (the series lost its rule)."""
    CalendarReminder.delete().where((CalendarReminder.activity == activity_id)
                                    & CalendarReminder.original_start.is_null(False)).execute()


def reminders_by_activity() -> dict[int, tuple[int, ...]]:
    """Every activity's own reminders (not its changed occurrences'), in one query."""
    found: dict[int, list[int]] = {}
    for activity_id, minutes in shared_db.execute_sql(
            "SELECT activity_id, minutes FROM calendar_reminder"
            " WHERE original_start IS NULL ORDER BY activity_id, minutes"):
        found.setdefault(activity_id, []).append(minutes)
    return {key: tuple(values) for key, values in found.items()}


def drop_all(activity_id: int) -> None:
    CalendarReminder.delete().where(CalendarReminder.activity == activity_id).execute()


def move_occurrence(activity_id: int, old: dt.datetime, new: dt.datetime) -> None:
    """A changed occurrence's reminders follow it to its new key (the series moved)."""
    CalendarReminder.update(original_start=new).where(_where(activity_id, old)).execute()


def snapshot(activity_id: int) -> tuple[dict, ...]:
    """Every reminder row of the activity, for undo."""
    rows = (CalendarReminder.select()
            .where(CalendarReminder.activity == activity_id)
            .order_by(CalendarReminder.original_start, CalendarReminder.minutes).dicts())
    return tuple({"original_start": row["original_start"], "minutes": row["minutes"],
                  "set_at": row["set_at"]} for row in rows)


def restore(activity_id: int, rows: Iterable[dict]) -> None:
    drop_all(activity_id)
    for row in rows:
        CalendarReminder.insert(activity=activity_id, **row).execute()
