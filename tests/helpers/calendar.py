"""What the calendar file tests share: a calendar bound to a fixed local zone, and a dump
of its two tables to compare before and after an import."""

from __future__ import annotations

import pytest

from app.calendar import zones

LOCAL = "Europe/London"


@pytest.fixture
def calendar_db(app_context, monkeypatch):
    """The shared database, with the calendar's local zone fixed to LOCAL."""
    monkeypatch.setattr(zones, "local_timezone", lambda: LOCAL)
    return app_context.db


def dump(db):
    """Every row of the calendar's tables, in id order."""
    return [db.execute_sql(f"SELECT * FROM {table} ORDER BY id").fetchall()
            for table in ("calendar_activity", "calendar_change")]
