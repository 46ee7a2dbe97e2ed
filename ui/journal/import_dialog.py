"""Journal > Import entries…: choose a Day One, jrnl or Markdown export and bring it in.

The export is read and stored on a worker thread while a progress bar moves; Cancel stops
it and rolls the whole import back, so nothing is added. The outcome is shown in the
dialog: the one-line summary, then every entry updated, skipped or left out, with why.
"""

from __future__ import annotations

import threading

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
)

from app.journal.importing import ImportCancelled
from ui.background import BackgroundTask
from ui.theme import SPACING
from ui.widgets import heading, muted

EXPORT_FILTER = ("Journal exports (*.zip *.json *.txt);;Day One export (*.zip *.json *.txt);;"
                 "jrnl (*.json *.txt);;All files (*)")
INTRO = ("Bring in entries from Day One (its .zip export, or the JSON or plain-text file), "
         "jrnl (`jrnl --export json`, or its journal file) or a folder of Markdown files. "
         "Importing the same export again adds nothing.")


def import_work(session, path: str, keep_location: bool, cancel: threading.Event):
    """The work of one import, on a worker thread: read the export, then store it."""
    from app.journal.importers import read_source

    def work(report):
        parsed = read_source(path)
        try:
            if cancel.is_set():
                raise ImportCancelled()
            return session.import_parsed(parsed, progress=report, cancelled=cancel.is_set,
                                         keep_location=keep_location)
        finally:
            parsed.close()

    return work


class ImportDialog(QDialog):
    """Choose, import, see what happened. `imported` is True once anything was added or
    updated, so the tab knows to reload its list."""

    def __init__(self, *, session, keep_location: bool, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Import entries")
        self.setModal(True)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 64)
        self._session = session
        self._path: str | None = None
        self._cancel = threading.Event()
        self._task: BackgroundTask | None = None
        self.imported = False

        layout = QVBoxLayout(self)
        layout.setContentsMargins(SPACING["xl"], SPACING["l"], SPACING["xl"], SPACING["l"])
        layout.setSpacing(SPACING["m"])
        layout.addWidget(heading("Import entries", level=2, parent=self))
        layout.addWidget(muted(INTRO, parent=self))
        choose = QHBoxLayout()
        self.file_button = QPushButton("Choose a file…", self)
        self.file_button.setToolTip("A Day One .zip, JSON or text export, or a jrnl file")
        self.folder_button = QPushButton("Choose a folder…", self)
        self.folder_button.setToolTip("A folder of Markdown (.md) files, one entry each")
        choose.addWidget(self.file_button)
        choose.addWidget(self.folder_button)
        choose.addStretch(1)
        layout.addLayout(choose)
        self.path_label = QLabel("Nothing chosen yet.", self)
        self.path_label.setWordWrap(True)
        self.path_label.setAccessibleName("Chosen export")
        layout.addWidget(self.path_label)
        self.location_box = QCheckBox("Keep where photos were taken", self)
        self.location_box.setChecked(keep_location)
        self.location_box.setToolTip("Off: the GPS position is removed from each photo, so "
                                     "an export or a shared screen does not show where you "
                                     "were")
        layout.addWidget(self.location_box)
        self.progress = QProgressBar(self)
        self.progress.setAccessibleName("Import progress")
        self.progress.hide()
        layout.addWidget(self.progress)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName("Import outcome")
        self.summary.hide()
        layout.addWidget(self.summary)
        self.details = QPlainTextEdit(self)
        self.details.setReadOnly(True)
        self.details.setMinimumHeight(self.fontMetrics().lineSpacing() * 7)
        self.details.setAccessibleName("Import details")
        self.details.hide()
        layout.addWidget(self.details, 1)
        self.buttons = QDialogButtonBox(self)
        self.import_button = self.buttons.addButton("Import",
                                                    QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setEnabled(False)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        layout.addWidget(self.buttons)

        self.file_button.clicked.connect(self._on_file_button_clicked)
        self.folder_button.clicked.connect(self._on_folder_button_clicked)
        self.import_button.clicked.connect(self.start)
        self.close_button.clicked.connect(self._on_close_button_clicked)

    def choose(self, path: str) -> None:
        self._path = path
        self.path_label.setText(path)
        self.import_button.setEnabled(True)

    def keep_location(self) -> bool:
        return self.location_box.isChecked()

    def start(self) -> None:
        if not self._path or self._task is not None:
            return
        self._cancel.clear()
        work = import_work(self._session, self._path, self.keep_location(), self._cancel)
        task = BackgroundTask(work, name="journal import", parent=self)
        task.progressed.connect(self._on_task_progressed)
        task.succeeded.connect(self._on_task_succeeded)
        task.failed.connect(self._on_task_failed)
        self._task = task
        for widget in (self.file_button, self.folder_button, self.import_button,
                       self.location_box):
            widget.setEnabled(False)
        self.progress.setRange(0, 0)
        self.progress.show()
        self.summary.hide()
        self.details.hide()
        task.start()

    def running(self) -> bool:
        return self._task is not None

    def _on_file_button_clicked(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Choose an export", "", EXPORT_FILTER)
        if path:
            self.choose(path)

    def _on_folder_button_clicked(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Choose a folder of Markdown files")
        if folder:
            self.choose(folder)

    def _on_close_button_clicked(self) -> None:
        if self._task is not None:
            self._cancel.set()  # the worker rolls back at the next entry
            self.close_button.setEnabled(False)
            return
        self.done(QDialog.DialogCode.Accepted if self.imported else QDialog.DialogCode.Rejected)

    def reject(self) -> None:  # Esc or the window's close button
        if self._task is not None:
            self._on_close_button_clicked()
            return
        super().reject()

    def _on_task_progressed(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    def _finish(self, summary: str, details: list[str]) -> None:
        self._task = None
        self.progress.hide()
        self.summary.setText(summary)
        self.summary.show()
        if details:
            self.details.setPlainText("\n".join(details))
            self.details.show()
        for widget in (self.file_button, self.folder_button, self.location_box):
            widget.setEnabled(True)
        self.import_button.setEnabled(bool(self._path))
        self.close_button.setEnabled(True)
        self.close_button.setText("Close")
        # Room for the outcome, which was hidden until now.
        self.layout().activate()
        self.resize(self.width(), max(self.height(), self.sizeHint().height()))

    def _on_task_succeeded(self, report) -> None:
        self.imported = self.imported or bool(report.added or report.updated)
        self._finish(report.text()[:1].upper() + report.text()[1:] + ".", report.details())

    def _on_task_failed(self, message: str) -> None:
        self._finish(message, [])


def run_import(workspace, run_dialog, *, parent) -> None:
    """Show the dialog over the open journal; reload what it shows when entries came in."""
    dialog = ImportDialog(session=workspace.session, keep_location=workspace.keep_location(),
                          parent=parent)
    if run_dialog(dialog) and workspace.session.is_open:
        workspace.reload()
