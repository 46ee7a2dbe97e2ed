"""Run slow work (backups, re-encrypting or exporting a journal) on the thread pool."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from app.errors import HearthError
from app.safety.storage import storage_error
from ui import collector

log = logging.getLogger(__name__)

Report = Callable[[int, int], None]  # report(done, total) moves a progress bar


class BackgroundTask(QObject):
    """One piece of work on the thread pool: `work(report)` may call `report(done, total)`.

    Signals arrive on the thread that created the task (the UI thread): `progressed`, then
    `succeeded(result)` or `failed(message)`, then `finished`. A full or read-only disk
    fails with its own message; any other unexpected error is logged with its traceback
    and fails with a plain one.
    """

    progressed = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(str)
    finished = Signal()

    def __init__(self, work: Callable[[Report], object], *, name: str = "background work",
                 parent=None):
        super().__init__(parent)
        self._work = work
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
            result = task._work(task.progressed.emit)
        except HearthError as exc:
            log.info("%s failed: %s", task.name, type(exc).__name__)
            task.failed.emit(exc.message)
        except Exception as exc:  # a bug or the disk: say so plainly, keep the traceback
            translated = storage_error(exc)
            if translated is None:
                log.exception("%s failed", task.name)
            task.failed.emit(translated.message if translated else
                             "Something went wrong. The details are in the log.")
        else:
            task.succeeded.emit(result)
        task.finished.emit()
