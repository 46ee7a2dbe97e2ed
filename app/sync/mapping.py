"""Activities as CalDAV resources, and both as one comparable "item".

An item is a flat dict of plain JSON values, the unit the three-way merge works on: the
series fields ("title", "start", "all_day", "duration", "location", "category", "notes",
"rrule", "timezone", "reminders") and one key per changed or cancelled occurrence,
"occ:<original start>", holding "cancelled" or the occurrence's own fields. Reminders are
a list (a plan may have several) and are left out of the item when the couple keeps
reminders on each computer (`reminders=False`).

What never leaves the computer: outcomes (done/skipped), ratings and reflections, and the
occurrences that only carry one of those. A resource is one VEVENT with its RRULE and
EXDATEs plus one VEVENT per RECURRENCE-ID override, all with the same UID.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import hashlib
import re

from icalendar import Alarm, Calendar, Event, Timezone, vRecur

from app import APP_NAME, __version__
from app.calendar import ics, recurrence
from app.calendar.ics_writing import add_time
from app.calendar.until import export_until
from app.services import calendar as service
from app.services.calendar import (
    ActivityInput,
    ActivitySnapshot,
    ImportedChange,
    ImportedEvent,
)
from app.sync.items import CANCELLED, OCCURRENCE

SERIES_FIELDS = ("title", "start", "all_day", "duration", "location", "category", "notes",
                 "rrule", "timezone", "reminders")
OCCURRENCE_FIELDS = ("title", "start", "all_day", "duration", "location", "category",
                     "notes", "reminders")
X_CATEGORY = ics.X_CATEGORY


class Unreadable(Exception):
    """A server resource Hearth cannot use; the message says why."""


def _when(moment: dt.datetime) -> str:
    return moment.isoformat(timespec="minutes")


def _moment(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text)


def occurrence_key(original_start: dt.datetime) -> str:
    return OCCURRENCE + _when(original_start)


def _reminders(source) -> list[int]:
    """The reminders (minutes before the start) of an activity, change row or input."""
    many = source.get("reminders") if isinstance(source, dict) else getattr(
        source, "reminders", None)
    return sorted({int(minutes) for minutes in many or ()})


def _fields(values: dict, *, reminders: bool, series: bool) -> dict:
    found = {
        "title": values["title"],
        "start": _when(values["start"]),
        "all_day": bool(values["all_day"]),
        "duration": int(values["duration_minutes"]),
        "location": values["location"] or "",
        "category": values["category"] or service.OTHER_CATEGORY,
        "notes": values["notes"] or "",
    }
    if series:
        found["rrule"] = values["rrule"]
        found["timezone"] = values["timezone"]
    if reminders:
        found["reminders"] = _reminders(values)
    return found


def from_snapshot(snapshot: ActivitySnapshot, *, reminders: bool = True) -> dict:
    """The item of a stored activity (its outcomes left out)."""
    activity = snapshot.activity
    item = _fields(dataclasses.asdict(activity), reminders=reminders, series=True)
    if activity.rrule is None:
        return item
    for change in snapshot.changes:
        key = occurrence_key(change["original_start"])
        if change["cancelled"]:
            item[key] = CANCELLED
        elif change["overridden"]:
            item[key] = _fields(change, reminders=reminders, series=False)
    return item


def _from_input(data: ActivityInput, *, reminders: bool, series: bool) -> dict:
    return _fields({**dataclasses.asdict(data), "rrule": data.rrule}, reminders=reminders,
                   series=series)


def from_event(event: ImportedEvent, alarms: dict[str | None, list[int]], *,
               reminders: bool = True) -> dict:
    """The item of an event read from the server; `alarms` holds every VALARM lead per
    VEVENT (None for the series, the occurrence key for an override)."""
    item = _from_input(event.data, reminders=reminders, series=True)
    if reminders and None in alarms:
        item["reminders"] = alarms[None]
    if event.data.rrule is None:
        return item
    for change in event.changes:
        key = occurrence_key(change.original_start)
        if change.cancelled:
            item[key] = CANCELLED
        elif change.data is not None:
            fields = _from_input(change.data, reminders=reminders, series=False)
            if reminders and key in alarms:
                fields["reminders"] = alarms[key]
            item[key] = fields
    return item


# ----------------------------------------------------------------------------- to Hearth


def _input(fields: dict, *, series: dict, local_reminders: list[int]) -> ActivityInput:
    reminders = fields.get("reminders", local_reminders)
    values = dict(
        title=fields["title"], start=_moment(fields["start"]), all_day=fields["all_day"],
        duration_minutes=fields["duration"], location=fields["location"],
        category=fields["category"], notes=fields["notes"],
        rrule=fields.get("rrule"), timezone=series["timezone"],
    )
    return ActivityInput(**values, reminders=tuple(reminders))


def to_imported(uid: str, item: dict, local: ActivitySnapshot | None = None) -> ImportedEvent:
    """The event `service.import_events` stores for `item` (keeping the outcomes recorded
    here, and the local reminders when the item does not carry them)."""
    local_item = from_snapshot(local) if local is not None else {}
    data = _input(item, series=item,
                  local_reminders=local_item.get("reminders", []))
    changes = []
    for key, value in sorted(item.items()):
        if not key.startswith(OCCURRENCE):
            continue
        original = _moment(key[len(OCCURRENCE):])
        if value == CANCELLED:
            changes.append(ImportedChange(original_start=original, cancelled=True))
            continue
        own = local_item.get(key)
        kept = own.get("reminders", []) if isinstance(own, dict) else local_item.get(
            "reminders", [])
        changes.append(ImportedChange(
            original_start=original,
            data=_input(value, series=item, local_reminders=kept)))
    return ImportedEvent(uid=uid, data=data, changes=tuple(changes), has_outcomes=False)


# ----------------------------------------------------------------------------- to iCalendar


def _fill(event: Event, fields: dict, zone: str) -> None:
    start = _moment(fields["start"])
    event.add("SUMMARY", fields["title"])
    add_time(event, "DTSTART", start, fields["all_day"], zone)
    add_time(event, "DTEND", start + dt.timedelta(minutes=fields["duration"]),
              fields["all_day"], zone)
    if fields["location"]:
        event.add("LOCATION", fields["location"])
    if fields["notes"]:
        event.add("DESCRIPTION", fields["notes"])
    event.add("CATEGORIES", [service.category_label(fields["category"])])
    event.add(X_CATEGORY, fields["category"])
    for minutes in fields.get("reminders", ()):
        alarm = Alarm()
        alarm.add("ACTION", "DISPLAY")
        alarm.add("DESCRIPTION", fields["title"])
        alarm.add("TRIGGER", dt.timedelta(minutes=-minutes))
        event.add_component(alarm)


def _rule(rule: str, all_day: bool, zone: str) -> vRecur:
    return vRecur.from_ical(export_until(rule, all_day=all_day, zone=zone))


def to_ical(uid: str, item: dict, *, now: dt.datetime | None = None) -> str:
    """The resource text for `item`: a VCALENDAR with the series, its overrides and the
    time zones they use."""
    return to_calendar(uid, item, now=now).to_ical().decode("utf-8")


def to_calendar(uid: str, item: dict, *, now: dt.datetime | None = None) -> Calendar:
    """The VCALENDAR of `to_ical` (its VTIMEZONEs are shared: only ever read them)."""
    now = now or dt.datetime.now(dt.UTC).replace(microsecond=0)
    zone = item["timezone"]
    calendar = Calendar()
    calendar.add("PRODID", f"-//{APP_NAME}//{APP_NAME} {__version__}//EN")
    calendar.add("VERSION", "2.0")
    master = Event()
    master.add("UID", uid)
    master.add("DTSTAMP", now)
    _fill(master, item, zone)
    calendar.add_component(master)
    overrides = []
    if item.get("rrule"):
        master.add("RRULE", _rule(item["rrule"], item["all_day"], zone))
        for key, value in sorted(item.items()):
            if not key.startswith(OCCURRENCE):
                continue
            original = _moment(key[len(OCCURRENCE):])
            if value == CANCELLED:
                add_time(master, "EXDATE", original, item["all_day"], zone)
                continue
            event = Event()
            event.add("UID", uid)
            event.add("DTSTAMP", now)
            add_time(event, "RECURRENCE-ID", original, item["all_day"], zone)
            _fill(event, value, zone)
            overrides.append(event)
    for event in overrides:
        calendar.add_component(event)
    # Zone definitions cover a year before the start to ten years past now (or the start);
    # they are the same for every plan of a year in a zone, so they are made once.
    start_year = _moment(item["start"]).year
    for tzid in sorted(calendar.get_missing_tzids()):
        zone_text = _vtimezone(tzid, start_year - 1, max(start_year, now.year) + 10)
        if zone_text is not None:
            calendar.subcomponents.insert(0, zone_text)
    return calendar


@functools.lru_cache(maxsize=256)
def _vtimezone(tzid: str, first_year: int, last_year: int) -> Timezone | None:
    """The zone's VTIMEZONE, shared by every resource that uses it (only ever read)."""
    try:
        return Timezone.from_tzid(tzid, first_date=dt.date(first_year, 1, 1),
                                  last_date=dt.date(last_year, 12, 31))
    except ValueError:  # a zone the library cannot describe goes without a definition
        return None


# ----------------------------------------------------------------------------- from iCalendar


def read_resource(text: str, *, name: str, reminders: bool = True,
                  notes: list[str] | None = None) -> tuple[str, dict]:
    """(uid, item) of one server resource; raises Unreadable with the reason when the
    resource holds no event Hearth can use. What was read only in part (a time zone
    Hearth does not know, read as local time) is added to `notes`, as import-ics warns."""
    data = text.encode("utf-8", "replace")
    try:
        parsed = ics.parse(data, name=name)
    except ics.IcsError as exc:
        raise Unreadable(str(exc)) from None
    if not parsed.events:
        reason = parsed.skipped[0] if parsed.skipped else f"{name} holds no event"
        raise Unreadable(reason)
    if len(parsed.events) > 1:
        raise Unreadable(f"{name} holds {len(parsed.events)} different events")
    event = parsed.events[0]
    if notes is not None:
        notes.extend(parsed.warnings)
    return event.uid, from_event(event, _alarms(data, event) if reminders else {},
                                 reminders=reminders)


def _alarms(data: bytes, event: ImportedEvent) -> dict[str | None, list[int]]:
    """Every reminder lead of the resource's VEVENTs (the reader keeps only the first)."""
    found: dict[str | None, list[int]] = {}
    try:
        calendar = Calendar.from_ical(data)
    except Exception:  # ics.parse read it; a second parser's opinion is only a bonus
        return found
    zone = event.data.timezone
    for vevent in calendar.walk("VEVENT"):
        leads = {lead for alarm in vevent.walk("VALARM")
                 if (lead := alarm_lead(alarm)) is not None}
        recurrence_id = vevent.get("RECURRENCE-ID")
        key = None if recurrence_id is None else override_key(
            recurrence_id, event.data.start, zone)
        if key is not False:
            found[key] = sorted(leads)
    return found


def alarm_lead(alarm) -> int | None:
    """The reminder (minutes before the start) a VALARM is read as, None if none."""
    offset = getattr(alarm.get("TRIGGER"), "dt", None)
    if not isinstance(offset, dt.timedelta):
        return None
    lead = int(-offset.total_seconds() // 60)
    return lead if 0 <= lead <= service.REMINDER_MAX_MINUTES else None


def override_key(recurrence_id, start: dt.datetime, zone: str) -> str | bool:
    """The occurrence key of a RECURRENCE-ID in a series starting at `start` in `zone`
    (False when it names no time)."""
    value = getattr(recurrence_id, "dt", None)
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(recurrence.zone_info(zone)).replace(tzinfo=None)
        return occurrence_key(value.replace(second=0, microsecond=0))
    if isinstance(value, dt.date):
        return occurrence_key(dt.datetime.combine(value, start.time()))
    return False


# ----------------------------------------------------------------------------- hrefs

_SAFE = re.compile(r"[^A-Za-z0-9_.-]+")


def resource_name(uid: str) -> str:
    """The file name a new resource gets: derived from the UID alone, so a create whose
    reply was lost is retried at the same place and can never make a second copy."""
    readable = _SAFE.sub("-", uid)[:60].strip("-.") or "event"
    digest = hashlib.sha256(uid.encode("utf-8")).hexdigest()[:12]
    return f"{readable}-{digest}.ics"
