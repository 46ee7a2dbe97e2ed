"""A plan written over the server's own copy of its resource, so that what other calendar
apps put there and Hearth does not show (a URL, attendees, a colour, their own categories
and alarms, X- properties, other components) stays on the server.

What Hearth owns, in the series VEVENT and in each RECURRENCE-ID override it writes:
UID, DTSTAMP and RECURRENCE-ID; SUMMARY; DTSTART, DTEND and DURATION; LOCATION;
DESCRIPTION; X-HEARTH-CATEGORY and the CATEGORIES values that name one of its categories;
RRULE and EXDATE (the series); STATUS where it cancels an override; and, when reminders are
shared, the VALARMs it reads as reminders. A field unchanged since the server's copy (as
Hearth reads that copy) leaves its properties exactly as the server had them; a changed
one replaces them with Hearth's. LAST-MODIFIED, where there is one, becomes the time of
this write. Outcomes, ratings and reflections are never written, whoever put them there.
Everything else stays as it was. Overrides Hearth no longer has go (a cancellation made
with an override stays while the occurrence is still cancelled); new ones are added.
VTIMEZONEs still referenced stay, Hearth's are added for the zones it needs, others go.

The result must read back as exactly what Hearth's own rendering reads as. When it would
not, or the stored copy cannot be used at all, the resource is written from Hearth's
fields alone (as without a stored copy) and a warning is logged.
"""

from __future__ import annotations

import datetime as dt
import logging

from icalendar import Calendar, Event, vCategory, vText

from app.calendar import ics
from app.calendar.rules import categories
from app.content.categories import category_label
from app.sync import mapping
from app.sync.items import CANCELLED, OCCURRENCE
from app.sync.state import SERVER_TEXT_MAX

log = logging.getLogger(__name__)

NEVER_WRITTEN = (ics.X_STATUS, ics.X_RATING, ics.X_REFLECTION)
ALWAYS = ("UID", "DTSTAMP", "RECURRENCE-ID")
TIME = ("DTSTART", "DTEND", "DURATION")
REPEAT = ("RRULE", "EXDATE")
TEXTS = {"title": "SUMMARY", "location": "LOCATION", "notes": "DESCRIPTION"}
_NAME = "The server's copy"


class _Unusable(Exception):
    """The stored copy cannot be written over; the message says why."""


def resource_text(uid: str, item: dict, stored: str | None, *, reminders: bool,
                  now: dt.datetime | None = None) -> str:
    """The text to write for `item`: over `stored` (the server's text of the version
    being replaced) when there is one that can be used, else from Hearth's fields."""
    fresh = mapping.to_calendar(uid, item, now=now)
    text = fresh.to_ical().decode("utf-8")
    if not stored:  # none known, or one too large to keep (state.NOT_KEPT)
        return text
    try:
        if len(stored) > SERVER_TEXT_MAX:
            raise _Unusable(f"it is {len(stored)} characters long")
        kept = _merged(stored, fresh, uid, item, reminders=reminders)
        if _meaning(kept, reminders) != _meaning(text, reminders):
            raise _Unusable("written over, it would not read as Hearth's version")
    except (_Unusable, mapping.Unreadable) as reason:
        _fall_back(uid, str(reason))
        return text
    except Exception:  # the server's text can hold anything: never a reason to stop
        log.warning("the server's copy of %s could not be kept", uid[:80], exc_info=True)
        return text
    return kept


def _fall_back(uid: str, reason: str) -> None:
    log.warning("the server's copy of %s was not kept (%s); written from Hearth's fields",
                uid[:80], reason[:200])


def _meaning(text: str, reminders: bool) -> tuple[str, dict]:
    return mapping.read_resource(text, name=_NAME, reminders=reminders)


def _moment(item: dict) -> dt.datetime:
    return dt.datetime.fromisoformat(item["start"])


def _uid(component) -> str:
    return str(component.get("UID", "")).strip()


def _cancelled(component) -> bool:
    return str(component.get("STATUS", "")).strip().upper() == "CANCELLED"


def _cancellations(item: dict) -> set[str]:
    return {key for key, value in item.items()
            if key.startswith(OCCURRENCE) and value == CANCELLED}


def _merged(stored: str, fresh: Calendar, uid: str, item: dict, *, reminders: bool) -> str:
    old_uid, old = mapping.read_resource(stored, name=_NAME, reminders=reminders)
    if old_uid != uid:
        raise _Unusable("it holds another event")
    server = Calendar.from_ical(stored)
    if getattr(server, "name", None) != "VCALENDAR":
        raise _Unusable("it holds no calendar")
    wanted: dict[str | None, Event] = {}
    for event in fresh.walk("VEVENT"):
        rid = event.get("RECURRENCE-ID")
        wanted[None if rid is None else mapping.override_key(
            rid, _moment(item), item["timezone"])] = event
    moved = (old["timezone"], old["all_day"]) != (item["timezone"], item["all_day"])
    zones, components, done = [], [], set()
    keys = _keys(server, uid, old, item, wanted)
    for component in server.subcomponents:
        if component.name == "VTIMEZONE":
            zones.append(component)
            continue
        if id(component) not in keys:
            components.append(component)  # not Hearth's: kept as it is
            continue
        was_key, key = keys[id(component)]
        if key in done:
            continue
        if key in wanted:
            done.add(key)
            was = old if key is None else old.get(was_key)
            _event(component, wanted[key], was if isinstance(was, dict) else None,
                   item if key is None else item[key], old=old, item=item,
                   series=key is None, reminders=reminders)
            components.append(component)
        elif (key == was_key and key is not None and not moved
              and item.get(key) == CANCELLED and _cancelled(component)):
            done.add(key)  # the server's own way of cancelling it, still cancelled
            for name in NEVER_WRITTEN:
                component.pop(name, None)
            components.append(component)
    components.extend(event for key, event in wanted.items() if key not in done)
    server.subcomponents = components  # first without zones: which ones are referenced
    server.subcomponents = _zones(server, zones, fresh) + components
    server["PRODID"] = fresh["PRODID"]
    return server.to_ical().decode("utf-8")


def _keys(server: Calendar, uid: str, old: dict, item: dict, wanted: dict
          ) -> dict[int, tuple]:
    """(key as the server had it, key now) of each of the server's VEVENTs of `uid`, by
    id. A series whose rule or start changed moved each changed occurrence to the new
    time on its day; so an override not found at its own key is found there."""
    found: dict[int, tuple] = {}
    for component in server.subcomponents:
        if component.name != "VEVENT" or _uid(component) != uid:
            continue
        rid = component.get("RECURRENCE-ID")
        key = None if rid is None else mapping.override_key(rid, _moment(old),
                                                            old["timezone"])
        found[id(component)] = (key, key)
    if (old.get("rrule"), old["start"]) == (item.get("rrule"), item["start"]):
        return found
    taken = {key for key, _same in found.values()}
    for ident, (key, _same) in found.items():
        if not isinstance(key, str) or key in wanted:
            continue
        day = dt.datetime.fromisoformat(key[len(OCCURRENCE):]).date()
        moved = mapping.occurrence_key(dt.datetime.combine(day, _moment(item).time()))
        if moved in wanted and moved not in taken:
            found[ident] = (key, moved)
            taken.add(moved)
    return found


def _zones(server: Calendar, stored: list, fresh: Calendar) -> list:
    """The VTIMEZONEs the resource references: the server's own first, then Hearth's."""
    used = server.get_used_tzids()
    found, have = [], set()
    for zone in [*stored, *fresh.walk("VTIMEZONE")]:
        tzid = str(zone.get("TZID", ""))
        if tzid in used and tzid not in have:
            found.append(zone)
            have.add(tzid)
    return found


def _take(target: Event, source: Event, *names: str) -> None:
    """`names` as `source` has them (none where it has none)."""
    for name in names:
        target.pop(name, None)
    for name in names:
        if name in source:
            target[name] = source[name]


def _event(target: Event, source: Event, was: dict | None, now: dict, *, old: dict,
           item: dict, series: bool, reminders: bool) -> None:
    """Hearth's fields `now` (rendered in `source`) over the server's VEVENT `target`,
    whose fields Hearth read as `was` (None: not known); `old` and `item` are the whole
    items, as the server had it and as it is written."""

    def changed(*fields: str) -> bool:
        return was is None or any(was.get(name) != now.get(name) for name in fields)

    moved = any(old.get(name) != item.get(name) for name in ("timezone", "all_day"))
    _take(target, source, *ALWAYS)
    for field, name in TEXTS.items():
        if changed(field):
            _take(target, source, name)
    if changed("start", "all_day", "duration") or moved:
        _take(target, source, *TIME)
    if changed("category"):
        _categories(target, source)
    if series and (changed("rrule") or moved or _cancellations(old) != _cancellations(item)):
        _take(target, source, *REPEAT)
    if reminders:
        _alarms(target, source, was, now, again=changed("reminders"))
    for name in NEVER_WRITTEN:
        target.pop(name, None)
    if not series and _cancelled(target):
        target.pop("STATUS")
    if "LAST-MODIFIED" in target:
        target.pop("LAST-MODIFIED")
        target.add("LAST-MODIFIED", source.decoded("DTSTAMP"))


def _known() -> set[str]:
    keys = categories()
    return {key.casefold() for key in keys} | {category_label(key).casefold() for key in keys}


def _categories(target: Event, source: Event) -> None:
    """Hearth's category in place of any other of its own, the server's other values kept
    (each CATEGORIES line with its parameters)."""
    known = _known()
    values = target.pop("CATEGORIES", None)
    theirs = []
    for value in values if isinstance(values, list) else [] if values is None else [values]:
        names = getattr(value, "cats", None)
        if names is None:
            if str(value).strip().casefold() not in known:
                theirs.append(value)
            continue
        left = [name for name in names if str(name).strip().casefold() not in known]
        if left:
            theirs.append(vCategory(left, params=value.params))
    ours = source.get("CATEGORIES")
    every = [*(ours if isinstance(ours, list) else [ours] if ours is not None else []),
             *theirs]
    if every:
        target["CATEGORIES"] = every if len(every) > 1 else every[0]
    _take(target, source, ics.X_CATEGORY)


def _alarms(target: Event, source: Event, was: dict | None, now: dict, *,
            again: bool) -> None:
    """The VALARMs Hearth reads as reminders follow `now`'s: one per reminder still
    wanted stays as the server had it, the others go, and Hearth's own are added for the
    reminders no alarm gives yet. Alarms Hearth does not read are left alone; a display
    alarm showing the old title shows the new one."""
    if again:
        wanted = set(now.get("reminders", ()))
        covered: set[int] = set()
        kept = []
        for component in target.subcomponents:
            lead = mapping.alarm_lead(component) if component.name == "VALARM" else None
            if lead is not None and lead not in wanted:
                continue
            kept.append(component)
            if lead is not None:
                covered.add(lead)
        for alarm in source.walk("VALARM"):
            lead = mapping.alarm_lead(alarm)
            if lead not in covered:
                kept.append(alarm)
                covered.add(lead)
        target.subcomponents = kept
    if was is None or was.get("title") == now.get("title"):
        return
    for alarm in target.subcomponents:
        if (alarm.name == "VALARM" and str(alarm.get("ACTION", "")).upper() == "DISPLAY"
                and str(alarm.get("DESCRIPTION", "")) == was.get("title")):
            alarm["DESCRIPTION"] = vText(now["title"])
