"""An entry's link to the calendar plan it was written about, as the editor shows it.

The entry keeps only the plan's UID; its title and day are read from the calendar each
time the entry opens, so a renamed or moved plan shows as it is now.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from app.errors import HearthError
from app.services import calendar as cal
from ui.calendar.formatting import short_day

GONE = "About a plan that is no longer in the calendar"


@dataclass(frozen=True)
class PlanLink:
    """What the editor shows (`text`), and the occurrence to show in the Calendar when it is
    clicked (`key`, None when the plan is gone)."""

    text: str
    key: tuple | None


def plan_link(uid: str | None, day: datetime.date) -> PlanLink | None:
    """The link of an entry about plan `uid` written for `day`; None for no plan."""
    if not uid:
        return None
    try:
        same_day = [occ for occ in cal.occurrences_on(day) if occ.uid == uid]
        if same_day:
            occ = same_day[0]
            return PlanLink(f"About: {occ.title}, {short_day(occ.start.date())}", occ.key)
        # Moved since, or a repeating plan not on that day: the plan as it stands.
        activity = next((a for a in cal.list_activities() if a.uid == uid), None)
    except HearthError:
        activity = None
    if activity is None:
        return PlanLink(GONE, None)
    return PlanLink(f"About: {activity.title}, {short_day(activity.start.date())}",
                    (activity.id, activity.start))
