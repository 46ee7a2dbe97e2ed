"""On this day: entries written on today's date in earlier years, and a month ago.

A pure query over the journal's entries, newest first within each group. 29 February's
entries come back on 28 February in years without one, so they are not lost for three
years in four. A month ago is the same day of the previous month (the month's last day
when it is shorter). Nothing is returned when there is nothing to show.
"""

from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass

import peewee

SNIPPET_CHARS = 140
PER_GROUP_MAX = 20


@dataclass(frozen=True, slots=True)
class Memory:
    """An entry to look back on. `when` says how long ago in words ("1 year ago",
    "3 years ago", "A month ago"); `snippet` is the start of its text on one line."""

    entry_id: int
    date: datetime.date
    title: str
    snippet: str
    when: str


def a_month_before(day: datetime.date) -> datetime.date:
    year, month = (day.year, day.month - 1) if day.month > 1 else (day.year - 1, 12)
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _snippet(body: str) -> str:
    for line in body.splitlines():
        text = " ".join(line.strip().lstrip("#>*-+ \t").split())
        if text and not text.startswith("!["):
            return text if len(text) <= SNIPPET_CHARS else text[:SNIPPET_CHARS - 1] + "…"
    return ""


def on_this_day(db: peewee.Database, today: datetime.date) -> tuple[Memory, ...]:
    """Earlier years' entries of today's month and day, then last month's of this day."""
    days = [today.strftime("%m-%d")]
    if today.month == 2 and today.day == 28 and not calendar.isleap(today.year):
        days.append("02-29")
    marks = ",".join("?" for _ in days)
    rows = db.execute_sql(
        "SELECT id, date, title, substr(body, 1, 600) FROM entry"
        f" WHERE substr(date, 6) IN ({marks}) AND date < ?"
        " ORDER BY date DESC, id DESC LIMIT ?",
        [*days, f"{today.year:04d}-01-01", PER_GROUP_MAX]).fetchall()
    memories = []
    for entry_id, date_text, title, body in rows:
        day = datetime.date.fromisoformat(date_text)
        years = today.year - day.year
        memories.append(Memory(entry_id=entry_id, date=day, title=title, snippet=_snippet(body),
                               when="1 year ago" if years == 1 else f"{years} years ago"))
    month_ago = a_month_before(today)
    rows = db.execute_sql(
        "SELECT id, date, title, substr(body, 1, 600) FROM entry WHERE date = ?"
        " ORDER BY id DESC LIMIT ?", (month_ago.isoformat(), PER_GROUP_MAX)).fetchall()
    memories += [Memory(entry_id=r[0], date=month_ago, title=r[2], snippet=_snippet(r[3]),
                        when="A month ago") for r in rows]
    return tuple(memories)
