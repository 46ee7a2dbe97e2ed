"""The lock screen makes its hidden parts (the error, "Another journal") only when needed,
in the places and the tab order they would have had from the start."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from ui.journal.lock import LockPage


def _focus_order(page: LockPage, widgets: list[QWidget]) -> list[QWidget]:
    order, widget = [], page.pass_edit
    for _ in range(200):
        widget = widget.nextInFocusChain()
        if widget in widgets and widget not in order:
            order.append(widget)
    return order


def test_another_journal_comes_between_the_passphrase_and_unlock(qtbot):
    page = LockPage()
    qtbot.addWidget(page)
    page.prepare(name="Ours", protected=True, can_switch=False)
    page.show()
    assert page._switch_button is None  # one journal: nothing to switch to
    page.prepare(name="Ours", protected=True, can_switch=True)
    assert page.switch_button.isVisibleTo(page)
    buttons = [page.switch_button, page.unlock_button, page.forgot_button]
    assert _focus_order(page, buttons) == buttons
    row = page._row
    assert row.indexOf(page.switch_button) < row.indexOf(page.unlock_button)
    page.prepare(name="Ours", protected=True, can_switch=False)
    assert not page.switch_button.isVisibleTo(page)


def test_the_error_shows_under_the_passphrase_and_clears(qtbot):
    page = LockPage()
    qtbot.addWidget(page)
    page.prepare(name="Ours", protected=True, can_switch=False)
    page.show()
    assert page._error is None
    page.show_error("That passphrase does not unlock this journal.")
    layout = page._layout
    assert layout.indexOf(page.error) == layout.indexOf(page.pass_edit) + 1
    assert page.error.isVisibleTo(page) and page.error.text().startswith("That passphrase")
    page.prepare(name="Ours", protected=True, can_switch=False)
    assert not page.error.isVisibleTo(page) and page.error.text() == ""
