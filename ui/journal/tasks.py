"""Run slow journal work (protect, export, change passphrase) off the UI thread."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from app.errors import HearthError
from ui import collector

log = logging.getLogger(__name__)


class Task(QObject):
    """One piece of work on the global thread pool. `succeeded(result)` or `failed(message)`
    arrive on the thread that created the task (the UI thread), then `finished`."""

    succeeded = Signal(object)
    failed = Signal(str)
    finished = Signal()

    def __init__(self, work: Callable[[], object], *, name: str, parent=None):
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
    def __init__(self, task: Task):
        super().__init__()
        self.setAutoDelete(True)
        self._task = task

    def run(self) -> None:
        with collector.paused():
            self._run()

    def _run(self) -> None:
        task = self._task
        try:
            result = task._work()
        except HearthError as exc:
            log.info("%s failed: %s", task.name, type(exc).__name__)
            task.failed.emit(exc.message)
        except Exception:  # a bug: keep the traceback in the log, tell the person plainly
            log.exception("%s failed", task.name)
            task.failed.emit("Something went wrong. The details are in the log.")
        else:
            task.succeeded.emit(result)
        task.finished.emit()
