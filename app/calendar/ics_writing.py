"""Write iCalendar (.ics) files: one VEVENT per activity plus one per changed occurrence,
VTIMEZONEs for the zones used, and Hearth's own outcome fields as X-HEARTH-* properties so
an export read back (`app.calendar.ics`) loses nothing.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable
from pathlib import Path

from icalendar import Alarm, Calendar, Event

from app import APP_NAME, __version__
from app.calendar import store, zones
from app.calendar.types import ActivitySnapshot
from app.calendar.until import export_until
from app.content.categories import category_label
from app.output_file import check_output, write_output

log = logging.getLogger(__name__)

X_STATUS = "X-HEARTH-STATUS"
X_RATING = "X-HEARTH-RATING"
X_REFLECTION = "X-HEARTH-REFLECTION"
X_CATEGORY = "X-HEARTH-CATEGORY"


def _stamp(moment: dt.datetime) -> dt.datetime:
    """A stored local time as UTC, for CREATED/LAST-MODIFIED."""
    return moment.astimezone(dt.UTC)


def add_time(event: Event, name: str, moment: dt.datetime, all_day: bool, zone: str) -> None:
    """Add a date (all-day) or a time in its zone, as every Hearth VEVENT writes them."""
    if all_day:
        event.add(name, moment.date())
    elif zone == "UTC":
        event.add(name, moment.replace(tzinfo=dt.UTC))
    else:
        event.add(name, moment.replace(tzinfo=zones.zone_info(zone)))


def _fill(event: Event, *, title: str, start: dt.datetime, all_day: bool, minutes: int,
          location: str, category: str, notes: str, reminders: tuple[int, ...],
          zone: str) -> None:
    event.add("SUMMARY", title)
    add_time(event, "DTSTART", start, all_day, zone)
    add_time(event, "DTEND", start + dt.timedelta(minutes=minutes), all_day, zone)
    if location:
        event.add("LOCATION", location)
    if notes:
        event.add("DESCRIPTION", notes)
    event.add("CATEGORIES", [category_label(category)])
    event.add(X_CATEGORY, category)
    for minutes in reminders:  # one VALARM a reminder, the day before and the hour before
        alarm = Alarm()
        alarm.add("ACTION", "DISPLAY")
        alarm.add("DESCRIPTION", title)
        alarm.add("TRIGGER", dt.timedelta(minutes=-minutes))
        event.add_component(alarm)


def _add_outcome(event: Event, status: str, rating: int | None, reflection: str) -> None:
    event.add(X_STATUS, status)
    if rating is not None:
        event.add(X_RATING, str(rating))
    if reflection:
        event.add(X_REFLECTION, reflection)


def _events_for(snapshot: ActivitySnapshot, now: dt.datetime) -> list[Event]:
    activity = snapshot.activity
    zone = activity.timezone
    master = Event()
    master.add("UID", activity.uid)
    master.add("DTSTAMP", now)
    master.add("CREATED", _stamp(activity.created_at))
    master.add("LAST-MODIFIED", _stamp(activity.updated_at))
    _fill(master, title=activity.title, start=activity.start, all_day=activity.all_day,
          minutes=activity.duration_minutes, location=activity.location,
          category=activity.category, notes=activity.notes,
          reminders=activity.reminders, zone=zone)
    events = [master]
    if activity.rrule is None:
        _add_outcome(master, activity.status, activity.rating, activity.reflection)
        return events
    master.add("RRULE", _rrule_value(export_until(activity.rrule, all_day=activity.all_day, zone=zone)))
    cancelled = [change for change in snapshot.changes if change["cancelled"]]
    own: dict = {}  # a changed occurrence's own reminders, by its key
    for reminder in snapshot.reminders:
        if reminder["original_start"] is not None:
            own.setdefault(reminder["original_start"], ())
            own[reminder["original_start"]] = tuple(sorted(
                (*own[reminder["original_start"]], reminder["minutes"])))
    for change in cancelled:
        add_time(master, "EXDATE", change["original_start"], activity.all_day, zone)
    for change in snapshot.changes:
        if change["cancelled"]:
            continue
        event = Event()
        event.add("UID", activity.uid)
        event.add("DTSTAMP", now)
        add_time(event, "RECURRENCE-ID", change["original_start"], activity.all_day, zone)
        if change["overridden"]:
            _fill(event, title=change["title"], start=change["start"],
                  all_day=bool(change["all_day"]), minutes=change["duration_minutes"],
                  location=change["location"], category=change["category"],
                  notes=change["notes"], reminders=own.get(change["original_start"], ()),
                  zone=zone)
        else:
            _fill(event, title=activity.title, start=change["original_start"],
                  all_day=activity.all_day, minutes=activity.duration_minutes,
                  location=activity.location, category=activity.category,
                  notes=activity.notes, reminders=activity.reminders, zone=zone)
        _add_outcome(event, change["status"], change["rating"], change["reflection"])
        events.append(event)
    return events


def _rrule_value(rule: str):
    from icalendar import vRecur

    return vRecur.from_ical(rule)


def build(snapshots: Iterable[ActivitySnapshot], *, now: dt.datetime | None = None) -> bytes:
    """An iCalendar document holding the given activities."""
    now = now or dt.datetime.now(dt.UTC).replace(microsecond=0)
    calendar = Calendar()
    calendar.add("PRODID", f"-//{APP_NAME}//{APP_NAME} {__version__}//EN")
    calendar.add("VERSION", "2.0")
    calendar.add("CALSCALE", "GREGORIAN")
    first = last = None
    for snapshot in snapshots:
        for event in _events_for(snapshot, now):
            calendar.add_component(event)
        start = snapshot.activity.start.date()
        first = start if first is None or start < first else first
        last = start if last is None or start > last else last
    if first is not None:
        # Zone definitions must cover every date an occurrence can have; open-ended
        # series are covered ten years past the latest start.
        calendar.add_missing_timezones(
            first_date=first - dt.timedelta(days=366),
            last_date=max(last, now.date()) + dt.timedelta(days=3653),
        )
        # The library adds them in the order of a set, which changes from run to run:
        # sorted by TZID, the same plans always make the same file.
        zones = sorted((part for part in calendar.subcomponents if part.name == "VTIMEZONE"),
                       key=lambda part: str(part.get("TZID", "")))
        calendar.subcomponents[:] = zones + [part for part in calendar.subcomponents
                                             if part.name != "VTIMEZONE"]
    return calendar.to_ical()


def export_file(path: str | Path, activity_ids: Iterable[int] | None = None) -> int:
    """Write the given activities (all when None) to `path`; return how many. The file goes
    through `app.output_file`: "-" is standard output, a device or FIFO is written in place,
    a symlink is followed, an ordinary file is replaced atomically."""
    check_output(path)
    if activity_ids is None:
        ids = [activity.id for activity in store.list_activities()]
    else:
        ids = list(activity_ids)
    snapshots = [store.snapshot_activity(activity_id) for activity_id in ids]
    write_output(path, build(snapshots))
    log.info("exported %s activities to a calendar file", len(snapshots))
    return len(snapshots)
