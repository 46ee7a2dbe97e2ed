"""Calendar sync at work in the window, once an account is set up: the runner that syncs,
the tab's sync line, and the dialogs the Calendar menu opens (setup, the password when no
store keeps it, the conflicts). `ui.calendar.sync_menu` builds this when first needed."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QInputDialog, QLineEdit, QMessageBox, QWidget

from ui.calendar.sync_bar import SyncBar
from ui.calendar.sync_runner import SyncRunner


class SyncControls(QObject):
    """The runner and the sync line of one tab; `plans_changed` is the signal to emit
    when a sync or a picked conflict changed plans here."""

    def __init__(self, *, context, plans_changed, parent: QWidget):
        super().__init__(parent)
        self._widget = parent
        self._plans_changed = plans_changed
        self.runner = SyncRunner(data_dir=context.data_dir, close_connection=context.db.close,
                                 parent=self)
        self.bar = SyncBar(runner=self.runner, parent=parent)
        self.dialog = None
        self.conflicts_dialog = None
        self.bar.sync_requested.connect(self.sync_now)
        self.bar.settings_requested.connect(self.open_setup)
        self.bar.conflicts_requested.connect(self.open_conflicts)
        self.bar.confirm_requested.connect(self.confirm_deletes)
        self.runner.password_needed.connect(self.ask_password)
        self.runner.plans_changed.connect(plans_changed)

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
        self._plans_changed.emit()
        self.runner.local_change()
