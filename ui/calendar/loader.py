"""Reading a month's occurrences ahead of time on a worker thread, and keeping a few months.

Expanding a busy month's recurring plans takes a noticeable moment, so the months either
side of the one on screen are read in the background; switching to them is then instant.
Any change to the calendar bumps the generation, which drops the kept months and ignores
answers still on their way.
"""

from __future__ import annotations

import datetime
import functools
from collections import OrderedDict, namedtuple

from PySide6.QtCore import QObject

from app.services import calendar as cal

KEEP_MONTHS = 8
Range = tuple[datetime.date, datetime.date]


# A range read on a worker (its days and what was found), with the generation it was asked
# for in.
_Month = namedtuple("_Month", "generation days found")


def _read_month(generation: int, days: Range, _report) -> _Month:
    return _Month(generation, days, cal.occurrences_between(*days))


class MonthLoader(QObject):
    """Occurrences per grid range: kept ones at once, others read now or ahead."""

    def __init__(self, *, close_connection=None, parent=None):
        super().__init__(parent)
        # Closes the worker thread's own database connection after each read.
        self.close_connection = close_connection
        self._kept: OrderedDict[Range, list] = OrderedDict()
        self._pending: set[Range] = set()
        self._generation = 0
        self._pool = None

    @property
    def pool(self):
        """One worker thread, started with the first read ahead (after the first paint)."""
        if self._pool is None:
            from PySide6.QtCore import QThreadPool

            self._pool = QThreadPool(self)
            self._pool.setMaxThreadCount(1)
        return self._pool

    def get(self, days: Range) -> list:
        """The occurrences in `days`, read on this thread unless already kept."""
        found = self._kept.get(days)
        if found is not None:
            self._kept.move_to_end(days)
            return found
        found = cal.occurrences_between(*days)
        self._keep(days, found)
        return found

    def is_kept(self, days: Range) -> bool:
        return days in self._kept

    def read_ahead(self, ranges: list[Range]) -> None:
        from ui.background import BackgroundTask

        for days in ranges:
            if days in self._kept or days in self._pending:
                continue
            self._pending.add(days)
            task = BackgroundTask(functools.partial(_read_month, self._generation, days),
                                  name="reading a month ahead",
                                  close_connection=self.close_connection, parent=self)
            task.succeeded.connect(self._on_task_succeeded)
            task.finished.connect(task.deleteLater)
            task.start(self.pool)

    def invalidate(self) -> None:
        """Forget every kept month (call after any change to the calendar)."""
        self._generation += 1
        self._kept.clear()
        self._pending.clear()

    def shutdown(self) -> None:
        if self._pool is not None:
            self._pool.clear()
            self._pool.waitForDone(5000)

    def _keep(self, days: Range, found: list) -> None:
        self._kept[days] = found
        self._kept.move_to_end(days)
        while len(self._kept) > KEEP_MONTHS:
            self._kept.popitem(last=False)

    def _on_task_succeeded(self, month: _Month) -> None:
        # A month that could not be read stays pending: asking again soon would fail again.
        self._pending.discard(month.days)
        if month.generation == self._generation:
            self._keep(month.days, month.found)
