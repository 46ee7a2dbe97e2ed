"""Planning and changing plans from the Calendar tab, and undoing the last delete.

What a new plan starts with, and the question a repeating plan asks first (this time or
every time).

`PlanChanges` asks and writes; the tab opens the activity dialog it asks for, shows the
undo notice, and reloads after each change.
"""

from __future__ import annotations

import datetime
import functools
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

from app.errors import HearthError
from app.services import calendar as cal
from ui import icons
from ui.calendar.edit_modes import MODE_OCCURRENCE, MODE_SERIES, ONE, SERIES
from ui.calendar.formatting import short_day
from ui.navigation import PlanActivityRequest

DEFAULT_EVENING = datetime.time(19, 0)


def default_start(day: datetime.date, now: datetime.datetime) -> datetime.datetime:
    """When a plan made for `day` starts unless told otherwise: the evening, or on a day
    whose evening has begun, the next full hour."""
    start = datetime.datetime.combine(day, DEFAULT_EVENING)
    if day == now.date() and now >= start:
        start = now.replace(minute=0, second=0, microsecond=0) + datetime.timedelta(hours=1)
        if start.date() != day:  # late at night: tomorrow evening instead
            start = datetime.datetime.combine(start.date(), DEFAULT_EVENING)
    return start


def idea_start(idea, day: datetime.date, now: datetime.datetime) -> datetime.datetime:
    """When a plan made from `idea` for `day` starts: at the idea's own time of day
    ("Morning at a market" at 09:30), or the next day at that time when today's has
    passed; an idea without one starts like any new plan."""
    if idea.time_of_day is None:
        return default_start(day, now)
    start = datetime.datetime.combine(day, idea.time_of_day)
    if day == now.date() and start <= now:
        start += datetime.timedelta(days=1)
    return start


def requested_input(request: PlanActivityRequest, start: datetime.datetime) -> cal.ActivityInput:
    """A new plan from another tab's "Plan it", at `start` unless the request says when."""
    category = request.category if request.category in cal.categories() else cal.OTHER_CATEGORY
    return cal.ActivityInput(title=request.title, start=request.start or start,
                             duration_minutes=request.minutes or cal.DEFAULT_DURATION_MINUTES,
                             category=category, notes=request.notes)


def idea_input(idea, start: datetime.datetime) -> cal.ActivityInput:
    """A new plan from an idea of the deck (or one of the couple's own)."""
    return cal.ActivityInput(title=idea.title, start=start, duration_minutes=idea.minutes,
                             category=idea.category, notes=idea.description)


class PlanChanges(QObject):
    """Edits and deletes with the scope question, and the "Undo delete" action."""

    # ActivityInput, its mode, save(ActivityInput), and the id of the activity changed
    edit_chosen = Signal(object, str, object, object)
    deleted = Signal(str)  # the sentence the undo notice shows
    restored = Signal()  # the plan deleted last is back
    failed = Signal(str, str)  # the title and the message of what could not be done

    def __init__(self, *, parent: QWidget):
        super().__init__(parent)
        self._widget = parent  # what the scope question shows over
        self._snapshot: cal.ActivitySnapshot | None = None
        self.scope_dialog = None  # the open scope question, kept alive while shown
        self.undo_action = QAction(icons.icon("undo"), "Undo delete", parent)
        self.undo_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Undo))
        self.undo_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.undo_action.setEnabled(False)

    def edit(self, occ: cal.Occurrence) -> None:
        """Change a plan; for a repeating one, ask first whether this time or all of them."""
        if occ.is_recurring:
            self._ask_scope(occ, "change", functools.partial(self._edit_with_scope, occ))
        else:
            self._edit_with_scope(occ, SERIES)

    def delete(self, occ: cal.Occurrence) -> None:
        """Remove a plan (one time or the series); it can be undone until the next delete."""
        if occ.is_recurring:
            self._ask_scope(occ, "delete", functools.partial(self._delete_with_scope, occ))
        else:
            self._delete_with_scope(occ, SERIES)

    def undo(self) -> None:
        snapshot, self._snapshot = self._snapshot, None
        self.undo_action.setEnabled(False)
        if snapshot is None:
            return
        try:
            cal.restore_activity(snapshot)
        except HearthError as exc:
            self.failed.emit("The plan could not be brought back", exc.message)
            return
        self.restored.emit()

    def refresh_icons(self) -> None:
        self.undo_action.setIcon(icons.icon("undo"))

    def _edit_with_scope(self, occ: cal.Occurrence, scope: str) -> None:
        if scope == ONE:
            self.edit_chosen.emit(occ.to_input(), MODE_OCCURRENCE, functools.partial(
                cal.update_occurrence, occ.activity_id, occ.original_start), occ.activity_id)
            return
        try:
            activity = cal.get_activity(occ.activity_id)
        except HearthError as exc:
            self.failed.emit("That plan could not be opened", exc.message)
            return
        self.edit_chosen.emit(activity.to_input(), MODE_SERIES,
                              functools.partial(cal.update_activity, activity.id), activity.id)

    def _delete_with_scope(self, occ: cal.Occurrence, scope: str) -> None:
        try:
            if scope == ONE:
                snapshot = cal.delete_occurrence(occ.activity_id, occ.original_start)
                text = f"Removed “{occ.title}” on {short_day(occ.start.date())}."
            else:
                snapshot = cal.delete_activity(occ.activity_id)
                text = (f"Deleted every “{occ.title}”." if occ.is_recurring
                        else f"Deleted “{occ.title}”.")
        except HearthError as exc:
            self.failed.emit("That plan could not be deleted", exc.message)
            return
        self._snapshot = snapshot
        self.undo_action.setEnabled(True)
        self.deleted.emit(text)

    def _ask_scope(self, occ: cal.Occurrence, verb: str, then: Callable[[str], None]) -> None:
        from ui.calendar.scope_dialog import ScopeDialog

        dialog = ScopeDialog(title=occ.title, verb=verb, parent=self._widget)
        dialog.scope_chosen.connect(then)
        self.scope_dialog = dialog
        dialog.open()
