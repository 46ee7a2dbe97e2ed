"""Creating and recovering journals off the UI thread, and the recovery kit (unlocking is
`ui/journal/opening.py`).

Every step that derives a key (Argon2id, about a quarter of a second) runs as a
`BackgroundTask`; the tab shows "Unlocking…" meanwhile and gets the session back on the UI
thread. A session that arrives after the person moved on (another journal chosen, the tab
closed) is closed at once rather than shown.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from app.services import journal as core
from ui.background import BackgroundTask

if TYPE_CHECKING:
    from ui.journal.tab import JournalTab

WRONG = "That passphrase does not unlock this journal. Check Caps Lock and try again."


def _create(context, name: str, passphrase: str | None, _report):
    if passphrase is None:
        info = core.create_journal(context, name, None)
        return core.open_journal(context, info.id), None
    info, recovery_key = core.create_protected_journal(context, name, passphrase)
    return core.open_journal(context, info.id, passphrase), recovery_key


def _recover(context, journal_id: int, typed: str, new: str, _report):
    core.recover_journal(context, journal_id, typed, new)
    return core.open_journal(context, journal_id, new)


class Unlocking(QObject):
    """The tab's key work; one task at a time."""

    def __init__(self, tab: JournalTab):
        super().__init__(tab)
        self.tab = tab
        self.task: BackgroundTask | None = None
        self.kit_dialog = None  # the recovery kit on screen, if any

    def _start(self, work, name: str, succeeded, failed) -> BackgroundTask:
        task = BackgroundTask(work, name=name, parent=self)
        # Done before the outcome is shown, so the person can act on it at once.
        task.succeeded.connect(self._on_task_finished)
        task.failed.connect(self._on_task_finished)
        task.succeeded.connect(succeeded)
        task.failed.connect(failed)
        task.finished.connect(task.deleteLater)
        self.task = task
        task.start()
        return task

    def _on_task_finished(self, _outcome=None) -> None:
        self.task = None

    # ----- unlocking ------------------------------------------------------------------

    def _on_unlock_succeeded(self, journal_id: int, session) -> None:
        tab = self.tab
        tab.lock_page.set_busy(False)
        if tab.journal is None or tab.journal.id != journal_id or tab.workspace is not None:
            session.close()  # the person moved on meanwhile
            return
        tab.lock_page.clear_secrets()
        tab.enter_workspace(session)
        self.remind_of_kit()

    def _on_unlock_failed(self, message: str) -> None:
        self.tab.unlock_failed(message)

    # ----- creating -------------------------------------------------------------------

    def create(self, name: str, passphrase: str | None) -> BackgroundTask | None:
        tab = self.tab
        if self.task is not None:
            return None
        tab.welcome_page.set_busy(True)
        return self._start(functools.partial(_create, tab.context, name, passphrase),
                           "journal create", self._on_create_succeeded,
                           self._on_create_failed)

    def _on_create_succeeded(self, result) -> None:
        session, recovery_key = result
        tab = self.tab
        tab.welcome_page.set_busy(False)
        tab.welcome_page.clear_secrets()
        tab.enter_workspace(session)
        tab.navigator.show_status(f"Created the journal “{session.info.name}”")
        if recovery_key is not None:
            self.show_kit(recovery_key)

    def _on_create_failed(self, message: str) -> None:
        self.tab.welcome_page.set_busy(False)
        self.tab.welcome_page.show_error(message)

    # ----- the recovery kit -----------------------------------------------------------

    def show_kit(self, recovery_key: str):
        """Show the kit of a new recovery key (window-modal, without blocking); once it is
        saved and checked, the journal stops asking for it. Locking closes it, so the key
        is never on screen while the journal is locked."""
        from PySide6.QtCore import Qt

        from ui.journal.recovery_kit import RecoveryKitDialog

        tab = self.tab
        if tab.journal is None:
            return None
        dialog = RecoveryKitDialog(name=tab.journal.name, key=recovery_key, parent=tab)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.kit_saved.connect(functools.partial(self._on_kit_saved, tab.journal.id))
        dialog.finished.connect(self._on_kit_dialog_finished)
        tab.locked.connect(dialog.reject)
        self.kit_dialog = dialog
        dialog.open()
        return dialog

    def _on_kit_saved(self, journal_id: int) -> None:
        core.mark_kit_saved(self.tab.context, journal_id)
        self.tab.navigator.show_status("Recovery kit saved")

    def _on_kit_dialog_finished(self, _result: int) -> None:
        self.kit_dialog = None
        self.tab.update_actions()

    def remind_of_kit(self) -> None:
        self.tab.update_actions()

    def ask_new_kit(self) -> BackgroundTask | None:
        """Journal > Recovery kit…: the passphrase, then a new key and its kit. The journal
        is re-encrypted under a new key meanwhile (it locks, shows its busy page and opens
        again), so the old kit opens nothing written from then on."""
        from ui.journal.recovery_kit import new_kit_dialog
        from ui.journal.rewriting import NEW_KIT

        tab = self.tab
        if tab.journal is None or not tab.journal.protected or self.task is not None:
            return None
        dialog = new_kit_dialog(parent=tab)
        if not tab.run_dialog(dialog):
            return None
        passphrase = dialog.passphrase()
        return tab.rewrite_journal(NEW_KIT, old=passphrase, new=passphrase)

    # ----- forgot the passphrase ------------------------------------------------------

    def ask_recovery(self) -> BackgroundTask | None:
        from ui.journal.recovery_kit import RecoverDialog

        tab = self.tab
        if tab.journal is None or self.task is not None:
            return None
        dialog = RecoverDialog(journal_name=tab.journal.name, parent=tab)
        if not tab.run_dialog(dialog):
            return None
        typed, new = dialog.values()
        return self.recover(typed, new)

    def recover(self, typed: str, new: str) -> BackgroundTask | None:
        tab = self.tab
        if tab.journal is None or self.task is not None:
            return None
        journal_id = tab.journal.id
        tab.lock_page.set_busy(True)
        work = functools.partial(_recover, tab.context, journal_id, typed, new)
        return self._start(work, "journal recovery",
                           functools.partial(self._on_recover_succeeded, journal_id),
                           self._on_unlock_failed)

    def _on_recover_succeeded(self, journal_id: int, session) -> None:
        self._on_unlock_succeeded(journal_id, session)
        self.tab.navigator.show_status("New passphrase set with the recovery key")
