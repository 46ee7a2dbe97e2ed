"""The Journal tab: create, choose, unlock and lock journals, and the writing workspace."""

from __future__ import annotations

import datetime
import logging
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QMessageBox,
    QProgressDialog,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.errors import HearthError, WrongPassphraseError
from app.services import journal as core
from app.services.journal import (
    Draft,
    Entry,
    EntryFilters,
    JournalInfo,
    JournalSession,
)
from ui import settings as S
from ui.background import BackgroundTask
from ui.journal.dialogs import PromptDialog
from ui.journal.drafts import DraftBanner
from ui.journal.editor import EntryEditor
from ui.journal.idle import IdleWatcher
from ui.journal.lock import BusyPage, ChooserPage, LockPage
from ui.journal.menu import JournalMenu
from ui.journal.sidebar import JournalSidebar
from ui.journal.stats import StatsPanel
from ui.journal.welcome import WelcomePage
from ui.navigation import JournalEntryRequest
from ui.tab_pages import Command, TabContent

log = logging.getLogger(__name__)

DRAFT_DELAY_MS = 3000
PROGRESS_DELAY_MS = 400


@dataclass(frozen=True)
class _Rewrite:
    """What to do once a passphrase change, protect or unprotect has finished."""

    kind: str
    passphrase: str | None
    keep_entry: int | None


class JournalTab(TabContent):
    """Shows one of five pages: welcome (no journal yet), chooser, lock screen, busy, or the
    workspace of the unlocked journal. Only the workspace ever shows journal text, and
    `lock()` empties it before anything else is shown."""

    commands = {Command.NEW: "New entry", Command.SAVE: "&Save", Command.FIND: "&Find…"}

    unlocked = Signal()
    locked = Signal()
    entry_saved = Signal(int)
    draft_saved = Signal()
    export_finished = Signal(object)  # ExportResult or None on failure

    def __init__(self, *, context, navigator, settings, today=datetime.date.today,
                 idle_clock=time.monotonic, parent=None):
        super().__init__(context=context, navigator=navigator, settings=settings, parent=parent)
        self._today = today
        self.session: JournalSession | None = None
        self.journal: JournalInfo | None = None
        self._pending_request: JournalEntryRequest | None = None
        self._tasks: list[BackgroundTask] = []
        self._export_task: BackgroundTask | None = None
        self._open_dialog: QDialog | None = None
        self._rewrite: _Rewrite | None = None
        self._export_progress: QProgressDialog | None = None
        self.setAccessibleName("Journal")

        self.stack = QStackedWidget(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)

        self.welcome_page = WelcomePage(parent=self)
        self.chooser_page = ChooserPage(parent=self)
        self.lock_page = LockPage(parent=self)
        self.busy_page = BusyPage(parent=self)
        self.workspace = QWidget(self)
        self.workspace.setAccessibleName("Journal workspace")
        for page in (self.welcome_page, self.chooser_page, self.lock_page, self.busy_page,
                     self.workspace):
            self.stack.addWidget(page)
        self._build_workspace()

        self.draft_timer = QTimer(self)
        self.draft_timer.setSingleShot(True)
        self.draft_timer.setInterval(DRAFT_DELAY_MS)
        self.idle = IdleWatcher(minutes=settings.get(S.AUTO_LOCK_MINUTES), clock=idle_clock,
                                parent=self)
        self.menu = JournalMenu(tab=self, parent=self)
        self._update_actions()
        self._connect()
        self.show_start()

    # ----- building -------------------------------------------------------------------

    def _build_workspace(self) -> None:
        layout = QVBoxLayout(self.workspace)
        layout.setContentsMargins(0, 0, 0, 0)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self.workspace)
        self.splitter.setChildrenCollapsible(False)
        self.sidebar = JournalSidebar(today=self._today, parent=self.splitter)
        center = QWidget(self.splitter)
        center_layout = QVBoxLayout(center)
        center_layout.setContentsMargins(0, 0, 0, 0)
        center_layout.setSpacing(0)
        self.draft_banner = DraftBanner(parent=center)
        self.editor = EntryEditor(today=self._today, parent=center)
        center_layout.addWidget(self.draft_banner)
        center_layout.addWidget(self.editor, 1)
        self.stats_panel = StatsPanel(today=self._today, parent=self.splitter)
        self.splitter.addWidget(self.sidebar)
        self.splitter.addWidget(center)
        self.splitter.addWidget(self.stats_panel)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setStretchFactor(2, 0)
        self.splitter.setSizes([300, 640, 230])
        layout.addWidget(self.splitter)
        self._escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), self.workspace)
        self._escape.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)

    def menu_actions(self) -> dict[str, list[QAction]]:
        return self.menu.actions()

    def _connect(self) -> None:
        self.welcome_page.create_requested.connect(self._on_welcome_create_requested)
        self.welcome_page.cancelled.connect(self._on_welcome_cancelled)
        self.chooser_page.journal_chosen.connect(self._on_chooser_journal_chosen)
        self.chooser_page.new_journal_requested.connect(self.show_new_journal)
        self.lock_page.unlock_requested.connect(self._on_lock_page_unlock_requested)
        self.lock_page.switch_requested.connect(self._on_lock_page_switch_requested)
        self.sidebar.search_changed.connect(self._on_sidebar_search_changed)
        self.sidebar.filters_changed.connect(self._on_sidebar_filters_changed)
        self.sidebar.entry_selected.connect(self._on_sidebar_entry_selected)
        self.sidebar.lock_requested.connect(self.lock)
        self.stats_panel.day_clicked.connect(self.sidebar.show_day)
        self.stats_panel.tag_clicked.connect(self.sidebar.show_tag)
        self.editor.edited.connect(self._on_editor_edited)
        self.editor.focus_left.connect(self.flush_draft)
        self.editor.save_requested.connect(self.save)
        self.editor.delete_requested.connect(self._on_editor_delete_requested)
        self.editor.prompt_requested.connect(self._on_editor_prompt_requested)
        self.editor.focus_mode_toggled.connect(self.set_focus_mode)
        self.draft_banner.restore_clicked.connect(self._on_draft_banner_restore_clicked)
        self.draft_banner.discard_clicked.connect(self._on_draft_banner_discard_clicked)
        self.draft_timer.timeout.connect(self.flush_draft)
        self.idle.idle_timed_out.connect(self._on_idle_timed_out)
        self._escape.activated.connect(self._on_escape_activated)

    def showEvent(self, event) -> None:  # noqa: N802 (Qt override)
        # The main window exists only after the tabs are built, so connect to its theme
        # the first time the tab is shown.
        theme = getattr(self.window(), "theme", None)
        if theme is not None and not getattr(self, "_theme_connected", False):
            theme.theme_changed.connect(self._on_theme_changed)
            self._theme_connected = True
        super().showEvent(event)

    # ----- pages ----------------------------------------------------------------------

    def journals(self) -> list[JournalInfo]:
        return core.list_journals(self.context)

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
        else:
            self.choose(journals[0].id)
        self._update_actions()

    def choose(self, journal_id: int) -> None:
        """Pick a journal: protected ones ask for the passphrase, others open at once."""
        try:
            self.journal = core.get_journal(self.context, journal_id)
        except HearthError as exc:
            QMessageBox.warning(self, "Journal", exc.message)
            self.show_start()
            return
        if self.journal.protected:
            self._show_lock_page()
        else:
            self.unlock(None)

    def _show_lock_page(self) -> None:
        assert self.journal is not None
        self.lock_page.prepare(name=self.journal.name, protected=self.journal.protected,
                               can_switch=len(self.journals()) > 1)
        self.stack.setCurrentWidget(self.lock_page)
        self.lock_page.focus_passphrase()
        self._update_actions()

    def is_locked(self) -> bool:
        return self.session is None

    def current_page(self) -> QWidget:
        return self.stack.currentWidget()

    # ----- unlock and lock ------------------------------------------------------------

    def unlock(self, passphrase: str | None) -> bool:
        """Open the chosen journal; a wrong passphrase shows a message and stays locked.

        Runs inline: the key derivation takes ~0.15 s, short enough not to need a thread.
        """
        if self.journal is None:
            return False
        self.lock_page.set_busy(True)
        self.lock_page.repaint()  # show "Unlocking…" during the key derivation
        try:
            session = core.open_journal(self.context, self.journal.id,
                                        passphrase if self.journal.protected else None)
        except WrongPassphraseError:
            self.lock_page.set_busy(False)
            self._show_lock_page_if_hidden()
            self.lock_page.show_error("That passphrase does not unlock this journal. "
                                      "Check Caps Lock and try again.")
            return False
        except HearthError as exc:
            self.lock_page.set_busy(False)
            self._show_lock_page_if_hidden()
            self.lock_page.show_error(exc.message)
            return False
        self.lock_page.set_busy(False)
        self.lock_page.clear_secrets()
        self._enter_workspace(session)
        return True

    def _show_lock_page_if_hidden(self) -> None:
        if self.stack.currentWidget() is not self.lock_page:
            self._show_lock_page()

    def _enter_workspace(self, session: JournalSession) -> None:
        self.session = session
        self.journal = session.info
        self.sidebar.name_label.setText(session.info.name)
        self.sidebar.name_label.setToolTip(
            "Protected with a passphrase" if session.info.protected else "No passphrase")
        self._load_list()
        self._refresh_tags()
        self._refresh_stats()
        self.editor.start_new()
        self.draft_banner.set_drafts(session.pending_drafts())
        self.stack.setCurrentWidget(self.workspace)
        self.idle.arm()
        self._update_actions()
        log.info("journal %s shown", session.info.id)
        self.unlocked.emit()
        if self._pending_request is not None:
            request, self._pending_request = self._pending_request, None
            self.handle_journal_request(request)
        else:
            self.editor.focus_writing()

    def lock(self) -> None:
        """Keep unsaved text as a draft, close the database, and forget every widget's
        journal text before the lock screen shows."""
        if self.session is None:
            return
        self.draft_timer.stop()
        if self.editor.is_dirty() and not self.editor.is_blank():
            self._save_draft()
        if self._open_dialog is not None:
            self._open_dialog.reject()
        session, self.session = self.session, None
        session.close()
        self.idle.disarm()
        self.set_focus_mode(False)
        self._clear_workspace()
        self._show_lock_page()
        self.locked.emit()

    def _clear_workspace(self) -> None:
        self.editor.clear_all()
        self.sidebar.reset()
        self.stats_panel.clear()
        self.draft_banner.clear()

    def text_widgets(self) -> list[QWidget]:
        """Every widget that can show journal text (tests prove they are empty when
        locked)."""
        return [*self.editor.text_widgets(), self.sidebar.search_edit,
                self.sidebar.result_label, self.draft_banner.label,
                self.stats_panel.tags_label]

    # ----- creating -------------------------------------------------------------------

    def create(self, name: str, passphrase: str | None) -> bool:
        self.welcome_page.set_busy(True)
        try:
            info = core.create_journal(self.context, name, passphrase)
            session = core.open_journal(self.context, info.id, passphrase)
        except HearthError as exc:
            self.welcome_page.set_busy(False)
            self.welcome_page.show_error(exc.message)
            return False
        self.welcome_page.set_busy(False)
        self.welcome_page.clear_secrets()
        self.journal = info
        self._enter_workspace(session)
        self.navigator.show_status(f"Created the journal “{info.name}”")
        return True

    # ----- the list, search and stats -------------------------------------------------

    def _filters(self) -> EntryFilters:
        return self.sidebar.filters()

    def current_filters(self) -> EntryFilters:
        """The filters the list (or the search) shows now."""
        return self.sidebar.filters()

    def today(self) -> datetime.date:
        return self._today()

    def _load_list(self) -> None:
        session = self.session
        filters = self._filters()
        if session is None:
            self.sidebar.entry_model.clear()
            return

        def load(offset: int, limit: int):
            return session.list_entries(offset, limit, filters)

        self.sidebar.entry_model.set_loader(load)
        self.sidebar.entry_model.fetchMore()
        self.sidebar.update_placeholder()
        self._reselect_editor_entry()

    def _reselect_editor_entry(self) -> None:
        if self.editor.entry_id is not None:
            # Only show where the entry is; selecting must not reload it into the editor.
            selection = self.sidebar.list_view.selectionModel()
            selection.blockSignals(True)
            self.sidebar.select_entry(self.editor.entry_id)
            selection.blockSignals(False)
            self.sidebar.list_view.viewport().update()

    def _run_search(self) -> None:
        text = self.sidebar.search_text()
        if self.session is None:
            return
        if not text:
            self._load_list()
            return
        result = self.session.search(text, self._filters())
        self.sidebar.show_hits(result.hits, result.hint)

    def _refresh_tags(self) -> None:
        if self.session is None:
            return
        tags = self.session.all_tags()
        self.editor.tag_edit.set_known_tags(tags)
        self.sidebar.set_tags(tags)
        self.stats_panel.set_top_tags(tags)

    def _refresh_stats(self) -> None:
        if self.session is not None:
            self.stats_panel.set_stats(self.session.stats(self._today()))

    def _refresh_after_change(self) -> None:
        if self.sidebar.showing_hits():
            self._run_search()
        else:
            self.sidebar.entry_model.reload()
        self._reselect_editor_entry()
        self._refresh_tags()
        self._refresh_stats()

    # ----- editing --------------------------------------------------------------------

    def open_entry(self, entry_id: int) -> bool:
        if self.session is None:
            return False
        if entry_id == self.editor.entry_id and not self.editor.is_blank():
            return True
        self._keep_editor_text()
        try:
            entry = self.session.get_entry(entry_id)
        except HearthError as exc:
            self.navigator.show_status(exc.message)
            return False
        self.editor.load_entry(entry)
        # Saving the previous entry may have reloaded the list: point it at this one again.
        self._reselect_editor_entry()
        return True

    def _keep_editor_text(self) -> None:
        """Before the editor shows something else: save what was typed, so switching
        entries never loses text (a draft is kept if the entry can't be saved yet)."""
        if self.session is None or not self.editor.is_dirty() or self.editor.is_blank():
            return
        self.draft_timer.stop()
        try:
            self._save_editor()
        except HearthError:
            self._save_draft()

    def _save_editor(self) -> Entry:
        assert self.session is not None
        entry = self.session.save_entry(self.editor.entry_input(), self.editor.entry_id,
                                        draft_key=self.editor.draft_key)
        self.editor.mark_saved(entry)
        self.entry_saved.emit(entry.id)
        self._refresh_after_change()
        return entry

    def _save_draft(self) -> None:
        if self.session is None:
            return
        try:
            draft = self.session.save_draft(self.editor.draft_key, self.editor.entry_input(),
                                            entry_id=self.editor.entry_id)
        except HearthError as exc:
            self.editor.set_status(exc.message)
            return
        self.editor.mark_draft_saved(draft.saved_at)
        self.draft_saved.emit()

    def flush_draft(self) -> None:
        """Keep the editor's unsaved text now (timer ran out, or focus left the page)."""
        self.draft_timer.stop()
        if self.session is not None and self.editor.is_dirty() and not self.editor.is_blank():
            self._save_draft()

    # ----- hooks the main window calls ------------------------------------------------

    def new_item(self) -> None:
        if self.session is None:
            self._pending_request = JournalEntryRequest()
            self._ask_for_unlock()
            return
        self._keep_editor_text()
        self.sidebar.clear_selection()
        self.editor.start_new()
        self.editor.focus_writing()

    def save(self) -> None:
        if self.session is None:
            return
        self.draft_timer.stop()
        try:
            self._save_editor()
        except HearthError as exc:
            self.editor.set_status(exc.message)
            return
        self.navigator.show_status("Entry saved")

    def find(self) -> None:
        if self.session is None:
            self._ask_for_unlock()
            return
        self.set_focus_mode(False)
        self.sidebar.search_edit.setFocus()
        self.sidebar.search_edit.selectAll()

    def handle_journal_request(self, request: JournalEntryRequest) -> None:
        """A new entry from elsewhere ("Reflect" on a guide, "Write about it" on an
        activity). When locked, the entry opens right after unlocking."""
        if self.session is None:
            self._pending_request = request
            self._ask_for_unlock()
            return
        self._keep_editor_text()
        self.sidebar.clear_selection()
        prompt_id = None
        if request.prompt:
            prompt_id = next((p.id for p in self._prompts() if p.text == request.prompt), None)
        self.editor.start_new(day=request.date, title=request.title, prompt=request.prompt,
                              prompt_id=prompt_id, guide_id=request.guide_id,
                              activity_uid=request.activity_uid)
        self.editor.focus_writing()

    def shutdown(self) -> None:
        """The window closes: keep unsaved text as a draft and lock."""
        self.lock()
        self.idle.stop()

    def smoke_test(self) -> None:
        """Prove SQLCipher works in this build: write and reopen a protected journal."""
        from app.journal.selfcheck import check_encryption

        with tempfile.TemporaryDirectory(prefix="hearth-journal-check-") as folder:
            check_encryption(Path(folder))

    def _ask_for_unlock(self) -> None:
        if self.stack.currentWidget() is self.lock_page:
            self.lock_page.focus_passphrase()
        elif self.stack.currentWidget() is self.workspace:
            return
        else:
            journals = self.journals()
            if len(journals) == 1 and self.stack.currentWidget() is not self.welcome_page:
                self.choose(journals[0].id)

    @staticmethod
    def _prompts():
        from app.content.decks import load_journal_prompts

        return load_journal_prompts()

    # ----- focus mode -----------------------------------------------------------------

    def set_focus_mode(self, on: bool) -> None:
        on = bool(on) and self.session is not None
        self.sidebar.setVisible(not on)
        self.stats_panel.setVisible(not on)
        for control in (self.menu.focus_action, self.editor.focus_button):
            control.blockSignals(True)
            control.setChecked(on)
            control.blockSignals(False)
        self.editor.refresh_icons()
        if on:
            self.editor.focus_writing()

    def in_focus_mode(self) -> bool:
        return self.session is not None and not self.sidebar.isVisible() \
            and self.editor.focus_button.isChecked()

    # ----- long work ------------------------------------------------------------------

    def _start_task(self, task: BackgroundTask) -> BackgroundTask:
        self._tasks.append(task)
        task.finished.connect(self._on_task_finished)
        task.start()
        return task

    def _on_task_finished(self) -> None:
        done = [t for t in self._tasks if not t.running]
        self._tasks = [t for t in self._tasks if t.running]
        for task in done:
            task.deleteLater()

    def rewrite_journal(self, kind: str, *, old: str | None = None,
                        new: str | None = None) -> BackgroundTask | None:
        """Change passphrase / protect / unprotect on a worker thread. The journal locks
        first (the file is replaced), shows progress, then opens with the new key."""
        if self.journal is None:
            return None
        journal_id = self.journal.id
        keep_entry = self.editor.entry_id
        context = self.context
        titles = {"change": "Changing the passphrase…", "protect": "Encrypting your journal…",
                  "unprotect": "Removing the protection…"}

        if kind == "change":
            def work(_report):
                return core.change_passphrase(context, journal_id, old, new)
        elif kind == "protect":
            def work(_report):
                return core.protect_journal(context, journal_id, new)
        else:
            def work(_report):
                return core.unprotect_journal(context, journal_id, old)

        self.lock()
        self.busy_page.prepare(titles[kind])
        self.stack.setCurrentWidget(self.busy_page)
        self._update_actions()
        # The new passphrase is kept only until the journal reopens with it.
        self._rewrite = _Rewrite(kind=kind, passphrase=new if kind != "unprotect" else None,
                                 keep_entry=keep_entry)
        task = BackgroundTask(work, name=f"journal {kind}", parent=self)
        task.succeeded.connect(self._on_rewrite_succeeded)
        task.failed.connect(self._on_rewrite_failed)
        return self._start_task(task)

    def _on_rewrite_succeeded(self, info: JournalInfo) -> None:
        rewrite, self._rewrite = self._rewrite, None
        self.journal = info
        try:
            session = core.open_journal(self.context, info.id, rewrite.passphrase)
        except HearthError as exc:
            self._show_lock_page()
            self.lock_page.show_error(exc.message)
            return
        self._enter_workspace(session)
        if rewrite.keep_entry is not None:
            self.open_entry(rewrite.keep_entry)
        messages = {"change": "Passphrase changed", "protect": "Journal protected",
                    "unprotect": "Protection removed"}
        self.navigator.show_status(messages[rewrite.kind])

    def _on_rewrite_failed(self, message: str) -> None:
        self._rewrite = None
        self._show_lock_page()
        self.lock_page.show_error(message)

    def export(self, entry_ids, fmt: str, out_path: Path) -> BackgroundTask | None:
        """Export on a worker thread; `export_finished` carries the result."""
        session = self.session
        if session is None:
            return None
        task = BackgroundTask(lambda _report: core.export_entries(session, entry_ids, fmt,
                                                                  out_path),
                    name="journal export", parent=self)
        task.succeeded.connect(self._on_export_succeeded)
        task.failed.connect(self._on_export_failed)
        self.navigator.show_status("Exporting…")
        self._export_task = task
        # Only a slow export (a PDF of years of entries) is worth a progress window.
        QTimer.singleShot(PROGRESS_DELAY_MS, self, self._on_export_progress_due)
        return self._start_task(task)

    def _on_export_progress_due(self) -> None:
        task = self._export_task
        if task is None or not task.running:
            return
        self._export_progress = QProgressDialog("Exporting entries…", "", 0, 0, self)
        self._export_progress.setWindowTitle("Export entries")
        self._export_progress.setCancelButton(None)
        self._export_progress.setWindowModality(Qt.WindowModality.WindowModal)
        self._export_progress.setMinimumDuration(0)
        self._export_progress.show()

    def _end_export_progress(self) -> None:
        self._export_task = None
        progress = self._export_progress
        if progress is not None:
            progress.close()
            progress.deleteLater()
            self._export_progress = None

    def _on_export_succeeded(self, result) -> None:
        self._end_export_progress()
        count = result.entry_count
        self.navigator.show_status(
            f"Exported {count} entr{'y' if count == 1 else 'ies'} to {result.paths[0].parent}"
            if result.paths else "Nothing to export")
        self.export_finished.emit(result)

    def _on_export_failed(self, message: str) -> None:
        self._end_export_progress()
        QMessageBox.warning(self, "Export entries", message)
        self.export_finished.emit(None)

    # ----- state of the actions -------------------------------------------------------

    def _update_actions(self) -> None:
        self.menu.update(unlocked=self.session is not None,
                         protected=bool(self.journal and self.journal.protected),
                         busy=self.stack.currentWidget() is self.busy_page)

    # ----- slots ----------------------------------------------------------------------

    def _on_welcome_create_requested(self, name: str, passphrase) -> None:
        self.create(name, passphrase)

    def _on_welcome_cancelled(self) -> None:
        self.show_start()

    def _on_chooser_journal_chosen(self, journal_id) -> None:
        self.choose(int(journal_id))

    def _on_lock_page_unlock_requested(self, passphrase: str) -> None:
        self.unlock(passphrase or None)

    def _on_lock_page_switch_requested(self) -> None:
        self.chooser_page.set_journals(self.journals())
        self.stack.setCurrentWidget(self.chooser_page)
        self._update_actions()

    def _on_sidebar_search_changed(self, _text: str) -> None:
        self._run_search()

    def _on_sidebar_filters_changed(self) -> None:
        if self.sidebar.search_text():
            self._run_search()
        else:
            self._load_list()

    def _on_sidebar_entry_selected(self, entry_id: int) -> None:
        self.open_entry(entry_id)

    def _on_editor_edited(self) -> None:
        self.draft_timer.start()

    def _on_editor_delete_requested(self) -> None:
        if self.session is None or self.editor.entry_id is None:
            return
        box = QMessageBox(QMessageBox.Icon.Question, "Delete entry",
                          "Delete this entry for good? This cannot be undone.",
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
                          self)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        if self.run_dialog(box, accepted=QMessageBox.StandardButton.Yes):
            self.delete_current()

    def delete_current(self) -> None:
        if self.session is None or self.editor.entry_id is None:
            return
        try:
            self.session.delete_entry(self.editor.entry_id)
        except HearthError as exc:
            self.navigator.show_status(exc.message)
        self.draft_timer.stop()
        self.editor.start_new()
        self._refresh_after_change()
        self.navigator.show_status("Entry deleted")

    def _on_editor_prompt_requested(self) -> None:
        dialog = PromptDialog(prompts=self._prompts(), parent=self)
        if self.run_dialog(dialog) and dialog.chosen() is not None:
            prompt = dialog.chosen()
            self.editor.use_prompt(text=prompt.text, prompt_id=prompt.id,
                                   guide_id=prompt.guide_id)

    def run_dialog(self, dialog, *, accepted=QDialog.DialogCode.Accepted) -> bool:
        """Show a dialog modally; locking the journal meanwhile closes it as cancelled. The
        dialog (and any passphrase typed into it) is deleted once its values are read."""
        self._open_dialog = dialog
        try:
            result = dialog.exec()
        finally:
            self._open_dialog = None
            dialog.deleteLater()
        return result == accepted

    def _on_draft_banner_restore_clicked(self, draft: Draft) -> None:
        self.restore_draft(draft)

    def restore_draft(self, draft: Draft) -> None:
        self._keep_editor_text()
        self.editor.load_draft(key=draft.key, entry_id=draft.entry_id, data=draft.data)
        self._reselect_editor_entry()
        self.editor.focus_writing()

    def _on_draft_banner_discard_clicked(self, draft: Draft) -> None:
        if self.session is not None:
            self.session.discard_draft(draft.key)

    def _on_idle_timed_out(self) -> None:
        log.info("journal locked after %s idle minutes", self.idle.minutes)
        self.lock()
        self.navigator.show_status("The journal locked itself after a while without use")

    def _on_escape_activated(self) -> None:
        if self.in_focus_mode():
            self.set_focus_mode(False)

    def show_new_journal(self) -> None:
        """The welcome page for one more journal (for example the partner's)."""
        self.lock()
        journals = self.journals()
        self.welcome_page.reset(can_cancel=bool(journals), first=not journals)
        self.stack.setCurrentWidget(self.welcome_page)
        self._update_actions()

    def set_auto_lock_minutes(self, minutes: int) -> None:
        self.settings.set(S.AUTO_LOCK_MINUTES, minutes)
        self.idle.set_minutes(minutes)

    def _on_theme_changed(self, _palette) -> None:
        self.editor.refresh_icons()
        self.sidebar.refresh_icons()
        self.stats_panel.refresh_icons()
        self.draft_banner.refresh_icons()
