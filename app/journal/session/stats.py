"""Journal statistics: totals, the writing streak and mood by week and month."""

from __future__ import annotations

import datetime

from app.calendar import months as months_index
from app.journal.session.guard import guarded
from app.journal.session.text import parse_date
from app.journal.types import JournalStats, MoodPoint


class StatsMixin:
    """Statistics of a `JournalSession` (see its docstring for the contract)."""

    @guarded
    def stats(self, today: datetime.date) -> JournalStats:
        """Numbers for the tab, computed relative to `today`."""
        db = self._db
        total = db.execute_sql("SELECT count(*) FROM entry").fetchone()[0]
        month_start = today.replace(day=1)
        next_month = (month_start + datetime.timedelta(days=32)).replace(day=1)
        this_month = db.execute_sql(
            "SELECT count(*) FROM entry WHERE date >= ? AND date < ?",
            (month_start.isoformat(), next_month.isoformat()),
        ).fetchone()[0]
        year_ago = today - datetime.timedelta(days=365)
        days = frozenset(
            parse_date(r[0])
            for r in db.execute_sql(
                "SELECT DISTINCT date FROM entry WHERE date >= ? AND date <= ?",
                (year_ago.isoformat(), today.isoformat()),
            )
        )
        streak = 0
        day = today if today in days else today - datetime.timedelta(days=1)
        while day in days:
            streak += 1
            day -= datetime.timedelta(days=1)
        if day < year_ago:
            # The streak is older than the year loaded above: count the rest in SQL.
            older = {
                parse_date(r[0])
                for r in db.execute_sql(
                    "SELECT DISTINCT date FROM entry WHERE date <= ?", (day.isoformat(),)
                )
            }
            while day in older:
                streak += 1
                day -= datetime.timedelta(days=1)
        week_start = today - datetime.timedelta(days=today.weekday() + 7 * 25)
        month_from = _add_months(month_start, -11)
        moods = [
            (parse_date(r[0]), r[1])
            for r in db.execute_sql(
                "SELECT date, mood FROM entry WHERE mood IS NOT NULL AND date >= ?"
                " AND date <= ?",
                (min(week_start, month_from).isoformat(), today.isoformat()),
            )
        ]
        by_week: dict[datetime.date, list[int]] = {}
        by_month: dict[datetime.date, list[int]] = {}
        for date, mood in moods:
            if date >= week_start:
                by_week.setdefault(date - datetime.timedelta(days=date.weekday()), []).append(mood)
            if date >= month_from:
                by_month.setdefault(date.replace(day=1), []).append(mood)
        return JournalStats(
            total_entries=total,
            entries_this_month=this_month,
            writing_streak_days=streak,
            mood_by_week=_points(by_week),
            mood_by_month=_points(by_month),
            days_written=days,
        )

def _points(groups: dict[datetime.date, list[int]]) -> tuple[MoodPoint, ...]:
    return tuple(
        MoodPoint(start=start, average=round(sum(v) / len(v), 2), count=len(v))
        for start, v in sorted(groups.items())
    )


def _add_months(day: datetime.date, months: int) -> datetime.date:
    year, month = months_index.shift(day.year, day.month, months)
    return datetime.date(year, month, 1)
