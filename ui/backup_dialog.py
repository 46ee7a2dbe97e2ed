"""The restore dialog (File > Restore from backup…) and the manual backup it and
File > Back up now start.

A restore never happens under a running window: the dialog verifies the chosen backup,
then asks the app to close; `ui.startup.finish_pending_restore()` swaps the file in once
every database is closed, and the app starts again on the restored data.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QSortFilterProxyModel,
    Qt,
    QUrl,
    Signal,
)
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.safety import backup as backups
from ui import icons
from ui.background import BackgroundTask
from ui.startup import when_text
from ui.theme import SPACING
from ui.widgets import heading, muted

log = logging.getLogger(__name__)

REASON_TEXT = {
    "daily": "Daily",
    "manual": "By hand",
    "migration": "Before upgrade",
    "passphrase": "Before passphrase change",
    "pre-restore": "Before a restore",
    "pre-delete": "Before deleting",
}


# ----- the list of backups ---------------------------------------------------------------


class BackupTableModel(QAbstractTableModel):
    """Backups (newest first): when, what, why, size."""

    COLUMNS = ("When", "What", "Why", "Size")

    def __init__(self, *, parent=None):
        super().__init__(parent)
        self._rows: list[backups.BackupInfo] = []

    def set_backups(self, rows: list[backups.BackupInfo]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def backup_at(self, row: int) -> backups.BackupInfo:
        return self._rows[row]

    def rowCount(self, parent: QModelIndex | None = None) -> int:  # noqa: N802 (Qt override)
        return 0 if parent is not None and parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | None = None) -> int:  # noqa: N802
        return 0 if parent is not None and parent.isValid() else len(self.COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.COLUMNS[section]
        return None

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        info = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                when_text(info.created),
                info.label,
                REASON_TEXT.get(info.reason, info.reason)
                + ("" if info.verified else " (unverified)"),
                backups.describe_size(info.size),
            )[column]
        if role == Qt.ItemDataRole.UserRole:
            return info.key
        if role == Qt.ItemDataRole.DecorationRole and column == 1:
            if info.is_shared:
                return icons.icon("calendar")
            return icons.icon("lock" if info.protected else "journal")
        if role == Qt.ItemDataRole.ToolTipRole:
            lock = " It is encrypted with the journal's passphrase." if info.protected else ""
            kept = ("" if info.verified else " Copied while the journal was locked, so it "
                    "could not be checked then; it is checked before a restore.")
            return f"{info.path}{lock}{kept}"
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 3:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class BackupKeyFilter(QSortFilterProxyModel):
    """Show the backups of one database, or all when the key is empty."""

    def __init__(self, *, parent=None):
        super().__init__(parent)
        self._key = ""

    def set_key(self, key: str) -> None:
        self.beginFilterChange()
        self._key = key
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, row: int, parent: QModelIndex) -> bool:  # noqa: N802
        if not self._key:
            return True
        index = self.sourceModel().index(row, 0, parent)
        return index.data(Qt.ItemDataRole.UserRole) == self._key


# ----- the dialog --------------------------------------------------------------------------


class RestoreDialog(QDialog):
    """Lists backups with date and size, backs up now, verifies and confirms a restore."""

    restore_confirmed = Signal(object, object)  # BackupInfo, passphrase or None
    backed_up = Signal(object)  # BackupOutcome

    def __init__(self, *, data_dir: Path, sessions_provider: Callable[[], dict] | None = None,
                 parent=None):
        super().__init__(parent)
        self.data_dir = Path(data_dir)
        self._sessions_provider = sessions_provider or dict
        self._task: BackgroundTask | None = None
        self.setWindowTitle("Backups")
        self.setAccessibleName("Backups")
        self.setMinimumSize(640, 420)
        self.resize(760, 500)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(SPACING["l"], SPACING["l"], SPACING["l"], SPACING["l"])
        layout.setSpacing(SPACING["m"])
        layout.addWidget(heading("Restore from a backup", level=2, parent=self))
        intro = muted(
            "Hearth backs up your data every day it starts and before every upgrade, and "
            "keeps the last 7 days and 4 weeks. A journal's backup stays locked with the "
            "passphrase it had. Restoring keeps a copy of what is there now. "
            f"{backups.SHARED_RESTORE_SCOPE}", parent=self)
        intro.setWordWrap(True)
        layout.addWidget(intro)

        filter_row = QHBoxLayout()
        filter_row.addWidget(QLabel("Show", self))
        self.database_combo = QComboBox(self)
        self.database_combo.setAccessibleName("Which data")
        self.database_combo.setToolTip("Show the backups of one part of your data")
        filter_row.addWidget(self.database_combo, 1)
        filter_row.addStretch(1)
        layout.addLayout(filter_row)

        self.model = BackupTableModel(parent=self)
        self.proxy = BackupKeyFilter(parent=self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView(self)
        self.table.setModel(self.proxy)
        self.table.setAccessibleName("Backups")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setShowGrid(False)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        header.setMinimumSectionSize(72)
        layout.addWidget(self.table, 1)

        self.empty_label = muted("No backups yet. Use “Back up now” to make the first one.",
                                 parent=self)
        layout.addWidget(self.empty_label)

        self.status_label = QLabel(self)
        self.status_label.setWordWrap(True)
        self.status_label.setAccessibleName("Backup status")
        self.progress = QProgressBar(self)
        self.progress.setAccessibleName("Progress")
        self.progress.setTextVisible(False)
        self.progress.setMaximumHeight(6)
        self.progress.hide()
        layout.addWidget(self.progress)
        layout.addWidget(self.status_label)

        buttons = QHBoxLayout()
        self.backup_button = QPushButton(icons.icon("backup"), "Back up now", self)
        self.backup_button.setToolTip("Copy every database into the backups folder now")
        self.folder_button = QPushButton(icons.icon("folder"), "Open folder", self)
        self.folder_button.setToolTip(str(backups.backups_dir(self.data_dir)))
        self.folder_button.setProperty("role", "flat")
        self.close_button = QPushButton("Close", self)
        self.restore_button = QPushButton(icons.icon("restore"), "Restore…", self)
        self.restore_button.setProperty("role", "primary")
        self.restore_button.setToolTip("Check the chosen backup, then put it back in place")
        self.restore_button.setEnabled(False)
        for button in (self.backup_button, self.folder_button, self.close_button):
            button.setAutoDefault(False)
        self.restore_button.setDefault(True)
        buttons.addWidget(self.backup_button)
        buttons.addWidget(self.folder_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        buttons.addWidget(self.restore_button)
        layout.addLayout(buttons)

        self.database_combo.currentIndexChanged.connect(self._on_database_combo_changed)
        self.table.selectionModel().selectionChanged.connect(self._on_table_selection_changed)
        self.table.doubleClicked.connect(self._on_restore_button_clicked)
        self.backup_button.clicked.connect(self._on_backup_button_clicked)
        self.folder_button.clicked.connect(self._on_folder_button_clicked)
        self.close_button.clicked.connect(self.reject)
        self.restore_button.clicked.connect(self._on_restore_button_clicked)
        self.refresh()

    # ----- state ---------------------------------------------------------------------

    def refresh(self) -> None:
        rows = backups.list_backups(self.data_dir)
        self.model.set_backups(rows)
        current = self.database_combo.currentData()
        self.database_combo.blockSignals(True)
        self.database_combo.clear()
        self.database_combo.addItem("Everything", "")
        seen = {}
        for ref in backups.database_refs(self.data_dir):
            seen[ref.key] = ref.label
        for info in rows:
            seen.setdefault(info.key, info.label)
        for key, label in seen.items():
            self.database_combo.addItem(label, key)
        index = self.database_combo.findData(current) if current else 0
        self.database_combo.setCurrentIndex(max(index, 0))
        self.database_combo.blockSignals(False)
        self.proxy.set_key(self.database_combo.currentData() or "")
        self.empty_label.setVisible(self.proxy.rowCount() == 0)
        self.table.setVisible(self.proxy.rowCount() > 0)
        self._update_buttons()

    def selected_backup(self) -> backups.BackupInfo | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return self.model.backup_at(self.proxy.mapToSource(rows[0]).row())

    def select_row(self, row: int) -> None:
        self.table.selectRow(row)

    def is_busy(self) -> bool:
        return self._task is not None

    def _update_buttons(self) -> None:
        busy = self.is_busy()
        self.restore_button.setEnabled(not busy and self.selected_backup() is not None)
        self.backup_button.setEnabled(not busy)

    def _set_busy(self, text: str) -> None:
        self.status_label.setProperty("role", "muted")
        self._restyle(self.status_label)
        self.status_label.setText(text)
        self.progress.setRange(0, 0)
        self.progress.show()
        self._update_buttons()

    def _set_done(self, text: str, *, error: bool = False) -> None:
        self._task = None
        self.progress.hide()
        self.status_label.setProperty("role", "error" if error else "muted")
        self._restyle(self.status_label)
        self.status_label.setText(text)
        self._update_buttons()

    @staticmethod
    def _restyle(widget: QWidget) -> None:
        widget.style().unpolish(widget)
        widget.style().polish(widget)

    # ----- slots ---------------------------------------------------------------------

    def _on_database_combo_changed(self, _index: int) -> None:
        self.proxy.set_key(self.database_combo.currentData() or "")
        self._update_buttons()

    def _on_table_selection_changed(self, *_args) -> None:
        self._update_buttons()

    def _on_folder_button_clicked(self) -> None:
        folder = backups.backups_dir(self.data_dir)
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

    def _on_backup_button_clicked(self) -> None:
        sessions = self._sessions_provider()
        self._set_busy("Backing up…")
        self._task = start_backup(self.data_dir, sessions, parent=self,
                                  on_progress=self._on_task_progressed,
                                  on_done=self._on_backup_done, on_failed=self._on_task_failed)

    def _on_task_progressed(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    def _on_backup_done(self, outcome: backups.BackupOutcome) -> None:
        self._set_done(describe_outcome(outcome), error=bool(outcome.skipped))
        self.refresh()
        self.backed_up.emit(outcome)

    def _on_task_failed(self, message: str) -> None:
        self._set_done(message, error=True)

    def _on_restore_button_clicked(self, *_args) -> None:
        info = self.selected_backup()
        if info is None or self.is_busy():
            return
        passphrase = None
        if info.protected:
            passphrase = self.ask_passphrase(info)
            if not passphrase:
                return
        self._set_busy("Checking the backup…")
        task = BackgroundTask(
            lambda _report: backups.verify_backup(
                info.path, passphrase=passphrase, may_be_encrypted=not info.is_shared),
            name="backup check", parent=self)
        task.succeeded.connect(lambda _r: self._on_verify_done(info, passphrase))
        task.failed.connect(self._on_task_failed)
        self._task = task
        task.start()

    def _on_verify_done(self, info: backups.BackupInfo, passphrase: str | None) -> None:
        self._set_done("The backup is sound.")
        if self.confirm_restore(info):
            self.restore_confirmed.emit(info, passphrase)
            self.accept()

    # Questions to the person; tests replace these two.

    def ask_passphrase(self, info: backups.BackupInfo) -> str | None:
        passphrase, ok = QInputDialog.getText(
            self, "Passphrase", f"This backup of {info.label} is locked.\n"
            f"Enter the passphrase the journal had on {info.created:%d %B %Y}:",
            QLineEdit.EchoMode.Password)
        return passphrase if ok else None

    def confirm_restore(self, info: backups.BackupInfo) -> bool:
        box = QMessageBox(QMessageBox.Icon.Question, "Restore this backup?",
                          f"Put {info.label} back the way it was on "
                          f"{when_text(info.created)}?", parent=self)
        scope = f"{backups.SHARED_RESTORE_SCOPE} " if info.is_shared else ""
        unverified = ("This copy was made while the journal was locked, so it is checked "
                      "with its passphrase before anything changes. ") if not info.verified \
            else ""
        box.setInformativeText(
            f"{scope}{unverified}What is there now is backed up first, so this can be "
            "undone. Hearth closes, restores and opens again.")
        restore = box.addButton("Restore and reopen", QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(restore)
        box.exec()
        return box.clickedButton() is restore


def describe_outcome(outcome: backups.BackupOutcome) -> str:
    parts = []
    if outcome.made:
        size = sum(b.size for b in outcome.made)
        count = len(outcome.made)
        parts.append(f"Backed up {count} {'file' if count == 1 else 'files'} "
                     f"({backups.describe_size(size)}).")
    for label, why in outcome.skipped:
        parts.append(f"{label} was not backed up: {why}")
    return " ".join(parts) or "There was nothing to back up."


def start_backup(data_dir: Path, sessions: dict, *, parent: QObject,
                 on_done: Callable, on_failed: Callable,
                 on_progress: Callable | None = None) -> BackgroundTask:
    """Back up every database on the thread pool, through unlocked journals' sessions."""

    def work(report):
        return backups.backup_all(data_dir, reason="manual", sessions=sessions,
                                  progress=report)

    task = BackgroundTask(work, name="backup", parent=parent)
    if on_progress is not None:
        task.progressed.connect(on_progress)
    task.succeeded.connect(on_done)
    task.failed.connect(on_failed)
    task.start()
    return task


