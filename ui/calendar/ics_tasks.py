"""Importing and exporting .ics files off the UI thread, with progress and a clear outcome.

The functions here ask for a path or start a job and return it; the tab connects to what
it needs (a reload once an import is done).
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QStandardPaths, QThreadPool, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox, QProgressDialog, QWidget

from app.calendar import ics
from app.text import count
from ui.background import BackgroundTask

ICS_FILTER = "Calendar files (*.ics *.ical *.icalendar);;All files (*)"
# Show progress only for work that is not over at once.
PROGRESS_DELAY_MS = 500


class FileJob(QObject):
    """One import or export on a worker thread; `finished` carries the message box shown."""

    finished = Signal(object)  # the QMessageBox with the outcome

    def __init__(self, *, title: str, label: str, work: Callable[[object], object],
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
        self.task = BackgroundTask(work, name=title.lower(), close_connection=close_connection,
                                   parent=self)
        self.task.succeeded.connect(self._on_task_succeeded)
        self.task.failed.connect(self._on_task_failed)

    def start(self, pool: QThreadPool | None = None) -> None:
        self.task.start(pool)

    def _on_task_succeeded(self, result) -> None:
        heading, text, details = self._describe(result)
        self._finish(QMessageBox.Icon.Information, heading, text, details)

    def _on_task_failed(self, message: str) -> None:
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


def import_heading(added: int, updated: int) -> str:
    """"2 plans added.", "1 plan updated.", "2 plans added and 1 updated." or "Nothing new
    in that file."."""
    if added and updated:
        return f"{count(added, 'plan')} added and {updated:,} updated."
    if added:
        return f"{count(added, 'plan')} added."
    if updated:
        return f"{count(updated, 'plan')} updated."
    return "Nothing new in that file."


def _describe_import(summary) -> tuple[str, str, str]:
    sentences = []
    if summary.unchanged:
        sentences.append(f"{count(summary.unchanged, 'plan')} "
                         f"{'was' if summary.unchanged == 1 else 'were'} already up to date.")
    skipped = summary.skipped
    if len(skipped) == 1:
        sentences.append(f"One event was skipped: {skipped[0]}.")
    elif skipped:
        sentences.append(f"{len(skipped):,} events were skipped (see the details).")
    if not sentences:
        sentences.append("Every event in the file is now in your calendar.")
    lines = [f"Skipped {reason}" for reason in skipped]
    lines += list(summary.warnings)
    return import_heading(summary.added, summary.updated), " ".join(sentences), \
        "\n".join(lines)


def _describe_export(exported: int) -> tuple[str, str, str]:
    return (f"{count(exported, 'plan')} exported.",
            "Open the file in Google Calendar, Apple Calendar, Outlook or Thunderbird, or "
            "send it to your partner.", "")


def _import(path: Path, _report):
    return ics.import_file(path)


def _export(path: Path, activity_ids: list[int] | None, _report):
    return ics.export_file(path, activity_ids)


def run_import(path: Path, *, close_connection=None, parent: QWidget) -> FileJob:
    """Import `path` on a worker thread; connect to `finished` to reload what it changed."""
    job = FileJob(title="Import calendar", label=f"Reading {path.name}…",
                  work=functools.partial(_import, path), describe=_describe_import,
                  close_connection=close_connection, parent=parent)
    job.start()
    return job


def run_export(path: Path, activity_ids: list[int] | None = None, *, close_connection=None,
               parent: QWidget) -> FileJob:
    """Export the given activities (all when None) to `path` on a worker thread."""
    job = FileJob(title="Export calendar", label=f"Writing {path.name}…",
                  work=functools.partial(_export, path, activity_ids),
                  describe=_describe_export, close_connection=close_connection,
                  parent=parent)
    job.start()
    return job


def _documents() -> str:
    return QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)


def ask_import_path(parent: QWidget) -> Path | None:
    """The calendar file the person chose to import, or None."""
    path, _filter = QFileDialog.getOpenFileName(parent, "Import calendar", _documents(),
                                                ICS_FILTER)
    return Path(path) if path else None


def ask_export_path(parent: QWidget, suggested: str = "hearth-calendar.ics") -> Path | None:
    """Where the person chose to export to, or None."""
    path, _filter = QFileDialog.getSaveFileName(parent, "Export calendar",
                                                str(Path(_documents()) / suggested), ICS_FILTER)
    if not path:
        return None
    # Only a new name gets the suffix: a device, FIFO or link chosen is written as it is.
    if not Path(path).suffix and not os.path.lexists(path):
        path += ".ics"
    return Path(path)
