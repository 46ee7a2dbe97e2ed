"""Drafts: kept inside the journal a few seconds after typing, offered back after a restart."""

from __future__ import annotations

import datetime

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QApplication

from app.services import journal as core
from tests.helpers.journal_ui import PASSPHRASE, build_tab, create_through_welcome


def _unlock(qtbot, tab):
    assert tab.current_page() is tab.lock_page
    qtbot.keyClicks(tab.lock_page.pass_edit, PASSPHRASE)
    with qtbot.waitSignal(tab.unlocked, timeout=5000):
        qtbot.mouseClick(tab.lock_page.unlock_button, Qt.MouseButton.LeftButton)


def test_typing_saves_a_draft_when_the_timer_fires(qtbot, app_context):
    tab = build_tab(qtbot, app_context)
    create_through_welcome(qtbot, tab)
    assert tab.workspace.draft_timer.interval() <= 3000
    qtbot.keyClicks(tab.editor.body_edit, "half a thought about the weekend")
    assert tab.workspace.draft_timer.isActive()
    assert tab.session.pending_drafts() == []
    with qtbot.waitSignal(tab.draft_saved, timeout=1000):
        tab.workspace.draft_timer.timeout.emit()  # the fake tick: no waiting for three seconds
    [draft] = tab.session.pending_drafts()
    assert draft.data.body == "half a thought about the weekend"
    assert draft.entry_id is None
    assert "Draft kept" in tab.editor.status_label.text()


def test_leaving_the_page_saves_the_draft(qtbot, app_context):
    tab = build_tab(qtbot, app_context)
    create_through_welcome(qtbot, tab)
    qtbot.keyClicks(tab.editor.body_edit, "words before the phone rang")
    QApplication.sendEvent(tab.editor.body_edit,
                           QFocusEvent(QEvent.Type.FocusOut, Qt.FocusReason.TabFocusReason))
    [draft] = tab.session.pending_drafts()
    assert draft.data.body == "words before the phone rang"
    assert not tab.workspace.draft_timer.isActive()


@pytest.mark.slow  # two windows
def test_draft_is_offered_back_after_a_restart(make_window, qtbot, data_dir):
    first = make_window()
    tab = first.journal_tab
    create_through_welcome(qtbot, tab)
    qtbot.keyClicks(tab.editor.title_edit, "Unfinished")
    qtbot.keyClicks(tab.editor.body_edit, "this must survive a crash")
    tab.workspace.draft_timer.timeout.emit()
    # The first window is never closed: as if the process had been killed.

    again = make_window(data_dir)
    tab2 = again.journal_tab
    _unlock(qtbot, tab2)
    banner = tab2.workspace.draft_banner
    assert banner.isVisibleTo(tab2)
    assert "Unfinished" in banner.label.text()
    qtbot.mouseClick(banner.restore_button, Qt.MouseButton.LeftButton)
    assert not banner.isVisibleTo(tab2)
    assert tab2.editor.title_edit.text() == "Unfinished"
    assert tab2.editor.body_edit.toPlainText() == "this must survive a crash"
    assert tab2.editor.is_dirty()

    with qtbot.waitSignal(tab2.entry_saved):
        tab2.save()
    assert tab2.session.pending_drafts() == []  # saving the entry consumed the draft
    assert tab2.session.count_entries() == 1


@pytest.mark.slow  # two windows
def test_discarding_a_draft_removes_it(make_window, qtbot, data_dir):
    first = make_window()
    tab = first.journal_tab
    create_through_welcome(qtbot, tab)
    qtbot.keyClicks(tab.editor.body_edit, "never mind")
    tab.lock()  # locking keeps unsaved text as a draft before closing
    tab.shutdown()

    again = make_window(data_dir)
    tab2 = again.journal_tab
    _unlock(qtbot, tab2)
    assert tab2.workspace.draft_banner.isVisibleTo(tab2)
    qtbot.mouseClick(tab2.workspace.draft_banner.discard_button, Qt.MouseButton.LeftButton)
    assert tab2.session.pending_drafts() == []
    assert tab2.editor.body_edit.toPlainText() == ""


def test_edits_to_a_saved_entry_draft_under_that_entry(qtbot, app_context):
    info = core.create_journal(app_context, "Sam", None)
    with core.open_journal(app_context, info.id) as session:
        entry = session.save_entry(core.EntryInput(date=datetime.date(2026, 3, 1),
                                                   title="Spring", body="Buds"))
    tab = build_tab(qtbot, app_context)
    assert tab.current_page() is tab.workspace  # the only journal has no passphrase
    assert tab.open_entry(entry.id)
    tab.editor.body_edit.moveCursor(tab.editor.body_edit.textCursor().MoveOperation.End)
    qtbot.keyClicks(tab.editor.body_edit, " and rain")
    tab.flush_draft()
    [draft] = tab.session.pending_drafts()
    assert draft.entry_id == entry.id and draft.data.body == "Buds and rain"


def test_a_restored_draft_keeps_its_writing_prompt(qtbot, app_context):
    from ui.navigation import JournalEntryRequest

    tab = build_tab(qtbot, app_context)
    create_through_welcome(qtbot, tab)
    prompt = "Name one thing your partner did this week that you noticed."  # a guide's
    tab.handle_journal_request(JournalEntryRequest(prompt=prompt, title="Noticing",
                                                   guide_id="noticing"))
    qtbot.keyClicks(tab.editor.body_edit, "The way they made tea")
    tab.lock()  # keeps the draft
    _unlock(qtbot, tab)
    [draft] = tab.session.pending_drafts()
    assert draft.prompt == prompt and draft.data.guide_id == "noticing"
    assert tab.editor.prompt_text() == ""  # a fresh page until the draft is restored
    tab.workspace.restore_draft(draft)
    assert tab.editor.prompt_text() == prompt
    assert tab.editor.prompt_frame.isVisibleTo(tab.editor)
    assert tab.editor.body_edit.toPlainText() == "The way they made tea"
