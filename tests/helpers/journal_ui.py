"""Helpers the journal tab tests share: create a journal through the welcome page."""

from __future__ import annotations

from PySide6.QtCore import Qt

PASSPHRASE = "amber lantern over quiet water"


def create_through_welcome(qtbot, tab, *, name: str = "Maya",
                           passphrase: str | None = PASSPHRASE, close_kit: bool = True) -> None:
    page = tab.welcome_page
    assert tab.current_page() is page
    qtbot.keyClicks(page.name_edit, name)
    if passphrase is None:
        page.plain_radio.setChecked(True)
    else:
        qtbot.keyClicks(page.pass_edit, passphrase)
        qtbot.keyClicks(page.confirm_edit, passphrase)
    qtbot.mouseClick(page.create_button, Qt.MouseButton.LeftButton)
    # The key derivation runs on a worker thread.
    qtbot.waitUntil(lambda: tab.current_page() is tab.workspace or bool(page.error.text()),
                    timeout=10000)
    assert tab.current_page() is tab.workspace, page.error.text()
    if passphrase is not None and close_kit:
        kit = tab.keys.kit_dialog
        assert kit is not None and kit.isVisible()  # the recovery kit follows creation
        kit.reject()  # "Later"


def unlock_through_lock_page(qtbot, tab, passphrase: str | None = PASSPHRASE) -> None:
    """Type the passphrase on the lock screen and wait for the journal to open."""
    if passphrase is not None:
        tab.lock_page.pass_edit.setText("")
        qtbot.keyClicks(tab.lock_page.pass_edit, passphrase)
    with qtbot.waitSignal(tab.unlocked, timeout=10000):
        qtbot.mouseClick(tab.lock_page.unlock_button, Qt.MouseButton.LeftButton)


def write_entry(qtbot, tab, *, title: str, body: str) -> int:
    editor = tab.editor
    qtbot.keyClicks(editor.title_edit, title)
    editor.body_edit.setFocus()
    qtbot.keyClicks(editor.body_edit, body)
    with qtbot.waitSignal(tab.entry_saved, timeout=2000) as saved:
        qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    return saved.args[0]


def build_tab(qtbot, context, **kwargs):
    """The journal tab on its own (no main window), shown at the smallest supported size."""
    from ui.journal.tab import JournalTab
    from ui.navigation import Navigator
    from ui.settings import Settings

    navigator = Navigator()
    tab = JournalTab(context=context, navigator=navigator, settings=Settings(context.data_dir),
                     **kwargs)
    tab._test_navigator = navigator  # keep the navigator alive as long as the tab
    qtbot.addWidget(tab, before_close_func=lambda widget: widget.shutdown())
    tab.resize(1024, 660)
    tab.show()
    qtbot.waitExposed(tab)
    return tab
