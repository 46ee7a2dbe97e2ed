"""Calendar use cases: plan, change, expand and review quality-time activities.

Times are wall-clock: an activity's `start` is a naive `datetime` meant in its named
`timezone` (zoneinfo key), so "Friday 19:00" stays 19:00 across daylight saving. Queries
return occurrences as naive wall-clock times in the display zone (`tz=`, default: this
computer's zone). All-day occurrences start at midnight and their `end` is exclusive
(the midnight after the last day).

A recurring activity is a series with an RFC 5545 RRULE. Changing one occurrence stores an
override keyed by the occurrence's original start (its RECURRENCE-ID); deleting one stores a
cancellation (an EXDATE). Marking an occurrence done or skipped stores only its outcome.

Every function returns plain frozen dataclasses; writes raise `ValidationError` (with
`field`) for bad input and `NotFoundError` for an activity that is gone.
"""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
import functools
import logging
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import ClassVar

import peewee

from app.calendar import recurrence
from app.content.decks import IDEA_CATEGORIES
from app.errors import NotFoundError, ValidationError
from app.models.base import shared_db
from app.models.calendar import CalendarActivity, CalendarChange
from app.text import count, is_storable

log = logging.getLogger(__name__)

STATUSES = ("planned", "done", "skipped")
OTHER_CATEGORY = "other"
TITLE_MAX = 200
LOCATION_MAX = 200
NOTES_MAX = 5000
REFLECTION_MAX = 2000
# Four weeks: anything earlier than that is not a reminder any more.
REMINDER_MAX_MINUTES = 4 * 7 * 24 * 60
DEFAULT_DURATION_MINUTES = 60
# A single (timed) occurrence may last at most two weeks; all-day ones at most a year.
TIMED_DURATION_MAX = 14 * 24 * 60
ALL_DAY_DURATION_MAX = 366 * 24 * 60


@dataclass(frozen=True)
class ActivityInput:
    """What the user enters for an activity (or for one changed occurrence).

    `start` is naive wall-clock time in `timezone` ("" means this computer's zone). For an
    all-day activity `start` is midnight of the first day and `duration_minutes` a whole
    number of days (1440 per day). `rrule` is an RFC 5545 RRULE value without the "RRULE:"
    prefix, e.g. "FREQ=WEEKLY;BYDAY=FR"; None means a one-off.
    """

    title: str
    start: dt.datetime
    all_day: bool = False
    duration_minutes: int = DEFAULT_DURATION_MINUTES
    location: str = ""
    category: str = OTHER_CATEGORY
    notes: str = ""
    reminder_minutes: int | None = None
    rrule: str | None = None
    timezone: str = ""

    @property
    def end(self) -> dt.datetime:
        """Exclusive end in the same wall-clock as `start`."""
        return self.start + dt.timedelta(minutes=self.duration_minutes)


@dataclass(frozen=True)
class Activity:
    """A stored activity: a one-off or the master of a recurring series.

    `status`, `rating` and `reflection` are the one-off's outcome; a series keeps each
    occurrence's outcome separately (see `Occurrence`).
    """

    id: int
    uid: str
    title: str
    start: dt.datetime
    all_day: bool
    duration_minutes: int
    location: str
    category: str
    notes: str
    reminder_minutes: int | None
    rrule: str | None
    timezone: str
    status: str
    rating: int | None
    reflection: str
    created_at: dt.datetime
    updated_at: dt.datetime

    @property
    def end(self) -> dt.datetime:
        return self.start + dt.timedelta(minutes=self.duration_minutes)

    @property
    def is_recurring(self) -> bool:
        return self.rrule is not None

    def to_input(self) -> ActivityInput:
        """The editable fields, e.g. to pre-fill a dialog or to `dataclasses.replace`."""
        return ActivityInput(
            title=self.title,
            start=self.start,
            all_day=self.all_day,
            duration_minutes=self.duration_minutes,
            location=self.location,
            category=self.category,
            notes=self.notes,
            reminder_minutes=self.reminder_minutes,
            rrule=self.rrule,
            timezone=self.timezone,
        )


@dataclass(frozen=True, slots=True)
class Occurrence:
    """One happening of an activity, as the calendar shows it.

    (`activity_id`, `original_start`) identifies it: `original_start` is the start the rule
    generated (the RECURRENCE-ID), in the activity's own zone; for a one-off it equals the
    activity's start. `start`/`end` are in the display zone and reflect any override.
    """

    activity_id: int
    uid: str
    title: str
    start: dt.datetime
    end: dt.datetime
    all_day: bool
    category: str
    location: str
    notes: str
    status: str
    rating: int | None
    reflection: str
    reminder_minutes: int | None
    is_recurring: bool
    is_changed: bool
    original_start: dt.datetime
    timezone: str

    @property
    def key(self) -> tuple[int, dt.datetime]:
        return (self.activity_id, self.original_start)

    def to_input(self, rrule: str | None = None) -> ActivityInput:
        """This occurrence's fields as input (for editing just this one, rrule stays None)."""
        return ActivityInput(
            title=self.title,
            start=self.start,
            all_day=self.all_day,
            duration_minutes=int((self.end - self.start).total_seconds() // 60),
            location=self.location,
            category=self.category,
            notes=self.notes,
            reminder_minutes=self.reminder_minutes,
            rrule=rrule,
            timezone=self.timezone,
        )


@dataclass(frozen=True)
class ActivitySnapshot:
    """Everything stored for one activity (series, overrides, cancellations), for undo."""

    activity: Activity
    changes: tuple[dict, ...] = field(default=())


@dataclass(frozen=True)
class Reminder:
    """A reminder that fires at `remind_at` (display-zone wall-clock) for `occurrence`."""

    remind_at: dt.datetime
    occurrence: Occurrence


@dataclass(frozen=True)
class MonthSummary:
    year: int
    month: int
    planned: int
    done: int
    skipped: int

    @property
    def total(self) -> int:
        return self.planned + self.done + self.skipped


@dataclass(frozen=True)
class QualitySummary:
    """The tab's small summary: this month versus last, the streak, and the last year."""

    this_month: MonthSummary
    last_month: MonthSummary
    streak_weeks: int
    per_month: tuple[MonthSummary, ...]


@dataclass(frozen=True)
class ImportedChange:
    """One occurrence of an imported series: cancelled (EXDATE), changed (`data`, read in
    the series' zone), and/or given an outcome."""

    original_start: dt.datetime
    cancelled: bool = False
    data: ActivityInput | None = None
    status: str = "planned"
    rating: int | None = None
    reflection: str = ""


@dataclass(frozen=True)
class ImportedEvent:
    """An event read from a calendar file. `has_outcomes` is False for files from other
    apps: then outcomes recorded in Hearth are kept when the event is updated."""

    uid: str
    data: ActivityInput
    status: str = "planned"
    rating: int | None = None
    reflection: str = ""
    changes: tuple[ImportedChange, ...] = ()
    has_outcomes: bool = False


@dataclass(frozen=True)
class ImportSummary:
    SHOWN_SKIPPED: ClassVar[int] = 3

    added: int
    updated: int
    unchanged: int
    skipped: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()

    def text(self) -> str:
        """One line for people, e.g. 'added 2, updated 1, skipped 1: "Picnic": it has no
        start date (DTSTART)'; past SHOWN_SKIPPED reasons it says how many more."""
        line = f"added {self.added}, updated {self.updated}, skipped {len(self.skipped)}"
        if self.skipped:
            line += ": " + "; ".join(self.skipped[:self.SHOWN_SKIPPED])
            if len(self.skipped) > self.SHOWN_SKIPPED:
                line += f"; and {len(self.skipped) - self.SHOWN_SKIPPED:,} more"
        if self.unchanged:
            line += f" ({self.unchanged} already up to date)"
        return line


class InvalidActivity(ValidationError):
    """Raised by writes when `validate()` finds problems; `errors` holds all of them."""

    def __init__(self, errors: list[ValidationError]):
        first = errors[0]
        super().__init__(first.message, field=first.field)
        self.errors = list(errors)


# ----------------------------------------------------------------------------- API
# Field names used in ValidationError.field: "title", "start", "end", "location",
# "category", "notes", "reminder", "rrule", "timezone", "status", "rating", "reflection".

_PAD_DAYS = 2  # zones differ by at most 26 hours: widen stored-day lookups by this much


def categories() -> tuple[str, ...]:
    """The categories an activity may have: the idea deck's, then "other"."""
    return tuple(key for key, _label in IDEA_CATEGORIES) + (OTHER_CATEGORY,)


def category_label(category: str) -> str:
    """A category's name for people ("Out and about"); "Other" for "other"."""
    return dict(IDEA_CATEGORIES).get(category, "Other")


@functools.cache
def local_timezone() -> str:
    """This computer's zoneinfo key (falls back to "UTC")."""
    try:
        import tzlocal

        name = tzlocal.get_localzone_name()
    except Exception:  # an unreadable system setting must not stop the calendar
        log.warning("could not read the local time zone; using UTC")
        name = None
    return name if name and recurrence.is_zone(name) else "UTC"


def _zone(tz: str | None) -> str:
    return tz or local_timezone()


def _now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


def _minute(moment: dt.datetime) -> dt.datetime:
    return moment.replace(second=0, microsecond=0)


def _clean(data: ActivityInput) -> ActivityInput:
    """Trim text, resolve the zone, and put all-day starts at midnight."""
    start = data.start
    if isinstance(start, dt.datetime) and start.tzinfo is None:
        start = start.replace(hour=0, minute=0) if data.all_day else start
        start = start.replace(second=0, microsecond=0)
    rule = data.rrule.strip() if isinstance(data.rrule, str) else data.rrule
    if isinstance(rule, str) and rule.upper().startswith("RRULE:"):
        rule = rule[6:]
    return replace(
        data,
        title=(data.title or "").strip(),
        start=start,
        location=(data.location or "").strip(),
        category=(data.category or OTHER_CATEGORY).strip(),
        notes=(data.notes or "").rstrip(),
        rrule=rule or None,
        timezone=(data.timezone or "").strip() or local_timezone(),
    )


def validate(data: ActivityInput) -> list[ValidationError]:
    """Every problem with `data`, each naming its field; empty when it can be saved."""
    return normalized(data)[1]


def normalized(data: ActivityInput) -> tuple[ActivityInput, list[ValidationError]]:
    """`data` as it would be stored (text trimmed, zone resolved, repeat rule in its
    normal spelling) and every problem with it, found in one pass: checking a rule can
    search ten years of dates, so callers check once and keep the result."""
    data = _clean(data)
    errors: list[ValidationError] = []

    def problem(field_name: str, message: str) -> None:
        errors.append(ValidationError(message, field=field_name))

    for field_name, value in (("title", data.title), ("location", data.location),
                              ("notes", data.notes), ("timezone", data.timezone),
                              ("rrule", data.rrule or "")):
        if not is_storable(value):
            problem(field_name, "This text contains characters that cannot be saved, probably "
                                "from a broken copy and paste. Retype the part that looks wrong.")
    if errors:
        return data, errors
    if not data.title:
        problem("title", "Give the activity a title.")
    elif len(data.title) > TITLE_MAX:
        problem("title", f"Keep the title to {TITLE_MAX} characters or fewer "
                         f"(it has {len(data.title)}).")
    start_ok = isinstance(data.start, dt.datetime) and data.start.tzinfo is None
    if not start_ok:
        problem("start", "Choose a start date and time.")
    elif not 1900 <= data.start.year <= 2200:
        problem("start", "Choose a start date between the years 1900 and 2200.")
        start_ok = False
    minutes = data.duration_minutes
    if not isinstance(minutes, int) or isinstance(minutes, bool) or minutes <= 0:
        problem("end", "The end must be after the start.")
    elif data.all_day:
        if minutes % 1440:
            problem("end", "An all-day activity lasts whole days.")
        elif minutes > ALL_DAY_DURATION_MAX:
            problem("end", "An all-day activity can last at most a year.")
    elif minutes > TIMED_DURATION_MAX:
        problem("end", "An activity can last at most 14 days; make it all-day if it is longer.")
    if len(data.location) > LOCATION_MAX:
        problem("location", f"Keep the place to {LOCATION_MAX} characters or fewer.")
    if data.category not in categories():
        problem("category", "Choose one of the categories (or Other).")
    if len(data.notes) > NOTES_MAX:
        problem("notes", f"Keep the notes to {NOTES_MAX} characters or fewer.")
    reminder = data.reminder_minutes
    if reminder is not None:
        if not isinstance(reminder, int) or isinstance(reminder, bool):
            problem("reminder", "Choose when to be reminded.")
        elif reminder < 0:
            problem("reminder", "A reminder comes before the activity, not after it.")
        elif reminder > REMINDER_MAX_MINUTES:
            problem("reminder", "A reminder can be at most 4 weeks before.")
    zone_ok = recurrence.is_zone(data.timezone)
    if not zone_ok:
        problem("timezone", f"{data.timezone!r} is not a known time zone.")
    if data.rrule is not None and start_ok:
        try:
            data = replace(data, rrule=recurrence.check_rule(data.rrule, data.start))
        except recurrence.RuleError as exc:
            problem("rrule", str(exc))
    return data, errors


def _checked(data: ActivityInput) -> ActivityInput:
    data, errors = normalized(data)
    if errors:
        raise InvalidActivity(errors)
    return data


def _day_bounds(data: ActivityInput) -> tuple[dt.date, dt.date | None]:
    """First and last day the activity (all its occurrences) can touch, in its zone."""
    duration = dt.timedelta(minutes=data.duration_minutes)
    if data.rrule is None:
        last: dt.datetime | None = data.start
    else:
        last = recurrence.series(data.rrule, data.start).last()
    if last is None:
        return data.start.date(), None
    return data.start.date(), _last_day(last, duration)


def _last_day(start: dt.datetime, duration: dt.timedelta) -> dt.date:
    end = start + duration
    return max(start.date(), (end - dt.timedelta(microseconds=1)).date())


def _row_fields(data: ActivityInput) -> dict:
    first_day, last_day = _day_bounds(data)
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


def _to_activity(row: CalendarActivity) -> Activity:
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


def _row(activity_id: int) -> CalendarActivity:
    row = CalendarActivity.get_or_none(CalendarActivity.id == activity_id)
    if row is None:
        raise NotFoundError("That activity no longer exists.")
    return row


def new_uid() -> str:
    return f"{uuid.uuid4()}@hearth"


def create_activity(data: ActivityInput, *, uid: str | None = None) -> Activity:
    """Save a new activity (or series); `uid` keeps an imported event's identity."""
    data = _checked(data)
    now = _now()
    try:
        with shared_db.atomic():
            row = CalendarActivity.create(
                uid=uid or new_uid(), created_at=now, updated_at=now, **_row_fields(data)
            )
    except peewee.IntegrityError as exc:
        raise ValidationError("An activity with this UID already exists.", field="uid") from exc
    log.info("created activity %s (recurring: %s)", row.id, data.rrule is not None)
    return _to_activity(row)


def get_activity(activity_id: int) -> Activity:
    return _to_activity(_row(activity_id))


def list_activities() -> list[Activity]:
    """Every stored activity, oldest start first."""
    query = CalendarActivity.select().order_by(CalendarActivity.start, CalendarActivity.id)
    return [_to_activity(row) for row in query]


def update_activity(activity_id: int, data: ActivityInput) -> Activity:
    """Change the whole series (or the one-off). Changed occurrences keep their changes
    when their day still has an occurrence under the new rule."""
    data = _checked(data)
    with shared_db.atomic():
        row = _row(activity_id)
        old_rule, old_start, old_status = row.rrule, row.start, row.status
        fields = _row_fields(data)
        fields["updated_at"] = _now()
        fields["sequence"] = row.sequence + 1
        if old_rule is not None and data.rrule is None:
            CalendarChange.delete().where(CalendarChange.activity == activity_id).execute()
        elif old_rule is not None and (old_rule, old_start) != (data.rrule, data.start):
            _rekey_changes(activity_id, data)
        elif old_rule is None and data.rrule is not None and old_status != "planned":
            # The one-off's outcome becomes the first occurrence's outcome.
            _put_change(activity_id, data.start, data, status=old_status,
                        rating=row.rating, reflection=row.reflection)
            fields.update(status="planned", rating=None, reflection="")
        CalendarActivity.update(**fields).where(CalendarActivity.id == activity_id).execute()
        row = _row(activity_id)
    log.info("updated activity %s", activity_id)
    return _to_activity(row)


def _rekey_changes(activity_id: int, data: ActivityInput) -> None:
    """Move each change to the new occurrence on its day, or drop it when there is none."""
    series = recurrence.series(data.rrule, data.start)
    for change in CalendarChange.select().where(CalendarChange.activity == activity_id):
        moved = dt.datetime.combine(change.original_start.date(), data.start.time())
        if not series.contains(moved):
            change.delete_instance()
            continue
        change.original_start = moved
        _set_change_days(change, data.duration_minutes)
        change.save()


def _set_change_days(change: CalendarChange, series_minutes: int) -> None:
    first = change.original_start.date()
    last = _last_day(change.original_start, dt.timedelta(minutes=series_minutes))
    if change.overridden and change.start is not None:
        first = min(first, change.start.date())
        last = max(last, _last_day(change.start, dt.timedelta(minutes=change.duration_minutes)))
    change.first_day, change.last_day = first, last


def _put_change(activity_id: int, original_start: dt.datetime, series: ActivityInput | None,
                **values) -> None:
    change = CalendarChange.get_or_none(
        (CalendarChange.activity == activity_id)
        & (CalendarChange.original_start == original_start)
    )
    if change is None:
        change = CalendarChange(activity=activity_id, original_start=original_start)
    for name, value in values.items():
        setattr(change, name, value)
    minutes = series.duration_minutes if series else _row(activity_id).duration_minutes
    _set_change_days(change, minutes)
    change.save()


def _require_occurrence(row: CalendarActivity, original_start: dt.datetime) -> None:
    exists = recurrence.series(row.rrule, row.start).contains(original_start) or (
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
    row = _row(activity_id)
    if row.rrule is None:
        update_activity(activity_id, replace(data, rrule=None))
        return get_occurrence(activity_id, _row(activity_id).start, tz=_clean(data).timezone)
    data = _checked(replace(data, rrule=None))
    original_start = _minute(original_start)
    start = recurrence.to_zone(data.start, data.timezone, row.timezone)
    with shared_db.atomic():
        _require_occurrence(row, original_start)
        _put_change(
            activity_id, original_start, None, cancelled=False, overridden=True,
            title=data.title, start=start, all_day=data.all_day,
            duration_minutes=data.duration_minutes, location=data.location,
            category=data.category, notes=data.notes, reminder_minutes=data.reminder_minutes,
        )
        _touch(activity_id)
    log.info("changed one occurrence of activity %s", activity_id)
    return get_occurrence(activity_id, original_start, tz=data.timezone)


def _touch(activity_id: int) -> None:
    CalendarActivity.update(
        updated_at=_now(), sequence=CalendarActivity.sequence + 1
    ).where(CalendarActivity.id == activity_id).execute()


def snapshot_activity(activity_id: int) -> ActivitySnapshot:
    row = _row(activity_id)
    changes = tuple(
        change for change in CalendarChange.select()
        .where(CalendarChange.activity == activity_id)
        .order_by(CalendarChange.original_start)
        .dicts()
    )
    for change in changes:
        change.pop("id", None)
        change.pop("activity", None)
    return ActivitySnapshot(activity=_to_activity(row), changes=changes)


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
    row = _row(activity_id)
    if row.rrule is None:
        return delete_activity(activity_id)
    original_start = _minute(original_start)
    with shared_db.atomic():
        snapshot = snapshot_activity(activity_id)
        _require_occurrence(row, original_start)
        _put_change(
            activity_id, original_start, None, cancelled=True, overridden=False,
            title=None, start=None, all_day=None, duration_minutes=None, location=None,
            category=None, notes=None, reminder_minutes=None,
            status="planned", rating=None, reflection="",
        )
        _touch(activity_id)
    log.info("cancelled one occurrence of activity %s", activity_id)
    return snapshot


def restore_activity(snapshot: ActivitySnapshot) -> Activity:
    """Put an activity back exactly as `snapshot` holds it (same id and UID)."""
    activity = snapshot.activity
    data = _clean(activity.to_input())
    fields = _row_fields(data)
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


# ----------------------------------------------------------------------------- queries

_ACTIVITY_COLUMNS = (
    "id, uid, title, start, all_day, duration_minutes, timezone, location, category, notes,"
    " reminder_minutes, rrule, status, rating, reflection"
)
_CHANGE_COLUMNS = (
    "activity_id, original_start, cancelled, overridden, title, start, all_day,"
    " duration_minutes, location, category, notes, reminder_minutes, status, rating,"
    " reflection"
)


def _parse_time(value) -> dt.datetime:
    if isinstance(value, dt.datetime):
        return value
    return dt.datetime.fromisoformat(value)


def _fetch(first: dt.date, last: dt.date, only: int | None = None
           ) -> tuple[list[tuple], dict[int, list[tuple]]]:
    """The activity rows and change rows that can touch the days first..last."""
    pad = dt.timedelta(days=_PAD_DAYS)
    low, high = (first - pad).isoformat(), (last + pad).isoformat()
    db = shared_db
    where = "first_day <= ? AND (last_day IS NULL OR last_day >= ?)"
    params: list = [high, low]
    if only is not None:
        where += " AND id = ?"
        params.append(only)
    rows = db.execute_sql(
        f"SELECT {_ACTIVITY_COLUMNS} FROM calendar_activity WHERE {where}", params
    ).fetchall()
    change_where = "first_day <= ? AND last_day >= ?"
    change_params: list = [high, low]
    if only is not None:
        change_where += " AND activity_id = ?"
        change_params.append(only)
    changes: dict[int, list[tuple]] = {}
    for change in db.execute_sql(
        f"SELECT {_CHANGE_COLUMNS} FROM calendar_change WHERE {change_where}", change_params
    ):
        changes.setdefault(change[0], []).append(change)
    return rows, changes


def _expand(first: dt.date, last: dt.date, zone: str,
            only: int | None = None) -> list[Occurrence]:
    """Occurrences overlapping the days first..last of zone `zone` (unsorted)."""
    begin = dt.datetime.combine(first, dt.time())
    end = dt.datetime.combine(last + dt.timedelta(days=1), dt.time())
    rows, changes = _fetch(first, last, only)
    found: list[Occurrence] = []
    append = found.append
    # Weeks lying wholly inside the window (in the display zone).
    inner_first = _week_key(begin - dt.timedelta(microseconds=1)) + 1
    inner_last = _week_key(end) - 1
    for row in rows:
        (activity_id, uid, title, start, all_day, minutes, act_zone, location, category,
         notes, reminder, rule, status, rating, reflection) = row
        start = _parse_time(start)
        all_day = bool(all_day)
        duration = dt.timedelta(minutes=minutes)
        # Window in the activity's own wall-clock (all-day dates float with the viewer).
        same = all_day or act_zone == zone
        if same:
            a_begin, a_end = begin, end
        else:
            a_begin = recurrence.to_zone(begin, zone, act_zone)
            a_end = recurrence.to_zone(end, zone, act_zone)
        base = (activity_id, uid, title, all_day, category, location, notes, reminder,
                rule is not None, zone, act_zone, same)
        if rule is None:
            if start < a_end and start + duration > a_begin:
                append(_occurrence(base, start, duration, start, status, rating, reflection,
                                   False))
            continue
        own = {}
        for change in changes.get(activity_id, ()):
            own[_parse_time(change[1])] = change
        if same:
            # The bulk of every month grid. Unchanged occurrences are kept per week, keyed
            # by everything they are made of, so an edit can never hit a stale entry.
            cache_key = (row[:12], zone)
            weeks = _generated.get(cache_key)
            if weeks is None:
                if len(_generated) >= _GENERATED_MAX:
                    _generated.clear()
                weeks = _generated[cache_key] = {}
            keys = range(_week_key(a_begin - duration), _week_key(a_end) + 1)
            missing = [key for key in keys if key not in weeks]
            if missing:
                built: dict[int, list[Occurrence]] = {key: [] for key in missing}
                for moment in recurrence.series(rule, start).between(
                        _week_start(missing[0]), _week_start(missing[-1] + 1)):
                    bucket = built.get(_week_key(moment))
                    if bucket is not None:
                        bucket.append(Occurrence(
                            activity_id, uid, title, moment, moment + duration, all_day,
                            category, location, notes, "planned", None, "", reminder, True,
                            False, moment, zone))
                for key, items in built.items():
                    weeks[key] = tuple(items)
            for key in keys:
                week = weeks[key]
                if not own and inner_first <= key <= inner_last:
                    found.extend(week)  # wholly inside the window, nothing changed
                    continue
                for occurrence in week:
                    if (occurrence.end > a_begin and occurrence.start < a_end
                            and occurrence.original_start not in own):
                        append(occurrence)
        else:
            starts = recurrence.series(rule, start).between(a_begin - duration, a_end)
            for moment in starts:
                if moment in own or moment + duration <= a_begin:
                    continue
                append(_occurrence(base, moment, duration, moment, "planned", None, "", False))
        for original, change in own.items():
            if change[2]:  # cancelled
                continue
            if change[3]:  # overridden
                c_start = _parse_time(change[5])
                c_duration = dt.timedelta(minutes=change[7])
                c_all_day = bool(change[6])
                c_same = c_all_day or act_zone == zone
                c_begin, c_end = (begin, end) if c_same else (a_begin, a_end)
                if not (c_start < c_end and c_start + c_duration > c_begin):
                    continue
                c_base = (activity_id, uid, change[4], c_all_day, change[9], change[8],
                          change[10], change[11], True, zone, act_zone, c_same)
                append(_occurrence(c_base, c_start, c_duration, original, change[12],
                                   change[13], change[14], True))
            elif original < a_end and original + duration > a_begin:
                append(_occurrence(base, original, duration, original, change[12],
                                   change[13], change[14], False))
    return found


# Unchanged occurrences of series by (row content, display zone) and week; cleared when
# it grows past this many series so memory stays bounded.
_generated: dict[tuple, dict[int, tuple[Occurrence, ...]]] = {}
_GENERATED_MAX = 5000
_EPOCH = dt.datetime(2000, 1, 3)  # a Monday


def _week_key(moment: dt.datetime) -> int:
    return (moment - _EPOCH).days // 7


def _week_start(key: int) -> dt.datetime:
    return _EPOCH + dt.timedelta(weeks=key)


def _occurrence(base: tuple, start: dt.datetime, duration: dt.timedelta,
                original: dt.datetime, status: str, rating, reflection: str,
                changed: bool) -> Occurrence:
    (activity_id, uid, title, all_day, category, location, notes, reminder, recurring,
     zone, act_zone, same) = base
    end = start + duration
    if not same:
        start = recurrence.to_zone(start, act_zone, zone)
        end = recurrence.to_zone(end, act_zone, zone)
    return Occurrence(activity_id, uid, title, start, end, all_day, category, location, notes,
                      status, rating, reflection, reminder, recurring, changed, original, zone)


def _sort_key(occurrence: Occurrence) -> tuple:
    return (occurrence.start, not occurrence.all_day, occurrence.title, occurrence.activity_id)


def occurrences_between(
    start: dt.date, end: dt.date, *, tz: str | None = None
) -> list[Occurrence]:
    """Occurrences overlapping the days `start`..`end` (both inclusive), sorted by start
    (all-day ones first within a day)."""
    if end < start:
        return []
    found = _expand(start, end, _zone(tz))
    found.sort(key=_sort_key)
    return found


def occurrences_on(day: dt.date, *, tz: str | None = None) -> list[Occurrence]:
    return occurrences_between(day, day, tz=tz)


def get_occurrence(
    activity_id: int, original_start: dt.datetime, *, tz: str | None = None
) -> Occurrence:
    """One occurrence by its key, wherever a change has moved it. A one-off has just one
    occurrence, so its `original_start` may be stale (e.g. from before an edit)."""
    row = _row(activity_id)
    original_start = row.start if row.rrule is None else _minute(original_start)
    zone = _zone(tz)
    change = CalendarChange.get_or_none(
        (CalendarChange.activity == activity_id)
        & (CalendarChange.original_start == original_start)
    )
    days = {original_start.date()}
    if change is not None and change.start is not None:
        days.add(change.start.date())
    for day in sorted(days):
        for occurrence in _expand(day - dt.timedelta(days=_PAD_DAYS),
                                  day + dt.timedelta(days=_PAD_DAYS), zone, only=activity_id):
            if occurrence.original_start == original_start:
                return occurrence
    raise NotFoundError("That occurrence is not part of the activity any more.")


def upcoming(now: dt.datetime, limit: int = 10, *, tz: str | None = None) -> list[Occurrence]:
    """The next `limit` planned occurrences not yet over at `now` (up to a year ahead)."""
    if limit <= 0:
        return []
    for days in (7, 35, 120, 366):
        found = [
            occurrence
            for occurrence in occurrences_between(
                now.date(), now.date() + dt.timedelta(days=days), tz=tz
            )
            if occurrence.end > now and occurrence.status == "planned"
        ]
        if len(found) >= limit:
            break
    return found[:limit]


def set_outcome(
    activity_id: int,
    original_start: dt.datetime,
    status: str,
    rating: int | None = None,
    reflection: str = "",
) -> Occurrence:
    """Record how an occurrence went: "done" (optionally rated 1-5 with a reflection),
    "skipped", or back to "planned"."""
    reflection = (reflection or "").strip()
    if status not in STATUSES:
        raise ValidationError("Choose planned, done or skipped.", field="status")
    if rating is not None:
        if not isinstance(rating, int) or isinstance(rating, bool) or not 1 <= rating <= 5:
            raise ValidationError("A rating is from 1 to 5.", field="rating")
        if status != "done":
            raise ValidationError("Only an activity that happened can be rated.",
                                  field="rating")
    if len(reflection) > REFLECTION_MAX:
        raise ValidationError(
            f"Keep the reflection to {REFLECTION_MAX} characters or fewer.", field="reflection"
        )
    row = _row(activity_id)
    original_start = _minute(original_start)
    with shared_db.atomic():
        if row.rrule is None:
            CalendarActivity.update(
                status=status, rating=rating, reflection=reflection, updated_at=_now()
            ).where(CalendarActivity.id == activity_id).execute()
            original_start = row.start
        else:
            _require_occurrence(row, original_start)
            _put_change(activity_id, original_start, None, status=status, rating=rating,
                        reflection=reflection)
    log.info("activity %s occurrence marked %s", activity_id, status)
    return get_occurrence(activity_id, original_start)


def unresolved_past(
    now: dt.datetime, *, days: int = 30, tz: str | None = None
) -> list[Occurrence]:
    """Planned occurrences that ended in the last `days` days before `now`, oldest first."""
    since = now - dt.timedelta(days=days)
    return [
        occurrence
        for occurrence in occurrences_between(since.date(), now.date(), tz=tz)
        if occurrence.status == "planned" and since < occurrence.end <= now
    ]


def _month_bounds(year: int, month: int) -> tuple[dt.date, dt.date]:
    first = dt.date(year, month, 1)
    last = dt.date(year, month, calendar.monthrange(year, month)[1])
    return first, last


def _shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + month - 1 + delta
    return index // 12, index % 12 + 1


def _display(start: dt.datetime, all_day: bool, own_zone: str, zone: str) -> dt.datetime:
    return start if all_day or own_zone == zone else recurrence.to_zone(start, own_zone, zone)


def _summaries(months: list[tuple[int, int]], zone: str) -> list[MonthSummary]:
    """Count the occurrences starting in each month by status. Unchanged occurrences of a
    series are counted by bisecting its sorted starts at the month boundaries, so a year
    of weekly plans costs a few lookups rather than a loop over every date."""
    first = _month_bounds(*months[0])[0]
    last = _month_bounds(*months[-1])[1]
    begin = dt.datetime.combine(first, dt.time())
    end = dt.datetime.combine(last + dt.timedelta(days=1), dt.time())
    bounds = [dt.datetime(year, month, 1) for year, month in months] + [end]
    counts = {month: {status: 0 for status in STATUSES} for month in months}

    def add(moment: dt.datetime, status: str) -> None:
        if begin <= moment < end:
            counts[(moment.year, moment.month)][status] += 1

    rows, changes = _fetch(first, last)
    for row in rows:
        activity_id, start, all_day, act_zone, rule, status = (
            row[0], _parse_time(row[3]), bool(row[4]), row[6], row[11], row[12])
        same = all_day or act_zone == zone
        if rule is None:
            add(_display(start, all_day, act_zone, zone), status)
            continue
        own = {_parse_time(change[1]): change for change in changes.get(activity_id, ())}
        series = recurrence.series(rule, start)
        if same:
            starts = series.between(begin, end)
            for index, month in enumerate(months):
                counts[month]["planned"] += (bisect.bisect_left(starts, bounds[index + 1])
                                             - bisect.bisect_left(starts, bounds[index]))
            for original in own:
                if begin <= original < end:
                    counts[(original.year, original.month)]["planned"] -= 1
        else:
            a_begin = recurrence.to_zone(begin, zone, act_zone)
            a_end = recurrence.to_zone(end, zone, act_zone)
            for moment in series.between(a_begin, a_end):
                if moment not in own:
                    add(recurrence.to_zone(moment, act_zone, zone), "planned")
        for original, change in own.items():
            if change[2]:
                continue
            if change[3]:
                moment, moment_all_day = _parse_time(change[5]), bool(change[6])
            else:
                moment, moment_all_day = original, all_day
            add(_display(moment, moment_all_day, act_zone, zone), change[12])
    return [MonthSummary(year, month, counts[(year, month)]["planned"],
                         counts[(year, month)]["done"], counts[(year, month)]["skipped"])
            for year, month in months]


def month_summary(year: int, month: int, *, tz: str | None = None) -> MonthSummary:
    """Counts of the occurrences starting in the month, by status."""
    return _summaries([(year, month)], _zone(tz))[0]


def activities_per_month(
    last_n: int = 12, *, today: dt.date, tz: str | None = None
) -> list[MonthSummary]:
    """One summary per month, oldest first, ending with `today`'s month."""
    if last_n <= 0:
        return []
    months = [_shift_month(today.year, today.month, -i) for i in range(last_n - 1, -1, -1)]
    return _summaries(months, _zone(tz))


def _done_starts(zone: str) -> list[dt.datetime]:
    """Display-zone starts of every occurrence marked done: only one-offs and changed
    occurrences can carry an outcome, so no rule needs expanding."""
    found = []
    for start, all_day, own_zone in shared_db.execute_sql(
        "SELECT start, all_day, timezone FROM calendar_activity"
        " WHERE rrule IS NULL AND status = 'done'"
    ):
        found.append(_display(_parse_time(start), bool(all_day), own_zone, zone))
    for original, moved, moved_all_day, overridden, all_day, own_zone in shared_db.execute_sql(
        "SELECT c.original_start, c.start, c.all_day, c.overridden, a.all_day, a.timezone"
        " FROM calendar_change AS c JOIN calendar_activity AS a ON a.id = c.activity_id"
        " WHERE c.cancelled = 0 AND c.status = 'done' AND a.rrule IS NOT NULL"
    ):
        if overridden and moved is not None:
            found.append(_display(_parse_time(moved), bool(moved_all_day), own_zone, zone))
        else:
            found.append(_display(_parse_time(original), bool(all_day), own_zone, zone))
    return found


def week_streak(today: dt.date, *, tz: str | None = None) -> int:
    """Weeks in a row (Monday-Sunday) with at least one occurrence done, counting back
    from this week; this week counts only once something is done in it, and not having
    done anything yet this week does not break the streak."""
    monday = today - dt.timedelta(days=today.weekday())
    done_weeks = {
        start.date() - dt.timedelta(days=start.weekday())
        for start in _done_starts(_zone(tz))
        if start.date() <= today
    }
    week = monday if monday in done_weeks else monday - dt.timedelta(weeks=1)
    streak = 0
    while week in done_weeks:
        streak += 1
        week -= dt.timedelta(weeks=1)
    return streak


def quality_summary(today: dt.date, *, tz: str | None = None) -> QualitySummary:
    per_month = activities_per_month(12, today=today, tz=tz)
    return QualitySummary(
        this_month=per_month[-1],
        last_month=per_month[-2],
        streak_weeks=week_streak(today, tz=tz),
        per_month=tuple(per_month),
    )


# ----------------------------------------------------------------------------- reminders


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
    found.sort(key=lambda reminder: (reminder.remind_at, _sort_key(reminder.occurrence)))
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


# ----------------------------------------------------------------------------- import


def _content_key(data: ActivityInput) -> tuple:
    return (data.title, data.start, data.all_day, data.duration_minutes, data.location,
            data.category, data.notes, data.reminder_minutes, data.rrule, data.timezone)


def _event_state(event: ImportedEvent, data: ActivityInput, keep_outcomes: bool) -> tuple:
    changes = []
    for change in event.changes:
        content = None
        if change.data is not None and not change.cancelled:
            content = _content_key(_clean(replace(change.data, rrule=None)))[:8]
        outcome = None if keep_outcomes else (change.status, change.rating,
                                              change.reflection)
        if content is None and not change.cancelled and outcome in (None,
                                                                    ("planned", None, "")):
            continue
        changes.append((change.original_start, change.cancelled, content, outcome))
    outcome = None if keep_outcomes else (event.status, event.rating, event.reflection)
    return (_content_key(data), outcome, tuple(sorted(changes, key=lambda c: c[0])))


def _snapshot_state(snapshot: ActivitySnapshot, keep_outcomes: bool) -> tuple:
    activity = snapshot.activity
    changes = []
    for change in snapshot.changes:
        content = None
        if change["overridden"] and not change["cancelled"]:
            content = (change["title"], change["start"], bool(change["all_day"]),
                       change["duration_minutes"], change["location"], change["category"],
                       change["notes"], change["reminder_minutes"])
        outcome = None if keep_outcomes else (change["status"], change["rating"],
                                              change["reflection"])
        if content is None and not change["cancelled"] and outcome in (
                None, ("planned", None, "")):
            continue
        changes.append((change["original_start"], bool(change["cancelled"]), content,
                        outcome))
    outcome = None if keep_outcomes else (activity.status, activity.rating,
                                          activity.reflection)
    return (_content_key(activity.to_input()), outcome,
            tuple(sorted(changes, key=lambda c: c[0])))


def import_events(
    events: list[ImportedEvent] | tuple[ImportedEvent, ...],
    *,
    skipped: tuple[str, ...] = (),
    warnings: tuple[str, ...] = (),
    before_each: Callable[[], None] | None = None,
) -> ImportSummary:
    """Store imported events in one transaction, matched by UID: new ones are added,
    changed ones updated, identical ones left alone. An event (or one occurrence change)
    that breaks a rule is skipped with its reason. `before_each` is called before each
    event and may raise to give up, which stores nothing."""
    added = updated = unchanged = 0
    skipped_list, warning_list = list(skipped), list(warnings)
    with shared_db.atomic():
        stored = _stored_by_uid([event.uid for event in events])
        just_added: set[str] = set()
        for event in events:
            if before_each is not None:
                before_each()
            label = f'"{event.data.title[:60]}"'
            data, problems = normalized(event.data)
            if problems:
                skipped_list.append(f"{label}: " + "; ".join(p.message.rstrip(".")
                                                             for p in problems))
                continue
            event, dropped = _usable_changes(event, data)
            if dropped:
                warning_list.append(f"{label}: {count(dropped, 'changed occurrence')} that its "
                                    "repeat rule does not produce "
                                    f"{'was' if dropped == 1 else 'were'} left out")
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
    if (data.all_day and row.all_day) or (recurrence.canonical_zone(data.timezone)
                                          == recurrence.canonical_zone(row.timezone)):
        return replace(data, timezone=row.timezone)
    return data


def _usable_changes(event: ImportedEvent, data: ActivityInput) -> tuple[ImportedEvent, int]:
    if data.rrule is None:
        return replace(event, changes=()), 0
    series = recurrence.series(data.rrule, data.start)
    kept = []
    for change in event.changes:
        original = _minute(change.original_start)
        if not series.contains(original):
            continue
        if change.data is not None and validate(replace(change.data, rrule=None)):
            continue
        kept.append(replace(change, original_start=original))
    return replace(event, changes=tuple(kept)), len(event.changes) - len(kept)


def _write_imported(event: ImportedEvent, data: ActivityInput,
                    row: CalendarActivity | None) -> None:
    now = _now()
    fields = _row_fields(data)
    outcome = {"status": event.status, "rating": event.rating, "reflection": event.reflection}
    kept_outcomes: dict[dt.datetime, tuple] = {}
    if row is None:
        activity_id = CalendarActivity.insert(
            uid=event.uid, created_at=now, updated_at=now, **outcome, **fields
        ).execute()
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
        CalendarChange.delete().where(CalendarChange.activity == activity_id).execute()
        CalendarActivity.update(
            updated_at=now, sequence=row.sequence + 1, **outcome, **fields
        ).where(CalendarActivity.id == activity_id).execute()
    series = recurrence.series(data.rrule, data.start) if data.rrule else None
    for change in event.changes:
        values: dict = {"cancelled": change.cancelled, "overridden": False,
                        "status": change.status, "rating": change.rating,
                        "reflection": change.reflection}
        if change.data is not None and not change.cancelled:
            content = _clean(replace(change.data, rrule=None))
            values.update(overridden=True, title=content.title, start=content.start,
                          all_day=content.all_day, duration_minutes=content.duration_minutes,
                          location=content.location, category=content.category,
                          notes=content.notes, reminder_minutes=content.reminder_minutes)
        if (not event.has_outcomes and not change.cancelled
                and change.original_start in kept_outcomes):
            status, rating, reflection = kept_outcomes.pop(change.original_start)
            values.update(status=status, rating=rating, reflection=reflection)
        _put_change(activity_id, change.original_start, data, **values)
    for original, (status, rating, reflection) in kept_outcomes.items():
        if series is not None and series.contains(original):
            _put_change(activity_id, original, data, status=status, rating=rating,
                        reflection=reflection)
