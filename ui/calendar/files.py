"""File > Import calendar and Export calendar (.ics) for the Calendar tab.

The actions exist from the start; the file work (ui/calendar/ics_tasks.py and the calendar
file reader behind it) loads the first time one is used.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from app.services import calendar as cal

if TYPE_CHECKING:
    from ui.calendar.ics_tasks import FileJob


class CalendarFiles(QObject):
    """Imports and exports on a worker thread; `job` is the running or last one."""

    imported = Signal()  # an import ended: the calendar may hold new plans

    def __init__(self, *, close_connection=None, parent: QWidget):
        super().__init__(parent)
        self._widget = parent  # what the file dialogs and the outcome show over
        self._close_connection = close_connection
        self.job: FileJob | None = None
        self.import_action = QAction("Import calendar (.ics)…", parent)
        self.import_action.setData("import")
        self.import_action.setToolTip("Add plans from a calendar file (Google, Apple, Outlook, "
                                      "Thunderbird)")
        self.import_action.triggered.connect(self._on_import_action_triggered)
        self.export_action = QAction("Export calendar (.ics)…", parent)
        self.export_action.setData("export")
        self.export_action.setToolTip("Save every plan to a calendar file")
        self.export_action.triggered.connect(self._on_export_action_triggered)

    def actions(self) -> list[QAction]:
        return [self.import_action, self.export_action]

    def import_file(self, path: Path) -> FileJob:
        """Add the plans in `path`; `imported` follows once it is done."""
        from ui.calendar.ics_tasks import run_import

        self.job = run_import(path, close_connection=self._close_connection,
                              parent=self._widget)
        self.job.finished.connect(self.imported)
        return self.job

    def export_file(self, path: Path, activity_ids: list[int] | None = None) -> FileJob:
        """Write the given plans (all when None) to `path`."""
        from ui.calendar.ics_tasks import run_export

        self.job = run_export(path, activity_ids, close_connection=self._close_connection,
                              parent=self._widget)
        return self.job

    def export_plan(self, occ: cal.Occurrence) -> None:
        """Ask where to, then write one plan (every time of a repeating one)."""
        from ui.calendar.ics_tasks import ask_export_path

        name = "".join(c if c.isalnum() else "-" for c in occ.title.lower()).strip("-")
        path = ask_export_path(self._widget, f"{name or 'plan'}.ics")
        if path is not None:
            self.export_file(path, [occ.activity_id])

    def _on_import_action_triggered(self) -> None:
        from ui.calendar.ics_tasks import ask_import_path

        path = ask_import_path(self._widget)
        if path is not None:
            self.import_file(path)

    def _on_export_action_triggered(self) -> None:
        from ui.calendar.ics_tasks import ask_export_path

        path = ask_export_path(self._widget)
        if path is not None:
            self.export_file(path)
