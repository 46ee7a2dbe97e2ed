"""Help > Keyboard shortcuts lists every key the window answers, read from the window."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QAbstractButton, QApplication

from app.context import open_app
from scripts.samples import journal as journal_sample
from tests.helpers.clipping import clipped
from ui.settings import TEXT_SIZE, Settings
from ui.shortcuts import _typed, key_text

# The ones a couple reaches for most; each must be listed by these very keys.
EXPECTED = ["Ctrl+N", "Ctrl+S", "Ctrl+F", "Ctrl+L", "F11", "Alt+1", "Alt+2", "Alt+3", "Space",
            "Ctrl++", "Ctrl+-", "Ctrl+0", "Ctrl+Q", "F1", "Esc"]


@pytest.fixture
def window(make_window, data_dir):
    context = open_app(data_dir)
    journal_sample.seed(context)
    context.close()
    Settings(data_dir).set(TEXT_SIZE, "larger")
    window = make_window()
    window.resize(1024, 700)
    window.show()
    journal_sample.prepare(window)  # an open journal: its editor's keys exist too
    return window


def listed_keys(dialog) -> set[str]:
    return {key for _where, keys, _what in dialog.shown() for key in keys.split(" or ")}


def test_every_key_bound_in_the_window_is_listed(window, qtbot):
    dialog = window.show_shortcuts()
    qtbot.waitExposed(dialog)
    listed = listed_keys(dialog)
    bound = set()
    for action in window.findChildren(QAction):
        bound |= {key_text(k) for k in action.shortcuts() if _typed(k)}
    bound |= {key_text(s.key()) for s in window.findChildren(QShortcut) if _typed(s.key())}
    bound |= {key_text(b.shortcut()) for b in window.findChildren(QAbstractButton)
              if _typed(b.shortcut())}
    assert bound - listed == set()
    assert set(EXPECTED) - listed == set()
    assert {"Page Up or Page Down", "Home", "Arrow keys"} <= {
        keys for _where, keys, _what in dialog.shown()}
    # Every row says what its keys do, and where.
    assert all(what and what != "(undescribed)" for _where, _keys, what in dialog.shown())
    assert {where for where, _keys, _what in dialog.shown()} == {
        "Anywhere in Hearth", "Guides", "Calendar", "Journal"}
    for _ in range(3):
        QApplication.processEvents()
    assert dialog.width() <= 1024 and dialog.height() <= 700
    assert clipped(dialog) == []
    dialog.close()


def test_f1_opens_the_list(window, qtbot):
    assert QKeySequence("F1") in window.shortcuts_action.shortcuts()
    window.shortcuts_action.trigger()
    assert window.shortcuts_dialog is not None and window.shortcuts_dialog.isVisible()
    window.shortcuts_dialog.close()


def test_the_keys_the_month_declares_do_what_the_list_says(window, qtbot):
    """Page Up, Page Down and Home are handled in keyPressEvent, so the list reads them
    from the month view's declaration: press them to prove the declaration true."""
    from PySide6.QtCore import Qt

    window.show_tab("calendar")
    month = window.calendar_tab.month_view
    month.setFocus()
    start = month.selected_date()
    qtbot.keyClick(month, Qt.Key.Key_PageDown)
    assert (month.selected_date().year, month.selected_date().month) != (start.year,
                                                                         start.month)
    qtbot.keyClick(month, Qt.Key.Key_PageUp)
    qtbot.keyClick(month, Qt.Key.Key_Home)
    assert month.selected_date() == start
