"""Reminders: which planned occurrences want a reminder between two moments.

A plan may have several reminders ("the day before" and "an hour before"), each due its
`minutes` before the occurrence starts (display-zone wall-clock). A reminder chosen after
that moment (a plan saved at 21:02 for 22:00 with "1 hour before") is due when it was
chosen instead (the second after its stamp), as long as the plan is still ahead; one chosen before it is due on time.
Either way it is due at one moment, so a caller that looks at each span of time once
announces it once, across restarts too (the window keeps when it last looked).

The lookup reads occurrences up to the longest reminder any plan has past the end of the
span, so a reminder four weeks ahead of its plan is still found.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from app.calendar import reminder_reads
from app.calendar.expansion import occurrences_between, sort_key

if TYPE_CHECKING:
    from app.calendar.types import Reminder

LATE_STEP = dt.timedelta(seconds=1)


def due_reminders(
    since: dt.datetime, until: dt.datetime, *, tz: str | None = None
) -> list[Reminder]:
    """Reminders of planned occurrences due in `since < remind_at <= until`, by time."""
    if until <= since:
        return []
    lead = reminder_reads.longest()
    last = until + dt.timedelta(minutes=lead)
    occurrences = [occ for occ in occurrences_between(since.date(), last.date(), tz=tz)
                   if occ.reminders and occ.status == "planned"]
    if not occurrences:
        return []  # nothing to remind of
    from app.calendar.types import Reminder

    set_at = reminder_reads.set_at_by_key(occ.activity_id for occ in occurrences)
    found = []
    for occurrence in occurrences:
        own = occurrence.original_start if occurrence.is_changed else None
        for minutes in occurrence.reminders:
            remind_at = occurrence.start - dt.timedelta(minutes=minutes)
            chosen = set_at.get((occurrence.activity_id, own, minutes))
            if chosen is not None and chosen > remind_at:
                if chosen >= occurrence.start:
                    continue  # chosen once the plan had begun: nothing to remind of
                # Stamps keep whole seconds: the next one is surely after the save, so a
                # look taken while it was being saved does not pass it by.
                remind_at = chosen + LATE_STEP
            if since < remind_at <= until:
                found.append(Reminder(remind_at=remind_at, occurrence=occurrence,
                                      minutes=minutes))
    found.sort(key=lambda reminder: (reminder.remind_at, sort_key(reminder.occurrence),
                                     -reminder.minutes))
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
