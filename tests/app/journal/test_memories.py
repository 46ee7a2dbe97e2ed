"""On this day: earlier years' entries of today's date, and a month ago; nothing otherwise."""

import datetime

from app.journal import memories


def _write(db, day, title, body="Some words."):
    now = "2026-01-01T00:00:00"
    return db.execute_sql(
        "INSERT INTO entry (date, title, body, created_at, updated_at) VALUES (?,?,?,?,?)",
        (day, title, body, now, now)).lastrowid


def test_earlier_years_then_a_month_ago(journal_db):
    _write(journal_db, "2019-11-20", "Seven years")
    _write(journal_db, "2025-11-20", "Last year", "![x](attachment:1)\n\nWe went out.")
    _write(journal_db, "2026-10-20", "Month")
    _write(journal_db, "2026-11-20", "Today itself")
    _write(journal_db, "2025-11-21", "Not today")
    found = memories.on_this_day(journal_db, datetime.date(2026, 11, 20))
    assert [(m.title, m.when) for m in found] == [
        ("Last year", "1 year ago"), ("Seven years", "7 years ago"), ("Month", "A month ago")]
    assert found[0].snippet == "We went out."


def test_nothing_to_show_is_empty(journal_db):
    _write(journal_db, "2026-11-19", "Yesterday")
    assert memories.on_this_day(journal_db, datetime.date(2026, 11, 20)) == ()


def test_leap_day_entries_come_back_on_the_28th_and_short_months_clamp(journal_db):
    _write(journal_db, "2024-02-29", "Leap")
    _write(journal_db, "2025-02-28", "Month end")
    assert [m.title for m in memories.on_this_day(journal_db, datetime.date(2025, 2, 28))] \
        == ["Leap"]
    assert [m.title for m in memories.on_this_day(journal_db, datetime.date(2025, 3, 31))] \
        == ["Month end"]
    assert memories.a_month_before(datetime.date(2026, 1, 15)) == datetime.date(2025, 12, 15)
