"""Outcomes: what became of a plan (planned, done, skipped), counted month by month for the
Calendar tab's summary. Part of the calendar's values (`app.calendar.types` names them
too), kept apart so the summary a window opens with needs none of the others."""

from __future__ import annotations

from dataclasses import dataclass

STATUSES = ("planned", "done", "skipped")


@dataclass(frozen=True)
class MonthSummary:
    """How many occurrences start in one month, by outcome."""

    year: int
    month: int
    planned: int
    done: int
    skipped: int

    @property
    def total(self) -> int:
        return self.planned + self.done + self.skipped


@dataclass(frozen=True)
class QualitySummary:
    """The tab's small summary: this month versus last, the streak, and the last year."""

    this_month: MonthSummary
    last_month: MonthSummary
    streak_weeks: int
    per_month: tuple[MonthSummary, ...]
