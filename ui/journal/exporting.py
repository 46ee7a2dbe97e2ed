"""Exporting journal entries from the Journal tab, off the UI thread.

Where to, the work on a worker thread, a progress window when it is slow, and the outcome in
words.
"""

from __future__ import annotations

import functools
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox, QProgressDialog, QWidget

from app.services import journal as core
from ui.background import BackgroundTask

PROGRESS_DELAY_MS = 400


def ask_destination(fmt: str, stem: str, *, parent: QWidget) -> Path | None:
    """Where to write an export in `fmt` (a folder for one file per entry), or None."""
    from ui.journal.dialogs import EXPORT_CHOICES

    if fmt == "md-files":
        folder = QFileDialog.getExistingDirectory(parent, "Export into folder")
        return Path(folder) / stem if folder else None
    suffix = {key: ext for key, _label, ext in EXPORT_CHOICES}[fmt]
    path, _ = QFileDialog.getSaveFileName(
        parent, "Export entries", str(Path.home() / f"{stem}.{suffix}"),
        f"{suffix.upper()} files (*.{suffix})")
    return Path(path) if path else None


def _export(session, entry_ids, fmt: str, out_path: Path, _report):
    return core.export_entries(session, entry_ids, fmt, out_path)


class EntryExport(QObject):
    """Runs exports; `finished` carries the ExportResult, or None when one failed."""

    finished = Signal(object)

    def __init__(self, *, navigator, parent: QWidget):
        super().__init__(parent)
        self._widget = parent  # what the progress and a failure show over
        self._navigator = navigator
        self._task: BackgroundTask | None = None
        self.progress: QProgressDialog | None = None

    def start(self, session, entry_ids, fmt: str, out_path: Path) -> BackgroundTask:
        """Export the entries `entry_ids` (all when None) of `session` to `out_path`."""
        task = BackgroundTask(functools.partial(_export, session, entry_ids, fmt, out_path),
                              name="journal export", parent=self)
        task.succeeded.connect(self._on_task_succeeded)
        task.failed.connect(self._on_task_failed)
        task.finished.connect(task.deleteLater)
        self._navigator.show_status("Exporting…")
        self._task = task
        # Only a slow export (a PDF of years of entries) is worth a progress window.
        QTimer.singleShot(PROGRESS_DELAY_MS, self, self._on_progress_due)
        task.start()
        return task

    def _on_progress_due(self) -> None:
        if self._task is None or not self._task.running:
            return
        self.progress = QProgressDialog("Exporting entries…", "", 0, 0, self._widget)
        self.progress.setWindowTitle("Export entries")
        self.progress.setCancelButton(None)
        self.progress.setWindowModality(Qt.WindowModality.WindowModal)
        self.progress.setMinimumDuration(0)
        self.progress.show()

    def _end_progress(self) -> None:
        self._task = None
        progress, self.progress = self.progress, None
        if progress is not None:
            progress.close()
            progress.deleteLater()

    def _on_task_succeeded(self, result) -> None:
        self._end_progress()
        count = result.entry_count
        self._navigator.show_status(
            f"Exported {count} entr{'y' if count == 1 else 'ies'} to {result.paths[0].parent}"
            if result.paths else "Nothing to export")
        self.finished.emit(result)

    def _on_task_failed(self, message: str) -> None:
        self._end_progress()
        QMessageBox.warning(self._widget, "Export entries", message)
        self.finished.emit(None)
