"""What the calendar tests share: a calendar bound to a fixed local zone and a clock moved
by hand, and a dump of its tables to compare before and after an import."""

from __future__ import annotations

import datetime as dt

import pytest

from app.calendar import store, zones
from tests.helpers.clock import FakeClock

LOCAL = "Europe/London"
# When the calendar's tests say it is, unless a test moves it: before every date they
# plan, so their reminders are set ahead of their time (see app.calendar.reminders).
CORE_START = dt.datetime(2026, 1, 1, 9, 0)


@pytest.fixture
def core_clock(monkeypatch):
    """The calendar core's "now" (creation stamps, when a reminder is set), by hand."""
    clock = FakeClock(CORE_START)
    monkeypatch.setattr(store, "current_time", clock)
    return clock


@pytest.fixture
def calendar_db(app_context, monkeypatch, core_clock):
    """The shared database, with the calendar's local zone fixed to LOCAL."""
    monkeypatch.setattr(zones, "local_timezone", lambda: LOCAL)
    return app_context.db


def dump(db):
    """Every row of the calendar's tables, in id order."""
    return [db.execute_sql(f"SELECT * FROM {table} ORDER BY id").fetchall()
            for table in ("calendar_activity", "calendar_change", "calendar_reminder")]
