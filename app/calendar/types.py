"""The calendar's values: what is entered, stored, shown and imported, and their limits.

Times are wall-clock: an activity's `start` is a naive `datetime` meant in its named
`timezone` (zoneinfo key), so "Friday 19:00" stays 19:00 across daylight saving. Queries
return occurrences as naive wall-clock times in the display zone. All-day occurrences start
at midnight and their `end` is exclusive (the midnight after the last day).

Every value here is a frozen dataclass: the core hands these, never database rows, to the
UI, the command line and the calendar file code. A new stored fact about an activity (a
second reminder, a sync state) is a field of `ActivityInput`/`Activity` here, a column in
`app.models.calendar`, and a line in `app.calendar.store`'s `row_fields`/`to_activity`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import ClassVar

from app.calendar.outcomes import STATUSES, MonthSummary, QualitySummary  # noqa: F401
from app.errors import ValidationError

OTHER_CATEGORY = "other"
TITLE_MAX = 200
LOCATION_MAX = 200
NOTES_MAX = 5000
REFLECTION_MAX = 2000
# Four weeks: anything earlier than that is not a reminder any more.
REMINDER_MAX_MINUTES = 4 * 7 * 24 * 60
# Reminders one plan (or one changed time of it) may have: "the day before", "an hour
# before" and a few more, as many alarms as a calendar file may give an event.
REMINDERS_MAX = 10
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
    prefix, e.g. "FREQ=WEEKLY;BYDAY=FR"; None means a one-off. `reminders` are minutes
    before the start, one per reminder ((1440, 60): the day before and an hour before);
    stored smallest first, each once. In a calendar file each is one VALARM.
    """

    title: str
    start: dt.datetime
    all_day: bool = False
    duration_minutes: int = DEFAULT_DURATION_MINUTES
    location: str = ""
    category: str = OTHER_CATEGORY
    notes: str = ""
    reminders: tuple[int, ...] = ()
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
    reminders: tuple[int, ...]  # minutes before the start, smallest first
    rrule: str | None
    timezone: str
    status: str
    rating: int | None
    reflection: str
    created_at: dt.datetime
    updated_at: dt.datetime
    # When it first came in from a calendar file; None: planned in Hearth.
    imported_at: dt.datetime | None = None

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
            reminders=self.reminders,
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
    reminders: tuple[int, ...]  # minutes before the start, smallest first
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
            reminders=self.reminders,
            rrule=rrule,
            timezone=self.timezone,
        )


@dataclass(frozen=True)
class ActivitySnapshot:
    """Everything stored for one activity (series, overrides, cancellations, and its
    reminder rows with when each was set), for undo."""

    activity: Activity
    changes: tuple[dict, ...] = field(default=())
    reminders: tuple[dict, ...] = field(default=())


@dataclass(frozen=True)
class Reminder:
    """The reminder `minutes` before `occurrence`, due at `remind_at` (display-zone
    wall-clock): that many minutes before its start, or, for a reminder chosen after
    that moment, when it was chosen."""

    remind_at: dt.datetime
    occurrence: Occurrence
    minutes: int = 0


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
class CheckedEvent(ImportedEvent):
    """An `ImportedEvent` as `rules.check_event` left it: its data in the form it is
    stored in (text trimmed, zone resolved, rule checked and normalised) and only the
    changes its rule produces, each cleaned. Storing it checks nothing again."""


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
