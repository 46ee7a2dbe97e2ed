"""When the calendar syncs, on a worker thread: after the first paint, a few seconds after
each local change, every 15 minutes while open, and on Sync now (F5).

Every sync is one `app.sync.engine.run` on the thread pool (never on the UI thread); each
of its writes is committed as soon as the server answered, so quitting while it runs loses
nothing. A change made while a sync runs is synced right after it. The runner says how
things stand through `status_changed` and asks for the password through
`password_needed` when no secret store has it.
"""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from ui.background import BackgroundTask

log = logging.getLogger(__name__)

AFTER_CHANGE_MS = 4000
EVERY_MS = 15 * 60 * 1000
AFTER_START_MS = 1500


@dataclass(frozen=True)
class Outcome:
    """What one sync ended with, as plain values for the UI thread."""

    text: str = ""
    changed_here: bool = False
    problem: str = ""
    fix: str = ""
    offline: bool = False
    guard: int = 0
    needs_password: bool = False


def _sync(data_dir: Path, key: str, confirm_deletes: bool) -> Outcome:
    """One sync on the worker thread; the secret store is asked here too, since it may
    take a while to answer (or unlock)."""
    from app.sync import engine, errors, secret

    password = secret.get(key)
    if password is None:
        return Outcome(needs_password=True)
    try:
        result = engine.run(data_dir, password, confirm_deletes=confirm_deletes)
    except errors.DeletionGuard as exc:
        return Outcome(problem=exc.message, fix="", guard=exc.count)
    except (errors.NoNetwork, errors.TimedOut) as exc:
        return Outcome(problem=exc.message, fix=exc.fix, offline=True)
    except errors.SyncError as exc:
        return Outcome(problem=exc.message, fix=exc.fix)
    return Outcome(text=result.text(), changed_here=bool(result.received or result.deleted))


class SyncRunner(QObject):
    status_changed = Signal()
    synced = Signal(object)          # an Outcome
    plans_changed = Signal()         # the sync changed plans here: reload them
    password_needed = Signal()

    def __init__(self, *, data_dir: Path, close_connection=None, clock=None, parent=None):
        super().__init__(parent)
        self.data_dir = Path(data_dir)
        self._close_connection = close_connection
        self._clock = clock or datetime.datetime.now
        self.task: BackgroundTask | None = None
        self.last: Outcome | None = None
        self._again = False
        self._stopped = False
        self.after_change = QTimer(self)
        self.after_change.setSingleShot(True)
        self.after_change.setInterval(AFTER_CHANGE_MS)
        self.after_change.timeout.connect(self.sync_now)
        self.every = QTimer(self)
        self.every.setInterval(EVERY_MS)
        self.every.timeout.connect(self.sync_now)

    @property
    def running(self) -> bool:
        return self.task is not None and self.task.running

    def start(self) -> None:
        """Begin the schedule: a first sync shortly (after the window has painted)."""
        if not self._account_on():
            return
        QTimer.singleShot(AFTER_START_MS, self.sync_now)
        self.every.start()

    def stop(self) -> None:
        self._stopped = True
        self.after_change.stop()
        self.every.stop()

    def local_change(self) -> None:
        """A plan changed here: sync a few seconds later (one sync for a burst of edits)."""
        if self._account_on():
            self.after_change.start()
            self.status_changed.emit()

    def _account_on(self) -> bool:
        from app.sync import account

        try:
            current = account.load()
        except Exception:  # an unreadable database: the calendar says so elsewhere
            log.info("sync account not readable", exc_info=True)
            return False
        return current is not None and current.enabled

    def sync_now(self, *, confirm_deletes: bool = False, password: str | None = None) -> bool:
        """Start a sync unless one runs (then another follows it); False when it could not
        start (not set up or turned off). `password` is one typed for this run."""
        from app.sync import account, secret

        if self._stopped:
            return False
        current = account.load()
        if current is None or not current.enabled:
            return False
        if password is not None:
            secret.remember(current.secret_key, password)
        if self.running:
            self._again = True
            return False
        data_dir, key = self.data_dir, current.secret_key
        self.task = BackgroundTask(lambda _report: _sync(data_dir, key, confirm_deletes),
                                   name="calendar sync",
                                   close_connection=self._close_connection, parent=self)
        self.task.succeeded.connect(self._on_task_succeeded)
        self.task.failed.connect(self._on_task_failed)
        self.task.finished.connect(self.task.deleteLater)
        self.task.start()
        self.status_changed.emit()
        return True

    def _on_task_succeeded(self, outcome: Outcome) -> None:
        self.task = None  # done: what the line shows now is the outcome
        if outcome.needs_password:
            self.status_changed.emit()
            self.password_needed.emit()
            return
        self.last = outcome
        if outcome.changed_here:
            self.plans_changed.emit()
        self.synced.emit(outcome)
        self.status_changed.emit()
        if self._again:
            self._again = False
            self.after_change.start()

    def _on_task_failed(self, message: str) -> None:
        self.task = None
        self.last = Outcome(problem=message)
        self.status_changed.emit()
