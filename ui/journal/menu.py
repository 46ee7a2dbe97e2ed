"""The Journal menu: lock, focus mode, export, import, passphrase changes and preferences.

The menu only says what was chosen (its signals); the tab asks for the details through
dialogs and does the work. `update()` enables the actions that fit the tab's state.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence


class JournalMenu(QObject):
    """Owns the journal's actions and turns them into intents."""

    lock_requested = Signal()
    focus_mode_toggled = Signal(bool)
    export_requested = Signal()
    import_requested = Signal()
    passphrase_change_requested = Signal()
    protect_requested = Signal()
    unprotect_requested = Signal()
    new_journal_requested = Signal()
    preferences_requested = Signal()
    recovery_kit_requested = Signal()
    manage_requested = Signal()

    def __init__(self, *, parent=None):
        super().__init__(parent)
        self.lock_action = self._action("&Lock now", self.lock_requested, shortcut="Ctrl+L",
                                        icon="lock", tip="Lock the journal (Ctrl+L)")
        self.focus_action = self._action("&Focus mode", self.focus_mode_toggled,
                                         shortcut="F11", icon="focus", checkable=True,
                                         tip="Hide the side panels while you write (F11)")
        self.export_action = self._action("&Export entries…", self.export_requested,
                                          icon="export",
                                          tip="Save entries as Markdown, HTML or PDF")
        self.import_action = self._action("&Import entries…", self.import_requested,
                                          icon="import",
                                          tip="Bring in entries from Day One, jrnl or "
                                          "a folder of Markdown files")
        self.change_passphrase_action = self._action(
            "&Change passphrase…", self.passphrase_change_requested, icon="key")
        self.protect_action = self._action("&Protect with a passphrase…",
                                           self.protect_requested, icon="shield")
        self.unprotect_action = self._action("&Remove protection…", self.unprotect_requested,
                                             icon="unlock")
        self.recovery_kit_action = self._action(
            "Recovery &kit…", self.recovery_kit_requested, icon="shield",
            tip="Make a new recovery key and print or save its kit")
        self.new_journal_action = self._action("New &journal…", self.new_journal_requested,
                                               icon="add", tip="Create another journal")
        self.manage_action = self._action("&Manage journals…", self.manage_requested,
                                          icon="settings",
                                          tip="Rename, delete or reorder the journals")
        self.preferences_action = self._action("Journal p&references…",
                                               self.preferences_requested, icon="settings")
        for action in (self.lock_action, self.focus_action):
            # Works from any tab of the window: locking should never need a detour.
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)

    def _action(self, text, intent, *, shortcut=None, icon=None, tip="", checkable=False):
        action = QAction(text, self)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        if icon:
            action.setData(icon)  # the main window re-tints icons named in data()
        action.setToolTip(tip or text)
        action.setCheckable(checkable)
        action.triggered.connect(intent)
        return action

    def actions(self) -> dict[str, list[QAction]]:
        separators = []
        for _ in range(2):
            separator = QAction(self)
            separator.setSeparator(True)
            separators.append(separator)
        return {"&Journal": [
            self.lock_action, self.focus_action, separators[0], self.export_action,
            self.import_action, separators[1], self.change_passphrase_action,
            self.recovery_kit_action, self.protect_action, self.unprotect_action,
            self.new_journal_action, self.manage_action, self.preferences_action,
        ]}

    def update(self, *, unlocked: bool, protected: bool, busy: bool,
               kit_pending: bool = False) -> None:
        """`kit_pending`: the recovery kit of the journal's key was never saved, so the
        action says so (with a warning icon) until it is."""
        self.recovery_kit_action.setEnabled(unlocked and protected)
        self.recovery_kit_action.setVisible(protected)
        self.recovery_kit_action.setText("⚠ Recovery kit not saved — save it now…"
                                         if kit_pending else "Recovery &kit…")
        self.recovery_kit_action.setData("warning" if kit_pending else "shield")
        self.lock_action.setEnabled(unlocked)
        self.focus_action.setEnabled(unlocked)
        self.export_action.setEnabled(unlocked)
        self.import_action.setEnabled(unlocked and not busy)
        self.change_passphrase_action.setEnabled(unlocked and protected)
        self.change_passphrase_action.setVisible(protected or not unlocked)
        self.protect_action.setEnabled(unlocked and not protected)
        self.protect_action.setVisible(unlocked and not protected)
        self.unprotect_action.setEnabled(unlocked and protected)
        self.unprotect_action.setVisible(not unlocked or protected)
        self.new_journal_action.setEnabled(not busy)
        self.manage_action.setEnabled(not busy)

    def show_focus_mode(self, on: bool) -> None:
        """Check or clear Focus mode without announcing it as chosen."""
        self.focus_action.setChecked(on)
