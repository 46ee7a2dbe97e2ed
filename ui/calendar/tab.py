"""The Calendar tab: the month, the selected day, what is coming up, and time together so far."""

from __future__ import annotations

import datetime
import functools
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QPoint, Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QSplitter, QVBoxLayout

from app.calendar import months, zones
from app.errors import HearthError
from app.services import calendar as cal
from ui.calendar import rows
from ui.calendar.agenda import AgendaPanel
from ui.calendar.changes import PlanChanges, default_start, idea_input, idea_start, requested_input
from ui.calendar.edit_modes import MODE_NEW
from ui.calendar.files import CalendarFiles
from ui.calendar.formatting import day_heading
from ui.calendar.loader import MonthLoader
from ui.calendar.month_column import MonthColumn
from ui.calendar.reminders import ReminderScheduler
from ui.calendar.side_width import SideWidth
from ui.calendar.sync_menu import CalendarSync
from ui.navigation import PlanActivityRequest
from ui.settings import Setting
from ui.tab_pages import Command, TabContent
from ui.theme import SPACING

if TYPE_CHECKING:  # the dialogs load when first opened, the notices with the first one
    from ui.calendar.activity_dialog import ActivityDialog
    from ui.calendar.ideas import IdeasDialog
    from ui.calendar.notice_bars import NoticeBars
    from ui.calendar.outcome_dialog import OutcomeDialog

log = logging.getLogger(__name__)

LAST_SEEN = Setting("calendar/last_seen", str, "",
                    "When reminders were last looked at (ISO time), to find missed ones")
UPCOMING_COUNT = 4
CELL_ENTRIES = 12
READ_AHEAD_DELAY_MS = 250
WAITING_CHECK_EVERY = datetime.timedelta(minutes=15)


class CalendarTab(TabContent):
    """Month grid on the left; the selected day, upcoming plans and the summary on the right."""

    commands = {Command.NEW: "New activity", Command.FIND: "Find a plan…"}

    def __init__(self, *, context, navigator, settings,
                 clock: Callable[[], datetime.datetime] | None = None, parent=None):
        super().__init__(context=context, navigator=navigator, settings=settings, parent=parent)
        self._clock = clock or datetime.datetime.now
        self._occurrences: dict[object, cal.Occurrence] = {}
        self._by_day: dict[datetime.date, list[cal.Occurrence]] = {}
        self._upcoming: dict[object, cal.Occurrence] = {}
        self._day_shown: datetime.date | None = None
        self._waiting_checked: datetime.datetime | None = None
        self._ideas: list | None = None
        # Open dialogs, kept so they stay alive while shown (and so tests can reach them).
        self.activity_dialog: ActivityDialog | None = None
        self.ideas_dialog: IdeasDialog | None = None
        self.outcome_dialog: OutcomeDialog | None = None
        self.setAccessibleName("Calendar")
        self.loader = MonthLoader(close_connection=context.db.close, parent=self)
        self._read_ahead_timer = QTimer(self)
        self._read_ahead_timer.setSingleShot(True)
        self._read_ahead_timer.setInterval(READ_AHEAD_DELAY_MS)
        self.reminders = ReminderScheduler(clock=self._clock, parent=self)
        self.files = CalendarFiles(close_connection=context.db.close, parent=self)
        self.changes = PlanChanges(parent=self)
        self.sync = CalendarSync(context=context, parent=self)
        self._build()
        self.addAction(self.changes.undo_action)
        self._connect_signals()
        self.refresh()
        self.reminders.start(self._last_seen())

    # ----- building -------------------------------------------------------------------

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(SPACING["l"], SPACING["m"], SPACING["l"], SPACING["m"])
        self.sync.place(layout)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setProperty("role", "plain")
        self.splitter.setHandleWidth(SPACING["l"])
        month_column = MonthColumn(today=self._today, on_banners=self._wire_banners,
                                   parent=self.splitter)
        self._month_column, self.header = month_column, month_column.header
        self.month_view = month_column.month_view
        self.month_view.tooltip_provider = self._tooltip_for_key
        self.splitter.addWidget(month_column)
        self.agenda = AgendaPanel(parent=self.splitter)
        self.splitter.addWidget(self.agenda)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 0)
        self.splitter.setSizes([760, 320])
        self.side_width = SideWidth(self.splitter, owner=self, parent=self)
        layout.addWidget(self.splitter, 1)

    def _connect_signals(self) -> None:
        # Moving through the months, and finding a plan.
        self.header.previous_requested.connect(self.month_view.previous_month)
        self.header.next_requested.connect(self.month_view.next_month)
        self.header.today_requested.connect(self._on_header_today_requested)
        self.header.plan_searched.connect(self.go_to_plan)
        self.header.find_closed.connect(self.month_view.setFocus)
        self.month_view.month_changed.connect(self._reload_month)
        # Read the neighbours once a month is on screen: a worker holding the GIL while
        # the grid paints would slow the very switch it is meant to speed up.
        self.month_view.entries_shown.connect(self._read_ahead_timer.start)
        self._read_ahead_timer.timeout.connect(self.read_ahead)

        # Choosing and acting on a plan, in the grid or in a list.
        self.month_view.date_selected.connect(lambda _day: self._reload_day(force=False))
        self.month_view.date_activated.connect(
            lambda day: self.open_new_dialog(self._start_on(day)))
        self.month_view.entry_selected.connect(self.agenda.select_in_day)
        self.month_view.entry_activated.connect(self.edit)
        self.month_view.delete_requested.connect(self.delete)
        self.month_view.customContextMenuRequested.connect(self._on_month_view_context_menu)
        self.agenda.day_plan_selected.connect(self._on_agenda_day_plan_selected)
        self.agenda.edit_requested.connect(self.edit)
        self.agenda.delete_requested.connect(self.delete)
        self.agenda.menu_requested.connect(self.show_plan_menu)

        # Planning something new.
        self.header.new_requested.connect(self.new_item)
        self.header.ideas_requested.connect(self.open_ideas)

        # Notices: reminders, past plans, undo.
        self.reminders.reminder_due.connect(self._on_reminders_reminder_due)
        self.reminders.missed_found.connect(self._on_reminders_missed_found)
        self.reminders.checked.connect(self._on_reminders_checked)
        self.changes.undo_action.triggered.connect(self.undo_delete)
        self.changes.deleted.connect(self._on_changes_deleted)
        self.changes.restored.connect(self._on_changes_restored)
        self.changes.edit_chosen.connect(self.open_dialog)
        self.changes.failed.connect(self._show_error)
        self.files.imported.connect(self.reload_after_change)
        self.sync.watch(self.changes, self.files, shown_by=self.reload_after_change)

    @property
    def banners(self) -> NoticeBars:
        """The notices over the month: reminders, past plans waiting, undo."""
        return self._month_column.banners

    def _wire_banners(self, banners: NoticeBars) -> None:
        banners.show_requested.connect(self.show_plan)
        banners.review_requested.connect(self.review)
        banners.skip_requested.connect(self.skip)
        banners.undo_requested.connect(self.undo_delete)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        # The theme manager sets the icon colour before the palette, so re-asking here
        # gives icons that match the new theme.
        if event.type() == QEvent.Type.PaletteChange:
            self._refresh_icons()
        super().changeEvent(event)

    def _refresh_icons(self) -> None:
        self.header.refresh_icons()
        self.changes.refresh_icons()
        if self._month_column.has_banners():
            self.banners.refresh_icons()

    # ----- hooks the main window calls -------------------------------------------------

    def new_item(self) -> None:
        self.open_new_dialog(self._start_on(self.month_view.selected_date()))

    def find(self) -> None:
        """Show the find field, offering the titles of every plan."""
        try:
            titles = sorted({a.title for a in cal.list_activities()}, key=str.casefold)
        except HearthError as exc:
            self._show_error("Plans could not be read", exc.message)
            return
        self.header.find_edit.offer(titles)

    def menu_actions(self) -> dict[str, list[QAction]]:
        return {"file": self.files.actions(), "&Calendar": self.sync.actions()}

    def handle_plan_request(self, request: PlanActivityRequest) -> None:
        start = self._start_on(self.month_view.selected_date())
        self.open_dialog(requested_input(request, start), MODE_NEW)

    def shutdown(self) -> None:
        self._read_ahead_timer.stop()
        self.loader.shutdown()
        self.reminders.check()
        self.reminders.stop()
        self.sync.shutdown()

    # ----- finding and showing a plan ------------------------------------------------

    def go_to_plan(self, text: str) -> bool:
        """Select the day a plan whose title contains `text` happens next (or last did)."""
        from ui.calendar.find import moment_of
        words = text.strip().casefold()
        if not words:
            return False
        try:
            activities = cal.list_activities()
        except HearthError as exc:
            self._show_error("Plans could not be read", exc.message)
            return False
        moment = moment_of(activities, words, self._clock(), zones.local_timezone())
        if moment is None:
            self.navigator.show_status(f"No plan matches “{text.strip()}”")
            return False
        self.header.hide_find()
        self.month_view.select_date(moment.date())
        self.month_view.setFocus()
        return True

    def show_plan(self, key) -> None:
        """Select the plan with `key` in the grid, on its day."""
        occ = self._occurrence(key)
        if occ is not None:
            self.month_view.select_date(occ.start.date())
            self.month_view.select_entry(key)

    def handle_show_plan(self, request) -> None:
        self.show_plan(request.key)

    def show_plan_menu(self, key, global_pos: QPoint) -> None:
        occ = self._occurrence(key)
        if occ is not None:
            from ui.calendar.plan_menu import plan_menu  # built on the first right-click
            plan_menu(self, key, occ, past=occ.start <= self._clock()).exec(global_pos)

    # ----- data -----------------------------------------------------------------------

    def _today(self) -> datetime.date:
        return self._clock().date()

    def refresh(self) -> None:
        """Reload everything the tab shows (after any change)."""
        self.loader.invalidate()
        self._reload_month()
        self._reload_upcoming()
        self._reload_summary()

    def reload_after_change(self) -> None:
        """The calendar changed: show it, ask about past plans as they are now (an import
        may have renamed one), and arm the reminders for what is now next."""
        self.refresh()
        self._check_waiting()
        self.reminders.rearm()

    def _reload_month(self) -> None:
        first, last = self.month_view.visible_range()
        try:
            occurrences = self.loader.get((first, last))
        except HearthError as exc:
            self._show_error("The calendar could not be read", exc.message)
            occurrences = []
        self._occurrences = {occ.key: occ for occ in occurrences}
        self._by_day = rows.by_day(occurrences, first, last)
        # A cell shows a handful of titles at most; the rest is "+N more".
        cells = {day: [rows.cell_entry(occ) for occ in items[:CELL_ENTRIES]]
                 for day, items in self._by_day.items()}
        self.month_view.set_entries(cells, {day: len(items)
                                            for day, items in self._by_day.items()})
        self.header.set_title(self.month_view.title())
        self._reload_day()

    def read_ahead(self) -> None:
        """Read the months either side of the one shown, on a worker thread."""
        year, month = self.month_view.year_month()
        ranges = []
        for step in (1, -1):
            ranges.append(self.month_view.grid_range(*months.shift(year, month, step)))
        self.loader.read_ahead(ranges)

    def _reload_day(self, *, force: bool = True) -> None:
        day = self.month_view.selected_date()
        if not force and day == self._day_shown:
            return  # the month reload that came with this selection showed it already
        self._day_shown = day
        self.agenda.show_day(day_heading(day, self._today()),
                             [rows.day_row(occ, day) for occ in self._by_day.get(day, [])],
                             self.month_view.selected_key())

    def _reload_upcoming(self) -> None:
        try:
            items = cal.upcoming(self._clock(), UPCOMING_COUNT)
        except HearthError as exc:
            self._show_error("Upcoming plans could not be read", exc.message)
            items = []
        for occ in items:
            self._occurrences.setdefault(occ.key, occ)
        self._upcoming = {occ.key: occ for occ in items}
        self.agenda.show_upcoming([rows.upcoming_row(occ, self._today()) for occ in items])

    def _reload_summary(self) -> None:
        try:
            self.agenda.show_summary(cal.quality_summary(self._today()))
        except HearthError as exc:
            log.warning("summary unavailable: %s", exc.message)

    def _occurrence(self, key) -> cal.Occurrence | None:
        occ = self._occurrences.get(key) or self._upcoming.get(key)
        if occ is None and key is not None:
            try:
                occ = cal.get_occurrence(*key)
            except HearthError:
                return None
        return occ

    def _tooltip_for_key(self, key) -> str:
        occ = self._occurrences.get(key)
        return rows.tooltip(occ) if occ is not None else ""

    def _start_on(self, day: datetime.date) -> datetime.datetime:
        return default_start(day, self._clock())

    def _last_seen(self) -> datetime.datetime | None:
        text = self.settings.get(LAST_SEEN)
        try:
            return datetime.datetime.fromisoformat(text) if text else None
        except ValueError:
            return None

    def ideas(self) -> list:
        """The deck's ideas and the couple's own (read afresh: own ones change)."""
        from app.services import ideas as ideas_service  # the deck loads when first asked for
        try:
            return ideas_service.list_ideas()
        except HearthError as exc:
            if self._ideas is None:  # say it once, not at every dialog
                self._show_error("The ideas deck could not be read", exc.message)
                self._ideas = []
            return ideas_service.list_own_ideas()

    # ----- dialogs --------------------------------------------------------------------

    def open_new_dialog(self, start: datetime.datetime) -> ActivityDialog:
        return self.open_dialog(cal.ActivityInput(title="", start=start), MODE_NEW)

    def open_dialog(self, initial: cal.ActivityInput, mode: str,
                    save: Callable[[cal.ActivityInput], object] | None = None,
                    activity_id: int | None = None) -> ActivityDialog:
        """The activity dialog; `activity_id` names the plan being changed, which its own
        new time does not count as overlapping."""
        from ui.calendar.activity_dialog import ActivityDialog
        from ui.calendar.overlaps import overlap_warning

        if self.activity_dialog is not None:
            self.activity_dialog.close()
        dialog = ActivityDialog(initial=initial, save=save or cal.create_activity, mode=mode,
                                ideas=self.ideas(), parent=self,
                                overlaps=functools.partial(overlap_warning,
                                                           exclude_activity=activity_id))
        dialog.activity_saved.connect(self._on_activity_dialog_saved)
        dialog.finished.connect(self._on_activity_dialog_finished)
        self.activity_dialog = dialog
        dialog.open()
        return dialog

    def edit(self, key) -> None:
        """Change a plan; for a repeating one, ask first whether this time or all of them."""
        occ = self._occurrence(key)
        if occ is not None:
            self.changes.edit(occ)

    def delete(self, key) -> None:
        """Remove a plan (one time or the series) and offer to undo it."""
        occ = self._occurrence(key)
        if occ is not None:
            self.changes.delete(occ)

    def undo_delete(self) -> None:
        if self._month_column.has_banners():
            self.banners.remove("undo")
        self.changes.undo()

    def open_ideas(self) -> IdeasDialog:
        from ui.calendar.ideas import IdeasDialog

        dialog = IdeasDialog(ideas=self.ideas(), parent=self)
        dialog.idea_chosen.connect(self.plan_idea)
        self.ideas_dialog = dialog
        dialog.open()
        return dialog

    def plan_idea(self, idea) -> ActivityDialog:
        start = idea_start(idea, self.month_view.selected_date(), self._clock())
        return self.open_dialog(idea_input(idea, start), MODE_NEW)

    def review(self, key) -> OutcomeDialog | None:
        """Ask how a past plan went."""
        occ = self._occurrence(key)
        if occ is None:
            return None
        from ui.calendar.journal_links import write_about
        from ui.calendar.outcome_dialog import OutcomeDialog

        dialog = OutcomeDialog(occurrence=occ, today=self._today(), parent=self)
        dialog.outcome_saved.connect(self._on_outcome_saved)
        dialog.write_requested.connect(functools.partial(write_about, self.navigator))
        self.outcome_dialog = dialog
        dialog.open()
        return dialog

    def skip(self, key) -> None:
        """Record that a past plan did not happen."""
        occ = self._occurrence(key)
        if occ is None:
            return
        try:
            cal.set_outcome(occ.activity_id, occ.original_start, "skipped")
        except HearthError as exc:
            self._show_error("That could not be saved", exc.message)
            return
        self._on_outcome_saved()

    def _show_error(self, title: str, message: str) -> None:
        from PySide6.QtWidgets import QMessageBox
        log.warning("%s", title)
        QMessageBox.warning(self, title, message)

    # ----- reminders and plans waiting for an outcome ----------------------------------

    def _check_waiting(self) -> None:
        """Offer to record how recent past plans went."""
        try:
            waiting = cal.unresolved_past(self._clock())
        except HearthError:
            waiting = []
        if waiting or self._month_column.has_banners():  # none waiting: nothing to clear
            self.banners.show_outcome(waiting, self._today())

    # ----- slots ----------------------------------------------------------------------

    def _on_header_today_requested(self) -> None:
        self.month_view.go_today()
        self.month_view.setFocus()

    def _on_month_view_context_menu(self, pos: QPoint) -> None:
        key = self.month_view.selected_key()
        if key is not None:
            self.show_plan_menu(key, self.month_view.mapToGlobal(pos))

    def _on_agenda_day_plan_selected(self, key) -> None:
        if key != self.month_view.selected_key():
            self.month_view.select_entry(key)

    def _on_activity_dialog_saved(self, result) -> None:
        self.reload_after_change()
        start = getattr(result, "start", None)
        if isinstance(start, datetime.datetime):
            self.month_view.select_date(start.date())
        self.sync.local_change()
        self.navigator.show_status("Plan saved")

    def _on_changes_deleted(self, text: str) -> None:
        self.banners.show_undo(text)
        self.reload_after_change()

    def _on_changes_restored(self) -> None:
        self.navigator.show_status("Plan restored")
        self.reload_after_change()

    def _on_activity_dialog_finished(self, _result: int) -> None:
        if self.sender() is self.activity_dialog:
            self.activity_dialog = None

    def _on_outcome_saved(self, _occurrence=None) -> None:
        self.refresh()
        self._check_waiting()

    def _on_reminders_reminder_due(self, reminder: cal.Reminder) -> None:
        from ui.calendar.notice_bars import reminder_text
        text = reminder_text(reminder, self._today())
        self.navigator.notify("Coming up", text, "calendar")
        self.banners.show_reminder(text, reminder.occurrence.key)

    def _on_reminders_missed_found(self, reminders: list) -> None:
        from ui.calendar.notice_bars import missed_text
        text = missed_text(reminders, self._today())
        self.banners.show_missed(text)
        self.navigator.notify("Reminders", text, "calendar")

    def _on_reminders_checked(self, moment: datetime.datetime) -> None:
        self.settings.set(LAST_SEEN, moment.isoformat(timespec="seconds"))
        # Plans end while Hearth stays open; ask about them now and then, not every minute.
        if self._waiting_checked is None or \
                moment - self._waiting_checked >= WAITING_CHECK_EVERY:
            self._waiting_checked = moment
            self._check_waiting()

