"""Writing the calendar: plan, change, cancel, restore and mark activities, each write one
transaction.

A recurring activity is a series with an RFC 5545 RRULE. Changing one occurrence stores an
override keyed by the occurrence's original start (its RECURRENCE-ID); deleting one stores a
cancellation (an EXDATE). Marking an occurrence done or skipped stores only its outcome.
Each change row keeps the days it touches (`first_day`, `last_day`) so reads find it fast.

This module owns the calendar tables' writes: everything that adds a stored fact about an
activity (calendar sync's state, more reminders per plan) writes it here, through
`row_fields` and `put_change`, and reads it back through `to_activity`. Writes raise
`ValidationError` (with `field`) for bad input and `NotFoundError` for an activity that
is gone.
"""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from dataclasses import replace

import peewee

from app.calendar import zones
from app.calendar.expansion import get_occurrence
from app.calendar.rules import checked, checked_outcome, clean, minute
from app.calendar.series import series as series_of
from app.calendar.types import Activity, ActivityInput, ActivitySnapshot, Occurrence
from app.errors import NotFoundError, ValidationError
from app.models.base import shared_db
from app.models.calendar import CalendarActivity, CalendarChange

log = logging.getLogger(__name__)


def current_time() -> dt.datetime:
    """Now, to the second, for created/updated stamps."""
    return dt.datetime.now().replace(microsecond=0)


def day_bounds(data: ActivityInput) -> tuple[dt.date, dt.date | None]:
    """First and last day the activity (all its occurrences) can touch, in its zone."""
    duration = dt.timedelta(minutes=data.duration_minutes)
    if data.rrule is None:
        last: dt.datetime | None = data.start
    else:
        last = series_of(data.rrule, data.start).last()
    if last is None:
        return data.start.date(), None
    return data.start.date(), last_day_of(last, duration)


def last_day_of(start: dt.datetime, duration: dt.timedelta) -> dt.date:
    end = start + duration
    return max(start.date(), (end - dt.timedelta(microseconds=1)).date())


def row_fields(data: ActivityInput) -> dict:
    first_day, last_day = day_bounds(data)
    return {
        "title": data.title,
        "start": data.start,
        "all_day": data.all_day,
        "duration_minutes": data.duration_minutes,
        "timezone": data.timezone,
        "location": data.location,
        "category": data.category,
        "notes": data.notes,
        "reminder_minutes": data.reminder_minutes,
        "rrule": data.rrule,
        "first_day": first_day,
        "last_day": last_day,
    }


def to_activity(row: CalendarActivity) -> Activity:
    return Activity(
        id=row.id,
        uid=row.uid,
        title=row.title,
        start=row.start,
        all_day=bool(row.all_day),
        duration_minutes=row.duration_minutes,
        location=row.location,
        category=row.category,
        notes=row.notes,
        reminder_minutes=row.reminder_minutes,
        rrule=row.rrule,
        timezone=row.timezone,
        status=row.status,
        rating=row.rating,
        reflection=row.reflection,
        created_at=row.created_at,
        updated_at=row.updated_at,
    )


def activity_row(activity_id: int) -> CalendarActivity:
    row = CalendarActivity.get_or_none(CalendarActivity.id == activity_id)
    if row is None:
        raise NotFoundError("That activity no longer exists.")
    return row


def new_uid() -> str:
    return f"{uuid.uuid4()}@hearth"


def create_activity(data: ActivityInput, *, uid: str | None = None) -> Activity:
    """Save a new activity (or series); `uid` keeps an imported event's identity."""
    data = checked(data)
    now = current_time()
    try:
        with shared_db.atomic():
            row = CalendarActivity.create(
                uid=uid or new_uid(), created_at=now, updated_at=now, **row_fields(data)
            )
    except peewee.IntegrityError as exc:
        raise ValidationError("An activity with this UID already exists.", field="uid") from exc
    log.info("created activity %s (recurring: %s)", row.id, data.rrule is not None)
    return to_activity(row)


def get_activity(activity_id: int) -> Activity:
    return to_activity(activity_row(activity_id))


def list_activities() -> list[Activity]:
    """Every stored activity, oldest start first."""
    query = CalendarActivity.select().order_by(CalendarActivity.start, CalendarActivity.id)
    return [to_activity(row) for row in query]


def update_activity(activity_id: int, data: ActivityInput) -> Activity:
    """Change the whole series (or the one-off). Changed occurrences keep their changes
    when their day still has an occurrence under the new rule."""
    data = checked(data)
    with shared_db.atomic():
        row = activity_row(activity_id)
        old_rule, old_start, old_status = row.rrule, row.start, row.status
        fields = row_fields(data)
        fields["updated_at"] = current_time()
        fields["sequence"] = row.sequence + 1
        if old_rule is not None and data.rrule is None:
            CalendarChange.delete().where(CalendarChange.activity == activity_id).execute()
        elif old_rule is not None and (old_rule, old_start) != (data.rrule, data.start):
            _rekey_changes(activity_id, data)
        elif old_rule is None and data.rrule is not None and old_status != "planned":
            # The one-off's outcome becomes the first occurrence's outcome.
            put_change(activity_id, data.start, data, status=old_status,
                        rating=row.rating, reflection=row.reflection)
            fields.update(status="planned", rating=None, reflection="")
        CalendarActivity.update(**fields).where(CalendarActivity.id == activity_id).execute()
        row = activity_row(activity_id)
    log.info("updated activity %s", activity_id)
    return to_activity(row)


def _rekey_changes(activity_id: int, data: ActivityInput) -> None:
    """Move each change to the new occurrence on its day, or drop it when there is none."""
    produced = series_of(data.rrule, data.start)
    for change in CalendarChange.select().where(CalendarChange.activity == activity_id):
        moved = dt.datetime.combine(change.original_start.date(), data.start.time())
        if not produced.contains(moved):
            change.delete_instance()
            continue
        change.original_start = moved
        set_change_days(change, data.duration_minutes)
        change.save()


def set_change_days(change: CalendarChange, series_minutes: int) -> None:
    first = change.original_start.date()
    last = last_day_of(change.original_start, dt.timedelta(minutes=series_minutes))
    if change.overridden and change.start is not None:
        first = min(first, change.start.date())
        last = max(last, last_day_of(change.start, dt.timedelta(minutes=change.duration_minutes)))
    change.first_day, change.last_day = first, last


def put_change(activity_id: int, original_start: dt.datetime, series: ActivityInput | None,
                **values) -> None:
    change = CalendarChange.get_or_none(
        (CalendarChange.activity == activity_id)
        & (CalendarChange.original_start == original_start)
    )
    if change is None:
        change = CalendarChange(activity=activity_id, original_start=original_start)
    for name, value in values.items():
        setattr(change, name, value)
    minutes = series.duration_minutes if series else activity_row(activity_id).duration_minutes
    set_change_days(change, minutes)
    change.save()


def _require_occurrence(row: CalendarActivity, original_start: dt.datetime) -> None:
    exists = series_of(row.rrule, row.start).contains(original_start) or (
        CalendarChange.select()
        .where((CalendarChange.activity == row.id)
               & (CalendarChange.original_start == original_start)
               & (CalendarChange.cancelled == False))  # noqa: E712 (SQL, not Python)
        .exists()
    )
    if not exists:
        raise NotFoundError("That occurrence is not part of the activity any more.")


def update_occurrence(
    activity_id: int, original_start: dt.datetime, data: ActivityInput
) -> Occurrence:
    """Change just one occurrence of a series (`data.rrule` is ignored). `data.start` is
    read in `data.timezone`. A one-off is simply updated."""
    row = activity_row(activity_id)
    if row.rrule is None:
        update_activity(activity_id, replace(data, rrule=None))
        return get_occurrence(activity_id, activity_row(activity_id).start, tz=clean(data).timezone)
    data = checked(replace(data, rrule=None))
    original_start = minute(original_start)
    start = zones.to_zone(data.start, data.timezone, row.timezone)
    with shared_db.atomic():
        _require_occurrence(row, original_start)
        put_change(
            activity_id, original_start, None, cancelled=False, overridden=True,
            title=data.title, start=start, all_day=data.all_day,
            duration_minutes=data.duration_minutes, location=data.location,
            category=data.category, notes=data.notes, reminder_minutes=data.reminder_minutes,
        )
        touch(activity_id)
    log.info("changed one occurrence of activity %s", activity_id)
    return get_occurrence(activity_id, original_start, tz=data.timezone)


def touch(activity_id: int) -> None:
    CalendarActivity.update(
        updated_at=current_time(), sequence=CalendarActivity.sequence + 1
    ).where(CalendarActivity.id == activity_id).execute()


def snapshot_activity(activity_id: int) -> ActivitySnapshot:
    row = activity_row(activity_id)
    changes = tuple(
        change for change in CalendarChange.select()
        .where(CalendarChange.activity == activity_id)
        .order_by(CalendarChange.original_start)
        .dicts()
    )
    for change in changes:
        change.pop("id", None)
        change.pop("activity", None)
    return ActivitySnapshot(activity=to_activity(row), changes=changes)


def delete_activity(activity_id: int) -> ActivitySnapshot:
    """Delete the activity or whole series; return what `restore_activity` needs to undo."""
    with shared_db.atomic():
        snapshot = snapshot_activity(activity_id)
        CalendarChange.delete().where(CalendarChange.activity == activity_id).execute()
        CalendarActivity.delete().where(CalendarActivity.id == activity_id).execute()
    log.info("deleted activity %s", activity_id)
    return snapshot


def delete_occurrence(activity_id: int, original_start: dt.datetime) -> ActivitySnapshot:
    """Cancel one occurrence of a series (a one-off is deleted entirely); returns the
    state before, for undo."""
    row = activity_row(activity_id)
    if row.rrule is None:
        return delete_activity(activity_id)
    original_start = minute(original_start)
    with shared_db.atomic():
        snapshot = snapshot_activity(activity_id)
        _require_occurrence(row, original_start)
        put_change(
            activity_id, original_start, None, cancelled=True, overridden=False,
            title=None, start=None, all_day=None, duration_minutes=None, location=None,
            category=None, notes=None, reminder_minutes=None,
            status="planned", rating=None, reflection="",
        )
        touch(activity_id)
    log.info("cancelled one occurrence of activity %s", activity_id)
    return snapshot


def restore_activity(snapshot: ActivitySnapshot) -> Activity:
    """Put an activity back exactly as `snapshot` holds it (same id and UID)."""
    activity = snapshot.activity
    data = clean(activity.to_input())
    fields = row_fields(data)
    with shared_db.atomic():
        CalendarChange.delete().where(CalendarChange.activity == activity.id).execute()
        CalendarActivity.delete().where(
            (CalendarActivity.id == activity.id) | (CalendarActivity.uid == activity.uid)
        ).execute()
        CalendarActivity.insert(
            id=activity.id, uid=activity.uid, status=activity.status, rating=activity.rating,
            reflection=activity.reflection, created_at=activity.created_at,
            updated_at=activity.updated_at, **fields,
        ).execute()
        for change in snapshot.changes:
            CalendarChange.insert(activity=activity.id, **change).execute()
    log.info("restored activity %s with %s changes", activity.id, len(snapshot.changes))
    return get_activity(activity.id)



def set_outcome(
    activity_id: int,
    original_start: dt.datetime,
    status: str,
    rating: int | None = None,
    reflection: str = "",
) -> Occurrence:
    """Record how an occurrence went: "done" (optionally rated 1-5 with a reflection),
    "skipped", or back to "planned"."""
    reflection = checked_outcome(status, rating, reflection)
    row = activity_row(activity_id)
    original_start = minute(original_start)
    with shared_db.atomic():
        if row.rrule is None:
            CalendarActivity.update(
                status=status, rating=rating, reflection=reflection, updated_at=current_time()
            ).where(CalendarActivity.id == activity_id).execute()
            original_start = row.start
        else:
            _require_occurrence(row, original_start)
            put_change(activity_id, original_start, None, status=status, rating=rating,
                        reflection=reflection)
    log.info("activity %s occurrence marked %s", activity_id, status)
    return get_occurrence(activity_id, original_start)
