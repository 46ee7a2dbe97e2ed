"""Outcomes: what became of a plan (planned, done, skipped), counted month by month for the
Calendar tab's summary. Part of the calendar's values (`app.calendar.types` names them
too), kept apart so the summary a window opens with needs none of the others. They are
NamedTuples, which a start defines for a fraction of what frozen dataclasses cost."""

from __future__ import annotations

from typing import NamedTuple

STATUSES = ("planned", "done", "skipped")


class MonthSummary(NamedTuple):
    """How many occurrences start in one month, by outcome."""

    year: int
    month: int
    planned: int
    done: int
    skipped: int

    @property
    def total(self) -> int:
        return self.planned + self.done + self.skipped


class QualitySummary(NamedTuple):
    """The tab's small summary: this month versus last, the streak, and the last year."""

    this_month: MonthSummary
    last_month: MonthSummary
    streak_weeks: int
    per_month: tuple[MonthSummary, ...]
