"""Run slow work (backups, journal rewrites and exports, calendar files and months) on a pool."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from app.errors import HearthError
from app.safety.storage import storage_error
from ui import collector

log = logging.getLogger(__name__)

Report = Callable[[int, int], None]  # report(done, total) moves a progress bar
UNEXPECTED_MESSAGE = "Something went wrong. The details are in the log."


class BackgroundTask(QObject):
    """One piece of work on the thread pool: `work(report)` may call `report(done, total)`.

    Signals arrive on the thread that created the task (the UI thread): `progressed`, then
    `succeeded(result)` or `failed(message)`, then `finished`. A full or read-only disk
    fails with its own message; any other unexpected error is logged with its traceback
    and fails with a plain one.

    The work runs with Python's cycle collector paused (see ui/collector.py), so it must not
    hold widgets: give it plain values, never a tab or a dialog. `close_connection`, when
    given, runs on the worker thread once the work is over, whatever the outcome, to close
    the database connection that thread opened. When the task's owner (its Qt parent) is
    deleted while the work runs, the outcome is dropped quietly.
    """

    progressed = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(str)
    finished = Signal()

    def __init__(self, work: Callable[[Report], object], *, name: str = "background work",
                 close_connection: Callable[[], None] | None = None, parent=None):
        super().__init__(parent)
        self._work = work
        self._close_connection = close_connection
        self.name = name
        self.running = False
        # Connected first, so `running` is already False in anyone else's finished slot.
        self.finished.connect(self._on_finished)

    def start(self, pool: QThreadPool | None = None) -> None:
        self.running = True
        (pool or QThreadPool.globalInstance()).start(_Runner(self))

    def _on_finished(self) -> None:
        self.running = False


class _Runner(QRunnable):
    def __init__(self, task: BackgroundTask):
        super().__init__()
        self.setAutoDelete(True)
        self._task = task

    def run(self) -> None:
        with collector.paused():
            self._run()

    def _run(self) -> None:
        task = self._task
        try:
            result = task._work(self._report)
        except HearthError as exc:
            log.info("%s failed: %s", task.name, type(exc).__name__)
            outcome = (False, exc.message)
        except Exception as exc:  # a bug or the disk: say so plainly, keep the traceback
            translated = storage_error(exc)
            if translated is None:
                log.exception("%s failed", task.name)
            outcome = (False, translated.message if translated else UNEXPECTED_MESSAGE)
        else:
            outcome = (True, result)
        finally:
            if task._close_connection is not None:
                task._close_connection()
        ok, value = outcome
        try:
            if ok:
                task.succeeded.emit(value)
            else:
                task.failed.emit(value)
            task.finished.emit()
        except RuntimeError:  # the owner, and the task with it, was deleted meanwhile
            log.info("%s ended after its owner was gone", task.name)

    def _report(self, done: int, total: int) -> None:
        try:
            self._task.progressed.emit(done, total)
        except RuntimeError:  # the owner is gone; let the work finish unobserved
            pass
