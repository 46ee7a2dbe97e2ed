"""How Hearth writes dates and times for people: one style on every screen and message.

Weekday, day and month in words, the day without a leading zero and the year only when it
is not this year's (or when the date must stand on its own, as in a file): "Friday 14 March",
"Friday 14 March 2025"; where room is short, "Fri 14 Mar". Times are on the 24-hour clock,
"19:05", and a moment joins the two with "at": "Friday 14 March at 19:05", or "today at
19:05" near today. Files meant for other programs (.ics, ISO dates in command output that
scripts read, backup names) keep their own machine formats and do not come here.

English names whatever the locale: the rest of Hearth's words are English too.
"""

from __future__ import annotations

import datetime as dt

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
# Near today, a day is named rather than dated.
RELATIVE = {0: "today", 1: "tomorrow", -1: "yesterday"}


def time_text(value: dt.datetime | dt.time) -> str:
    """"19:05"."""
    return f"{value.hour:02d}:{value.minute:02d}"


def _year(day: dt.date, today: dt.date | None) -> str:
    return f" {day.year}" if today is None or day.year != today.year else ""


def day_text(day: dt.date, today: dt.date | None = None) -> str:
    """"Friday 14 March", with the year unless `today` is given and in the same year."""
    return f"{WEEKDAYS[day.weekday()]} {day.day} {MONTHS[day.month - 1]}{_year(day, today)}"


def short_day_text(day: dt.date, today: dt.date | None = None) -> str:
    """"Fri 14 Mar", the same order as day_text, for narrow places."""
    return (f"{WEEKDAYS[day.weekday()][:3]} {day.day} {MONTHS[day.month - 1][:3]}"
            f"{_year(day, today)}")


def month_text(year: int, month: int) -> str:
    """"March 2026"."""
    return f"{MONTHS[month - 1]} {year}"


def relative_day(day: dt.date, today: dt.date) -> str | None:
    """"today", "tomorrow" or "yesterday", else None."""
    return RELATIVE.get((day - today).days)


def moment_text(moment: dt.datetime, today: dt.date | None = None) -> str:
    """"today at 19:05", "Friday 14 March at 19:05" (year as in day_text)."""
    day = moment.date()
    named = relative_day(day, today) if today is not None else None
    return f"{named or day_text(day, today)} at {time_text(moment)}"


def short_moment_text(moment: dt.datetime, today: dt.date) -> str:
    """For a status line: "19:05" today, else "Fri 14 Mar" (the time then matters less)."""
    if moment.date() == today:
        return time_text(moment)
    return short_day_text(moment.date(), today)


def axis_day_text(day: dt.date) -> str:
    """"3 Nov": day and month alone, for a chart's axis where the weekday would crowd."""
    return f"{day.day} {MONTHS[day.month - 1][:3]}"


def axis_month_text(day: dt.date) -> str:
    """"Nov", or "Jan 2027" where a year begins, for the months along a chart."""
    return MONTHS[day.month - 1][:3] + (f" {day.year}" if day.month == 1 else "")
