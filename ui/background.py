"""Run slow work (backups, verifying a backup) on the thread pool, with progress."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from app.errors import HearthError
from app.safety.storage import storage_error
from ui import collector

log = logging.getLogger(__name__)


class BackgroundTask(QObject):
    """Run `work(report)` on the thread pool; `report(done, total)` moves the progress bar.
    Signals arrive on the UI thread."""

    progressed = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(str)

    def __init__(self, work: Callable[[Callable[[int, int], None]], object], *, parent=None):
        super().__init__(parent)
        self._work = work

    def start(self) -> None:
        QThreadPool.globalInstance().start(_Runner(self))


class _Runner(QRunnable):
    def __init__(self, task: BackgroundTask):
        super().__init__()
        self._task = task

    def run(self) -> None:
        with collector.paused():
            self._run()

    def _run(self) -> None:
        task = self._task
        try:
            result = task._work(task.progressed.emit)
        except HearthError as exc:
            task.failed.emit(exc.message)
        except Exception as exc:  # a bug or the disk: say so plainly, keep the traceback
            translated = storage_error(exc)
            if translated is None:
                log.exception("background backup work failed")
            task.failed.emit(translated.message if translated else
                             "Something went wrong. The details are in the log.")
        else:
            task.succeeded.emit(result)
