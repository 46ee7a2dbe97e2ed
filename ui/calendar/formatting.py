"""How the calendar writes dates, times, durations, reminders and costs for people."""

from __future__ import annotations

import datetime

from PySide6.QtCore import QLocale

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
    return f"{QLocale().standaloneMonthName(month, QLocale.FormatType.LongFormat)} {year}"


def time_text(value: datetime.datetime | datetime.time) -> str:
    return f"{value.hour:02d}:{value.minute:02d}"


def day_title(day: datetime.date, today: datetime.date | None = None) -> str:
    """"Today", "Tomorrow" or "Friday 14 March" (with the year when it is not this year)."""
    if today is not None:
        if day == today:
            return "Today"
        if day == today + datetime.timedelta(days=1):
            return "Tomorrow"
        if day == today - datetime.timedelta(days=1):
            return "Yesterday"
    text = f"{day.strftime('%A')} {day.day} {day.strftime('%B')}"
    if today is None or day.year != today.year:
        text += f" {day.year}"
    return text


def day_heading(day: datetime.date, today: datetime.date) -> str:
    """"Today · Monday 23 November", or just the date for other days."""
    full = f"{day.strftime('%A')} {day.day} {day.strftime('%B')}"
    if day.year != today.year:
        full += f" {day.year}"
    relative = {0: "Today", 1: "Tomorrow", -1: "Yesterday"}.get((day - today).days)
    return f"{relative} · {full}" if relative else full


def short_day(day: datetime.date) -> str:
    return f"{day.strftime('%a')} {day.day} {day.strftime('%b')}"


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
