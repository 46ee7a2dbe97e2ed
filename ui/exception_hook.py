"""Errors never vanish: anything uncaught is logged with its traceback and shown.

Since PySide6 6.x an exception raised in a slot is handed to `sys.excepthook` and the
event loop goes on; this hook logs it, then shows a non-blocking dialog naming the log.
A `HearthError` that escapes a slot is the user's or the environment's doing: it is shown
as a plain message, without the word "bug".
"""

from __future__ import annotations

import logging
import sys
import traceback
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication

from app.errors import HearthError
from app.safety.storage import storage_error

log = logging.getLogger("hearth.uncaught")


class ExceptionHandler(QObject):
    """Installs itself as `sys.excepthook` while the window runs."""

    exception_handled = Signal(str)  # the exception's type name

    def __init__(self, *, log_path: Path | None, show_dialogs: bool = True, parent=None):
        super().__init__(parent)
        self.log_path = log_path
        self.show_dialogs = show_dialogs
        self.dialog = None  # the QMessageBox on screen, if any
        self._previous = None

    def install(self) -> None:
        self._previous = sys.excepthook
        sys.excepthook = self.handle

    def uninstall(self) -> None:
        if self._previous is not None and sys.excepthook == self.handle:
            sys.excepthook = self._previous
        self._previous = None

    def handle(self, exc_type, exc, tb) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            QApplication.quit()
            return
        translated = storage_error(exc)  # a full or read-only disk is not a bug
        if translated is not None and not isinstance(exc, HearthError):
            exc_type, exc = type(translated), translated
        if isinstance(exc, HearthError):
            log.warning("%s: %s", exc_type.__name__, exc.message)
            self._show("warning", "Hearth", exc.message, "")
        else:
            log.error("uncaught exception", exc_info=(exc_type, exc, tb))
            where = f"\n\nThe details are in the log:\n{self.log_path}" if self.log_path else ""
            self._show(
                "critical",
                "Something went wrong",
                "Hearth ran into an unexpected problem and skipped what it was doing. "
                "Everything you had saved is safe." + where,
                "".join(traceback.format_exception(exc_type, exc, tb)),
            )
        self.exception_handled.emit(exc_type.__name__)

    def _show(self, kind: str, title: str, text: str, details: str) -> None:
        """A non-blocking message box; `kind` is "warning" or "critical"."""
        if not self.show_dialogs or QApplication.instance() is None:
            return
        if self.dialog is not None and self.dialog.isVisible():
            return  # one at a time: a storm of errors must not bury the window
        from PySide6.QtWidgets import QMessageBox  # only when something went wrong

        icon = QMessageBox.Icon.Critical if kind == "critical" else QMessageBox.Icon.Warning
        box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok,
                          QApplication.activeWindow())
        if details:
            box.setDetailedText(details)
        box.setAccessibleName(title)
        box.open()
        self.dialog = box
