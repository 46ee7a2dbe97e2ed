"""Other tabs ask the journal for a new entry ("Reflect", "Write about it")."""

from __future__ import annotations

import datetime

from PySide6.QtCore import Qt

from app.content.decks import load_journal_prompts
from app.services import journal as core
from tests.helpers.journal_ui import PASSPHRASE, build_tab
from ui.navigation import JournalEntryRequest


def test_request_prefills_a_new_entry(make_window, app_context):
    core.create_journal(app_context, "Sam", None)
    window = make_window()
    prompt = load_journal_prompts()[0]
    window.navigator.write_journal_entry(JournalEntryRequest(
        prompt=prompt.text, title="After our walk", guide_id=prompt.guide_id,
        activity_uid="activity-7", date=datetime.date(2026, 6, 14)))
    tab = window.journal_tab
    assert window.current_tab() is tab
    editor = tab.editor
    assert editor.entry_id is None
    assert editor.title_edit.text() == "After our walk"
    assert editor.prompt_label.text() == prompt.text
    assert editor.prompt_frame.isVisibleTo(editor)
    data = editor.entry_input()
    assert data.date == datetime.date(2026, 6, 14)
    assert data.activity_uid == "activity-7"
    assert data.prompt_id == prompt.id and data.guide_id == prompt.guide_id


def test_request_while_locked_opens_after_unlock(app_context, qtbot):
    core.create_journal(app_context, "Maya", PASSPHRASE)
    tab = build_tab(qtbot, app_context)
    assert tab.current_page() is tab.lock_page
    tab.handle_journal_request(JournalEntryRequest(title="Date night"))
    assert tab.is_locked() and tab.current_page() is tab.lock_page
    qtbot.keyClicks(tab.lock_page.pass_edit, PASSPHRASE)
    with qtbot.waitSignal(tab.unlocked, timeout=10000):
        qtbot.mouseClick(tab.lock_page.unlock_button, Qt.MouseButton.LeftButton)
    assert not tab.is_locked()
    assert tab.editor.title_edit.text() == "Date night"


def test_prompt_button_offers_the_deck(app_context, qtbot, monkeypatch):
    core.create_journal(app_context, "Sam", None)
    tab = build_tab(qtbot, app_context)
    from ui.journal import dialogs

    chosen = load_journal_prompts()[2]

    def fake_exec(dialog):
        assert dialog.list.count() == len(load_journal_prompts())
        dialog.list.setCurrentRow(2)
        return dialogs.PromptDialog.DialogCode.Accepted

    monkeypatch.setattr(dialogs.PromptDialog, "exec", fake_exec)
    qtbot.mouseClick(tab.editor.prompt_button, Qt.MouseButton.LeftButton)
    assert tab.editor.prompt_label.text() == chosen.text
    assert tab.editor.entry_input().prompt_id == chosen.id


def test_window_has_a_journal_menu(make_window, app_context):
    core.create_journal(app_context, "Maya", PASSPHRASE)
    window = make_window()
    window.build_all_tabs()  # as right after the first paint
    menu = window.menus["&Journal"]
    texts = [a.text() for a in menu.actions() if not a.isSeparator()]
    for expected in ("&Lock now", "&Focus mode", "&Export entries…", "&Change passphrase…",
                     "&Remove protection…", "New &journal…", "Journal p&references…"):
        assert expected in texts
    tab = window.journal_tab
    assert not tab.menu.lock_action.isEnabled()  # locked: nothing to lock or export
    assert not tab.menu.export_action.isEnabled()
