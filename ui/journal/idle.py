"""Auto-lock: notice when the person stops using the app and say so after a set time."""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication

# Input that proves someone is at the keyboard; paint or timer events must not count.
_ACTIVITY_EVENTS = frozenset({
    QEvent.Type.KeyPress,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseMove,
    QEvent.Type.Wheel,
    QEvent.Type.TouchBegin,
    QEvent.Type.InputMethod,
})
CHECK_INTERVAL_MS = 15_000


class IdleWatcher(QObject):
    """Watches every input event of the application and emits `idle_timed_out` once the
    person has been away for `minutes`.

    The clock is injectable and `check()` is public, so tests move time forward instead of
    sleeping. A periodic timer calls `check()` in the running app.
    """

    idle_timed_out = Signal()

    def __init__(self, *, minutes: int, clock: Callable[[], float] = time.monotonic,
                 parent=None):
        super().__init__(parent)
        self._clock = clock
        self._minutes = max(0, int(minutes))
        self._last_activity = clock()
        self._armed = False
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_INTERVAL_MS)
        self.timer.timeout.connect(self.check)
        self._filtering = False

    @property
    def minutes(self) -> int:
        return self._minutes

    def set_minutes(self, minutes: int) -> None:
        """0 turns auto-lock off."""
        self._minutes = max(0, int(minutes))
        self._sync_timer()

    def arm(self) -> None:
        """Start counting (the journal was unlocked)."""
        self._armed = True
        self.touch()
        self._sync_timer()

    def disarm(self) -> None:
        """Stop counting (the journal is locked; nothing left to protect)."""
        self._armed = False
        self._sync_timer()

    def is_armed(self) -> bool:
        return self._armed

    def touch(self) -> None:
        self._last_activity = self._clock()

    def idle_seconds(self) -> float:
        return self._clock() - self._last_activity

    def check(self) -> None:
        if not self._armed or self._minutes <= 0:
            return
        if self.idle_seconds() >= self._minutes * 60:
            self.disarm()
            self.idle_timed_out.emit()

    def stop(self) -> None:
        self.disarm()

    def _sync_timer(self) -> None:
        # Watch input only while there is something to lock: the filter sees every event
        # of the application, so it should cost nothing while the journal is locked.
        watching = self._armed and self._minutes > 0
        if watching and not self.timer.isActive():
            self.timer.start()
        elif not watching:
            self.timer.stop()
        app = QApplication.instance()
        if app is None or watching == self._filtering:
            return
        if watching:
            app.installEventFilter(self)
        else:
            app.removeEventFilter(self)
        self._filtering = watching

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt override)
        if event.type() in _ACTIVITY_EVENTS:
            self._last_activity = self._clock()
        return False
