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

The work lives in `app.calendar`, one module per idea: `types` (the values), `rules` (the
one check of what is entered), `store` (writes), `expansion` (reading occurrences), `stats`,
`reminders` and `importing` (a calendar file's merge). This module is their one face.
"""

from app.calendar.expansion import (
    get_occurrence,
    occurrences_between,
    occurrences_on,
    unresolved_past,
    upcoming,
)
from app.calendar.importing import import_events
from app.calendar.reminders import due_reminders, missed_reminders, next_reminder_time
from app.calendar.rules import categories, normalized, validate
from app.calendar.stats import activities_per_month, month_summary, quality_summary, week_streak
from app.calendar.store import (
    create_activity,
    delete_activity,
    delete_occurrence,
    get_activity,
    list_activities,
    new_uid,
    restore_activity,
    set_outcome,
    snapshot_activity,
    update_activity,
    update_occurrence,
)
from app.calendar.types import (
    ALL_DAY_DURATION_MAX,
    DEFAULT_DURATION_MINUTES,
    LOCATION_MAX,
    NOTES_MAX,
    OTHER_CATEGORY,
    REFLECTION_MAX,
    REMINDER_MAX_MINUTES,
    STATUSES,
    TIMED_DURATION_MAX,
    TITLE_MAX,
    Activity,
    ActivityInput,
    ActivitySnapshot,
    CheckedEvent,
    ImportedChange,
    ImportedEvent,
    ImportSummary,
    InvalidActivity,
    MonthSummary,
    Occurrence,
    QualitySummary,
    Reminder,
)
from app.calendar.zones import local_timezone
from app.content.decks import category_label
from app.errors import NotFoundError, ValidationError

__all__ = [
    "ALL_DAY_DURATION_MAX", "DEFAULT_DURATION_MINUTES", "LOCATION_MAX", "NOTES_MAX",
    "OTHER_CATEGORY", "REFLECTION_MAX", "REMINDER_MAX_MINUTES", "STATUSES",
    "TIMED_DURATION_MAX", "TITLE_MAX",
    "Activity", "ActivityInput", "ActivitySnapshot", "CheckedEvent", "ImportSummary",
    "ImportedChange", "ImportedEvent", "InvalidActivity", "MonthSummary", "NotFoundError",
    "Occurrence", "QualitySummary", "Reminder", "ValidationError",
    "activities_per_month", "categories", "category_label", "create_activity",
    "delete_activity", "delete_occurrence", "due_reminders", "get_activity", "get_occurrence",
    "import_events", "list_activities", "local_timezone", "missed_reminders", "month_summary",
    "new_uid", "next_reminder_time", "normalized", "occurrences_between", "occurrences_on",
    "quality_summary", "restore_activity", "set_outcome", "snapshot_activity",
    "unresolved_past", "upcoming", "update_activity", "update_occurrence", "validate",
    "week_streak",
]
