"""The journal tab's pages before a journal is open (welcome, chooser, lock screen, busy),
each built and wired to the tab the first time it is used.

A start shows one of them; building the other three behind it cost a locked start more
than its lock screen did. `JournalTab` names each with a `LazyPage` attribute
(`welcome_page = LazyPage()`), so reading `tab.welcome_page` anywhere builds it on the spot.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from ui.journal.tab import JournalTab


def _welcome(tab: JournalTab) -> QWidget:
    from ui.journal.welcome import WelcomePage

    page = WelcomePage(parent=tab)
    page.create_requested.connect(tab.create)
    page.cancelled.connect(tab.show_start)
    return page


def _chooser(tab: JournalTab) -> QWidget:
    from ui.journal.chooser import ChooserPage

    page = ChooserPage(parent=tab)
    page.journal_chosen.connect(tab._on_chooser_journal_chosen)
    page.new_journal_requested.connect(tab.show_new_journal)
    return page


def _lock(tab: JournalTab) -> QWidget:
    from ui.journal.lock import LockPage

    page = LockPage(parent=tab)
    page.unlock_requested.connect(tab._on_lock_page_unlock_requested)
    page.switch_requested.connect(tab._on_lock_page_switch_requested)
    page.recovery_requested.connect(tab.keys.ask_recovery)
    return page


def _busy(tab: JournalTab) -> QWidget:
    from ui.journal.busy import BusyPage

    page = BusyPage(parent=tab)
    tab.unlocker.progressed.connect(page.show_progress)
    return page


_BUILDERS: dict[str, Callable[[JournalTab], QWidget]] = {
    "welcome_page": _welcome, "chooser_page": _chooser, "lock_page": _lock,
    "busy_page": _busy,
}


class LazyPage:
    """A page attribute of the journal tab: built into the tab's stack on first read."""

    def __set_name__(self, owner, name: str) -> None:
        self.name = name
        self.builder = _BUILDERS[name]

    def __get__(self, tab: JournalTab | None, owner=None):
        if tab is None:
            return self
        page = tab.__dict__.get(self.name)
        if page is None:
            page = tab.__dict__[self.name] = self.builder(tab)
            tab.stack.addWidget(page)
        return page


def showing(tab: JournalTab, name: str) -> bool:
    """Whether the page called `name` is built and is the one the tab shows."""
    page = tab.__dict__.get(name)
    return page is not None and tab.stack.currentWidget() is page
