"""Finding a plan by its title: the Calendar tab's find field, and when a match happens.

A matching plan's next time, or, when none is ahead, its last.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from PySide6.QtCore import QStringListModel, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QCompleter, QLineEdit

from app.calendar import zones
from app.calendar.rule_parts import RuleError
from app.calendar.series import series
from app.services import calendar as cal

# How far either side of now a repeating plan's times are looked through.
FIND_HORIZON = datetime.timedelta(days=2 * 366)


def _next_and_last_start(activity: cal.Activity, now: datetime.datetime):
    """The activity's next start after `now` and its last start before it (either None),
    in its own wall-clock; a changed or cancelled time may differ, which is close enough
    for finding the day."""
    if activity.rrule is None:
        return (activity.start, None) if activity.start >= now else (None, activity.start)
    try:
        starts = series(activity.rrule, activity.start)
        ahead = starts.between(now, now + FIND_HORIZON)
        behind = starts.between(now - FIND_HORIZON, now)
    except (RuleError, ValueError):
        return None, activity.start
    return (ahead[0] if ahead else None), (behind[-1] if behind else None)


def moment_of(activities: Iterable[cal.Activity], words: str, now: datetime.datetime,
              zone) -> datetime.datetime | None:
    """When the soonest plan whose title contains `words` (already casefolded) happens
    next in `zone`; failing that, the latest one that did; None when no title matches."""
    upcoming, past = [], []
    for activity in activities:
        if words not in activity.title.casefold():
            continue
        following, previous = _next_and_last_start(activity, now)
        if following is not None:
            upcoming.append(zones.to_zone(following, activity.timezone, zone))
        if previous is not None:
            past.append(zones.to_zone(previous, activity.timezone, zone))
    if upcoming:
        return min(upcoming)
    return max(past) if past else None


class FindField(QLineEdit):
    """Part of a title, completed from every plan's; Enter or a completion asks to go there."""

    plan_searched = Signal(str)  # the text to look for
    closed = Signal()  # Escape hid the field

    def __init__(self, *, parent=None):
        super().__init__(parent)
        self.setPlaceholderText("Find a plan")
        self.setAccessibleName("Find a plan")
        self.setToolTip("Type part of a title and press Enter to go to the next time it "
                        "happens; Escape closes")
        self.setClearButtonEnabled(True)
        self.setMaximumWidth(180)
        self._titles = QStringListModel(self)
        completer = QCompleter(self._titles, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.activated.connect(self.plan_searched)
        self.setCompleter(completer)
        self.returnPressed.connect(self._on_return_pressed)
        self.hide()

    def offer(self, titles: list[str]) -> None:
        """Show the field, completing from `titles`."""
        self._titles.setStringList(titles)
        self.show()
        self.setFocus()
        self.selectAll()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        if event.key() == Qt.Key.Key_Escape:
            self.hide()
            self.closed.emit()
            return
        super().keyPressEvent(event)

    def _on_return_pressed(self) -> None:
        self.plan_searched.emit(self.text())
