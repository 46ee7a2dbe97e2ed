"""Storing a calendar file's events: the import merge, matched by UID, in one transaction.

New events are added, changed ones updated, identical ones left alone, so importing the
same file twice changes nothing. Events from other apps carry no outcomes: then the
outcomes recorded in Hearth are kept when such an event is updated. Every event is checked
once (`rules.check_event`; the file reader already did it for the events it hands over).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import replace
from types import SimpleNamespace

from app.calendar import reminder_store, store, zones
from app.calendar.rules import check_event
from app.calendar.series import series
from app.calendar.store import HEARTH_UID_SUFFIX, row_fields, set_change_days, snapshot_activity
from app.calendar.types import (
    ActivityInput,
    ActivitySnapshot,
    CheckedEvent,
    ImportedEvent,
    ImportSummary,
)
from app.calendar.until import localize_until
from app.models.base import shared_db
from app.models.calendar import CalendarActivity, CalendarChange

log = logging.getLogger(__name__)


def _occurrence_key(data: ActivityInput) -> tuple:
    """What one changed occurrence stores of its own."""
    return (data.title, data.start, data.all_day, data.duration_minutes, data.location,
            data.category, data.notes, tuple(data.reminders))


def _content_key(data: ActivityInput) -> tuple:
    return (*_occurrence_key(data), data.rrule, data.timezone)


def _event_state(event: CheckedEvent, data: ActivityInput, keep_outcomes: bool) -> tuple:
    """What storing `event` as `data` would leave, in the shape `_snapshot_state` gives."""
    changes = []
    for change in event.changes:
        content = None
        if change.data is not None and not change.cancelled:
            content = _occurrence_key(change.data)
        outcome = None if keep_outcomes else (change.status, change.rating,
                                              change.reflection)
        if content is None and not change.cancelled and outcome in (None,
                                                                    ("planned", None, "")):
            continue
        changes.append((change.original_start, change.cancelled, content, outcome))
    outcome = None if keep_outcomes else (event.status, event.rating, event.reflection)
    return (_content_key(data), outcome, tuple(sorted(changes, key=lambda c: c[0])))


def _snapshot_state(snapshot: ActivitySnapshot, keep_outcomes: bool) -> tuple:
    """What is stored for an activity, to compare with `_event_state`."""
    activity = snapshot.activity
    own_reminders: dict[dt.datetime, list[int]] = {}
    for reminder in snapshot.reminders:
        if reminder["original_start"] is not None:
            own_reminders.setdefault(reminder["original_start"], []).append(reminder["minutes"])
    changes = []
    for change in snapshot.changes:
        content = None
        if change["overridden"] and not change["cancelled"]:
            content = (change["title"], change["start"], bool(change["all_day"]),
                       change["duration_minutes"], change["location"], change["category"],
                       change["notes"],
                       tuple(sorted(own_reminders.get(change["original_start"], ()))))
        outcome = None if keep_outcomes else (change["status"], change["rating"],
                                              change["reflection"])
        if content is None and not change["cancelled"] and outcome in (
                None, ("planned", None, "")):
            continue
        changes.append((change["original_start"], bool(change["cancelled"]), content,
                        outcome))
    outcome = None if keep_outcomes else (activity.status, activity.rating,
                                          activity.reflection)
    stored = activity.to_input()
    if stored.rrule is not None:
        # A stored end in a time the clocks skip (kept from before files were read this
        # way) is the moment a file gives back as the time the clocks show.
        stored = replace(stored, rrule=localize_until(stored.rrule, stored.timezone,
                                                      all_day=stored.all_day))
    return (_content_key(stored), outcome,
            tuple(sorted(changes, key=lambda c: c[0])))


def import_events(
    events: list[ImportedEvent] | tuple[ImportedEvent, ...],
    *,
    skipped: tuple[str, ...] = (),
    warnings: tuple[str, ...] = (),
    before_each: Callable[[int], None] | None = None,
) -> ImportSummary:
    """Store imported events in one transaction, matched by UID: new ones are added,
    changed ones updated, identical ones left alone. An event (or one occurrence change)
    that breaks a rule is skipped with its reason. Events the file reader checked
    (`CheckedEvent`) are stored as they are; others are checked here, once. `before_each`
    is called before each event with the steps it is (one, and one for each occurrence
    change) and may raise to give up, which stores nothing."""
    added = updated = unchanged = 0
    skipped_list, warning_list = list(skipped), list(warnings)
    with shared_db.atomic():
        stored = _stored_by_uid([event.uid for event in events])
        just_added: set[str] = set()
        for event in events:
            if before_each is not None:
                before_each(1 + len(event.changes))
            label = f'"{event.data.title[:60]}"'
            check = check_event(event)
            if check.event is None:
                skipped_list.append(f"{label}: {check.reason}")
                continue
            warning_list.extend(f"{label}: {note}" for note in check.notes)
            event = check.event
            data = event.data
            row = stored.get(event.uid)
            if row is None and event.uid in just_added:
                # The same UID again in one import updates the row it just added.
                row = CalendarActivity.get(CalendarActivity.uid == event.uid)
            if row is None:
                _write_imported(event, data, None)
                just_added.add(event.uid)
                added += 1
                continue
            data = _in_stored_zone(data, row)
            keep = not event.has_outcomes
            if _event_state(event, data, keep) == _snapshot_state(snapshot_activity(row.id),
                                                                  keep):
                unchanged += 1
                continue
            _write_imported(event, data, row)
            updated += 1
    log.info("import stored: %s added, %s updated, %s unchanged", added, updated, unchanged)
    return ImportSummary(added, updated, unchanged, tuple(skipped_list), tuple(warning_list))


def _stored_by_uid(uids: list[str]) -> dict[str, CalendarActivity]:
    """The stored activities with these UIDs, fetched a few hundred at a time: one query
    for each of thousands of events costs more than storing them."""
    unique = list(dict.fromkeys(uids))
    found: dict[str, CalendarActivity] = {}
    for first in range(0, len(unique), 500):
        query = CalendarActivity.select().where(
            CalendarActivity.uid.in_(unique[first:first + 500]))
        found.update((row.uid, row) for row in query)
    return found


def _in_stored_zone(data: ActivityInput, row: CalendarActivity) -> ActivityInput:
    """`data` in the zone the stored activity names when that is the same clock, so a
    file that spells it differently is no change: an all-day plan's dates float in any
    zone (a file does not even say one), and UTC has many names ("Etc/GMT", "Zulu")."""
    if (data.all_day and row.all_day) or (zones.canonical_zone(data.timezone)
                                          == zones.canonical_zone(row.timezone)):
        return replace(data, timezone=row.timezone)
    return data


_INSERTS: dict[tuple, tuple[str, list]] = {}


def _insert(model, values: dict) -> int:
    """Add one row of `model` with its INSERT written once per set of columns: peewee
    builds each statement anew (and `put_change` looks the row up first), which costs more
    than SQLite storing the row when a file brings thousands of events and changes. Values
    still pass through each field's `db_value`, as peewee's own do."""
    key = (model, *values)
    if key not in _INSERTS:
        fields = [model._meta.fields[name] for name in values]
        columns = ", ".join(f'"{field.column_name}"' for field in fields)
        marks = ", ".join("?" for _ in fields)
        _INSERTS[key] = (f'INSERT INTO "{model._meta.table_name}" ({columns}) '
                         f"VALUES ({marks})", fields)
    sql, fields = _INSERTS[key]
    cursor = shared_db.execute_sql(sql, [field.db_value(values[field.name])
                                         for field in fields])
    return cursor.lastrowid


def _insert_change(activity_id: int, original: dt.datetime, series_minutes: int,
                   values: dict) -> None:
    """Add one occurrence change of an activity that has none for `original` (the import
    cleared them, or just added the activity), with the days it covers."""
    row = {"cancelled": False, "overridden": False, "start": None, **values,
           "activity": activity_id, "original_start": original}
    days = SimpleNamespace(**row)
    set_change_days(days, series_minutes)
    row.update(first_day=days.first_day, last_day=days.last_day)
    _insert(CalendarChange, row)


def _write_imported(event: CheckedEvent, data: ActivityInput,
                    row: CalendarActivity | None) -> None:
    now = store.current_time()  # looked up each time: tests move the clock
    fields = row_fields(data)
    outcome = {"status": event.status, "rating": event.rating, "reflection": event.reflection}
    kept_outcomes: dict[dt.datetime, tuple] = {}
    # A reminder the file still has keeps when it was first set, so importing again does
    # not bring back one that already fired.
    set_before: dict[tuple, dt.datetime] = {}
    if row is None:
        # Plans Hearth made (its UIDs, or outcomes only Hearth writes) stay Hearth's own
        # plans on the partner's computer; other files' events were not plans until now.
        made_here = event.has_outcomes or event.uid.endswith(HEARTH_UID_SUFFIX)
        activity_id = _insert(CalendarActivity, {
            "uid": event.uid, "created_at": now, "updated_at": now,
            "imported_at": None if made_here else now, **outcome, **fields})
    else:
        activity_id = row.id
        if not event.has_outcomes:
            outcome = {"status": row.status, "rating": row.rating,
                       "reflection": row.reflection}
            if data.rrule is not None:
                outcome = {"status": "planned", "rating": None, "reflection": ""}
            for change in CalendarChange.select().where(
                (CalendarChange.activity == activity_id) & (CalendarChange.cancelled == False)  # noqa: E712
            ):
                if change.status != "planned" or change.reflection:
                    kept_outcomes[change.original_start] = (change.status, change.rating,
                                                            change.reflection)
        for reminder in reminder_store.snapshot(activity_id):
            set_before[(reminder["original_start"], reminder["minutes"])] = reminder["set_at"]
        CalendarChange.delete().where(CalendarChange.activity == activity_id).execute()
        reminder_store.drop_changed(activity_id)
        CalendarActivity.update(
            updated_at=now, sequence=row.sequence + 1, **outcome, **fields
        ).where(CalendarActivity.id == activity_id).execute()
    reminder_store.set_reminders(activity_id, None, data.reminders, now)
    produced = series(data.rrule, data.start) if data.rrule else None
    for change in event.changes:
        values: dict = {"cancelled": change.cancelled, "overridden": False,
                        "status": change.status, "rating": change.rating,
                        "reflection": change.reflection}
        if change.data is not None and not change.cancelled:
            content = change.data
            values.update(overridden=True, title=content.title, start=content.start,
                          all_day=content.all_day, duration_minutes=content.duration_minutes,
                          location=content.location, category=content.category,
                          notes=content.notes)
        if (not event.has_outcomes and not change.cancelled
                and change.original_start in kept_outcomes):
            status, rating, reflection = kept_outcomes.pop(change.original_start)
            values.update(status=status, rating=rating, reflection=reflection)
        _insert_change(activity_id, change.original_start, data.duration_minutes, values)
        if values["overridden"]:
            inherit = {minutes: set_before.get((change.original_start, minutes))
                       or set_before.get((None, minutes), now)
                       for minutes in change.data.reminders}
            reminder_store.set_reminders(activity_id, change.original_start,
                                         change.data.reminders, now, inherit=inherit)
    for original, (status, rating, reflection) in kept_outcomes.items():
        if produced is not None and produced.contains(original):
            _insert_change(activity_id, original, data.duration_minutes,
                           {"status": status, "rating": rating, "reflection": reflection})
