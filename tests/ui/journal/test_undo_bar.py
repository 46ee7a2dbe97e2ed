"""Deleting an entry shows the calendar's Undo bar; Undo brings the entry back whole, and
locking or closing in the meantime leaves it deleted with nothing else lost."""

from __future__ import annotations

import datetime
import os
from pathlib import Path

from PySide6.QtCore import Qt

from app.services import journal
from tests.helpers.journal_ui import PASSPHRASE, build_tab, create_through_welcome
from ui.journal.undo_bar import deleted_text

SHOTS = os.environ.get("HEARTH_SHOTS")
D = datetime.date


def canal(tab) -> journal.Entry:
    return tab.session.save_entry(journal.EntryInput(
        date=D(2026, 3, 7), title="Canal", body="We walked by the **canal**.", mood=5,
        tags=("walks", "evening"), activity_uid="plan-7@hearth", prompt_id="smile-01"))


def open_and_delete(qtbot, tab, entry_id: int) -> None:
    workspace = tab.workspace
    workspace._refresh_after_change()
    assert workspace.open_entry(entry_id)
    qtbot.mouseClick(tab.editor.delete_button, Qt.MouseButton.LeftButton)


def test_undo_brings_the_entry_back_whole(qtbot, app_context):
    tab = build_tab(qtbot, app_context)
    create_through_welcome(qtbot, tab)
    entry = canal(tab)
    open_and_delete(qtbot, tab, entry.id)
    workspace = tab.workspace
    banner = workspace.undo_bar.undo_banner()
    assert banner is not None and banner.text() == "Deleted “Canal”."
    assert banner.isVisible() and banner.buttons["undo"].text() == "Undo"
    assert tab.session.count_entries() == 0 and tab.editor.entry_id is None
    assert workspace.sidebar.entry_model.rowCount() == 0
    if SHOTS:
        tab.grab().save(str(Path(SHOTS) / "journal-undo-bar.png"))

    qtbot.mouseClick(banner.buttons["undo"], Qt.MouseButton.LeftButton)
    assert workspace.undo_bar.undo_banner() is None
    assert tab.session.get_entry(entry.id) == entry  # tags, mood, links and times too
    assert tab.editor.entry_id == entry.id and tab.editor.title_edit.text() == "Canal"
    assert workspace.sidebar.entry_model.rowCount() == 1
    assert [h.entry_id for h in tab.session.search("walk").hits] == [entry.id]


def test_unsaved_changes_go_and_come_back_with_the_entry(qtbot, app_context):
    tab = build_tab(qtbot, app_context)
    create_through_welcome(qtbot, tab)
    entry = canal(tab)
    tab.workspace._refresh_after_change()
    tab.workspace.open_entry(entry.id)
    tab.editor.body_edit.setFocus()
    qtbot.keyClicks(tab.editor.body_edit, " Then tea.")
    qtbot.mouseClick(tab.editor.delete_button, Qt.MouseButton.LeftButton)
    assert tab.session.pending_drafts() == []  # the draft went with the entry
    tab.workspace.undo_delete()
    assert tab.editor.entry_id == entry.id and tab.editor.is_dirty()
    assert tab.editor.body_edit.toPlainText() == " Then tea.We walked by the **canal**."


def test_locking_in_the_undo_window_keeps_the_delete_and_the_rest(qtbot, app_context):
    tab = build_tab(qtbot, app_context)
    create_through_welcome(qtbot, tab)
    kept = tab.session.save_entry(journal.EntryInput(date=D(2026, 3, 8), title="Stays",
                                                     tags=("evening",)))
    entry = canal(tab)
    open_and_delete(qtbot, tab, entry.id)
    tab.lock()
    assert tab.text_widgets() == []
    assert tab.unlock(PASSPHRASE)
    assert tab.workspace.undo_bar.undo_banner() is None  # nothing left to undo
    assert tab.session.entry_ids() == [kept.id]
    assert tab.session.all_tags() == ["evening"]
    assert tab.session.pending_drafts() == []


def test_closing_in_the_undo_window_keeps_the_delete(qtbot, make_window):
    window = make_window()
    window.show()
    window.show_tab("journal")
    tab = window.journal_tab
    create_through_welcome(qtbot, tab, passphrase=None)
    entry = canal(tab)
    open_and_delete(qtbot, tab, entry.id)
    window.close()
    window = make_window()
    window.show()
    window.show_tab("journal")
    session = window.journal_tab.session
    assert session.entry_ids() == [] and session.pending_drafts() == []
    assert window.journal_tab.workspace.undo_bar.undo_banner() is None


def test_untitled_and_long_titles_read_well():
    entry = journal.Entry(id=1, date=D(2026, 3, 2), title="", body="x", mood=None, tags=(),
                          activity_uid=None, guide_id=None, prompt_id=None,
                          created_at=datetime.datetime(2026, 3, 2, 20, 0),
                          updated_at=datetime.datetime(2026, 3, 2, 20, 0), word_count=1)
    deleted = journal.DeletedEntry(entry=entry)
    assert deleted_text(deleted, D(2026, 5, 1)) == "Deleted the entry of Mon 2 Mar."
    assert deleted_text(deleted, D(2027, 5, 1)) == "Deleted the entry of Mon 2 Mar 2026."
    import dataclasses

    long = journal.DeletedEntry(entry=dataclasses.replace(entry, title="A" * 80))
    assert deleted_text(long, D(2026, 5, 1)) == f"Deleted “{'A' * 59}…”."
