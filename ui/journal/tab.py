"""The Journal tab: create, choose, unlock and lock journals, and the unlocked workspace.

The tab shows one page at a time: welcome (no journal yet), the chooser, the lock screen,
"working" while the journal file is rewritten, or the workspace of the unlocked journal
(ui/journal/workspace.py). The workspace, and its module, are built only on unlock, and
`lock()` closes and drops it before the lock screen shows, so locked means no journal text
in any widget.
"""

from __future__ import annotations

import datetime
import functools
import logging
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QStackedWidget, QVBoxLayout, QWidget

from app.errors import HearthError
from app.services import journal as core
from ui import settings as S
from ui.journal.menu import JournalMenu
from ui.journal.pages import LazyPage, LazyPart, built, ordered, showing
from ui.navigation import JournalEntryRequest
from ui.tab_pages import Command, TabContent

if TYPE_CHECKING:  # loaded on unlock, or when first used
    from PySide6.QtWidgets import QDialog

    from app.services.journal import JournalInfo, JournalSession
    from ui.background import BackgroundTask
    from ui.journal.editor import EntryEditor
    from ui.journal.exporting import EntryExport
    from ui.journal.idle import IdleWatcher
    from ui.journal.opening import Unlocker
    from ui.journal.sidebar import JournalSidebar
    from ui.journal.unlocking import Unlocking
    from ui.journal.workspace import JournalWorkspace

log = logging.getLogger(__name__)


class JournalTab(TabContent):
    """The journal pages, the Journal menu's work, and the long work on journal files."""

    commands = {Command.NEW: "New entry", Command.SAVE: "&Save", Command.FIND: "&Find…"}

    unlocked = Signal()
    locked = Signal()
    entry_saved = Signal(int)
    draft_saved = Signal()
    export_finished = Signal(object)  # ExportResult or None on failure

    # The full-tab pages before a journal is open, each built when first used.
    welcome_page = LazyPage()
    chooser_page = LazyPage()
    lock_page = LazyPage()
    busy_page = LazyPage()
    # And the helpers a locked start does not use, each made when first used.
    unlocker: Unlocker = LazyPart()  # opening journals (ui/journal/opening.py)
    keys: Unlocking = LazyPart()  # creating and recovering them, and the recovery kit
    exporter: EntryExport = LazyPart()  # exports
    idle: IdleWatcher = LazyPart()  # auto-lock, counting from the first unlock

    def __init__(self, *, context, navigator, settings, today=datetime.date.today,
                 idle_clock=time.monotonic, parent=None):
        super().__init__(context=context, navigator=navigator, settings=settings, parent=parent)
        self._today = today
        self.journal: JournalInfo | None = None
        self.workspace: JournalWorkspace | None = None  # only while a journal is open
        self._retired: list[QWidget] = []  # closed workspaces waiting for a dialog to end
        self._pending_request: JournalEntryRequest | None = None
        self._open_dialog: QDialog | None = None
        self._rewrite = None  # the rewrite running, see ui/journal/rewriting.py
        self.setAccessibleName("Journal")

        self.stack = QStackedWidget(self)  # the pages below, each added when first used
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)

        self.idle_clock = idle_clock  # what auto-lock counts the minutes by
        self.menu = JournalMenu(parent=self)
        # Only the Journal menu says whether the recovery kit is owed, and no menu is open
        # at a window's first paint: the window's first tab reads the key file once it is up.
        window = self.window()
        self._kit_known = (window.testAttribute(Qt.WidgetAttribute.WA_WState_ExplicitShowHide)
                           or not hasattr(window, "started"))
        if not self._kit_known:
            window.started.connect(self._on_window_started)
        self._connect_signals()
        self.show_start()  # which sets the actions

    def _connect_signals(self) -> None:
        # The pages before the workspace, and the unlocker, are wired as they are built
        # (ui/journal/pages.py).
        self.menu.recovery_kit_requested.connect(lambda: self.keys.ask_new_kit())
        self.menu.manage_requested.connect(functools.partial(self._run_dialog_of,
                                                             "manage_journals"))

        # Locking, by hand or after a while without use.
        self.menu.lock_requested.connect(self.lock)

        # The rest of the Journal menu, and the long work some of it starts.
        self.menu.focus_mode_toggled.connect(self._on_menu_focus_mode_toggled)
        self.menu.export_requested.connect(self._on_menu_export_requested)
        self.menu.import_requested.connect(self._on_menu_import_requested)
        self.menu.passphrase_change_requested.connect(functools.partial(self._ask_rewrite,
                                                                        "change"))
        self.menu.protect_requested.connect(functools.partial(self._ask_rewrite, "protect"))
        self.menu.unprotect_requested.connect(functools.partial(self._ask_rewrite, "unprotect"))
        self.menu.new_journal_requested.connect(self._on_menu_new_journal_requested)
        self.menu.preferences_requested.connect(functools.partial(self._run_dialog_of,
                                                                  "preferences"))

    def _run_dialog_of(self, name: str) -> None:
        from ui.journal import journal_dialogs

        getattr(journal_dialogs, name)(self)

    def _upgrading(self) -> bool:
        unlocker = built(self, "unlocker")
        return unlocker is not None and unlocker.upgrading

    def _connect_workspace(self, workspace: JournalWorkspace) -> None:
        workspace.entry_saved.connect(self.entry_saved)
        workspace.draft_saved.connect(self.draft_saved)
        workspace.lock_requested.connect(self.lock)
        workspace.focus_mode_changed.connect(self.menu.show_focus_mode)

    # ----- what the open journal holds ------------------------------------------------

    @property
    def session(self) -> JournalSession | None:
        """The open journal's session (backups copy through it); None while locked."""
        return self.workspace.session if self.workspace is not None else None

    @property
    def editor(self) -> EntryEditor | None:
        return self.workspace.editor if self.workspace is not None else None

    @property
    def sidebar(self) -> JournalSidebar | None:
        return self.workspace.sidebar if self.workspace is not None else None

    def text_widgets(self) -> list[QWidget]:
        """Every widget that can show journal text: none while locked."""
        return self.workspace.text_widgets() if self.workspace is not None else []

    def today(self) -> datetime.date:
        return self._today()

    # ----- pages ----------------------------------------------------------------------

    def journals(self) -> list[JournalInfo]:
        return ordered(core.list_journals(self.context), self.settings.get(S.JOURNAL_ORDER))

    def show_start(self) -> None:
        """The first page: welcome, chooser, or the lock screen (or straight in when the
        only journal has no passphrase)."""
        journals = self.journals()
        if not journals:
            self.welcome_page.reset(can_cancel=False, first=True)
            self.stack.setCurrentWidget(self.welcome_page)
        elif len(journals) > 1:
            self.chooser_page.set_journals(journals)
            self.stack.setCurrentWidget(self.chooser_page)
        elif journals[0].protected:
            # The one journal, just read: its lock screen, which also sets the actions.
            self.journal = journals[0]
            self._show_lock_page(can_switch=False)
            return
        else:
            self.choose(journals[0].id)
        self.update_actions()

    def choose(self, journal_id: int) -> None:
        """Pick a journal: protected ones ask for the passphrase, others open at once."""
        try:
            self.journal = core.get_journal(self.context, journal_id)
        except HearthError as exc:
            from PySide6.QtWidgets import QMessageBox

            QMessageBox.warning(self, "Journal", exc.message)
            self.show_start()
            return
        if self.journal.protected:
            self._show_lock_page()
        else:
            self.unlock(None)

    def show_new_journal(self) -> None:
        """The welcome page for one more journal (for example the partner's)."""
        self.lock()
        journals = self.journals()
        self.welcome_page.reset(can_cancel=bool(journals), first=not journals)
        self.stack.setCurrentWidget(self.welcome_page)
        self.update_actions()

    def _show_lock_page(self, *, can_switch: bool | None = None) -> None:
        """`can_switch`: whether there are other journals to choose (read when None)."""
        assert self.journal is not None
        if can_switch is None:
            can_switch = len(self.journals()) > 1
        self.lock_page.prepare(name=self.journal.name, protected=self.journal.protected,
                               can_switch=can_switch)
        self.stack.setCurrentWidget(self.lock_page)
        self.lock_page.focus_passphrase()
        self.update_actions()

    def _show_lock_page_if_hidden(self) -> None:
        if not self.showing("lock_page"):
            self._show_lock_page()

    def is_locked(self) -> bool:
        return self.workspace is None

    def current_page(self) -> QWidget:
        return self.stack.currentWidget()

    def showing(self, page: str) -> bool:
        """Whether the page called `page` ("lock_page") is the one shown (asking builds
        nothing)."""
        return showing(self, page)

    def update_actions(self) -> None:
        protected = bool(self.journal and self.journal.protected)
        self.menu.update(unlocked=self.workspace is not None, protected=protected,
                         kit_pending=protected and self._kit_known
                         and core.kit_pending(self.journal),
                         busy=self.showing("busy_page"))

    def _on_window_started(self) -> None:
        self._kit_known = True
        self.update_actions()

    # ----- creating, unlocking and locking --------------------------------------------

    def create(self, name: str, passphrase: str | None) -> BackgroundTask | None:
        """Create and open a journal on a worker thread (see ui/journal/unlocking.py); a
        protected one then shows its recovery kit."""
        return self.keys.create(name, passphrase)

    def unlock(self, passphrase: str | None) -> bool:
        """Open the chosen journal; a wrong passphrase shows a message and stays locked.

        True when it opened at once. A file that needs work first (a schema step, or the
        move of an older protected journal to key slots) is opened on a worker thread
        (ui/journal/opening.py): `unlocked` comes later.
        """
        if self.journal is None or self.unlocker.upgrading:
            return False
        self.lock_page.set_busy(True)
        self.lock_page.repaint()  # show "Unlocking…" during the key derivation
        return self.unlocker.unlock(self.journal.id,
                                    passphrase if self.journal.protected else None)

    def _on_unlocker_opened(self, session: JournalSession) -> None:
        self.lock_page.set_busy(False)
        self.lock_page.clear_secrets()
        self.enter_workspace(session)
        self.keys.remind_of_kit()

    def _on_unlocker_slow(self) -> None:
        from ui.journal.opening import UPGRADE_TEXT, UPGRADE_TITLE

        self.busy_page.prepare(UPGRADE_TITLE, UPGRADE_TEXT)
        self.busy_page.show_progress(*self.unlocker.progress)
        self.stack.setCurrentWidget(self.busy_page)
        self.update_actions()

    def unlock_failed(self, message: str) -> None:
        self.lock_page.set_busy(False)
        self._show_lock_page_if_hidden()
        self.lock_page.show_error(message)

    def enter_workspace(self, session: JournalSession) -> None:
        from ui.journal.workspace import JournalWorkspace

        self.journal = session.info
        workspace = JournalWorkspace(session=session, navigator=self.navigator,
                                     run_dialog=self.run_dialog, today=self._today,
                                     data_dir=self.context.data_dir,
                                     settings=self.settings, parent=self.stack)
        self._connect_workspace(workspace)
        self.workspace = workspace
        self.stack.addWidget(workspace)
        self.stack.setCurrentWidget(workspace)
        self.idle.arm()
        self.update_actions()
        log.info("journal %s shown", session.info.id)
        self.unlocked.emit()
        if self._pending_request is not None:
            request, self._pending_request = self._pending_request, None
            self.handle_journal_request(request)
        else:
            workspace.editor.focus_writing()

    def lock(self) -> None:
        """Keep unsaved text as a draft, close the database, and drop the workspace (its
        widgets emptied first) before the lock screen shows."""
        if self._upgrading():  # the session it brings is closed on arrival
            self.unlocker.cancel()
            self.unlock_failed("")
        workspace, self.workspace = self.workspace, None
        if workspace is None:
            return
        workspace.close_session()
        if self._open_dialog is not None:
            self._open_dialog.reject()
        self.idle.disarm()
        self.menu.show_focus_mode(False)
        self._show_lock_page()
        self.stack.removeWidget(workspace)
        workspace.hide()
        self._retired.append(workspace)
        if self._open_dialog is None:
            self._delete_retired()
        self.locked.emit()

    def _delete_retired(self) -> None:
        # Not while a dialog runs its own event loop: a workspace slot that opened it may
        # still be waiting for it to return.
        for workspace in self._retired:
            workspace.deleteLater()
        self._retired.clear()

    def run_dialog(self, dialog, *, accepted=None) -> bool:
        """Show a dialog modally; locking the journal meanwhile closes it as cancelled. The
        dialog (and any passphrase typed into it) is deleted once its values are read.
        `accepted` is the result that counts as yes (QDialog's Accepted when None)."""
        if accepted is None:
            from PySide6.QtWidgets import QDialog

            accepted = QDialog.DialogCode.Accepted
        self._open_dialog = dialog
        try:
            result = dialog.exec()
        finally:
            self._open_dialog = None
            dialog.deleteLater()
            self._delete_retired()
        return result == accepted

    # ----- hooks the main window calls ------------------------------------------------

    def new_item(self) -> None:
        if self.workspace is None:
            self._pending_request = JournalEntryRequest()
            self._ask_for_unlock()
            return
        self.workspace.new_entry()

    def save(self) -> None:
        if self.workspace is not None and self.workspace.save():
            self.navigator.show_status("Entry saved")

    def find(self) -> None:
        if self.workspace is None:
            self._ask_for_unlock()
            return
        self.workspace.find()

    def handle_journal_request(self, request: JournalEntryRequest) -> None:
        """A new entry from elsewhere ("Reflect" on a guide, "Write about it" on an
        activity). When locked, the entry opens right after unlocking."""
        if self.workspace is None:
            self._pending_request = request
            self._ask_for_unlock()
            return
        self.workspace.new_entry(request)

    def menu_actions(self) -> dict[str, list[QAction]]:
        return self.menu.actions()

    def refresh_theme(self) -> None:
        if self.workspace is not None:
            self.workspace.refresh_icons()

    def shutdown(self) -> None:
        """The window closes: keep unsaved text as a draft and lock."""
        self.lock()
        idle = built(self, "idle")
        if idle is not None:
            idle.stop()

    def smoke_test(self) -> None:
        """Prove SQLCipher works in this build: write and reopen a protected journal."""
        from app.journal.selfcheck import check_encryption

        with tempfile.TemporaryDirectory(prefix="hearth-journal-check-") as folder:
            check_encryption(Path(folder))

    def _ask_for_unlock(self) -> None:
        if self.showing("lock_page"):
            self.lock_page.focus_passphrase()
        elif not self.showing("welcome_page"):
            journals = self.journals()
            if len(journals) == 1:
                self.choose(journals[0].id)

    def open_entry(self, entry_id: int) -> bool:
        return self.workspace is not None and self.workspace.open_entry(entry_id)

    def flush_draft(self) -> None:
        if self.workspace is not None:
            self.workspace.flush_draft()

    def in_focus_mode(self) -> bool:
        return self.workspace is not None and self.workspace.in_focus_mode()

    def set_auto_lock_minutes(self, minutes: int) -> None:
        self.settings.set(S.AUTO_LOCK_MINUTES, minutes)
        self.idle.set_minutes(minutes)

    # ----- long work ------------------------------------------------------------------

    def export(self, entry_ids, fmt: str, out_path: Path) -> BackgroundTask | None:
        """Export on a worker thread; `export_finished` carries the result."""
        session = self.session
        if session is None:
            return None
        return self.exporter.start(session, entry_ids, fmt, out_path)

    def rewrite_journal(self, kind: str, *, old: str | None = None,
                        new: str | None = None) -> BackgroundTask | None:
        """Change passphrase / protect / unprotect on a worker thread. The journal locks
        first (the file is replaced), shows progress, then opens with the new key (see
        ui/journal/rewriting.py)."""
        from ui.journal import rewriting

        return rewriting.start(self, kind, old, new)

    # ----- slots ----------------------------------------------------------------------

    def _on_chooser_journal_chosen(self, journal_id) -> None:
        self.choose(int(journal_id))

    def _on_lock_page_unlock_requested(self, passphrase: str) -> None:
        self.unlock(passphrase or None)

    def _on_lock_page_switch_requested(self) -> None:
        self.chooser_page.set_journals(self.journals())
        self.stack.setCurrentWidget(self.chooser_page)
        self.update_actions()

    def _on_idle_timed_out(self) -> None:
        log.info("journal locked after %s idle minutes", self.idle.minutes)
        self.lock()
        self.navigator.show_status("The journal locked itself after a while without use")

    def _on_menu_focus_mode_toggled(self, checked: bool) -> None:
        if checked:
            self.navigator.show_tab("journal")
        if self.workspace is not None:
            self.workspace.set_focus_mode(checked)
        else:
            self.menu.show_focus_mode(False)

    def _on_menu_new_journal_requested(self) -> None:
        self.navigator.show_tab("journal")
        self.show_new_journal()

    def _on_menu_import_requested(self) -> None:
        from ui.journal.import_dialog import run_import  # its readers load on first use
        if self.workspace is not None:
            self.navigator.show_tab("journal")
            run_import(self.workspace, self.run_dialog, parent=self)

    def _ask_rewrite(self, kind: str) -> None:
        from ui.journal.rewriting import ask_and_start

        if self.workspace is not None:
            ask_and_start(self, kind)

    def _on_menu_export_requested(self) -> None:
        if self.workspace is None:
            return
        self.navigator.show_tab("journal")
        choice = self.workspace.choose_export()
        if choice is None:
            return
        entry_ids, fmt, stem = choice
        from ui.journal.exporting import ask_destination

        out = ask_destination(fmt, stem, parent=self)
        if out is not None:
            self.export(entry_ids, fmt, out)
