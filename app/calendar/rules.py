"""The rules an activity must follow: the check of everything entered, in one pass.

`normalized()` is the one check of an activity: it trims text, resolves the zone, checks
the repeat rule once (`rule_checks.check_rule`, which returns its normal spelling) and
reports every problem, each naming its field in `ValidationError.field`: "title",
"start", "end", "location", "category", "notes", "reminder", "rrule", "timezone".
Outcomes name "status", "rating" and "reflection". A calendar file's events go through
`check_event`, once each, on their way to the store.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from app.calendar import rule_checks, zones
from app.calendar.series import series
from app.calendar.types import (
    ALL_DAY_DURATION_MAX,
    LOCATION_MAX,
    NOTES_MAX,
    OTHER_CATEGORY,
    REFLECTION_MAX,
    REMINDER_MAX_MINUTES,
    REMINDERS_MAX,
    STATUSES,
    TIMED_DURATION_MAX,
    TITLE_MAX,
    ActivityInput,
    CheckedEvent,
    ImportedEvent,
    InvalidActivity,
)
from app.content.categories import IDEA_CATEGORIES
from app.errors import ValidationError
from app.text import count, is_storable


def categories() -> tuple[str, ...]:
    """The categories an activity may have: the idea deck's, then "other"."""
    return tuple(key for key, _label in IDEA_CATEGORIES) + (OTHER_CATEGORY,)


def minute(moment: dt.datetime) -> dt.datetime:
    """`moment` to the minute: occurrence keys never carry seconds."""
    return moment.replace(second=0, microsecond=0)


def clean(data: ActivityInput) -> ActivityInput:
    """Trim text, resolve the zone, and put all-day starts at midnight."""
    start = data.start
    if isinstance(start, dt.datetime) and start.tzinfo is None:
        start = start.replace(hour=0, minute=0) if data.all_day else start
        start = start.replace(second=0, microsecond=0)
    rule = data.rrule.strip() if isinstance(data.rrule, str) else data.rrule
    if isinstance(rule, str) and rule.upper().startswith("RRULE:"):
        rule = rule[6:]
    reminders = data.reminders
    if isinstance(reminders, (tuple, list)) and all(
            isinstance(r, int) and not isinstance(r, bool) for r in reminders):
        reminders = tuple(sorted(set(reminders)))
    return replace(
        data,
        reminders=reminders,
        title=(data.title or "").strip(),
        start=start,
        location=(data.location or "").strip(),
        category=(data.category or OTHER_CATEGORY).strip(),
        notes=(data.notes or "").rstrip(),
        rrule=rule or None,
        timezone=(data.timezone or "").strip() or zones.local_timezone(),
    )


def validate(data: ActivityInput) -> list[ValidationError]:
    """Every problem with `data`, each naming its field; empty when it can be saved."""
    return normalized(data)[1]


def normalized(data: ActivityInput) -> tuple[ActivityInput, list[ValidationError]]:
    """`data` as it would be stored (text trimmed, zone resolved, repeat rule in its
    normal spelling) and every problem with it, found in one pass: checking a rule can
    search ten years of dates, so callers check once and keep the result."""
    data = clean(data)
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
    elif not rule_checks.FIRST_YEAR <= data.start.year <= rule_checks.LAST_YEAR:
        problem("start", f"Choose a start date between the years {rule_checks.FIRST_YEAR} "
                         f"and {rule_checks.LAST_YEAR}.")
        start_ok = False
    _check_duration(data, problem)
    if len(data.location) > LOCATION_MAX:
        problem("location", f"Keep the place to {LOCATION_MAX} characters or fewer.")
    if data.category not in categories():
        problem("category", "Choose one of the categories (or Other).")
    if len(data.notes) > NOTES_MAX:
        problem("notes", f"Keep the notes to {NOTES_MAX} characters or fewer.")
    data = _check_reminders(data, problem)
    if not zones.is_zone(data.timezone):
        problem("timezone", f"{data.timezone!r} is not a known time zone.")
    if data.rrule is not None and start_ok:
        try:
            data = replace(data, rrule=rule_checks.check_rule(data.rrule, data.start))
        except rule_checks.RuleError as exc:
            problem("rrule", str(exc))
    return data, errors


def _check_duration(data: ActivityInput, problem) -> None:
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


def _check_reminders(data: ActivityInput, problem) -> ActivityInput:
    """Each reminder once, smallest first; every one from 0 to four weeks before."""
    reminders = data.reminders
    if reminders is None:
        return replace(data, reminders=())
    if not isinstance(reminders, (tuple, list)) or not all(
            isinstance(r, int) and not isinstance(r, bool) for r in reminders):
        problem("reminder", "Choose when to be reminded.")
        return data
    if any(r < 0 for r in reminders):
        problem("reminder", "A reminder comes before the activity, not after it.")
    elif any(r > REMINDER_MAX_MINUTES for r in reminders):
        problem("reminder", "A reminder can be at most 4 weeks before.")
    reminders = tuple(sorted(set(reminders)))
    if len(reminders) > REMINDERS_MAX:
        problem("reminder", f"A plan can have at most {REMINDERS_MAX} reminders.")
    return replace(data, reminders=reminders)


def checked(data: ActivityInput) -> ActivityInput:
    """`data` as it is stored; raises InvalidActivity with every problem."""
    data, errors = normalized(data)
    if errors:
        raise InvalidActivity(errors)
    return data


def checked_outcome(status: str, rating: int | None, reflection: str) -> str:
    """The reflection as stored, once the outcome passes; raises ValidationError."""
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
    return reflection


@dataclass(frozen=True)
class EventCheck:
    """What `check_event` made of an imported event: the event to store (None when it
    cannot be), why not, and notes on what was left out of it."""

    event: CheckedEvent | None
    reason: str = ""
    notes: tuple[str, ...] = ()


def check_event(event: ImportedEvent) -> EventCheck:
    """The one check of an event from a calendar file: the series (its rule included)
    once, then each changed occurrence, keeping those the rule produces, cleaned."""
    if isinstance(event, CheckedEvent):
        return EventCheck(event)
    data, problems = normalized(event.data)
    if problems:
        return EventCheck(None, reason="; ".join(
            ("its repeat rule cannot be used: " if problem.field == "rrule" else "")
            + problem.message.rstrip(".") for problem in problems))
    notes = []
    kept = []
    if data.rrule is not None:
        produced = series(data.rrule, data.start)
        unproduced = 0
        for change in event.changes:
            original = minute(change.original_start)
            if not produced.contains(original):
                unproduced += 1
                continue
            content = change.data
            if content is not None:
                content, errors = normalized(replace(content, rrule=None))
                if errors:
                    notes.append("one changed occurrence could not be read and was left out")
                    continue
            kept.append(replace(change, original_start=original, data=content))
        if unproduced:
            notes.append(f"{count(unproduced, 'changed occurrence')} that its repeat rule "
                         f"does not produce {'was' if unproduced == 1 else 'were'} left out")
    return EventCheck(CheckedEvent(
        uid=event.uid, data=data, status=event.status, rating=event.rating,
        reflection=event.reflection, changes=tuple(kept), has_outcomes=event.has_outcomes,
    ), notes=tuple(notes))
