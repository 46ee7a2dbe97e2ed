"""Read iCalendar (.ics) files with the icalendar library (writing: `ics_writing`).

Reading turns every VEVENT into an `ImportedEvent` (wall-clock times in a named zone, the
RRULE, EXDATEs and RECURRENCE-ID overrides as per-occurrence changes, each VALARM as a
reminder) or into a reason it was skipped, and checks each event once
(`rules.check_event`) as it leaves. Nothing here touches the database:
`app.calendar.importing.import_events` stores the result in one transaction. Whatever a
file holds, reading it is bounded: `ics_reading` reads the bytes, `ics_outline` cuts the
text down to what Hearth reads, `ics_zones` resolves its time zones, and the parser takes
the events a piece at a time; reading and storing stop once their work outruns a budget
(`ics_budget`) that grows with each event and occurrence change parsed, read and
stored.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from icalendar import Calendar, Event

from app.calendar import ics_outline, ics_reading, ics_zones, importing, rule_checks, zones
from app.calendar.ics_budget import Budget
from app.calendar.ics_reading import (  # noqa: F401  (callers use them through this module)
    MAX_FILE_BYTES,
    IcsError,
    display_name,
)
from app.calendar.ics_writing import (  # noqa: F401  (callers use them through this module)
    X_CATEGORY,
    X_RATING,
    X_REFLECTION,
    X_STATUS,
    build,
    export_file,
)
from app.calendar.rules import categories, check_event
from app.calendar.types import (
    DEFAULT_DURATION_MINUTES,
    LOCATION_MAX,
    NOTES_MAX,
    OTHER_CATEGORY,
    REFLECTION_MAX,
    REMINDER_MAX_MINUTES,
    REMINDERS_MAX,
    STATUSES,
    TITLE_MAX,
    ActivityInput,
    ImportedChange,
    ImportedEvent,
    ImportSummary,
)
from app.calendar.until import localize_until
from app.content.categories import category_label

log = logging.getLogger(__name__)

# The parser takes this much text at a time, so the time is looked at every second or
# so even for the costliest lines.
PIECE_CHARS = 64 * 1024
UNTITLED = "Untitled event"


@dataclass(frozen=True)
class ParsedCalendar:
    events: tuple[ImportedEvent, ...]
    skipped: tuple[str, ...]
    warnings: tuple[str, ...]


# ----------------------------------------------------------------------------- reading


def read_file(path: str | Path) -> bytes:
    """The file's bytes ("-": standard input), refusing in words what cannot be read."""
    return ics_reading.read_file(path)


def parse(data: bytes, *, name: str = "The file", local_zone: str | None = None,
          clock: Callable[[], float] = time.thread_time) -> ParsedCalendar:
    """Read calendar bytes into events; raises IcsError when the file as a whole is broken
    or takes more work to read than its budget (`ics_budget`) allows."""
    return _parse(data, name, local_zone, Budget(name, clock))


def _parse(data: bytes, name: str, local_zone: str | None, budget: Budget
           ) -> ParsedCalendar:
    calendars = ics_outline.outline(data, name)
    if not calendars:
        raise IcsError(f"{name} holds no calendar.")
    local_zone = local_zone or zones.local_timezone()
    vtimezones = {}
    masters: dict[str, Event] = {}
    overrides: dict[str, list[Event]] = {}
    skipped: list[str] = []
    warnings: list[str] = []
    order: list[str] = []
    floating: dict[str, str] = {}
    with ics_zones.reading_zones():
        for calendar in calendars:
            budget.check()
            head = _parse_text(calendar.header, calendar.timezones, name)
            # Floating times mean "local time"; the calendar's declared zone (a widely used
            # extension) says whose.
            declared = str(head.get("X-WR-TIMEZONE", "")).strip()
            calendar_zone = (zones.canonical_zone(declared)
                             if zones.is_zone(declared) else local_zone)
            for component in head.walk("VTIMEZONE"):
                vtimezones[str(component.get("TZID", ""))] = component
            place = 0
            for piece in ics_outline.pieces(calendar.events, PIECE_CHARS):
                budget.check()
                for event in _parse_text(calendar.header, piece, name).walk("VEVENT"):
                    budget.earn(1 + _exdate_count(event))
                    problem, place = calendar.problems.get(place), place + 1
                    if problem:
                        skipped.append(f"{_label(event)}: {problem}")
                        continue
                    uid = str(event.get("UID", "")).strip() or _made_up_uid(event)
                    if event.get("RECURRENCE-ID") is not None:
                        overrides.setdefault(uid, []).append(event)
                        continue
                    if uid in masters:
                        skipped.append(f"{_label(event)}: the file holds it twice (same UID)")
                        continue
                    masters[uid] = event
                    floating[uid] = calendar_zone
                    order.append(uid)
    events = []
    for uid in order:
        event = masters[uid]
        # This event and its occurrence changes (the overrides were steps of parsing).
        budget.step(1 + _exdate_count(event) + len(overrides.get(uid, ())))
        try:
            imported, notes = _read_event(uid, event, overrides.pop(uid, []), vtimezones,
                                          floating[uid])
        except _Skip as reason:
            skipped.append(f"{_label(event)}: {reason}")
            continue
        except Exception:  # a file can hold anything; one odd event is not the import
            log.warning("calendar event not read", exc_info=True)
            skipped.append(f"{_label(event)}: it could not be read")
            continue
        events.append(imported)
        warnings.extend(f"{_label(event)}: {note}" for note in notes)
    for lonely in overrides.values():
        skipped.append(f"{_label(lonely[0])}: a changed occurrence of a repeating event "
                       "that is not in the file")
    return ParsedCalendar(tuple(events), tuple(skipped), tuple(warnings))


def _parse_text(header: list[str], components: list[str], name: str) -> Calendar:
    """One calendar made of `header` lines and `components`, as the parser reads it."""
    text = "".join(["BEGIN:VCALENDAR\r\n", *(line + "\r\n" for line in header),
                    *components, "END:VCALENDAR\r\n"])
    try:
        return Calendar.from_ical(text)
    except Exception as exc:  # the parser's own code meeting a file it cannot take
        log.info("calendar file not parsed", exc_info=True)
        raise IcsError(f"{name} is not a valid calendar file: {_short(exc)}.") from None


def _exdate_count(event: Event) -> int:
    """How many dates an event's EXDATEs cancel: each is a step of the import's budget."""
    values = event.get("EXDATE")
    if values is None:
        return 0
    return sum(len(getattr(item, "dts", ())) or 1
               for item in (values if isinstance(values, list) else [values]))


class _Skip(Exception):
    """An event that cannot be imported; the message says why."""


def _short(exc: Exception) -> str:
    """An error's first line, short: parser messages quote the line they failed on."""
    text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return text[:60].rstrip(". ") + ("…" if len(text) > 60 else "")


def _label(event: Event) -> str:
    title = str(event.get("SUMMARY", "")).strip() or UNTITLED
    if len(title) > 60:
        title = title[:59] + "…"
    return f'"{title}"'


def _when(value, what: str) -> dt.date:
    """The date or date-time a property holds, if it is one Hearth can convert between
    zones and store (the years around those Hearth handles)."""
    moment = getattr(value, "dt", value)
    if not isinstance(moment, dt.date):
        raise _Skip(f"its {what} is not a date or a date and time")
    if not rule_checks.FIRST_YEAR - 1 <= moment.year <= rule_checks.LAST_YEAR + 1:
        raise _Skip(f"its {what} is outside the years {rule_checks.FIRST_YEAR} to "
                    f"{rule_checks.LAST_YEAR}")
    return moment


def _made_up_uid(event: Event) -> str:
    """A stable UID for an event without one, so importing it twice adds it once."""
    basis = "|".join(str(event.get(name, "")) for name in ("SUMMARY", "DTSTART", "DTEND",
                                                           "RRULE", "LOCATION"))
    return "import-" + hashlib.sha256(basis.encode("utf-8")).hexdigest()[:24] + "@hearth"


def _check_errors(event: Event) -> None:
    errors = getattr(event, "errors", None) or []
    for prop, message in errors:
        if prop is None:
            raise _Skip("one of its lines cannot be read")
        name = str(prop).upper()
        if name == "RRULE":
            raise _Skip(f"its repeat rule is not valid ({_short(Exception(message))})")
        if name in ("DTSTART", "DTEND", "DURATION", "RECURRENCE-ID", "EXDATE"):
            raise _Skip(f"its {name} is not a valid date ({_short(Exception(message))})")


def _wall(value, zone: str, start_time: dt.time, what: str) -> dt.datetime:
    """Any DTSTART-like value as naive wall-clock in `zone` (dates at `start_time`)."""
    moment = _when(value, what)
    if isinstance(moment, dt.datetime):
        if moment.tzinfo is None:
            return moment.replace(second=0, microsecond=0)
        local = moment.astimezone(zones.zone_info(zone)).replace(tzinfo=None)
        return local.replace(second=0, microsecond=0)
    return dt.datetime.combine(moment, start_time)


def _start_of(event: Event, vtimezones: dict, local_zone: str):
    value = event.get("DTSTART")
    if value is None:
        raise _Skip("it has no start date (DTSTART)")
    if isinstance(value, list) or not hasattr(value, "dt"):
        raise _Skip("its start date (DTSTART) is not valid")
    moment = _when(value, "start (DTSTART)")
    all_day = not isinstance(moment, dt.datetime)
    try:
        zone, named = ics_zones.zone_of(value, vtimezones, local_zone)
    except ics_zones.UnusableZone as reason:
        raise _Skip(str(reason)) from None
    if all_day:
        start = dt.datetime.combine(moment, dt.time())
    elif named:
        start = moment.replace(tzinfo=None, second=0, microsecond=0)
        if moment.tzinfo is not None and zone != getattr(moment.tzinfo, "key", zone):
            # The file's own VTIMEZONE said what the time is; keep that moment.
            start = _wall(value, zone, dt.time(), "start (DTSTART)")
    else:
        start = _wall(value, zone, dt.time(), "start (DTSTART)")
    return start, all_day, zone


def _minutes_of(event: Event, start: dt.datetime, all_day: bool, zone: str) -> int:
    end_value = event.get("DTEND")
    duration = event.get("DURATION")
    if end_value is not None and hasattr(end_value, "dt"):
        if all_day:
            end_day = _when(end_value, "end (DTEND)")
            if isinstance(end_day, dt.datetime):
                end_day = end_day.date()
            days = (end_day - start.date()).days
            if days < 0:
                raise _Skip("it ends before it starts")
            return max(days, 1) * 1440
        end = _wall(end_value, zone, start.time(), "end (DTEND)")
        minutes = int((end - start).total_seconds() // 60)
        if minutes < 0:
            raise _Skip("it ends before it starts")
        return minutes or DEFAULT_DURATION_MINUTES
    if duration is not None and hasattr(duration, "dt") and isinstance(duration.dt,
                                                                       dt.timedelta):
        minutes = int(duration.dt.total_seconds() // 60)
        if minutes < 0:
            raise _Skip("its duration is negative")
        if all_day:
            return max(1, -(-minutes // 1440)) * 1440
        return minutes or DEFAULT_DURATION_MINUTES
    return 1440 if all_day else DEFAULT_DURATION_MINUTES


def _reminders_of(event: Event, start: dt.datetime, minutes: int, zone: str
                  ) -> tuple[int, ...]:
    """Every VALARM that comes from the start to four weeks before it, as minutes
    before the start, each once, smallest first (alarms after the start are left out)."""
    found: set[int] = set()
    for alarm in event.walk("VALARM"):
        trigger = alarm.get("TRIGGER")
        if trigger is None or not hasattr(trigger, "dt"):
            continue
        if isinstance(trigger.dt, dt.timedelta):
            offset = trigger.dt
            if str(trigger.params.get("RELATED", "START")).upper() == "END":
                offset += dt.timedelta(minutes=minutes)
            lead = int(-offset.total_seconds() // 60)
        elif isinstance(trigger.dt, dt.datetime):
            try:
                when = _wall(trigger, zone, start.time(), "reminder")
            except _Skip:
                continue
            lead = int((start - when).total_seconds() // 60)
        else:
            continue
        if 0 <= lead <= REMINDER_MAX_MINUTES:
            found.add(lead)
    return tuple(sorted(found)[:REMINDERS_MAX])


def _text(event: Event, name: str, limit: int) -> str:
    value = event.get(name)
    if value is None:
        return ""
    if isinstance(value, list):
        value = value[0]
    text = str(value).replace("\r\n", "\n").strip()
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _category_of(event: Event) -> str:
    known = categories()
    own = str(event.get(X_CATEGORY, "")).strip()
    if own in known:
        return own
    by_label = {category_label(key).casefold(): key for key in known}
    values = event.get("CATEGORIES")
    if values is None:
        return OTHER_CATEGORY
    for item in values if isinstance(values, list) else [values]:
        for category in getattr(item, "cats", [item]):
            name = str(category).strip()
            if name in known:
                return name
            if name.casefold() in by_label:
                return by_label[name.casefold()]
    return OTHER_CATEGORY


def _outcome_of(event: Event) -> tuple[bool, str, int | None, str]:
    """(present, status, rating, reflection) from Hearth's own properties."""
    status = str(event.get(X_STATUS, "")).strip().lower()
    if status not in STATUSES:
        return False, "planned", None, ""
    rating = None
    try:
        rating = int(str(event.get(X_RATING, "")).strip())
    except ValueError:
        rating = None
    if status != "done" or rating is None or not 1 <= rating <= 5:
        rating = None
    reflection = _text(event, X_REFLECTION, REFLECTION_MAX)
    return True, status, rating, reflection


def _content(event: Event, vtimezones: dict, local_zone: str,
             zone: str | None = None) -> ActivityInput:
    """An event's own fields as input (in `zone` when given: an override is read in the
    series' zone)."""
    start, all_day, own_zone = _start_of(event, vtimezones, local_zone)
    if zone is not None and zone != own_zone and not all_day:
        start = _wall(event.get("DTSTART"), zone, dt.time(), "start (DTSTART)")
    zone = zone or own_zone
    minutes = _minutes_of(event, start, all_day, zone)
    return ActivityInput(
        title=_text(event, "SUMMARY", TITLE_MAX) or UNTITLED,
        start=start,
        all_day=all_day,
        duration_minutes=minutes,
        location=", ".join(line.strip() for line in _text(
            event, "LOCATION", LOCATION_MAX).splitlines() if line.strip()),
        category=_category_of(event),
        notes=_text(event, "DESCRIPTION", NOTES_MAX),
        reminders=_reminders_of(event, start, minutes, zone),
        rrule=None,
        timezone=zone,
    )


def _read_event(uid: str, event: Event, overrides: list[Event], vtimezones: dict,
                local_zone: str) -> tuple[ImportedEvent, list[str]]:
    _check_errors(event)
    if str(event.get("STATUS", "")).upper() == "CANCELLED":
        raise _Skip("it was cancelled")
    notes: list[str] = []
    data = _content(event, vtimezones, local_zone)
    unknown = ics_zones.unknown_zone(event.get("DTSTART"), vtimezones)
    if unknown is not None:
        notes.append(f'its time zone "{unknown}" is not one Hearth knows, so its times '
                     f"were read as {data.timezone} time")
    rules = event.get("RRULE")
    if isinstance(rules, list):
        raise _Skip("it has more than one repeat rule, which Hearth does not support")
    has, status, rating, reflection = _outcome_of(event)
    if rules is not None:
        try:
            data = replace(data, rrule=localize_until(
                rules.to_ical().decode("utf-8"), data.timezone, all_day=data.all_day))
        except rule_checks.RuleError as exc:
            raise _Skip(f"its repeat rule cannot be used: {str(exc).rstrip('.')}") from None
    elif data.timezone == "UTC" and local_zone != "UTC" and not data.all_day and not has:
        # A one-off another app wrote in UTC is simply a moment: show and edit it in local
        # time. Hearth's own files (they carry its outcome) keep the zone it was saved in.
        data = replace(data, start=zones.to_zone(data.start, "UTC", local_zone),
                       timezone=local_zone)
    if event.get("RDATE") is not None:
        notes.append("its extra dates (RDATE) were left out")
    changes: dict[dt.datetime, ImportedChange] = {}
    if data.rrule is not None:
        for original in _exdates(event, data):
            changes[original] = ImportedChange(original_start=original, cancelled=True)
        for override in overrides:
            change, has_own = _read_override(override, data, vtimezones, local_zone)
            if change is None:
                notes.append("one changed occurrence could not be read and was left out")
                continue
            has = has or has_own
            changes[change.original_start] = change
        if status != "planned" and data.start not in changes:
            changes[data.start] = ImportedChange(original_start=data.start, status=status,
                                                 rating=rating, reflection=reflection)
        status, rating, reflection = "planned", None, ""
    elif overrides:
        notes.append("changed occurrences of an event that does not repeat were left out")
    # The one check of the whole event, its rule and changes included: what is stored
    # is this result.
    check = check_event(ImportedEvent(
        uid=uid, data=data, status=status, rating=rating, reflection=reflection,
        changes=tuple(sorted(changes.values(), key=lambda change: change.original_start)),
        has_outcomes=has))
    if check.event is None:
        raise _Skip(check.reason)
    return check.event, notes + list(check.notes)


def _exdates(event: Event, data: ActivityInput) -> Iterable[dt.datetime]:
    values = event.get("EXDATE")
    if values is None:
        return []
    found = []
    for item in values if isinstance(values, list) else [values]:
        for value in getattr(item, "dts", [item]):
            found.append(_wall(value, data.timezone, data.start.time(), "EXDATE"))
    return found


def _read_override(event: Event, series: ActivityInput, vtimezones: dict,
                   local_zone: str) -> tuple[ImportedChange | None, bool]:
    try:
        _check_errors(event)
        original = _wall(event.get("RECURRENCE-ID"), series.timezone, series.start.time(),
                         "RECURRENCE-ID")
        has, status, rating, reflection = _outcome_of(event)
        if str(event.get("STATUS", "")).upper() == "CANCELLED":
            return ImportedChange(original_start=original, cancelled=True), has
        content = _content(event, vtimezones, local_zone, zone=series.timezone)
    except _Skip:
        return None, False
    generated = ActivityInput(
        title=series.title, start=original, all_day=series.all_day,
        duration_minutes=series.duration_minutes, location=series.location,
        category=series.category, notes=series.notes,
        reminders=series.reminders, timezone=series.timezone,
    )
    changed = content != generated
    return ImportedChange(original_start=original, data=content if changed else None,
                          status=status, rating=rating, reflection=reflection), has


def import_file(path: str | Path) -> ImportSummary:
    """Read `path` ("-": standard input) and store its events (all or nothing); raises
    IcsError for a file that cannot be read as a whole."""
    return import_data(read_file(path), name=display_name(path))


def import_data(data: bytes, *, name: str, clock: Callable[[], float] = time.thread_time
                ) -> ImportSummary:
    """Store the events of calendar bytes already read, as `import_file` does."""
    budget = Budget(name, clock)
    parsed = _parse(data, name, None, budget)
    summary = importing.import_events(parsed.events, skipped=parsed.skipped,
                                    warnings=parsed.warnings, before_each=budget.step)
    log.info("imported calendar file: %s added, %s updated, %s unchanged, %s skipped",
             summary.added, summary.updated, summary.unchanged, len(summary.skipped))
    return summary
