"""A plan's journal entry, seen from the Calendar: only the link, never journal text.

The link lives in the journal (an entry's `activity_uid`); the calendar and the shared
database hold nothing of it. The Calendar asks the navigator which entries of the
unlocked journal are about a plan; a locked journal answers nothing, so one partner's
calendar never learns that the other wrote about a plan.
"""

from __future__ import annotations

import functools

from PySide6.QtWidgets import QMenu

from app.services import calendar as cal
from ui import icons
from ui.navigation import JournalEntryRequest, Navigator

OPEN_ENTRY = "Journal entry"
OPEN_ENTRY_TIP = "Open the journal entry written about this plan"


def entry_about(navigator: Navigator, occ: cal.Occurrence) -> int | None:
    """The newest entry of the unlocked journal about this plan, if any."""
    ids = navigator.journal_entries_about(occ.uid)
    return ids[0] if ids else None


def write_request(navigator: Navigator, occ: cal.Occurrence) -> JournalEntryRequest:
    """"Write about it": open the plan's entry when there is one; otherwise a new entry
    linked to the plan, on its day, starting with its one-line reflection."""
    entry_id = entry_about(navigator, occ)
    if entry_id is not None:
        return JournalEntryRequest(entry_id=entry_id)
    body = f"{occ.reflection.strip()}\n\n" if occ.reflection.strip() else ""
    return JournalEntryRequest(activity_uid=occ.uid, title=occ.title, date=occ.start.date(),
                               body=body)


def write_about(navigator: Navigator, occ: cal.Occurrence) -> None:
    """"Write about it" from the Calendar: the journal opens on the plan's entry."""
    navigator.write_journal_entry(write_request(navigator, occ))


def add_menu_action(menu: QMenu, navigator: Navigator, occ: cal.Occurrence) -> None:
    """"Journal entry" in a plan's menu, when the unlocked journal has one about it."""
    entry_id = entry_about(navigator, occ)
    if entry_id is None:
        return
    action = menu.addAction(icons.icon("pen"), OPEN_ENTRY, functools.partial(
        navigator.write_journal_entry, JournalEntryRequest(entry_id=entry_id)))
    action.setToolTip(OPEN_ENTRY_TIP)
