"""The unlocked journal: its session, and the workspace that exists only while it is open.

The workspace holds the entry list and search, the editor, drafts and statistics.

A `JournalWorkspace` is built when a journal opens and closed when it locks; the tab then
deletes it, so no widget that showed journal text outlives the session. Only this module
touches the session's entries.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QSplitter, QVBoxLayout, QWidget

from app.errors import HearthError
from app.journal.opened_files import remove_opened
from app.services.journal import DeletedEntry, Draft, Entry, EntryFilters, JournalSession
from ui.journal.attachments import AttachmentController, ask_with_box
from ui.journal.dialogs import ExportDialog, PromptDialog
from ui.journal.drafts import DraftBanner
from ui.journal.editor import EntryEditor
from ui.journal.memories import MemoriesPanel
from ui.journal.plan_link import plan_link
from ui.journal.sidebar import JournalSidebar
from ui.journal.stats import StatsPanel
from ui.journal.undo_bar import UndoBar, deleted_text
from ui.navigation import JournalEntryRequest, ShowPlanRequest

log = logging.getLogger(__name__)

DRAFT_DELAY_MS = 3000
# A picture dropped into an entry that was never saved (nor kept as a draft) goes after this.
UNCLAIMED_KEPT = datetime.timedelta(days=7)

RunDialog = Callable[..., bool]  # run_dialog(dialog, *, accepted=...) -> accepted?


class JournalWorkspace(QWidget):
    """The open journal's list, editor and statistics, over one session."""

    entry_saved = Signal(int)
    draft_saved = Signal()
    lock_requested = Signal()  # the sidebar's lock button
    focus_mode_changed = Signal(bool)

    def __init__(self, *, session: JournalSession, navigator, run_dialog: RunDialog,
                 today: Callable[[], datetime.date] = datetime.date.today,
                 data_dir: Path | None = None, settings=None, parent=None):
        super().__init__(parent)
        self.session = session
        self._deleted: DeletedEntry | None = None  # the entry Undo would bring back
        # Where files opened with the system's viewer are copied (and removed on lock).
        self._data_dir = Path(data_dir) if data_dir else session.info.path.parents[1]
        self._settings = settings
        self._navigator = navigator
        self._run_dialog = run_dialog  # shows a dialog that closes, cancelled, on lock
        self._today = today
        self.setAccessibleName("Journal workspace")
        self.draft_timer = QTimer(self)
        self.draft_timer.setSingleShot(True)
        self.draft_timer.setInterval(DRAFT_DELAY_MS)
        self._build()
        self._connect_signals()
        self._show_journal()

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setChildrenCollapsible(False)
        self.sidebar = JournalSidebar(today=self._today, parent=self.splitter)
        center = _PageColumn(self.splitter)
        center_layout = QVBoxLayout(center)
        center_layout.setContentsMargins(0, 0, 0, 0)
        center_layout.setSpacing(0)
        self.undo_bar = UndoBar(parent=center)
        self.draft_banner = DraftBanner(parent=center)
        self.editor = EntryEditor(today=self._today, describe_plan=plan_link, parent=center)
        center_layout.addWidget(self.undo_bar)
        center_layout.addWidget(self.draft_banner)
        center_layout.addWidget(self.editor, 1)
        side = self.side_column = QWidget(self.splitter)
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        self.memories = MemoriesPanel(parent=side)
        self.stats_panel = StatsPanel(today=self._today, parent=side)
        side_layout.addWidget(self.memories)
        side_layout.addWidget(self.stats_panel, 1)
        self.splitter.addWidget(self.sidebar)
        self.splitter.addWidget(center)
        self.splitter.addWidget(side)
        self.attachments = AttachmentController(
            session=self.session, data_dir=self._data_dir, keep_location=self.keep_location,
            ask=ask_with_box(self), parent=self)
        self.editor.preview.loader = self.attachments.picture
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setStretchFactor(2, 0)
        self.splitter.setSizes([300, 640, 230])
        layout.addWidget(self.splitter)
        self._escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), self)
        self._escape.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self._escape.setWhatsThis("Leave focus mode")

    def _connect_signals(self) -> None:
        # Finding entries.
        self.sidebar.search_changed.connect(self._run_search)
        self.sidebar.filters_changed.connect(self._on_sidebar_filters_changed)
        self.sidebar.entry_selected.connect(self.open_entry)
        self.stats_panel.day_clicked.connect(self.sidebar.show_day)
        self.stats_panel.tag_clicked.connect(self.sidebar.show_tag)
        self.sidebar.lock_requested.connect(self.lock_requested)

        # Writing, and keeping what was written.
        self.editor.edited.connect(self.draft_timer.start)
        self.editor.focus_left.connect(self.flush_draft)
        self.draft_timer.timeout.connect(self.flush_draft)
        self.editor.save_requested.connect(self.save)
        self.editor.delete_requested.connect(self.delete_current)
        self.editor.prompt_requested.connect(self._on_editor_prompt_requested)
        self.editor.plan_clicked.connect(self._on_editor_plan_clicked)
        self.undo_bar.undo_requested.connect(self.undo_delete)
        self.draft_banner.restore_clicked.connect(self.restore_draft)
        self.draft_banner.discard_clicked.connect(self._on_draft_banner_discard_clicked)

        # Pictures and files in the entry; looking back.
        self.editor.picture_requested.connect(self._on_editor_picture_requested)
        self.editor.file_requested.connect(self._on_editor_file_requested)
        self.editor.body_edit.files_dropped.connect(self.attachments.add_paths)
        self.editor.body_edit.image_pasted.connect(self.attachments.add_image)
        self.editor.preview.file_clicked.connect(self.attachments.open_file)
        self.attachments.inserted.connect(self.editor.insert_markdown)
        self.attachments.failed.connect(self._navigator.show_status)
        self.memories.entry_clicked.connect(self.open_entry)

        # Focus mode.
        self.editor.focus_mode_toggled.connect(self.set_focus_mode)
        self._escape.activated.connect(self._on_escape_activated)

    def _show_journal(self) -> None:
        info = self.session.info
        self.sidebar.set_journal_name(info.name, protected=info.protected)
        self._load_list()
        self._refresh_tags()
        self._refresh_stats()
        self.editor.start_new()
        self.draft_banner.set_drafts(self.session.pending_drafts())
        # The calendar may ask which entries are about a plan, while this journal is open.
        self._navigator.set_journal_links(self.session.entries_about)
        remove_opened(self._data_dir)  # copies a crash left behind
        self.session.remove_unclaimed_attachments(UNCLAIMED_KEPT)

    # ----- closing --------------------------------------------------------------------

    def close_session(self) -> None:
        """Keep unsaved text as a draft, close the session, and empty every widget."""
        self.draft_timer.stop()
        if self.editor.is_dirty() and not self.editor.is_blank():
            self._save_draft()
        self._navigator.set_journal_links(None)
        self.session.close()
        self._deleted = None  # the delete stands: locked means no journal text kept
        self.undo_bar.clear()
        remove_opened(self._data_dir)
        self.editor.preview.loader = None
        self.memories.clear()
        self.set_focus_mode(False)
        self.editor.clear_all()
        self.sidebar.reset()
        self.stats_panel.clear()
        self.draft_banner.clear()

    def text_widgets(self) -> list[QWidget]:
        """Every widget that can show journal text."""
        banner = self.undo_bar.undo_banner()
        return [*self.editor.text_widgets(), self.sidebar.search_edit,
                self.sidebar.result_label, self.draft_banner.label,
                self.stats_panel.tags_label, *([banner.text_label] if banner else [])]

    # ----- the list, search and stats -------------------------------------------------

    def current_filters(self) -> EntryFilters:
        """The filters the list (or the search) shows now."""
        return self.sidebar.filters()

    def _load_list(self) -> None:
        session, filters = self.session, self.sidebar.filters()

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
        if not text:
            self._load_list()
            return
        result = self.session.search(text, self.sidebar.filters())
        self.sidebar.show_hits(result.hits, result.hint)

    def _refresh_tags(self) -> None:
        tags = self.session.all_tags()
        self.editor.tag_edit.set_known_tags(tags)
        self.sidebar.set_tags(tags)
        self.stats_panel.set_top_tags(tags)

    def _refresh_stats(self) -> None:
        self.stats_panel.set_stats(self.session.stats(self._today()))
        self.memories.set_memories(self.session.on_this_day(self._today()))

    def keep_location(self) -> bool:
        """Whether photos added now keep their GPS position (a journal preference)."""
        from ui import settings as S

        return bool(self._settings and self._settings.get(S.KEEP_PHOTO_LOCATION))

    def reload(self) -> None:
        """Show what changed behind the editor (an import): list, tags and statistics."""
        self._refresh_after_change()

    def _refresh_after_change(self) -> None:
        if self.sidebar.showing_hits():
            self._run_search()
        else:
            self.sidebar.entry_model.reload()
        self._reselect_editor_entry()
        self._refresh_tags()
        self._refresh_stats()

    # ----- writing --------------------------------------------------------------------

    def open_entry(self, entry_id: int) -> bool:
        if entry_id == self.editor.entry_id and not self.editor.is_blank():
            return True
        self._keep_editor_text()
        try:
            entry = self.session.get_entry(entry_id)
        except HearthError as exc:
            self._navigator.show_status(exc.message)
            return False
        self.editor.load_entry(entry)
        # Saving the previous entry may have reloaded the list: point it at this one again.
        self._reselect_editor_entry()
        return True

    def new_entry(self, request: JournalEntryRequest | None = None) -> None:
        """An empty entry, or one filled in from another tab's request (or, when the
        request names an entry, that entry)."""
        if request is not None and request.entry_id is not None:
            self.set_focus_mode(False)
            self.open_entry(request.entry_id)
            return
        self._keep_editor_text()
        self.sidebar.clear_selection()
        if request is None:
            self.editor.start_new()
        else:
            prompt_id = None
            if request.prompt:
                prompt_id = next((p.id for p in _prompts() if p.text == request.prompt), None)
            self.editor.start_new(day=request.date, title=request.title, body=request.body,
                                  prompt=request.prompt,
                                  prompt_id=prompt_id, guide_id=request.guide_id,
                                  activity_uid=request.activity_uid)
        self.editor.focus_writing()

    def save(self) -> bool:
        self.draft_timer.stop()
        try:
            self._save_editor()
        except HearthError as exc:
            self.editor.set_status(exc.message)
            return False
        return True

    def find(self) -> None:
        self.set_focus_mode(False)
        self.sidebar.search_edit.setFocus()
        self.sidebar.search_edit.selectAll()

    def restore_draft(self, draft: Draft) -> None:
        self._keep_editor_text()
        self.editor.load_draft(key=draft.key, entry_id=draft.entry_id, data=draft.data,
                               prompt=draft.prompt)
        self._reselect_editor_entry()
        self.editor.focus_writing()

    def delete_current(self) -> None:
        """Delete the entry in the editor, unsaved changes and all, and offer Undo."""
        if self.editor.entry_id is None:
            return
        self.flush_draft()  # unsaved changes are kept with the entry, and come back with it
        try:
            deleted = self.session.delete_entry(self.editor.entry_id)
        except HearthError as exc:
            self._navigator.show_status(exc.message)
            deleted = None
        self.draft_timer.stop()
        self.editor.start_new()
        self._refresh_after_change()
        if deleted is not None:
            self._deleted = deleted
            self.undo_bar.show_undo(deleted_text(deleted, self._today()))

    def undo_delete(self) -> None:
        """Put the entry deleted last back, and open it (with its unsaved changes)."""
        deleted, self._deleted = self._deleted, None
        self.undo_bar.clear()
        if deleted is None:
            return
        try:
            entry = self.session.restore_entry(deleted)
        except HearthError as exc:
            self._navigator.show_status(exc.message)
            return
        self._refresh_after_change()
        draft = next((d for d in self.session.pending_drafts() if d.entry_id == entry.id), None)
        if draft is not None:
            self.restore_draft(draft)
        else:
            self.open_entry(entry.id)
        self._navigator.show_status("Entry restored")

    def flush_draft(self) -> None:
        """Keep the editor's unsaved text now (timer ran out, or focus left the page)."""
        self.draft_timer.stop()
        if self.editor.is_dirty() and not self.editor.is_blank():
            self._save_draft()

    def _keep_editor_text(self) -> None:
        """Before the editor shows something else: save what was typed, so switching
        entries never loses text (a draft is kept if the entry can't be saved yet)."""
        if not self.editor.is_dirty() or self.editor.is_blank():
            return
        self.draft_timer.stop()
        try:
            self._save_editor()
        except HearthError:
            self._save_draft()

    def _save_editor(self) -> Entry:
        entry = self.session.save_entry(self.editor.entry_input(), self.editor.entry_id,
                                        draft_key=self.editor.draft_key)
        self.editor.mark_saved(entry)
        self.entry_saved.emit(entry.id)
        self._refresh_after_change()
        return entry

    def _save_draft(self) -> None:
        try:
            draft = self.session.save_draft(self.editor.draft_key, self.editor.entry_input(),
                                            entry_id=self.editor.entry_id,
                                            prompt=self.editor.prompt_text())
        except HearthError as exc:
            self.editor.set_status(exc.message)
            return
        self.editor.mark_draft_saved(draft.saved_at)
        self.draft_saved.emit()

    # ----- export ---------------------------------------------------------------------

    def choose_export(self) -> tuple[list[int] | None, str, str] | None:
        """Ask what to export and how: (entry ids, None for all; format; a file name stem),
        or None when cancelled."""
        selected = self.editor.entry_id
        filters = self.current_filters()
        shown = None if filters.is_empty else self.session.count_entries(filters)
        dialog = ExportDialog(protected=self.session.info.protected,
                              selected_count=1 if selected is not None else 0,
                              shown_count=shown, parent=self.parentWidget())
        if not self._run_dialog(dialog) or not self.session.is_open:
            return None
        entry_ids = None
        if dialog.scope() == "selected" and selected is not None:
            entry_ids = [selected]
        elif dialog.scope() == "filtered":
            entry_ids = self.session.entry_ids(filters)
        return entry_ids, dialog.export_format(), \
            f"{self.session.info.name} {self._today():%Y-%m-%d}"

    # ----- focus mode -----------------------------------------------------------------

    def set_focus_mode(self, on: bool) -> None:
        on = bool(on)
        self.sidebar.setVisible(not on)
        self.stats_panel.setVisible(not on)
        self.side_column.setVisible(not on)
        self.editor.focus_button.blockSignals(True)
        self.editor.focus_button.setChecked(on)
        self.editor.focus_button.blockSignals(False)
        self.editor.refresh_icons()
        self.focus_mode_changed.emit(on)
        if on:
            self.editor.focus_writing()

    def in_focus_mode(self) -> bool:
        return not self.sidebar.isVisible() and self.editor.focus_button.isChecked()

    def refresh_icons(self) -> None:
        self.editor.refresh_icons()
        self.sidebar.refresh_icons()
        self.stats_panel.refresh_icons()
        self.memories.refresh_icons()
        self.draft_banner.refresh_icons()
        self.undo_bar.refresh_icons()

    # ----- slots ----------------------------------------------------------------------

    def _on_sidebar_filters_changed(self) -> None:
        if self.sidebar.search_text():
            self._run_search()
        else:
            self._load_list()

    def _on_editor_prompt_requested(self) -> None:
        dialog = PromptDialog(prompts=_prompts(), parent=self.parentWidget())
        if self._run_dialog(dialog) and dialog.chosen() is not None:
            prompt = dialog.chosen()
            self.editor.use_prompt(text=prompt.text, prompt_id=prompt.id,
                                   guide_id=prompt.guide_id)

    def _on_editor_plan_clicked(self, key) -> None:
        self._navigator.show_plan(ShowPlanRequest(key=key))

    def _on_draft_banner_discard_clicked(self, draft: Draft) -> None:
        self.session.discard_draft(draft.key)

    def _on_editor_picture_requested(self) -> None:
        self.attachments.choose_pictures(self)

    def _on_editor_file_requested(self) -> None:
        self.attachments.choose_files(self)

    def _on_escape_activated(self) -> None:
        if self.in_focus_mode():
            self.set_focus_mode(False)


class _PageColumn(QWidget):
    """The middle column. Its size hint is fixed, so nothing shown inside it (a status, a
    banner's sentence, a link to a plan) makes the splitter move the three columns."""

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        return QSize(640, 480)


def _prompts():
    from app.content.decks import load_journal_prompts

    return load_journal_prompts()
