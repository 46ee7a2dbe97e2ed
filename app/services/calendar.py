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

import datetime as dt
from dataclasses import dataclass, field

from app.errors import ValidationError

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


@dataclass(frozen=True)
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


class InvalidActivity(ValidationError):
    """Raised by writes when `validate()` finds problems; `errors` holds all of them."""

    def __init__(self, errors: list[ValidationError]):
        first = errors[0]
        super().__init__(first.message, field=first.field)
        self.errors = list(errors)


# ----------------------------------------------------------------------------- API
# Field names used in ValidationError.field: "title", "start", "end", "location",
# "category", "notes", "reminder", "rrule", "timezone", "status", "rating", "reflection".


def categories() -> tuple[str, ...]:
    """The categories an activity may have: the idea deck's, then "other"."""
    raise NotImplementedError


def local_timezone() -> str:
    """This computer's zoneinfo key (falls back to "UTC")."""
    raise NotImplementedError


def validate(data: ActivityInput) -> list[ValidationError]:
    """Every problem with `data`, each naming its field; empty when it can be saved."""
    raise NotImplementedError


def create_activity(data: ActivityInput, *, uid: str | None = None) -> Activity:
    raise NotImplementedError


def get_activity(activity_id: int) -> Activity:
    raise NotImplementedError


def update_activity(activity_id: int, data: ActivityInput) -> Activity:
    """Change the whole series (or the one-off). Changed occurrences keep their changes
    when their day still has an occurrence under the new rule."""
    raise NotImplementedError


def update_occurrence(
    activity_id: int, original_start: dt.datetime, data: ActivityInput
) -> Occurrence:
    """Change just one occurrence of a series (its `data.rrule` is ignored)."""
    raise NotImplementedError


def delete_activity(activity_id: int) -> ActivitySnapshot:
    """Delete the activity or whole series; return what `restore_activity` needs to undo."""
    raise NotImplementedError


def delete_occurrence(activity_id: int, original_start: dt.datetime) -> ActivitySnapshot:
    """Cancel one occurrence of a series (a one-off is deleted entirely); returns the
    state before, for undo."""
    raise NotImplementedError


def snapshot_activity(activity_id: int) -> ActivitySnapshot:
    raise NotImplementedError


def restore_activity(snapshot: ActivitySnapshot) -> Activity:
    """Put an activity back exactly as `snapshot` holds it (same id and UID)."""
    raise NotImplementedError


def occurrences_between(
    start: dt.date, end: dt.date, *, tz: str | None = None
) -> list[Occurrence]:
    """Occurrences overlapping the days `start`..`end` (both inclusive), sorted by start."""
    raise NotImplementedError


def occurrences_on(day: dt.date, *, tz: str | None = None) -> list[Occurrence]:
    raise NotImplementedError


def get_occurrence(
    activity_id: int, original_start: dt.datetime, *, tz: str | None = None
) -> Occurrence:
    raise NotImplementedError


def upcoming(now: dt.datetime, limit: int = 10, *, tz: str | None = None) -> list[Occurrence]:
    """The next `limit` occurrences not yet over at `now` (searching a year ahead)."""
    raise NotImplementedError


def set_outcome(
    activity_id: int,
    original_start: dt.datetime,
    status: str,
    rating: int | None = None,
    reflection: str = "",
) -> Occurrence:
    """Record how an occurrence went: "done" (optionally rated 1-5), "skipped" or back to
    "planned"."""
    raise NotImplementedError


def unresolved_past(
    now: dt.datetime, *, days: int = 30, tz: str | None = None
) -> list[Occurrence]:
    """Planned occurrences that ended in the last `days` days before `now`, oldest first."""
    raise NotImplementedError


def month_summary(year: int, month: int, *, tz: str | None = None) -> MonthSummary:
    raise NotImplementedError


def activities_per_month(
    last_n: int = 12, *, today: dt.date, tz: str | None = None
) -> list[MonthSummary]:
    """One summary per month, oldest first, ending with `today`'s month."""
    raise NotImplementedError


def week_streak(today: dt.date, *, tz: str | None = None) -> int:
    """Weeks in a row (Monday-Sunday) with at least one occurrence done, counting back
    from this week; this week counts only once something is done in it."""
    raise NotImplementedError


def quality_summary(today: dt.date, *, tz: str | None = None) -> QualitySummary:
    raise NotImplementedError


def due_reminders(
    since: dt.datetime, until: dt.datetime, *, tz: str | None = None
) -> list[Reminder]:
    """Reminders of planned occurrences with `since < remind_at <= until`, by time."""
    raise NotImplementedError


def missed_reminders(
    last_seen: dt.datetime, now: dt.datetime, *, tz: str | None = None
) -> list[Reminder]:
    """Reminders that came due while the app was closed and whose occurrence has not
    ended yet at `now` (older ones are no longer useful)."""
    raise NotImplementedError


def next_reminder_time(after: dt.datetime, *, tz: str | None = None) -> dt.datetime | None:
    """When the next reminder after `after` is due (to arm a timer), or None."""
    raise NotImplementedError
