"""Expansion: the named rows read the real tables, and the per-week cache never serves a
series as it was before an edit."""

import datetime as dt
from dataclasses import replace

from app.calendar import expansion, store
from app.calendar.types import ActivityInput
from tests.helpers.calendar import LOCAL

FRIDAY = dt.datetime(2026, 3, 6, 19, 0)


def columns(db, table):
    return {row[1] for row in db.execute_sql(f"PRAGMA table_info({table})").fetchall()}


def test_each_row_shape_names_columns_of_its_table(db):
    assert set(expansion.ActivityRow._fields) <= columns(db, "calendar_activity")
    assert set(expansion.ChangeRow._fields) <= columns(db, "calendar_change")


def test_rows_come_back_by_name(db):
    weekly = store.create_activity(ActivityInput(title="Date night", start=FRIDAY,
                                                 rrule="FREQ=WEEKLY", timezone=LOCAL))
    store.delete_occurrence(weekly.id, FRIDAY + dt.timedelta(days=7))
    rows, changes = expansion.fetch(FRIDAY.date(), FRIDAY.date() + dt.timedelta(days=14))
    assert [(row.id, row.title, row.rrule) for row in rows] == [
        (weekly.id, "Date night", "FREQ=WEEKLY")]
    [change] = changes[weekly.id]
    assert change.cancelled and not change.overridden
    assert expansion.parse_time(change.original_start) == FRIDAY + dt.timedelta(days=7)


def test_an_edited_series_is_never_served_from_the_week_cache(db):
    data = ActivityInput(title="Date night", start=FRIDAY, rrule="FREQ=WEEKLY", timezone=LOCAL)
    weekly = store.create_activity(data)
    march = (dt.date(2026, 3, 1), dt.date(2026, 3, 31))
    before = expansion.occurrences_between(*march, tz=LOCAL)
    assert {o.title for o in before} == {"Date night"} and len(before) == 4
    store.update_activity(weekly.id, replace(data, title="Dinner out"))
    after = expansion.occurrences_between(*march, tz=LOCAL)
    assert {o.title for o in after} == {"Dinner out"} and len(after) == 4
    store.delete_occurrence(weekly.id, FRIDAY + dt.timedelta(days=14))
    assert len(expansion.occurrences_between(*march, tz=LOCAL)) == 3
