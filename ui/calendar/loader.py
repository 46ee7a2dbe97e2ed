"""Reading a month's occurrences ahead of time on a worker thread, and keeping a few months.

Expanding a busy month's recurring plans takes a noticeable moment, so the months either
side of the one on screen are read in the background; switching to them is then instant.
Any change to the calendar bumps the generation, which drops the kept months and ignores
answers still on their way.
"""

from __future__ import annotations

import datetime
import logging
from collections import OrderedDict

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from app.errors import HearthError
from app.services import calendar as cal
from ui import collector

log = logging.getLogger(__name__)

KEEP_MONTHS = 8
Range = tuple[datetime.date, datetime.date]

class _Task(QRunnable):
    def __init__(self, loader: MonthLoader, generation: int, days: Range):
        super().__init__()
        self._loader = loader
        self._generation = generation
        self._days = days

    def run(self) -> None:
        with collector.paused():
            self._run()

    def _run(self) -> None:
        try:
            found = cal.occurrences_between(*self._days)
        except HearthError:
            log.warning("could not read a month ahead")
            return
        except Exception:  # a read on a closing database must not take the app down
            log.exception("reading a month ahead failed")
            return
        finally:
            if self._loader.close_connection is not None:
                self._loader.close_connection()
        try:
            self._loader.loaded.emit(self._generation, self._days, found)
        except RuntimeError:  # the tab went away while this ran
            pass


class MonthLoader(QObject):
    """Occurrences per grid range: kept ones at once, others read now or ahead."""

    loaded = Signal(int, object, object)  # generation, range, [Occurrence]

    def __init__(self, *, close_connection=None, parent=None):
        super().__init__(parent)
        # Closes the worker thread's own database connection after each read.
        self.close_connection = close_connection
        self._kept: OrderedDict[Range, list] = OrderedDict()
        self._pending: set[Range] = set()
        self._generation = 0
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self.loaded.connect(self._on_loaded)

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
        for days in ranges:
            if days in self._kept or days in self._pending:
                continue
            self._pending.add(days)
            self.pool.start(_Task(self, self._generation, days))

    def invalidate(self) -> None:
        """Forget every kept month (call after any change to the calendar)."""
        self._generation += 1
        self._kept.clear()
        self._pending.clear()

    def shutdown(self) -> None:
        self.pool.clear()
        self.pool.waitForDone(5000)

    def _keep(self, days: Range, found: list) -> None:
        self._kept[days] = found
        self._kept.move_to_end(days)
        while len(self._kept) > KEEP_MONTHS:
            self._kept.popitem(last=False)

    def _on_loaded(self, generation: int, days: Range, found: list) -> None:
        self._pending.discard(days)
        if generation == self._generation:
            self._keep(days, found)
