"""The notice after an entry is deleted, with the calendar's Undo bar and its wording.

The deletion itself is final when the bar appears (see `JournalSession.delete_entry`); the
workspace keeps what was deleted in memory while the bar shows, so Undo puts it back whole.
Locking the journal or closing Hearth ends the chance to undo, and the entry stays deleted.
"""

from __future__ import annotations

import datetime

from PySide6.QtCore import Signal

from app.services.journal import DeletedEntry
from ui.calendar.banner import Banner, BannerArea
from ui.calendar.formatting import short_day

UNDO = "undo"
TITLE_CHARS = 60


def deleted_text(deleted: DeletedEntry, today: datetime.date) -> str:
    """"Deleted “Canal walk”." or, untitled, "Deleted the entry of Mon 2 Mar"."""
    title = deleted.entry.title
    if len(title) > TITLE_CHARS:
        title = title[: TITLE_CHARS - 1].rstrip() + "…"
    if title:
        return f"Deleted “{title}”."
    day = deleted.entry.date
    when = short_day(day) if day.year == today.year else f"{short_day(day)} {day.year}"
    return f"Deleted the entry of {when}."


class UndoBar(BannerArea):
    """Above the page: the last deletion, with Undo. One at a time; a new one replaces it."""

    undo_requested = Signal()

    def show_undo(self, text: str) -> Banner:
        banner = Banner(kind=UNDO, icon_name="delete", text=text, actions=((UNDO, "Undo"),),
                        parent=self)
        banner.buttons[UNDO].setToolTip("Bring the deleted entry back")
        banner.action_triggered.connect(self.undo_requested)
        return self.show_banner(banner)

    def undo_banner(self) -> Banner | None:
        return self.banner(UNDO)

    def clear(self) -> None:
        self.remove(UNDO)
