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

from app.lazy_names import lazy_names

# Where each name lives. A name is imported from its module the first time it is used, so
# a caller that only reads a month loads neither the checks of what is entered, nor the
# calendar file merge, nor the ideas deck.
_HOMES = {
    # app.calendar.expansion
    "get_occurrence": "app.calendar.expansion",
    "occurrences_between": "app.calendar.expansion",
    "occurrences_on": "app.calendar.expansion",
    "unresolved_past": "app.calendar.expansion",
    "upcoming": "app.calendar.expansion",
    # app.calendar.importing
    "import_events": "app.calendar.importing",
    # app.calendar.reminders
    "due_reminders": "app.calendar.reminders",
    "missed_reminders": "app.calendar.reminders",
    "next_reminder_time": "app.calendar.reminders",
    # app.calendar.rules
    "categories": "app.calendar.rules",
    "normalized": "app.calendar.rules",
    "validate": "app.calendar.rules",
    # app.calendar.stats
    "activities_per_month": "app.calendar.stats",
    "month_summary": "app.calendar.stats",
    "quality_summary": "app.calendar.stats",
    "week_streak": "app.calendar.stats",
    # app.calendar.store
    "create_activity": "app.calendar.store",
    "delete_activity": "app.calendar.store",
    "delete_occurrence": "app.calendar.store",
    "get_activity": "app.calendar.store",
    "list_activities": "app.calendar.store",
    "new_uid": "app.calendar.store",
    "restore_activity": "app.calendar.store",
    "set_outcome": "app.calendar.store",
    "snapshot_activity": "app.calendar.store",
    "update_activity": "app.calendar.store",
    "update_occurrence": "app.calendar.store",
    # app.calendar.types
    "ALL_DAY_DURATION_MAX": "app.calendar.types",
    "DEFAULT_DURATION_MINUTES": "app.calendar.types",
    "LOCATION_MAX": "app.calendar.types",
    "NOTES_MAX": "app.calendar.types",
    "OTHER_CATEGORY": "app.calendar.types",
    "REFLECTION_MAX": "app.calendar.types",
    "REMINDER_MAX_MINUTES": "app.calendar.types",
    "STATUSES": "app.calendar.types",
    "TIMED_DURATION_MAX": "app.calendar.types",
    "TITLE_MAX": "app.calendar.types",
    "Activity": "app.calendar.types",
    "ActivityInput": "app.calendar.types",
    "ActivitySnapshot": "app.calendar.types",
    "CheckedEvent": "app.calendar.types",
    "ImportedChange": "app.calendar.types",
    "ImportedEvent": "app.calendar.types",
    "ImportSummary": "app.calendar.types",
    "InvalidActivity": "app.calendar.types",
    "MonthSummary": "app.calendar.types",
    "Occurrence": "app.calendar.types",
    "QualitySummary": "app.calendar.types",
    "Reminder": "app.calendar.types",
    # app.calendar.zones
    "local_timezone": "app.calendar.zones",
    # app.content.decks
    "category_label": "app.content.categories",
    # app.errors
    "NotFoundError": "app.errors",
    "ValidationError": "app.errors",
}

__all__ = sorted(_HOMES)


__getattr__, __dir__ = lazy_names(globals(), _HOMES)
