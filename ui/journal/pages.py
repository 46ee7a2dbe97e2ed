"""The journal tab's pages before a journal is open (welcome, chooser, lock screen, busy),
and the helpers a locked start does not need (unlocker, keys, exporter, auto-lock), each
built and wired to the tab the first time it is used.

A start shows one of the pages; building the other three behind it cost a locked start
more than its lock screen did. `JournalTab` names each with a `LazyPage` attribute
(`welcome_page = LazyPage()`), so reading `tab.welcome_page` anywhere builds it on the spot;
a `LazyPart` is the same for a helper that is not a page.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from ui import settings as S

if TYPE_CHECKING:
    from ui.journal.tab import JournalTab


def _welcome(tab: JournalTab) -> QWidget:
    from ui.journal.welcome import WelcomePage

    page = WelcomePage(parent=tab.stack)
    page.create_requested.connect(tab.create)
    page.cancelled.connect(tab.show_start)
    return page


def _chooser(tab: JournalTab) -> QWidget:
    from ui.journal.chooser import ChooserPage

    page = ChooserPage(parent=tab.stack)
    page.journal_chosen.connect(tab._on_chooser_journal_chosen)
    page.new_journal_requested.connect(tab.show_new_journal)
    return page


def _lock(tab: JournalTab) -> QWidget:
    from ui.journal.lock import LockPage

    page = LockPage(parent=tab.stack)
    page.unlock_requested.connect(tab._on_lock_page_unlock_requested)
    page.switch_requested.connect(tab._on_lock_page_switch_requested)
    page.recovery_requested.connect(lambda: tab.keys.ask_recovery())  # keys: made at first use
    return page


def _busy(tab: JournalTab) -> QWidget:
    from ui.journal.busy import BusyPage

    page = BusyPage(parent=tab.stack)
    tab.unlocker.progressed.connect(page.show_progress)
    return page


def _unlocker(tab: JournalTab) -> QObject:
    from ui.journal.opening import Unlocker

    unlocker = Unlocker(context=tab.context, parent=tab)
    unlocker.opened.connect(tab._on_unlocker_opened)
    unlocker.failed.connect(tab.unlock_failed)
    unlocker.slow.connect(tab._on_unlocker_slow)
    return unlocker


def _keys(tab: JournalTab) -> QObject:
    from ui.journal.unlocking import Unlocking

    return Unlocking(tab)


def _exporter(tab: JournalTab) -> QObject:
    from ui.journal.exporting import EntryExport

    exporter = EntryExport(navigator=tab.navigator, parent=tab)
    exporter.finished.connect(tab.export_finished)
    return exporter


def _idle(tab: JournalTab) -> QObject:
    from ui.journal.idle import IdleWatcher

    idle = IdleWatcher(minutes=tab.settings.get(S.AUTO_LOCK_MINUTES), clock=tab.idle_clock,
                       parent=tab)
    idle.idle_timed_out.connect(tab._on_idle_timed_out)
    return idle


_BUILDERS: dict[str, Callable[[JournalTab], QObject]] = {
    "welcome_page": _welcome, "chooser_page": _chooser, "lock_page": _lock,
    "busy_page": _busy, "unlocker": _unlocker, "keys": _keys, "exporter": _exporter,
    "idle": _idle,
}


class LazyPart:
    """An attribute of the journal tab built on first read."""

    def __set_name__(self, owner, name: str) -> None:
        self.name = name
        self.builder = _BUILDERS[name]

    def __get__(self, tab: JournalTab | None, owner=None):
        if tab is None:
            return self
        part = tab.__dict__.get(self.name)
        if part is None:
            part = tab.__dict__[self.name] = self.builder(tab)
            self.added(tab, part)
        return part

    def added(self, tab: JournalTab, part) -> None:
        """Called once `part` is built."""


class LazyPage(LazyPart):
    """A page attribute of the journal tab: built into the tab's stack on first read."""

    def added(self, tab: JournalTab, part) -> None:
        tab.stack.addWidget(part)


def built(tab: JournalTab, name: str):
    """The page or part called `name` if it has been built, else None (builds nothing)."""
    return tab.__dict__.get(name)


def ordered(journals, order_text: str):
    """`journals` in the chooser's saved order (the settings' `JOURNAL_ORDER`); journals the
    order does not name come last, by name."""
    ids = [int(part) for part in order_text.split(",") if part.strip().isdigit()]
    place = {journal_id: n for n, journal_id in enumerate(ids)}
    return sorted(journals, key=lambda info: (place.get(info.id, len(place)), info.name.lower()))


def showing(tab: JournalTab, name: str) -> bool:
    """Whether the page called `name` is built and is the one the tab shows."""
    page = built(tab, name)
    return page is not None and tab.stack.currentWidget() is page
