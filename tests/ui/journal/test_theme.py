"""The journal follows theme and text-size changes without losing its state."""

from __future__ import annotations

import datetime

from app.services.journal import EntryInput
from tests.helpers.journal_ui import create_through_welcome


def test_theme_and_text_size_changes_keep_the_workspace(make_window, qtbot):
    window = make_window()
    window.show()
    qtbot.waitExposed(window)
    window.show_tab("journal")
    tab = window.journal_tab
    create_through_welcome(qtbot, tab, passphrase=None)
    tab.session.save_entry(EntryInput(date=datetime.date.today(), title="Evening", body="Tea",
                                      tags=("home",)))
    tab.lock()
    tab.unlock(None)
    before = tab.workspace.stats_panel.tags_label.text()
    window.set_theme("dark")
    window.set_text_size("larger")
    assert tab.current_page() is tab.workspace
    after = tab.workspace.stats_panel.tags_label.text()
    assert "#home" in after and after != before  # the links took the dark accent
    assert not window.grab().isNull()
