"""File > Export guide as PDF and Print guide… for the Guides tab.

The actions are made with the menus they go in, once the window shows (ui/window_menus.py);
the PDF writer and the printer support (ui/guides/export.py and QtPrintSupport) load the
first time one is used.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from app.content.guides import Guide
from app.errors import HearthError


class GuideFiles(QObject):
    """Saves or prints the guide in the reader (`guide()`, None when there is none)."""

    def __init__(self, *, guide: Callable[[], Guide | None], navigator, parent: QWidget):
        super().__init__(parent)
        self._guide = guide
        self._navigator = navigator
        self._widget = parent  # what the dialogs show over
        self._enabled = True
        self._actions: tuple[QAction, QAction] | None = None

    def actions(self) -> list[QAction]:
        if self._actions is None:
            from PySide6.QtGui import QKeySequence

            export = QAction("Export guide as &PDF…", self._widget)
            export.setData("pdf")
            export.setToolTip("Save the open guide as a PDF")
            export.triggered.connect(self.ask_and_export)
            printing = QAction("&Print guide…", self._widget)
            printing.setData("print")
            printing.setShortcut(QKeySequence(QKeySequence.StandardKey.Print))
            printing.triggered.connect(self._on_print_action_triggered)
            self._actions = (export, printing)
            self.set_enabled(self._enabled)
        return list(self._actions)

    @property
    def export_action(self) -> QAction:
        return self.actions()[0]

    @property
    def print_action(self) -> QAction:
        return self.actions()[1]

    def set_enabled(self, enabled: bool) -> None:
        self._enabled = enabled
        for action in self._actions or ():
            action.setEnabled(enabled)

    def export_pdf(self, path: Path) -> Path:
        """Save the open guide to `path` as a PDF."""
        from ui.guides.export import export_pdf

        guide = self._guide()
        if guide is None:
            raise HearthError("Open a guide first.")
        written = export_pdf(guide, path)
        self._navigator.show_status(f"Saved “{guide.title}” as {written.name}")
        return written

    def ask_and_export(self) -> None:
        """Ask where to, then save the open guide as a PDF there."""
        from PySide6.QtCore import QStandardPaths
        from PySide6.QtWidgets import QFileDialog, QMessageBox

        guide = self._guide()
        if guide is None:
            return
        folder = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation) or str(Path.home())
        path, _filter = QFileDialog.getSaveFileName(
            self._widget, "Export guide as PDF", str(Path(folder) / f"{guide.id}.pdf"),
            "PDF documents (*.pdf)")
        if not path:
            return
        try:
            self.export_pdf(Path(path))
        except HearthError as error:
            QMessageBox.warning(self._widget, "Guides", error.message)

    def _on_print_action_triggered(self) -> None:
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter
        from PySide6.QtWidgets import QDialog

        from ui.guides.export import print_guide

        guide = self._guide()
        if guide is None:
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(guide.title)
        dialog = QPrintDialog(printer, self._widget)
        dialog.setWindowTitle(f"Print “{guide.title}”")
        if dialog.exec() == QDialog.DialogCode.Accepted:
            print_guide(guide, printer)
