"""One date style: app/dates.py writes every date people read, and no other module formats
day or month names itself."""

from __future__ import annotations

import datetime as dt
import re

from app import dates
from app.text import count
from tests.helpers.paths import ROOT

TODAY = dt.date(2026, 12, 1)  # a Tuesday


def test_days_are_weekday_day_month_with_the_year_only_when_it_differs():
    assert dates.day_text(dt.date(2026, 3, 14), TODAY) == "Saturday 14 March"
    assert dates.day_text(dt.date(2025, 3, 14), TODAY) == "Friday 14 March 2025"
    assert dates.day_text(dt.date(2026, 3, 4)) == "Wednesday 4 March 2026"
    assert dates.short_day_text(dt.date(2026, 12, 1), TODAY) == "Tue 1 Dec"
    assert dates.short_day_text(dt.date(2027, 1, 2), TODAY) == "Sat 2 Jan 2027"
    assert dates.month_text(2026, 12) == "December 2026"
    assert dates.axis_day_text(dt.date(2026, 11, 3)) == "3 Nov"
    assert dates.axis_month_text(dt.date(2026, 11, 3)) == "Nov"
    assert dates.axis_month_text(dt.date(2027, 1, 4)) == "Jan 2027"


def test_moments_join_the_day_and_a_24_hour_time_with_at():
    assert dates.time_text(dt.time(9, 5)) == "09:05"
    assert dates.moment_text(dt.datetime(2026, 12, 1, 21, 0), TODAY) == "today at 21:00"
    assert dates.moment_text(dt.datetime(2026, 11, 30, 21, 0), TODAY) == "yesterday at 21:00"
    assert dates.moment_text(dt.datetime(2026, 11, 27, 8, 30), TODAY) == \
        "Friday 27 November at 08:30"
    assert dates.moment_text(dt.datetime(2026, 11, 27, 8, 30)) == \
        "Friday 27 November 2026 at 08:30"
    assert dates.short_moment_text(dt.datetime(2026, 12, 1, 21, 0), TODAY) == "21:00"
    assert dates.short_moment_text(dt.datetime(2026, 11, 27, 21, 0), TODAY) == "Fri 27 Nov"


def test_counts_agree_with_their_nouns():
    assert count(1, "plan") == "1 plan"
    assert count(0, "plan") == "0 plans"
    assert count(1200, "entry", "entries") == "1,200 entries"


def test_no_module_but_dates_writes_day_or_month_names():
    """strftime's %a %A %b %B (and f-string date formats using them) write a second style;
    machine formats such as %Y-%m-%d stay allowed."""
    names = re.compile(r"%[aAbB]")
    offenders = [
        f"{path.relative_to(ROOT)}:{number}"
        for folder in ("app", "ui")
        for path in sorted((ROOT / folder).rglob("*.py")) if path.name != "dates.py"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if names.search(line)
    ]
    assert offenders == []
