"""How the calendar writes dates, times, durations, reminders and costs for people."""

from __future__ import annotations

import datetime

from PySide6.QtCore import QLocale

from app import dates

COST_NAMES = {0: "Free", 1: "Low cost", 2: "Medium cost", 3: "High cost"}


def first_weekday() -> int:
    """The locale's first day of the week as Python counts it (Monday is 0)."""
    return QLocale().firstDayOfWeek().value - 1


def weekday_short_names(start: int) -> list[str]:
    locale = QLocale()
    # Qt counts Monday as 1 .. Sunday as 7.
    return [locale.dayName((start + i) % 7 + 1, QLocale.FormatType.ShortFormat)
            for i in range(7)]


def month_title(year: int, month: int) -> str:
    return dates.month_text(year, month)


def time_text(value: datetime.datetime | datetime.time) -> str:
    return dates.time_text(value)


def day_title(day: datetime.date, today: datetime.date | None = None) -> str:
    """"Today", "Tomorrow" or "Friday 14 March" (with the year when it is not this year)."""
    if today is not None:
        named = dates.relative_day(day, today)
        if named:
            return named.capitalize()
    return dates.day_text(day, today)


def day_heading(day: datetime.date, today: datetime.date) -> str:
    """"Today · Monday 23 November", or just the date for other days."""
    full = dates.day_text(day, today)
    relative = dates.relative_day(day, today)
    return f"{relative.capitalize()} · {full}" if relative else full


def short_day(day: datetime.date) -> str:
    return dates.short_day_text(day, day)


def duration_text(minutes: int | None) -> str:
    if not minutes:
        return ""
    hours, rest = divmod(int(minutes), 60)
    if hours and rest:
        return f"{hours} h {rest} min"
    if hours:
        return f"{hours} h"
    return f"{rest} min"


def reminder_text(minutes: int | None) -> str:
    if minutes is None:
        return "No reminder"
    if minutes == 0:
        return "At the start"
    for size, unit in ((7 * 24 * 60, "week"), (24 * 60, "day"), (60, "hour")):
        if minutes % size == 0:
            count = minutes // size
            return f"{count} {unit}{'s' if count != 1 else ''} before"
    return f"{minutes} minutes before"


def cost_text(cost: int | None) -> str:
    return COST_NAMES.get(cost if cost is not None else -1, "")
