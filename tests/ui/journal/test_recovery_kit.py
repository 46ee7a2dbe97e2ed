"""The recovery kit and Forgot your passphrase?, driven through the real tab."""

from __future__ import annotations

import datetime

import pytest
from PySide6.QtCore import Qt

from app.journal.keys import recovery
from app.services import journal as core
from tests.helpers.journal_ui import (
    PASSPHRASE,
    build_tab,
    create_through_welcome,
    unlock_through_lock_page,
    write_entry,
)
from ui.journal.recovery_kit import RecoverDialog, RecoveryKitDialog, write_kit_pdf

KEY = recovery.format_key(bytes(range(16)))


@pytest.fixture
def tab(qtbot, app_context):
    return build_tab(qtbot, app_context)


def _type_groups(qtbot, dialog, key):
    for index, edit in zip(dialog.asked, dialog.group_edits, strict=True):
        qtbot.keyClicks(edit, recovery.groups(key)[index].lower())


def test_the_kit_counts_as_saved_only_after_two_groups_are_typed_back(qtbot, tmp_path):
    target = tmp_path / "kit.pdf"
    dialog = RecoveryKitDialog(name="Maya", key=KEY, day=datetime.date(2026, 12, 2),
                               choose_pdf_path=lambda: str(target))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.mouseClick(dialog.pdf_button, Qt.MouseButton.LeftButton)
    assert target.read_bytes().startswith(b"%PDF") and dialog.pages.currentIndex() == 1
    qtbot.keyClicks(dialog.group_edits[0], "2222")
    qtbot.keyClicks(dialog.group_edits[1], "3333")
    qtbot.mouseClick(dialog.done_button, Qt.MouseButton.LeftButton)
    assert not dialog.saved and "do not match" in dialog.error.text()
    for edit in dialog.group_edits:
        edit.clear()
    with qtbot.waitSignal(dialog.kit_saved):
        _type_groups(qtbot, dialog, KEY)
        qtbot.mouseClick(dialog.done_button, Qt.MouseButton.LeftButton)
    assert dialog.saved


def test_the_kit_saves_as_one_pdf_page_with_qt(tmp_path):
    # The page is drawn with embedded fonts: the PDF is for paper, not for searching.
    path = tmp_path / "kit.pdf"
    write_kit_pdf(str(path), name="Maya", day=datetime.date(2026, 12, 2), key=KEY)
    data = path.read_bytes()
    assert data.startswith(b"%PDF") and data.count(b"/Type /Page\n") + data.count(b"/Type/Page\n") <= 1


def test_creating_a_protected_journal_shows_the_kit_and_later_leaves_a_warning(tab, qtbot):
    create_through_welcome(qtbot, tab, close_kit=False)
    kit = tab.keys.kit_dialog
    assert kit.isVisible() and kit.sheet.accessibleDescription().startswith("Recovery key ")
    kit.reject()
    action = tab.menu.recovery_kit_action
    assert action.isVisible() and "not saved" in action.text()
    assert action.data() == "warning"


def test_saving_the_kit_clears_the_warning(tab, qtbot, tmp_path):
    create_through_welcome(qtbot, tab, close_kit=False)
    kit = tab.keys.kit_dialog
    key = kit.sheet.accessibleDescription().removeprefix("Recovery key ")
    kit._choose_pdf_path = lambda: str(tmp_path / "kit.pdf")
    qtbot.mouseClick(kit.pdf_button, Qt.MouseButton.LeftButton)
    _type_groups(qtbot, kit, key)
    qtbot.mouseClick(kit.done_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.keys.kit_dialog is None)
    assert "not saved" not in tab.menu.recovery_kit_action.text()
    assert not core.kit_pending(tab.journal)


def test_locking_closes_the_kit(tab, qtbot):
    create_through_welcome(qtbot, tab, close_kit=False)
    tab.lock()
    qtbot.waitUntil(lambda: tab.keys.kit_dialog is None)


def test_forgot_passphrase_sets_a_new_one_with_the_key(tab, qtbot, app_context, monkeypatch):
    create_through_welcome(qtbot, tab, close_kit=False)
    key = tab.keys.kit_dialog.sheet.accessibleDescription().removeprefix("Recovery key ")
    tab.keys.kit_dialog.reject()
    write_entry(qtbot, tab, title="Kept", body="Every word of it")
    tab.lock()
    assert tab.lock_page.forgot_button.isVisibleTo(tab.lock_page)

    def answer(dialog, typed):
        dialog.key_edit.setText(typed)
        dialog.new_edit.setText("a whole new lantern")
        dialog.confirm_edit.setText("a whole new lantern")
        dialog._on_buttons_accepted()
        return dialog.result()

    # A typo is caught in the dialog itself, before any work.
    wrong = key[:-1] + ("2" if key[-1] != "2" else "3")
    monkeypatch.setattr(RecoverDialog, "exec", lambda dialog: answer(dialog, wrong) or
                        dialog.error.text())
    before = {p.name: p.read_bytes() for p in tab.journal.path.parent.iterdir()}
    assert tab.keys.ask_recovery() is None
    assert {p.name: p.read_bytes() for p in tab.journal.path.parent.iterdir()} == before

    monkeypatch.setattr(RecoverDialog, "exec", lambda dialog: answer(
        dialog, key.replace("-", " ").lower()))
    with qtbot.waitSignal(tab.unlocked, timeout=10000):
        qtbot.mouseClick(tab.lock_page.forgot_button, Qt.MouseButton.LeftButton)
    assert [e.title for e in tab.session.get_entries()] == ["Kept"]
    tab.lock()
    unlock_through_lock_page(qtbot, tab, "a whole new lantern")
    assert not tab.is_locked()


def test_a_wrong_recovery_key_says_so_on_the_lock_page(tab, qtbot, app_context):
    create_through_welcome(qtbot, tab)
    tab.lock()
    other = recovery.format_key(b"\x07" * 16)
    assert tab.keys.recover(other, "a whole new lantern") is not None
    # The task may end before a waitSignal could connect: wait on what it leaves.
    qtbot.waitUntil(lambda: "recovery key does not open" in tab.lock_page.error.text(),
                    timeout=10000)
    unlock_through_lock_page(qtbot, tab, PASSPHRASE)


def test_changing_the_key_too_shows_the_kit_of_a_new_recovery_key(tab, qtbot):
    create_through_welcome(qtbot, tab, close_kit=False)
    old = tab.keys.kit_dialog.sheet.accessibleDescription().removeprefix("Recovery key ")
    tab.keys.kit_dialog.reject()
    qtbot.waitUntil(lambda: tab.keys.kit_dialog is None)
    new_pass = "a brand new phrase for us"
    with qtbot.waitSignal(tab.unlocked, timeout=30000):
        tab.rewrite_journal("new-key", old=PASSPHRASE, new=new_pass)
    qtbot.waitUntil(lambda: tab.keys.kit_dialog is not None, timeout=10000)
    kit = tab.keys.kit_dialog
    key = kit.sheet.accessibleDescription().removeprefix("Recovery key ")
    assert kit.isVisible() and recovery.parse(key) and key != old
    assert core.kit_pending(core.get_journal(tab.context, tab.journal.id))
    kit.reject()


def test_a_new_kit_re_encrypts_so_the_old_key_and_an_old_key_file_open_nothing(
        tab, qtbot, monkeypatch):
    from app.db_files import key_file_of
    from app.errors import HearthError
    from ui.journal.recovery_kit import AskPassphraseDialog

    create_through_welcome(qtbot, tab, close_kit=False)
    old = tab.keys.kit_dialog.sheet.accessibleDescription().removeprefix("Recovery key ")
    tab.keys.kit_dialog.reject()
    qtbot.waitUntil(lambda: tab.keys.kit_dialog is None)
    write_entry(qtbot, tab, title="Before", body="Written before the new kit")
    old_keys = key_file_of(tab.journal.path).read_bytes()

    def answer(dialog):
        dialog.pass_edit.setText(PASSPHRASE)
        dialog._on_buttons_accepted()
        return dialog.result()

    monkeypatch.setattr(AskPassphraseDialog, "exec", answer)
    with qtbot.waitSignal(tab.unlocked, timeout=30000):
        tab.menu.recovery_kit_action.trigger()
    qtbot.waitUntil(lambda: tab.keys.kit_dialog is not None, timeout=10000)
    kit = tab.keys.kit_dialog
    key = kit.sheet.accessibleDescription().removeprefix("Recovery key ")
    assert kit.isVisible() and recovery.parse(key) and key != old
    kit.reject()
    assert [e.title for e in tab.session.get_entries()] == ["Before"]  # reopened, all there
    tab.lock()
    # Someone with the old kit and an older copy of the key file gets nothing from the
    # journal as it is now.
    key_file_of(tab.journal.path).write_bytes(old_keys)
    with pytest.raises(HearthError):
        core.recover_journal(tab.context, tab.journal.id, old, "somebody else's")


def test_a_window_opening_on_the_lock_screen_warns_of_the_kit_once_it_is_up(make_window,
                                                                             data_dir, qtbot):
    # The warning is in the Journal menu, closed at the first paint: the key file is read
    # once the window has started, not before.
    from app.context import open_app

    context = open_app(data_dir)
    try:
        core.create_journal(context, "Ours", PASSPHRASE)  # its kit not saved yet
    finally:
        context.close()
    (data_dir / "settings.ini").write_text("[window]\nlast_tab=2\n")
    window = make_window()
    tab = window.current_tab()
    assert tab.showing("lock_page")
    action = tab.menu.recovery_kit_action
    assert action.isVisible() and not action.isEnabled()
    assert "not saved" not in action.text()
    window.show()
    qtbot.waitUntil(window.has_started)
    assert "not saved" in action.text() and action.data() == "warning"
