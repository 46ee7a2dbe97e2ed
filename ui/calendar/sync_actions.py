"""Calendar sync in the window: the Calendar menu's actions, the tab's sync line, and the
dialogs they open (setup, the password when no store keeps it, the conflicts)."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QInputDialog, QLineEdit, QMessageBox, QWidget

from ui.calendar.sync_bar import SyncBar
from ui.calendar.sync_runner import SyncRunner


class CalendarSync(QObject):
    plans_changed = Signal()

    def __init__(self, *, context, parent: QWidget):
        super().__init__(parent)
        self._widget = parent
        self.runner = SyncRunner(data_dir=context.data_dir, close_connection=context.db.close,
                                 parent=self)
        self.bar = SyncBar(runner=self.runner, parent=parent)
        self.dialog = None
        self.conflicts_dialog = None
        self.setup_action = QAction("Sync with a calendar &server…", parent)
        self.setup_action.setData("settings")
        self.setup_action.setToolTip("Share plans with your partner through a calendar server")
        self.setup_action.triggered.connect(self.open_setup)
        self.sync_action = QAction("Sync &now", parent)
        self.sync_action.setData("repeat")
        self.sync_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Refresh))
        self.sync_action.setToolTip("Sync with the calendar server now")
        self.sync_action.triggered.connect(self.sync_now)
        self.conflicts_action = QAction("Changed in two &places…", parent)
        self.conflicts_action.triggered.connect(self.open_conflicts)
        self.bar.sync_requested.connect(self.sync_now)
        self.bar.settings_requested.connect(self.open_setup)
        self.bar.conflicts_requested.connect(self.open_conflicts)
        self.bar.confirm_requested.connect(self.confirm_deletes)
        self.runner.password_needed.connect(self.ask_password)
        self.runner.plans_changed.connect(self.plans_changed)
        self.runner.start()  # its first sync waits until the window has painted

    def watch(self, changes, files, *, shown_by) -> None:
        """Sync a little after plans are deleted, restored or imported; call `shown_by`
        when the sync changed plans here."""
        for signal in (changes.deleted, changes.restored, files.imported):
            signal.connect(self.local_change)
        self.plans_changed.connect(shown_by)

    def actions(self) -> list[QAction]:
        return [self.setup_action, self.sync_action, self.conflicts_action]

    def shutdown(self) -> None:
        self.runner.stop()

    def local_change(self, *_args) -> None:
        self.runner.local_change()

    def sync_now(self) -> None:
        from app.sync import account

        if account.load() is None:
            self.open_setup()
            return
        self.runner.sync_now()

    def open_setup(self):
        from ui.calendar.sync_dialog import SyncDialog

        self.dialog = SyncDialog(parent=self._widget)
        self.dialog.saved.connect(self._on_dialog_saved)
        self.dialog.forgotten.connect(self.bar.refresh)
        self.dialog.open()
        return self.dialog

    def open_conflicts(self):
        from ui.calendar.conflicts_dialog import ConflictsDialog

        self.conflicts_dialog = ConflictsDialog(parent=self._widget)
        self.conflicts_dialog.picked.connect(self._on_conflict_picked)
        self.conflicts_dialog.open()
        return self.conflicts_dialog

    def ask_password(self) -> None:
        password, ok = QInputDialog.getText(
            self._widget, "App password", "This system keeps no passwords, so Hearth asks "
            "once while it runs.\nApp password for the calendar server:",
            QLineEdit.EchoMode.Password)
        if ok and password:
            self.runner.sync_now(password=password)

    def confirm_deletes(self) -> None:
        last = self.runner.last
        answer = QMessageBox.question(
            self._widget, "Delete plans here?",
            f"{last.problem if last else ''}\n\nDelete them on this computer too?")
        if answer == QMessageBox.StandardButton.Yes:
            self.runner.sync_now(confirm_deletes=True)

    def _on_dialog_saved(self) -> None:
        self.bar.refresh()
        self.runner.start()
        self.runner.sync_now()

    def _on_conflict_picked(self) -> None:
        self.plans_changed.emit()
        self.runner.local_change()
