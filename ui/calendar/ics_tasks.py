"""Importing and exporting .ics files off the UI thread, with progress and a clear outcome."""

from __future__ import annotations

import functools
import logging
import os
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, QStandardPaths, QThreadPool, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox, QProgressDialog, QWidget

from app.calendar import ics
from app.errors import HearthError
from ui import collector

log = logging.getLogger(__name__)

ICS_FILTER = "Calendar files (*.ics *.ical *.icalendar);;All files (*)"
# Show progress only for work that is not over at once.
PROGRESS_DELAY_MS = 500


class _Signals(QObject):
    succeeded = Signal(object)
    failed = Signal(str)


class _Run(QRunnable):
    def __init__(self, work: Callable[[], object], signals: _Signals, close_connection):
        super().__init__()
        self._work = work
        self._signals = signals
        self._close_connection = close_connection

    def run(self) -> None:
        with collector.paused():
            self._run()

    def _run(self) -> None:
        try:
            result = self._work()
        except HearthError as exc:
            self._emit(self._signals.failed, exc.message)
        except Exception:
            log.exception("calendar file work failed")
            self._emit(self._signals.failed, "Something went wrong; the log has the details.")
        else:
            self._emit(self._signals.succeeded, result)
        finally:
            # This thread's own database connection; the UI thread keeps its own.
            if self._close_connection is not None:
                self._close_connection()

    @staticmethod
    def _emit(signal, value) -> None:
        try:
            signal.emit(value)
        except RuntimeError:  # the window closed meanwhile
            pass


class FileJob(QObject):
    """One import or export on a worker thread; `finished` carries the message box shown."""

    finished = Signal(object)  # the QMessageBox with the outcome

    def __init__(self, *, title: str, label: str, work: Callable[[], object],
                 describe: Callable[[object], tuple[str, str, str]], close_connection=None,
                 parent: QWidget):
        super().__init__(parent)
        self._parent_widget = parent
        self._title = title
        self._describe = describe
        self.message_box: QMessageBox | None = None
        self.progress = QProgressDialog(label, "", 0, 0, parent)
        self.progress.setWindowTitle(title)
        self.progress.setCancelButton(None)
        self.progress.setMinimumDuration(PROGRESS_DELAY_MS)
        self.progress.setAutoClose(False)
        self.progress.setAutoReset(False)
        self.progress.setValue(0)
        self._signals = _Signals(self)
        self._signals.succeeded.connect(self._on_work_succeeded)
        self._signals.failed.connect(self._on_work_failed)
        self._run = _Run(work, self._signals, close_connection)

    def start(self, pool: QThreadPool) -> None:
        pool.start(self._run)

    def _on_work_succeeded(self, result) -> None:
        heading, text, details = self._describe(result)
        self._finish(QMessageBox.Icon.Information, heading, text, details)

    def _on_work_failed(self, message: str) -> None:
        self._finish(QMessageBox.Icon.Warning, f"{self._title} did not work", message,
                     "")

    def _finish(self, icon, heading: str, text: str, details: str) -> None:
        self.progress.reset()
        self.progress.hide()
        box = QMessageBox(icon, self._title, heading, QMessageBox.StandardButton.Ok,
                          self._parent_widget)
        box.setInformativeText(text)
        if details:
            box.setDetailedText(details)
        self.message_box = box
        box.open()
        self.finished.emit(box)


def _describe_import(summary) -> tuple[str, str, str]:
    total = summary.added + summary.updated
    heading = ("Nothing new in that file." if total == 0
               else f"{total} plan{'s' if total != 1 else ''} imported.")
    text = summary.text()[:1].upper() + summary.text()[1:] + "."
    lines = [f"Skipped {reason}" for reason in summary.skipped]
    lines += list(summary.warnings)
    if len(summary.skipped) > 3:
        text = (f"Added {summary.added}, updated {summary.updated}, skipped "
                f"{len(summary.skipped)} (see the details).")
    return heading, text, "\n".join(lines)


def _describe_export(count: int) -> tuple[str, str, str]:
    return (f"{count} plan{'s' if count != 1 else ''} exported.",
            "Open the file in Google Calendar, Apple Calendar, Outlook or Thunderbird, or "
            "send it to your partner.", "")


def run_import(tab, path: Path) -> FileJob:
    """Import `path` on a worker thread; the tab reloads when it is done."""
    job = FileJob(title="Import calendar", label=f"Reading {path.name}…",
                  work=functools.partial(ics.import_file, path), describe=_describe_import,
                  close_connection=tab.context.db.close, parent=tab)
    job.finished.connect(tab.on_calendar_file_imported)
    tab.file_job = job
    job.start(QThreadPool.globalInstance())
    return job


def run_export(tab, path: Path, activity_ids: list[int] | None = None) -> FileJob:
    """Export the given activities (all when None) to `path` on a worker thread."""
    job = FileJob(title="Export calendar", label=f"Writing {path.name}…",
                  work=functools.partial(ics.export_file, path, activity_ids),
                  describe=_describe_export,
                  close_connection=tab.context.db.close, parent=tab)
    tab.file_job = job
    job.start(QThreadPool.globalInstance())
    return job


def _documents() -> str:
    return QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)


def choose_and_import(tab) -> None:
    path, _filter = QFileDialog.getOpenFileName(tab, "Import calendar", _documents(),
                                                ICS_FILTER)
    if path:
        run_import(tab, Path(path))


def choose_and_export(tab, activity_ids: list[int] | None = None,
                      suggested: str = "hearth-calendar.ics") -> None:
    path, _filter = QFileDialog.getSaveFileName(tab, "Export calendar",
                                                str(Path(_documents()) / suggested), ICS_FILTER)
    if path:
        # Only a new name gets the suffix: a device, FIFO or link chosen is written as it is.
        if not Path(path).suffix and not os.path.lexists(path):
            path += ".ics"
        run_export(tab, Path(path), activity_ids)
