"""File > Back up now and File > Restore from backup… in the main window.

The actions exist from the start; the backup machinery and the restore dialog load the first
time one of them is used.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction


def journal_sessions(window) -> dict:
    """Unlocked journal sessions of the window, by backup key (the journal tab's public
    `session` attribute)."""
    journal_tab = window.built_tab("journal")
    session = journal_tab.session if journal_tab is not None else None
    if session is None or not session.is_open:
        return {}
    from app.safety.backup import journal_key

    return {journal_key(session.info.id): session}


class BackupActions(QObject):
    """File > Back up now and File > Restore from backup… for a main window."""

    def __init__(self, window, *, parent=None):
        super().__init__(parent or window)
        self.window = window
        self._task = None  # the running backup
        self.backup_action = QAction("Back &up now", window)
        self.backup_action.setData("backup")
        self.backup_action.setToolTip("Copy all your data into the backups folder now")
        self.backup_action.triggered.connect(self._on_backup_action_triggered)
        self.restore_action = QAction("&Restore from backup…", window)
        self.restore_action.setData("restore")
        self.restore_action.setToolTip("See your backups and put one back")
        self.restore_action.triggered.connect(self._on_restore_action_triggered)
        self.dialog = None  # the restore dialog, once opened

    def actions(self) -> list:
        return [self.backup_action, self.restore_action]

    def _status(self, text: str) -> None:
        self.window.statusBar().showMessage(text, 8000)

    def _on_backup_action_triggered(self) -> None:
        if self._task is not None:
            return
        from ui.backup_dialog import start_backup

        self.backup_action.setEnabled(False)
        self._status("Backing up…")
        self._task = start_backup(self.window.context.data_dir, journal_sessions(self.window),
                                  parent=self, on_done=self._on_backup_done,
                                  on_failed=self._on_backup_failed)

    def _on_backup_done(self, outcome) -> None:
        from ui.backup_dialog import describe_outcome

        self._task = None
        self.backup_action.setEnabled(True)
        self._status(describe_outcome(outcome))

    def _on_backup_failed(self, message: str) -> None:
        from PySide6.QtWidgets import QMessageBox

        self._task = None
        self.backup_action.setEnabled(True)
        self._status(message)
        QMessageBox.warning(self.window, "Backup", message)

    def _on_restore_action_triggered(self) -> None:
        from ui.backup_dialog import RestoreDialog

        self.dialog = RestoreDialog(data_dir=self.window.context.data_dir,
                                    sessions_provider=lambda: journal_sessions(self.window),
                                    parent=self.window)
        self.dialog.restore_confirmed.connect(self._on_dialog_restore_confirmed)
        self.dialog.open()

    def _on_dialog_restore_confirmed(self, info, passphrase) -> None:
        from ui.startup import request_restore

        request_restore(info, passphrase)
        self.window.close()


def install(window) -> BackupActions:
    """Add the backup actions to the window's File menu (before Quit)."""
    actions = BackupActions(window)
    window.add_file_actions(actions.actions())  # tinted now and on every theme change
    return actions
