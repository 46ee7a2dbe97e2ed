"""How one tab asks another to do something ("Plan it", "Reflect", "Write about it").

Tabs never reach into each other: they emit a request on the shared `Navigator`, and the
main window routes it to the tab that handles it.
"""

from __future__ import annotations

import datetime
from typing import NamedTuple

from PySide6.QtCore import QObject, Signal


class PlanActivityRequest(NamedTuple):
    """Open the Calendar's new-activity dialog with these values filled in."""

    title: str
    minutes: int | None = None
    category: str | None = None
    notes: str = ""
    start: datetime.datetime | None = None
    source_guide_id: str | None = None


class JournalEntryRequest(NamedTuple):
    """Open a new Journal entry, optionally from a prompt or linked to an activity/guide,
    with `body` as its first words (a plan's one-line reflection); or, with `entry_id`,
    open that existing entry of the open journal."""

    prompt: str = ""
    title: str = ""
    guide_id: str | None = None
    activity_uid: str | None = None
    date: datetime.date | None = None
    body: str = ""
    entry_id: int | None = None


class ShowPlanRequest(NamedTuple):
    """Show one plan in the Calendar (an entry's "About: …" link): `key` is the
    occurrence's `cal.Occurrence.key`."""

    key: tuple


class Navigator(QObject):
    """The one channel tabs use to ask for each other's actions."""

    plan_activity_requested = Signal(object)  # PlanActivityRequest
    journal_entry_requested = Signal(object)  # JournalEntryRequest
    tab_requested = Signal(str)  # "guides", "calendar" or "journal"
    window_requested = Signal(str)  # the same, with the window brought to the front
    status_message_requested = Signal(str)
    plan_requested = Signal(object)  # ShowPlanRequest
    notification_requested = Signal(str, str, str)  # title, text, the tab a click shows

    def __init__(self, parent=None):
        super().__init__(parent)
        self._entries_about = _no_entries

    def set_journal_links(self, entries_about) -> None:
        """The journal tab answers `journal_entries_about`; a locked journal answers ()."""
        self._entries_about = entries_about or _no_entries

    def journal_entries_about(self, uid: str) -> tuple[int, ...]:
        """Ids of the open journal's entries about the plan `uid`, newest first; () when
        no journal is unlocked, so a locked journal tells the calendar nothing."""
        return tuple(self._entries_about(uid))

    def show_plan(self, request: ShowPlanRequest) -> None:
        self.plan_requested.emit(request)

    def plan_activity(self, request: PlanActivityRequest) -> None:
        self.plan_activity_requested.emit(request)

    def write_journal_entry(self, request: JournalEntryRequest) -> None:
        self.journal_entry_requested.emit(request)

    def show_tab(self, name: str) -> None:
        self.tab_requested.emit(name)

    def bring_forward(self, name: str) -> None:
        """Raise the window (from the tray, say) and show the tab called `name`."""
        self.window_requested.emit(name)

    def notify(self, title: str, text: str, tab: str) -> None:
        """A desktop notification (through the tray, where there is one); clicking it shows
        the tab called `tab`. Never pass journal text: notifications are seen by anyone
        near the screen and may be kept by the desktop."""
        self.notification_requested.emit(title, text, tab)

    def show_status(self, text: str) -> None:
        self.status_message_requested.emit(text)


def _no_entries(_uid: str) -> tuple[int, ...]:
    return ()
