"""Reminders while Hearth runs, and the ones missed while it was closed.

A timer is armed for the next reminder; the window's tray icon (ui/tray.py) is what they
show through, by way of the navigator.

The clock is injected so tests move time by hand; the timer only decides when to look again,
the core decides what is due.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal

from app.errors import HearthError
from app.services import calendar as cal

log = logging.getLogger(__name__)

# Look again at least this often, so plans added or changed elsewhere are not missed and a
# sleeping computer catches up soon after waking.
POLL_MS = 60_000
# A timer is never armed for less than this, so a burst of reminders is one check.
MIN_MS = 250


class ReminderScheduler(QObject):
    """Finds reminders that came due since the last look and announces each once."""

    reminder_due = Signal(object)  # cal.Reminder
    missed_found = Signal(list)  # [cal.Reminder] missed while Hearth was closed
    checked = Signal(object)  # the datetime checked up to, to remember as "last seen"

    def __init__(self, *, clock: Callable[[], datetime.datetime] = datetime.datetime.now,
                 parent=None):
        super().__init__(parent)
        self._clock = clock
        self._last: datetime.datetime | None = None
        self._announced: set[tuple] = set()
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self._on_timer_timeout)

    def start(self, last_seen: datetime.datetime | None) -> None:
        """Begin watching from now; reminders due between `last_seen` and now are missed."""
        now = self._clock()
        if last_seen is not None and last_seen < now:
            try:
                missed = cal.missed_reminders(last_seen, now)
            except HearthError:
                log.exception("could not read missed reminders")
                missed = []
            if missed:
                log.info("%d reminders were missed while closed", len(missed))
                for reminder in missed:
                    self._announced.add(_key(reminder))
                self.missed_found.emit(missed)
        self._last = now
        self.checked.emit(now)
        self.rearm()

    def stop(self) -> None:
        self.timer.stop()

    def check(self) -> list:
        """Announce what came due since the last look (the timer calls this)."""
        if self._last is None:
            return []
        now = self._clock()
        if now <= self._last:
            self.rearm()
            return []
        try:
            due = cal.due_reminders(self._last, now)
        except HearthError:
            log.exception("could not read due reminders")
            due = []
        self._last = now
        fresh = [r for r in due if _key(r) not in self._announced]
        for reminder in fresh:
            self._announced.add(_key(reminder))
            self.reminder_due.emit(reminder)
        self.checked.emit(now)
        self.rearm()
        return fresh

    def rearm(self) -> None:
        """Arm the timer for the next reminder (or the next poll); call after edits too."""
        if self._last is None:
            return
        interval = POLL_MS
        try:
            upcoming = cal.next_reminder_time(self._last)
        except HearthError:
            upcoming = None
        if upcoming is not None:
            wait = (upcoming - self._clock()).total_seconds() * 1000
            interval = int(min(POLL_MS, max(MIN_MS, wait)))
        self.timer.start(interval)

    def _on_timer_timeout(self) -> None:
        self.check()


def _key(reminder) -> tuple:
    """One announcement per reminder of an occurrence ("the day before" and "an hour
    before" are two)."""
    return (*reminder.occurrence.key, reminder.minutes)
