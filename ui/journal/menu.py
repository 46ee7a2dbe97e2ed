"""The Journal menu: lock, focus mode, export, passphrase changes and preferences.

The menu collects choices through dialogs and hands them to the tab's public methods; the
tab does the work (on a worker thread where it is slow).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog

from ui.journal.dialogs import (
    EXPORT_CHOICES,
    ChangePassphraseDialog,
    ExportDialog,
    PreferencesDialog,
    ProtectDialog,
    UnprotectDialog,
)


class JournalMenu(QObject):
    """Owns the journal's actions; `update()` enables the ones that fit the tab's state."""

    def __init__(self, *, tab, parent=None):
        super().__init__(parent)
        self._tab = tab
        self.lock_action = self._action("&Lock now", self._on_lock_action_triggered,
                                        shortcut="Ctrl+L", icon="lock",
                                        tip="Lock the journal (Ctrl+L)")
        self.focus_action = self._action("&Focus mode", self._on_focus_action_triggered,
                                         shortcut="F11", icon="focus", checkable=True,
                                         tip="Hide the side panels while you write (F11)")
        self.export_action = self._action("&Export entries…", self._on_export_action_triggered,
                                          icon="export",
                                          tip="Save entries as Markdown, HTML or PDF")
        self.change_passphrase_action = self._action(
            "&Change passphrase…", self._on_change_passphrase_action_triggered, icon="key")
        self.protect_action = self._action("&Protect with a passphrase…",
                                           self._on_protect_action_triggered, icon="shield")
        self.unprotect_action = self._action("&Remove protection…",
                                             self._on_unprotect_action_triggered, icon="unlock")
        self.new_journal_action = self._action("New &journal…",
                                               self._on_new_journal_action_triggered,
                                               icon="add", tip="Create another journal")
        self.preferences_action = self._action("Journal p&references…",
                                               self._on_preferences_action_triggered,
                                               icon="settings")
        for action in (self.lock_action, self.focus_action):
            # Works from any tab of the window: locking should never need a detour.
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)

    def _action(self, text, slot, *, shortcut=None, icon=None, tip="", checkable=False):
        action = QAction(text, self._tab)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        if icon:
            action.setData(icon)  # the main window re-tints icons named in data()
        action.setToolTip(tip or text)
        action.setCheckable(checkable)
        action.triggered.connect(slot)
        return action

    def actions(self) -> dict[str, list[QAction]]:
        separators = []
        for _ in range(2):
            separator = QAction(self._tab)
            separator.setSeparator(True)
            separators.append(separator)
        return {"&Journal": [
            self.lock_action, self.focus_action, separators[0], self.export_action,
            separators[1], self.change_passphrase_action, self.protect_action,
            self.unprotect_action, self.new_journal_action, self.preferences_action,
        ]}

    def update(self, *, unlocked: bool, protected: bool, busy: bool) -> None:
        self.lock_action.setEnabled(unlocked)
        self.focus_action.setEnabled(unlocked)
        self.export_action.setEnabled(unlocked)
        self.change_passphrase_action.setEnabled(unlocked and protected)
        self.change_passphrase_action.setVisible(protected or not unlocked)
        self.protect_action.setEnabled(unlocked and not protected)
        self.protect_action.setVisible(unlocked and not protected)
        self.unprotect_action.setEnabled(unlocked and protected)
        self.unprotect_action.setVisible(not unlocked or protected)
        self.new_journal_action.setEnabled(not busy)

    # ----- slots ----------------------------------------------------------------------

    def _on_lock_action_triggered(self) -> None:
        self._tab.lock()

    def _on_focus_action_triggered(self, checked: bool) -> None:
        if checked:
            self._tab.navigator.show_tab("journal")
        self._tab.set_focus_mode(checked)

    def _on_new_journal_action_triggered(self) -> None:
        self._tab.navigator.show_tab("journal")
        self._tab.show_new_journal()

    def _on_preferences_action_triggered(self) -> None:
        dialog = PreferencesDialog(minutes=self._tab.idle.minutes, parent=self._tab)
        if self._tab.run_dialog(dialog):
            self._tab.set_auto_lock_minutes(dialog.minutes())

    def _on_change_passphrase_action_triggered(self) -> None:
        tab = self._tab
        if tab.journal is None or tab.session is None:
            return
        dialog = ChangePassphraseDialog(journal_name=tab.journal.name, parent=tab)
        if tab.run_dialog(dialog):
            old, new = dialog.values()
            tab.rewrite_journal("change", old=old, new=new)

    def _on_protect_action_triggered(self) -> None:
        tab = self._tab
        if tab.journal is None or tab.session is None:
            return
        dialog = ProtectDialog(journal_name=tab.journal.name, parent=tab)
        if tab.run_dialog(dialog):
            tab.rewrite_journal("protect", new=dialog.passphrase())

    def _on_unprotect_action_triggered(self) -> None:
        tab = self._tab
        if tab.journal is None or tab.session is None:
            return
        dialog = UnprotectDialog(journal_name=tab.journal.name, parent=tab)
        if tab.run_dialog(dialog):
            tab.rewrite_journal("unprotect", old=dialog.passphrase())

    def _on_export_action_triggered(self) -> None:
        tab = self._tab
        if tab.session is None or tab.journal is None:
            return
        tab.navigator.show_tab("journal")
        selected = tab.editor.entry_id
        filters = tab.current_filters()
        shown = None if filters.is_empty else tab.session.count_entries(filters)
        dialog = ExportDialog(protected=tab.journal.protected,
                              selected_count=1 if selected is not None else 0,
                              shown_count=shown, parent=tab)
        if not tab.run_dialog(dialog) or tab.session is None:
            return
        fmt = dialog.export_format()
        entry_ids = None
        if dialog.scope() == "selected" and selected is not None:
            entry_ids = [selected]
        elif dialog.scope() == "filtered":
            entry_ids = tab.session.entry_ids(filters)
        out = self._ask_destination(fmt, f"{tab.journal.name} {tab.today():%Y-%m-%d}")
        if out is not None:
            tab.export(entry_ids, fmt, out)

    def _ask_destination(self, fmt: str, stem: str) -> Path | None:
        if fmt == "md-files":
            folder = QFileDialog.getExistingDirectory(self._tab, "Export into folder")
            return Path(folder) / stem if folder else None
        suffix = {key: ext for key, _label, ext in EXPORT_CHOICES}[fmt]
        path, _ = QFileDialog.getSaveFileName(
            self._tab, "Export entries", str(Path.home() / f"{stem}.{suffix}"),
            f"{suffix.upper()} files (*.{suffix})")
        return Path(path) if path else None
