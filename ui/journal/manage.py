"""Journal > Manage journals: rename, delete (backed up first) and reorder journals.

The order is the chooser's, kept in the settings (`JOURNAL_ORDER`); names and deletions go
through the journal services. Deleting a protected journal asks for its passphrase and runs
on a worker thread (the key derivation and the backup take a moment); the open journal has
to be locked first.
"""

from __future__ import annotations

import functools

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QInputDialog,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
)

from app.errors import HearthError
from app.services import journal as core
from ui import settings as S
from ui.background import BackgroundTask
from ui.journal.busy import busy_bar
from ui.journal.forms import error_label, show_error
from ui.journal.pages import ordered
from ui.theme import SPACING
from ui.widgets import heading, muted


def _delete(context, journal_id: int, passphrase: str | None, _report) -> int:
    core.delete_journal(context, journal_id, passphrase)
    return journal_id


class ManageJournalsDialog(QDialog):
    """The journals of this computer with Rename…, Delete…, Move up and Move down."""

    journals_changed = Signal()

    def __init__(self, *, context, settings, ask_passphrase=None, confirm=None, parent=None):
        super().__init__(parent)
        self.context, self.settings = context, settings
        self._ask_passphrase = ask_passphrase or self._ask_passphrase_dialog
        self._confirm = confirm or self._confirm_box
        self.task: BackgroundTask | None = None
        self.setWindowTitle("Manage journals")
        self.setAccessibleName("Manage journals")
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(SPACING["xl"], SPACING["l"], SPACING["xl"], SPACING["l"])
        layout.addWidget(heading("Journals on this computer", level=3, parent=self))
        layout.addWidget(muted("The chooser shows them in this order. Deleting keeps a backup "
                               "first (File > Restore from backup… brings it back).", parent=self))
        row = QHBoxLayout()
        self.list = QListWidget(self)
        self.list.setAccessibleName("Journals")
        row.addWidget(self.list, 1)
        column = QVBoxLayout()
        self.rename_button = self._button("Rename…", "Give the chosen journal a new name")
        self.delete_button = self._button("Delete…", "Delete the chosen journal, keeping a "
                                          "backup of it")
        self.up_button = self._button("Move up", "Show the chosen journal earlier (Alt+Up)")
        self.up_button.setShortcut("Alt+Up")
        self.down_button = self._button("Move down", "Show the chosen journal later (Alt+Down)")
        self.down_button.setShortcut("Alt+Down")
        for button in (self.rename_button, self.delete_button, self.up_button,
                       self.down_button):
            column.addWidget(button)
        column.addStretch(1)
        row.addLayout(column)
        layout.addLayout(row, 1)
        self.error = error_label(parent=self)
        layout.addWidget(self.error)
        self.progress = busy_bar("Working", parent=self)
        self.progress.hide()
        layout.addWidget(self.progress)
        self.close_button = QPushButton("Close", self)
        self.close_button.setProperty("role", "primary")
        self.close_button.setDefault(True)
        layout.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignRight)
        self.rename_button.clicked.connect(self._on_rename_button_clicked)
        self.delete_button.clicked.connect(self._on_delete_button_clicked)
        self.up_button.clicked.connect(functools.partial(self._move, -1))
        self.down_button.clicked.connect(functools.partial(self._move, 1))
        self.close_button.clicked.connect(self.accept)
        self.list.currentRowChanged.connect(self._on_list_current_row_changed)
        self.reload()

    def _button(self, text: str, tip: str) -> QPushButton:
        button = QPushButton(text, self)
        button.setToolTip(tip)
        button.setAutoDefault(False)
        return button

    def reload(self, select_id: int | None = None) -> None:
        self.list.clear()
        for info in ordered(core.list_journals(self.context), self.settings.get(S.JOURNAL_ORDER)):
            state = "protected" if info.protected else "no passphrase"
            item = QListWidgetItem(f"{info.name}  ·  {state}", self.list)
            item.setData(Qt.ItemDataRole.UserRole, info.id)
            if info.id == select_id:
                self.list.setCurrentItem(item)
        if self.list.currentRow() < 0 and self.list.count():
            self.list.setCurrentRow(0)
        self._on_list_current_row_changed(self.list.currentRow())

    def chosen(self):
        item = self.list.currentItem()
        if item is None:
            return None
        return core.get_journal(self.context, int(item.data(Qt.ItemDataRole.UserRole)))

    def _on_list_current_row_changed(self, row: int) -> None:
        busy = self.task is not None
        for button in (self.rename_button, self.delete_button):
            button.setEnabled(row >= 0 and not busy)
        self.up_button.setEnabled(row > 0 and not busy)
        self.down_button.setEnabled(0 <= row < self.list.count() - 1 and not busy)

    def _save_order(self) -> None:
        ids = [str(self.list.item(n).data(Qt.ItemDataRole.UserRole))
               for n in range(self.list.count())]
        self.settings.set(S.JOURNAL_ORDER, ",".join(ids))
        self.journals_changed.emit()

    def _move(self, step: int) -> None:
        row = self.list.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < self.list.count():
            return
        item = self.list.takeItem(row)
        self.list.insertItem(target, item)
        self.list.setCurrentRow(target)
        self._save_order()

    def _on_rename_button_clicked(self) -> None:
        info = self.chosen()
        if info is None:
            return
        name, ok = QInputDialog.getText(self, "Rename journal", "New name", text=info.name)
        if not ok:
            return
        try:
            core.rename_journal(self.context, info.id, name)
        except HearthError as exc:
            show_error(self.error, exc.message)
            return
        show_error(self.error, "")
        self.reload(select_id=info.id)
        self.journals_changed.emit()

    def _on_delete_button_clicked(self) -> BackgroundTask | None:
        info = self.chosen()
        if info is None or not self._confirm(info):
            return None
        passphrase = None
        if info.protected:
            passphrase = self._ask_passphrase(info)
            if passphrase is None:
                return None
        self._set_busy(True)
        task = BackgroundTask(functools.partial(_delete, self.context, info.id, passphrase),
                              name="journal delete", parent=self)
        task.succeeded.connect(self._on_delete_succeeded)
        task.failed.connect(self._on_delete_failed)
        task.finished.connect(task.deleteLater)
        self.task = task
        task.start()
        return task

    def _set_busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        self.close_button.setEnabled(not busy)
        self.list.setEnabled(not busy)
        if not busy:
            self.task = None
        self._on_list_current_row_changed(self.list.currentRow() if not busy else -1)

    def _on_delete_succeeded(self, _journal_id: int) -> None:
        self._set_busy(False)
        show_error(self.error, "")
        self.reload()
        self._save_order()

    def _on_delete_failed(self, message: str) -> None:
        self._set_busy(False)
        show_error(self.error, message)

    def _confirm_box(self, info) -> bool:
        answer = QMessageBox.question(
            self, "Delete journal",
            f"Delete the journal “{info.name}” with all its entries? A backup is kept first.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def _ask_passphrase_dialog(self, info) -> str | None:
        from ui.journal.recovery_kit import AskPassphraseDialog

        dialog = AskPassphraseDialog(
            title=f"Delete {info.name}",
            text="Type this journal's passphrase, so nobody can delete another's journal.",
            button="Delete journal", parent=self)
        try:
            return dialog.passphrase() if dialog.exec() == QDialog.DialogCode.Accepted else None
        finally:
            dialog.deleteLater()
