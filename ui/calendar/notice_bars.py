"""The Calendar tab's notices: reminders, past plans waiting, and the undo of a delete.

A reminder coming up, reminders missed while Hearth was closed, a past plan waiting to be
told how it went, and the undo of a delete.

`NoticeBars` only shows sentences and says what was asked of it; the tab does the work.
Every intent carries the occurrence's key (see `cal.Occurrence.key`).
"""

from __future__ import annotations

import datetime

from PySide6.QtCore import Signal

from app.services import calendar as cal
from ui.calendar.banner import Banner, BannerArea
from ui.calendar.formatting import day_title, time_text

MISSED_SHOWN = 3  # the missed reminders named; the rest are counted

REMINDER, MISSED, OUTCOME, UNDO = "reminder", "missed", "outcome", "undo"


def reminder_text(reminder: cal.Reminder, today: datetime.date) -> str:
    """"Dinner: Today at 19:00, Via Roma 3"."""
    occ = reminder.occurrence
    when = day_title(occ.start.date(), today)
    if not occ.all_day:
        when += f" at {time_text(occ.start)}"
    where = f", {occ.location}" if occ.location else ""
    return f"{occ.title}: {when}{where}"


def missed_text(reminders: list[cal.Reminder], today: datetime.date) -> str:
    lines = [reminder_text(r, today) for r in reminders[:MISSED_SHOWN]]
    more = len(reminders) - len(lines)
    text = "While Hearth was closed: " + "; ".join(lines)
    if more:
        text += f"; and {more} more"
    return text


def outcome_question(waiting: list[cal.Occurrence], today: datetime.date) -> str:
    """Asks about the latest of the past plans `waiting`, and counts the others."""
    occ = waiting[-1]
    when = day_title(occ.start.date(), today)
    when = when.lower() if when in ("Today", "Yesterday") else f"on {when}"
    text = f"How did “{occ.title}” go {when}?"
    more = len(waiting) - 1
    if more == 1:
        text += " One more past plan is waiting too."
    elif more > 1:
        text += f" {more} more past plans are waiting too."
    return text


class NoticeBars(BannerArea):
    """The column of notices at the top of the Calendar tab, one of each kind at most."""

    show_requested = Signal(object)  # key: "Show" on a reminder
    review_requested = Signal(object)  # key: "We did it…" on a past plan
    skip_requested = Signal(object)  # key: "Skipped" on a past plan
    undo_requested = Signal()  # "Undo" after a delete

    def show_reminder(self, text: str, key) -> None:
        banner = self._banner(REMINDER, "bell", f"Coming up. {text}", (("show", "Show"),), key)
        banner.action_triggered.connect(self._on_reminder_banner_action_triggered)

    def show_missed(self, text: str) -> None:
        self._banner(MISSED, "bell", text, (), None)

    def show_outcome(self, waiting: list[cal.Occurrence], today: datetime.date) -> None:
        """Ask about the latest past plan in `waiting`; no plan waiting clears the notice."""
        if not waiting:
            self.remove(OUTCOME)
            return
        banner = self._banner(OUTCOME, "heart", outcome_question(waiting, today),
                              (("done", "We did it…"), ("skipped", "Skipped")), waiting[-1].key)
        banner.action_triggered.connect(self._on_outcome_banner_action_triggered)

    def show_undo(self, text: str) -> None:
        banner = self._banner(UNDO, "delete", text, (("undo", "Undo"),), None)
        banner.action_triggered.connect(self.undo_requested)

    def _banner(self, kind: str, icon_name: str, text: str, actions, key) -> Banner:
        banner = Banner(kind=kind, icon_name=icon_name, text=text, actions=actions,
                        parent=self)
        if key is not None:
            banner.setProperty("occurrence_key", key)
        return self.show_banner(banner)

    def _on_reminder_banner_action_triggered(self, _action_id: str) -> None:
        self.show_requested.emit(self.sender().property("occurrence_key"))
        self.remove(REMINDER)

    def _on_outcome_banner_action_triggered(self, action_id: str) -> None:
        key = self.sender().property("occurrence_key")
        if action_id == "done":
            self.review_requested.emit(key)
        else:
            self.skip_requested.emit(key)
