"""The journal tab end to end: create, write, search, lock, unlock."""

from __future__ import annotations

import datetime

import pytest
import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, Qt

from app.services import journal as core
from app.services.journal import MARK_START
from tests.helpers.journal_ui import (
    PASSPHRASE,
    build_tab,
    create_through_welcome,
    write_entry,
)


@pytest.fixture
def tab(qtbot, app_context):
    return build_tab(qtbot, app_context)


@pytest.fixture
def window(make_window, qtbot):
    window = make_window()
    window.resize(1024, 700)
    window.show()
    qtbot.waitExposed(window)
    window.show_tab("journal")
    return window


def test_no_journal_shows_the_welcome_page(tab):
    assert tab.current_page() is tab.welcome_page
    assert "cannot" in tab.welcome_page.warning.text() or "nobody" in \
        tab.welcome_page.warning.text()
    assert not tab.menu.lock_action.isEnabled()


def test_welcome_refuses_mismatched_passphrases(tab, qtbot):
    page = tab.welcome_page
    qtbot.keyClicks(page.name_edit, "Maya")
    qtbot.keyClicks(page.pass_edit, PASSPHRASE)
    qtbot.keyClicks(page.confirm_edit, PASSPHRASE + "x")
    qtbot.mouseClick(page.create_button, Qt.MouseButton.LeftButton)
    assert tab.current_page() is page
    assert "not the same" in page.error.text()
    assert core.list_journals(tab.context) == []


def test_strength_hint_follows_the_passphrase(tab, qtbot):
    page = tab.welcome_page
    qtbot.keyClicks(page.pass_edit, "abc")
    assert page.strength_label.text() == "Too short"
    qtbot.keyClicks(page.pass_edit, "defgh lantern river")
    assert page.strength_label.text() in ("Strong", "Very strong")


def test_create_write_find_lock_unlock(tab, qtbot):
    create_through_welcome(qtbot, tab)
    [info] = core.list_journals(tab.context)
    assert info.protected and info.name == "Maya"
    assert not info.path.read_bytes().startswith(b"SQLite format 3")

    entry_id = write_entry(qtbot, tab, title="Lighthouse walk",
                           body="We walked to the lighthouse and talked about **summer**.")
    assert tab.sidebar.entry_model.rowCount() == 1
    assert tab.sidebar.current_entry_id() == entry_id
    assert tab.workspace.stats_panel.month_number.value.text() == "1"

    qtbot.keyClicks(tab.sidebar.search_edit, "lighth*")
    assert tab.sidebar.search_timer.isActive()  # debounced, not run on every key
    tab.sidebar.flush_search()
    assert tab.sidebar.showing_hits()
    assert tab.sidebar.hit_model.rowCount() == 1
    assert MARK_START in tab.sidebar.hit_model.hit(0).snippet
    assert tab.sidebar.result_label.text().startswith("1 result")

    tab.editor.tag_edit.setText("walks, us")
    session, workspace = tab.session, tab.workspace
    text_widgets = tab.text_widgets()
    assert tab.menu.lock_action.shortcut().toString() == "Ctrl+L"
    tab.menu.lock_action.trigger()

    assert tab.is_locked() and not session.is_open
    assert tab.current_page() is tab.lock_page
    # The workspace is gone from the tab at once, and emptied before it is deleted.
    assert tab.workspace is None and tab.session is None and tab.editor is None
    assert tab.text_widgets() == []
    for widget in text_widgets:
        text = widget.toPlainText() if hasattr(widget, "toPlainText") else widget.text()
        assert text == "", widget.accessibleName()
    editor, sidebar, stats = workspace.editor, workspace.sidebar, workspace.stats_panel
    assert not editor.body_edit.document().isUndoAvailable()
    assert not editor.title_edit.isUndoAvailable()
    assert not sidebar.search_edit.isUndoAvailable()
    assert sidebar.entry_model.rowCount() == 0
    assert sidebar.hit_model.rowCount() == 0
    assert editor.tag_edit.known_tags() == []
    assert sidebar.tag_combo.count() == 1
    assert stats.heatmap.counts() == {}
    assert stats.mood_chart.points() == []
    assert stats.month_number.value.text() == "–"
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert not any(shiboken6.isValid(w) for w in [workspace, *text_widgets])

    qtbot.keyClicks(tab.lock_page.pass_edit, "not my passphrase")
    qtbot.mouseClick(tab.lock_page.unlock_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.lock_page.unlock_button.isEnabled(), timeout=10000)
    assert tab.is_locked()
    assert tab.current_page() is tab.lock_page
    assert tab.lock_page.error.isVisibleTo(tab.lock_page)
    assert "does not unlock" in tab.lock_page.error.text()

    tab.lock_page.pass_edit.setText("")
    qtbot.keyClicks(tab.lock_page.pass_edit, PASSPHRASE)
    with qtbot.waitSignal(tab.unlocked, timeout=5000):
        qtbot.keyClick(tab.lock_page.pass_edit, Qt.Key.Key_Return)
    assert tab.current_page() is tab.workspace
    assert tab.lock_page.pass_edit.text() == ""
    assert tab.sidebar.entry_model.rowCount() == 1
    index = tab.sidebar.entry_model.index(0, 0)
    assert index.data() == "Lighthouse walk"
    tab.sidebar.list_view.setCurrentIndex(index)
    assert tab.editor.body_edit.toPlainText().startswith("We walked to the lighthouse")


def test_shared_actions_reach_the_tab(window, qtbot):
    tab = window.journal_tab
    create_through_welcome(qtbot, tab, passphrase=None)
    assert window.new_action.text() == "New entry"
    write_entry(qtbot, tab, title="First", body="Some words here")
    window.new_action.trigger()
    assert tab.editor.entry_id is None and tab.editor.title_edit.text() == ""
    qtbot.keyClicks(tab.editor.body_edit, "second entry text")
    window.save_action.trigger()
    assert tab.sidebar.entry_model.rowCount() == 2
    window.find_action.trigger()
    assert tab.sidebar.search_edit.hasFocus()


def test_entry_needs_words_before_saving(tab, qtbot):
    create_through_welcome(qtbot, tab, passphrase=None)
    tab.save()
    assert "Write something" in tab.editor.status_label.text()
    assert tab.sidebar.entry_model.rowCount() == 0
    assert tab.sidebar.list_view.placeholder().startswith("No entries yet")
    tab.sidebar.search_edit.setText("nothing like this")
    tab.sidebar.flush_search()
    assert tab.sidebar.result_label.text().startswith("No entries match")
    assert "search" in tab.sidebar.list_view.placeholder()


def test_focus_mode_hides_the_side_panels(tab, qtbot):
    create_through_welcome(qtbot, tab, passphrase=None)
    assert tab.menu.focus_action.shortcut().toString() == "F11"
    tab.menu.focus_action.trigger()
    assert tab.in_focus_mode()
    assert not tab.sidebar.isVisible() and not tab.workspace.stats_panel.isVisible()
    qtbot.mouseClick(tab.editor.focus_button, Qt.MouseButton.LeftButton)
    assert not tab.in_focus_mode() and tab.sidebar.isVisible()


def test_unprotected_journal_opens_without_passphrase_after_lock(tab, qtbot):
    create_through_welcome(qtbot, tab, passphrase=None)
    write_entry(qtbot, tab, title="Plain", body="Nothing secret")
    tab.lock()
    assert tab.current_page() is tab.lock_page
    assert not tab.lock_page.pass_edit.isVisibleTo(tab.lock_page)
    qtbot.mouseClick(tab.lock_page.unlock_button, Qt.MouseButton.LeftButton)
    assert tab.current_page() is tab.workspace
    assert tab.sidebar.entry_model.rowCount() == 1


def test_several_journals_show_a_chooser(qtbot, app_context):
    core.create_journal(app_context, "Maya", PASSPHRASE)
    core.create_journal(app_context, "Sam", None)
    tab = build_tab(qtbot, app_context)
    assert tab.current_page() is tab.chooser_page
    names = [b.text() for b in tab.chooser_page.journal_buttons]
    assert any("Maya" in n for n in names) and any("Sam" in n for n in names)
    maya = next(b for b in tab.chooser_page.journal_buttons if "Maya" in b.text())
    qtbot.mouseClick(maya, Qt.MouseButton.LeftButton)
    assert tab.current_page() is tab.lock_page
    assert tab.lock_page.title.text() == "Maya"
    assert tab.lock_page.switch_button.isVisibleTo(tab.lock_page)


def test_export_runs_off_the_ui_thread(tab, qtbot, tmp_path):
    create_through_welcome(qtbot, tab)
    write_entry(qtbot, tab, title="Harbour", body="Boats and gulls")
    out = tmp_path / "out.md"
    with qtbot.waitSignal(tab.export_finished, timeout=10000) as done:
        tab.export(None, "md", out)
    assert done.args[0].entry_count == 1
    assert "Harbour" in out.read_text(encoding="utf-8")


def test_protect_then_remove_protection_keeps_entries(tab, qtbot):
    create_through_welcome(qtbot, tab, passphrase=None)
    write_entry(qtbot, tab, title="Keep me", body="Still here afterwards")
    assert tab.menu.protect_action.isVisible() and not tab.menu.unprotect_action.isVisible()
    with qtbot.waitSignal(tab.unlocked, timeout=20000):
        tab.rewrite_journal("protect", new=PASSPHRASE)
    assert tab.journal.protected and tab.session.info.protected
    assert tab.sidebar.entry_model.rowCount() == 1
    assert tab.editor.title_edit.text() == "Keep me"
    assert tab.menu.unprotect_action.isVisible() and tab.menu.change_passphrase_action.isEnabled()
    with qtbot.waitSignal(tab.unlocked, timeout=20000):
        tab.rewrite_journal("unprotect", old=PASSPHRASE)
    assert not tab.journal.protected
    assert tab.sidebar.entry_model.rowCount() == 1


def test_wrong_passphrase_for_change_shows_on_lock_page(tab, qtbot):
    create_through_welcome(qtbot, tab)
    with qtbot.waitCallback(timeout=20000) as callback:
        task = tab.rewrite_journal("change", old="not it at all", new="a brand new phrase ok")
        task.finished.connect(callback)
    assert tab.is_locked() and tab.current_page() is tab.lock_page
    assert tab.lock_page.error.text()


def test_smoke_test_proves_encryption(tab):
    tab.smoke_test()


def test_statistics_narrow_the_list(tab, qtbot, app_context):
    create_through_welcome(qtbot, tab, passphrase=None)
    today = datetime.date.today()
    for days_ago, tags in ((0, ("walks",)), (3, ("walks", "talks")), (9, ("home",))):
        tab.session.save_entry(core.EntryInput(date=today - datetime.timedelta(days=days_ago),
                                               title=f"Day {days_ago}", body="words",
                                               mood=4, tags=tags))
    tab.lock()  # unlocking again reads the new entries and statistics
    qtbot.mouseClick(tab.lock_page.unlock_button, Qt.MouseButton.LeftButton)
    assert tab.workspace.stats_panel.streak_number.value.text() == "1"
    assert "#walks" in tab.workspace.stats_panel.tags_label.text()
    assert len(tab.workspace.stats_panel.heatmap.counts()) == 3
    assert tab.workspace.stats_panel.mood_chart.points()

    tab.workspace.stats_panel.tags_label.linkActivated.emit("0")  # "walks", the most used
    assert tab.sidebar.filters().tag == "walks"
    assert tab.sidebar.entry_model.rowCount() == 2

    day = today - datetime.timedelta(days=9)
    tab.sidebar.tag_combo.setCurrentIndex(0)
    tab.workspace.stats_panel.heatmap.day_clicked.emit(day)
    assert tab.sidebar.filters().date_from == day == tab.sidebar.filters().date_to
    assert tab.sidebar.entry_model.rowCount() == 1
    assert tab.sidebar.entry_model.index(0, 0).data() == "Day 9"


def test_slow_export_shows_progress_until_done(tab, qtbot, tmp_path, monkeypatch):
    import threading

    create_through_welcome(qtbot, tab, passphrase=None)
    write_entry(qtbot, tab, title="Harbour", body="Boats and gulls")
    release = threading.Event()
    real_export = core.export_entries

    def slow_export(*args):
        release.wait(10)
        return real_export(*args)

    monkeypatch.setattr(core, "export_entries", slow_export)
    tab.export(None, "html", tmp_path / "out.html")
    qtbot.waitUntil(lambda: tab.exporter.progress is not None, timeout=5000)
    assert tab.exporter.progress.isVisible()
    with qtbot.waitSignal(tab.export_finished, timeout=10000):
        release.set()
    assert tab.exporter.progress is None
    assert "Harbour" in (tmp_path / "out.html").read_text(encoding="utf-8")


def test_locking_closes_an_open_journal_dialog(tab, qtbot):
    from PySide6.QtCore import QTimer

    from ui.journal.dialogs import ChangePassphraseDialog

    create_through_welcome(qtbot, tab)
    seen = []

    def lock_while_open():
        dialog = next(w for w in tab.findChildren(ChangePassphraseDialog) if w.isVisible())
        qtbot.keyClicks(dialog.current_edit, PASSPHRASE)
        seen.append(dialog)
        tab.lock()  # as the idle timer would

    QTimer.singleShot(0, lock_while_open)
    tab.menu.change_passphrase_action.trigger()
    assert seen and tab.is_locked()
    assert tab.current_page() is tab.lock_page  # no rewrite was started


def test_moving_to_another_entry_saves_the_one_being_written(tab, qtbot):
    create_through_welcome(qtbot, tab, passphrase=None)
    first = write_entry(qtbot, tab, title="First", body="one")
    tab.new_item()
    second = write_entry(qtbot, tab, title="Second", body="two")
    qtbot.keyClicks(tab.editor.body_edit, " and more")
    row = tab.sidebar.entry_model.row_of(first)
    with qtbot.waitSignal(tab.entry_saved) as saved:
        tab.sidebar.list_view.setCurrentIndex(tab.sidebar.entry_model.index(row, 0))
    assert saved.args == [second]
    assert tab.session.get_entry(second).body == "two and more"
    assert tab.editor.entry_id == first and tab.editor.title_edit.text() == "First"
    assert tab.sidebar.current_entry_id() == first


def test_enter_in_the_search_box_opens_the_best_match(tab, qtbot):
    create_through_welcome(qtbot, tab, passphrase=None)
    found = write_entry(qtbot, tab, title="Ferry", body="The ferry to the island at dawn")
    tab.new_item()
    write_entry(qtbot, tab, title="Market", body="Bread and flowers")
    tab.find()
    qtbot.keyClicks(tab.sidebar.search_edit, "island")
    qtbot.keyClick(tab.sidebar.search_edit, Qt.Key.Key_Return)
    assert tab.sidebar.showing_hits()
    assert tab.editor.entry_id == found and tab.editor.title_edit.text() == "Ferry"


def test_the_menu_only_says_what_was_chosen(qtbot):
    from ui.journal.menu import JournalMenu

    menu = JournalMenu()
    chosen = []
    for name in ("lock_requested", "export_requested", "passphrase_change_requested",
                 "protect_requested", "unprotect_requested", "new_journal_requested",
                 "preferences_requested"):
        getattr(menu, name).connect(lambda name=name: chosen.append(name))
    menu.focus_mode_toggled.connect(lambda on: chosen.append(("focus", on)))
    for action in (menu.lock_action, menu.focus_action, menu.export_action,
                   menu.change_passphrase_action, menu.protect_action, menu.unprotect_action,
                   menu.new_journal_action, menu.preferences_action):
        action.trigger()
    assert chosen == ["lock_requested", ("focus", True), "export_requested",
                      "passphrase_change_requested", "protect_requested",
                      "unprotect_requested", "new_journal_requested", "preferences_requested"]
    menu.show_focus_mode(False)
    assert not menu.focus_action.isChecked() and len(chosen) == 8


def test_a_lock_while_a_workspace_dialog_runs_waits_for_it_to_end(tab, qtbot, monkeypatch):
    from ui.journal import dialogs

    create_through_welcome(qtbot, tab, passphrase=None)
    workspace = tab.workspace
    qtbot.keyClicks(tab.editor.body_edit, "words kept as a draft")

    def lock_meanwhile(dialog):
        tab.lock()  # as the idle timer would, while the prompt list is open
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        assert shiboken6.isValid(workspace)  # the slot that opened the dialog still runs
        return dialogs.PromptDialog.DialogCode.Rejected

    monkeypatch.setattr(dialogs.PromptDialog, "exec", lock_meanwhile)
    qtbot.mouseClick(workspace.editor.prompt_button, Qt.MouseButton.LeftButton)
    assert tab.is_locked() and tab.current_page() is tab.lock_page
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert not shiboken6.isValid(workspace)
    qtbot.mouseClick(tab.lock_page.unlock_button, Qt.MouseButton.LeftButton)
    [draft] = tab.session.pending_drafts()
    assert draft.data.body == "words kept as a draft"
