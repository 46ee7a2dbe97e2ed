"""The Calendar tab: the month, the selected day, what is coming up, and time together so far."""

from __future__ import annotations

import datetime
import functools
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QModelIndex, QPoint, QStringListModel, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QCompleter,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QMenu,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QSystemTrayIcon,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.calendar import recurrence as rec
from app.errors import HearthError
from app.services import calendar as cal
from app.services import ideas as ideas_service
from ui import icons
from ui.calendar.banner import Banner, BannerArea
from ui.calendar.delegates import PlanRowDelegate
from ui.calendar.edit_modes import MODE_NEW, MODE_OCCURRENCE, MODE_SERIES, ONE, SERIES
from ui.calendar.formatting import day_heading, day_title, duration_text, short_day, time_text
from ui.calendar.loader import MonthLoader
from ui.calendar.models import AgendaModel, AgendaRow, Role
from ui.calendar.month_view import CellEntry, MonthView
from ui.calendar.reminders import ReminderScheduler
from ui.calendar.summary import SummaryPanel
from ui.navigation import JournalEntryRequest, PlanActivityRequest
from ui.settings import Setting
from ui.tab_pages import Command, TabContent
from ui.theme import SPACING
from ui.widgets import heading

if TYPE_CHECKING:  # the dialogs load when first opened
    from ui.calendar.activity_dialog import ActivityDialog
    from ui.calendar.ideas import IdeasDialog
    from ui.calendar.outcome_dialog import OutcomeDialog
    from ui.calendar.scope_dialog import ScopeDialog

log = logging.getLogger(__name__)

LAST_SEEN = Setting("calendar/last_seen", str, "",
                    "When reminders were last looked at (ISO time), to find missed ones")
UPCOMING_COUNT = 4
CELL_ENTRIES = 12
READ_AHEAD_DELAY_MS = 250
WAITING_CHECK_EVERY = datetime.timedelta(minutes=15)
FIND_HORIZON = datetime.timedelta(days=2 * 366)
DEFAULT_EVENING = datetime.time(19, 0)
_ALL_DAY_SORT = datetime.time(0, 0)


class PlanListView(QListView):
    """A list of plans where Delete (or Backspace) asks to remove the current one."""

    delete_pressed = Signal(QModelIndex)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and \
                self.currentIndex().isValid():
            self.delete_pressed.emit(self.currentIndex())
            return
        super().keyPressEvent(event)


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
        self._undo_snapshot: cal.ActivitySnapshot | None = None
        self._ideas: list | None = None
        self._waiting: list[cal.Occurrence] = []
        self._tray: QSystemTrayIcon | None = None
        # Open dialogs, kept so they stay alive while shown (and so tests can reach them).
        self.activity_dialog: ActivityDialog | None = None
        self.file_job = None  # the running or last .ics import/export
        self.scope_dialog: ScopeDialog | None = None
        self.ideas_dialog: IdeasDialog | None = None
        self.outcome_dialog: OutcomeDialog | None = None
        self.setAccessibleName("Calendar")
        self.loader = MonthLoader(close_connection=context.db.close, parent=self)
        self._read_ahead_timer = QTimer(self)
        self._read_ahead_timer.setSingleShot(True)
        self._read_ahead_timer.setInterval(READ_AHEAD_DELAY_MS)
        self._read_ahead_timer.timeout.connect(self.read_ahead)
        self._build()
        self._build_actions()
        self.refresh()
        self.reminders = ReminderScheduler(clock=self._clock, parent=self)
        self.reminders.reminder_due.connect(self._on_reminders_reminder_due)
        self.reminders.missed_found.connect(self._on_reminders_missed_found)
        self.reminders.checked.connect(self._on_reminders_checked)
        self._ensure_tray()
        self.reminders.start(self._last_seen())

    # ----- building -------------------------------------------------------------------

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(SPACING["l"], SPACING["m"], SPACING["l"], SPACING["m"])
        layout.setSpacing(SPACING["m"])
        self.banners = BannerArea(parent=self)
        layout.addWidget(self.banners)

        header = QHBoxLayout()
        header.setSpacing(SPACING["xs"])
        self.prev_button = self._tool_button("prev", "Previous month (Page Up)")
        self.next_button = self._tool_button("next", "Next month (Page Down)")
        self.prev_button.clicked.connect(self._on_prev_button_clicked)
        self.next_button.clicked.connect(self._on_next_button_clicked)
        self.today_button = QPushButton("Today", self)
        self.today_button.setToolTip("Go to today (Home)")
        self.today_button.setAccessibleName("Today")
        self.today_button.clicked.connect(self._on_today_button_clicked)
        self.month_label = heading("", level=1, parent=self)
        self.month_label.setWordWrap(False)
        self.month_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        header.addWidget(self.prev_button)
        header.addWidget(self.next_button)
        header.addSpacing(SPACING["s"])
        header.addWidget(self.month_label, 1)
        self.find_edit = QLineEdit(self)
        self.find_edit.setPlaceholderText("Find a plan")
        self.find_edit.setAccessibleName("Find a plan")
        self.find_edit.setToolTip("Type part of a title and press Enter to go to the next "
                                  "time it happens; Escape closes")
        self.find_edit.setClearButtonEnabled(True)
        self.find_edit.setMaximumWidth(180)
        self._find_titles = QStringListModel(self)
        completer = QCompleter(self._find_titles, self.find_edit)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.activated.connect(self._on_find_completer_activated)
        self.find_edit.setCompleter(completer)
        self.find_edit.returnPressed.connect(self._on_find_edit_return_pressed)
        self.find_edit.installEventFilter(self)
        self.find_edit.hide()
        header.addWidget(self.find_edit)
        header.addWidget(self.today_button)
        header.addSpacing(SPACING["s"])
        self.ideas_button = QPushButton("Ideas", self)
        self.ideas_button.setToolTip("Browse ideas for time together, or be surprised")
        self.ideas_button.setAccessibleName("Ideas")
        self.ideas_button.clicked.connect(self._on_ideas_button_clicked)
        self.new_button = QPushButton("New activity", self)
        self.new_button.setProperty("role", "primary")
        self.new_button.setToolTip("Plan something on the selected day (Ctrl+N)")
        self.new_button.setAccessibleName("New activity")
        self.new_button.clicked.connect(self._on_new_button_clicked)
        header.addWidget(self.ideas_button)
        header.addWidget(self.new_button)
        layout.addLayout(header)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setProperty("role", "plain")
        self.splitter.setHandleWidth(SPACING["l"])
        self.month_view = MonthView(today=self._today, parent=self.splitter)
        self.month_view.setMinimumWidth(420)
        self.month_view.tooltip_provider = self._tooltip_for_key
        self.month_view.month_changed.connect(self._on_month_view_month_changed)
        self.month_view.date_selected.connect(self._on_month_view_date_selected)
        self.month_view.date_activated.connect(self._on_month_view_date_activated)
        self.month_view.entry_activated.connect(self._on_month_view_entry_activated)
        self.month_view.entry_selected.connect(self._on_month_view_entry_selected)
        self.month_view.delete_requested.connect(self._on_month_view_delete_requested)
        self.month_view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.month_view.customContextMenuRequested.connect(self._on_month_view_context_menu)
        self.splitter.addWidget(self.month_view)

        # The side panel scrolls as a whole, so on a small window nothing is squeezed
        # into an unreadable sliver.
        side_scroll = QScrollArea(self.splitter)
        side_scroll.setWidgetResizable(True)
        side_scroll.setFrameShape(QFrame.Shape.NoFrame)
        side_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        side_scroll.setMinimumWidth(270)
        side_scroll.setMaximumWidth(420)
        side = QWidget(side_scroll)
        side_scroll.setWidget(side)
        column = QVBoxLayout(side)
        column.setContentsMargins(0, 0, SPACING["xs"], 0)
        column.setSpacing(SPACING["s"])
        self.day_label = heading("", level=3, parent=side)
        column.addWidget(self.day_label)
        self.day_model = AgendaModel(parent=self)
        self.day_list = self._plan_list(side, "Plans on the selected day", stacked=False)
        self.day_list.setModel(self.day_model)
        self.day_list.selectionModel().currentChanged.connect(self._on_day_list_current_changed)
        self.day_empty = QLabel("Nothing planned. Double-click the day or press Ctrl+N to "
                                "plan something.", side)
        self.day_empty.setProperty("role", "muted")
        self.day_empty.setWordWrap(True)
        column.addWidget(self.day_list)
        column.addWidget(self.day_empty)

        column.addSpacing(SPACING["xs"])
        column.addWidget(heading("Coming up", level=3, parent=side))
        self.upcoming_model = AgendaModel(parent=self)
        self.upcoming_list = self._plan_list(side, "Coming up", stacked=True)
        self.upcoming_list.setModel(self.upcoming_model)
        self.upcoming_empty = QLabel("Nothing coming up yet.", side)
        self.upcoming_empty.setProperty("role", "muted")
        column.addWidget(self.upcoming_list)
        column.addWidget(self.upcoming_empty)

        column.addSpacing(SPACING["xs"])
        self.summary = SummaryPanel(parent=side)
        column.addWidget(self.summary)
        column.addStretch(1)
        side = side_scroll
        self.splitter.addWidget(side)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 0)
        self.splitter.setSizes([760, 320])
        layout.addWidget(self.splitter, 1)

    def _tool_button(self, icon_name: str, tip: str) -> QToolButton:
        button = QToolButton(self)
        button.setIcon(icons.icon(icon_name))
        button.setProperty("icon_name", icon_name)
        button.setToolTip(tip)
        button.setAccessibleName(tip.split(" (")[0])
        return button

    def _plan_list(self, parent: QWidget, name: str, *, stacked: bool) -> QListView:
        view = PlanListView(parent)
        view.setAccessibleName(name)
        view.delete_pressed.connect(self._on_list_delete_pressed)
        view.setItemDelegate(PlanRowDelegate(stacked=stacked, parent=view))
        view.setMouseTracking(True)
        view.setUniformItemSizes(True)
        view.setVerticalScrollMode(QListView.ScrollMode.ScrollPerPixel)
        view.setEditTriggers(QListView.EditTrigger.NoEditTriggers)
        view.setFrameShape(QFrame.Shape.NoFrame)
        view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        view.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        view.customContextMenuRequested.connect(self._on_list_context_menu)
        view.doubleClicked.connect(self._on_list_double_clicked)
        view.setToolTip("Double-click to change; Delete removes")
        return view

    def _build_actions(self) -> None:
        self.undo_action = QAction(icons.icon("undo"), "Undo delete", self)
        self.undo_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Undo))
        self.undo_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.undo_action.setEnabled(False)
        self.undo_action.triggered.connect(self.undo_delete)
        self.addAction(self.undo_action)
        self.import_action = QAction("Import calendar (.ics)…", self)
        self.import_action.setData("import")
        self.import_action.setToolTip("Add plans from a calendar file (Google, Apple, Outlook, "
                                      "Thunderbird)")
        self.import_action.triggered.connect(self._on_import_action_triggered)
        self.export_action = QAction("Export calendar (.ics)…", self)
        self.export_action.setData("export")
        self.export_action.setToolTip("Save every plan to a calendar file")
        self.export_action.triggered.connect(self._on_export_action_triggered)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        # The theme manager sets the icon colour before the palette, so re-asking here
        # gives icons that match the new theme.
        if event.type() == QEvent.Type.PaletteChange:
            self._refresh_icons()
        super().changeEvent(event)

    def _refresh_icons(self) -> None:
        for button in (self.prev_button, self.next_button):
            button.setIcon(icons.icon(button.property("icon_name")))
        self.undo_action.setIcon(icons.icon("undo"))
        self.banners.refresh_icons()

    # ----- hooks the main window calls -------------------------------------------------

    def new_item(self) -> None:
        self.open_new_dialog(self._default_start(self.month_view.selected_date()))

    def find(self) -> None:
        """Show the find field, offering the titles of every plan."""
        try:
            titles = sorted({a.title for a in cal.list_activities()}, key=str.casefold)
        except HearthError as exc:
            self._show_error("Plans could not be read", exc)
            return
        self._find_titles.setStringList(titles)
        self.find_edit.show()
        self.find_edit.setFocus()
        self.find_edit.selectAll()

    def go_to_plan(self, text: str) -> bool:
        """Select the day a plan whose title contains `text` happens next (or last did)."""
        words = text.strip().casefold()
        if not words:
            return False
        try:
            matches = [a for a in cal.list_activities() if words in a.title.casefold()]
        except HearthError as exc:
            self._show_error("Plans could not be read", exc)
            return False
        now = self._clock()
        zone = cal.local_timezone()
        upcoming, past = [], []
        for activity in matches:
            following, previous = _next_and_last_start(activity, now)
            if following is not None:
                upcoming.append(rec.to_zone(following, activity.timezone, zone))
            if previous is not None:
                past.append(rec.to_zone(previous, activity.timezone, zone))
        if not upcoming and not past:
            self.navigator.show_status(f"No plan matches “{text.strip()}”")
            return False
        moment = min(upcoming) if upcoming else max(past)
        self.find_edit.hide()
        self.month_view.select_date(moment.date())
        self.month_view.setFocus()
        return True

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt override)
        if watched is self.find_edit and event.type() == QEvent.Type.KeyPress and \
                event.key() == Qt.Key.Key_Escape:
            self.find_edit.hide()
            self.month_view.setFocus()
            return True
        return super().eventFilter(watched, event)

    def menu_actions(self) -> dict[str, list[QAction]]:
        return {"file": [self.import_action, self.export_action]}

    def handle_plan_request(self, request: PlanActivityRequest) -> None:
        start = request.start or self._default_start(self.month_view.selected_date())
        minutes = request.minutes or cal.DEFAULT_DURATION_MINUTES
        category = request.category if request.category in cal.categories() else cal.OTHER_CATEGORY
        initial = cal.ActivityInput(title=request.title, start=start, duration_minutes=minutes,
                                    category=category, notes=request.notes)
        self.open_dialog(initial, mode=MODE_NEW)

    def shutdown(self) -> None:
        self._read_ahead_timer.stop()
        self.loader.shutdown()
        self.reminders.check()
        self.reminders.stop()
        if self._tray is not None:
            self._tray.hide()

    # ----- data -----------------------------------------------------------------------

    def _today(self) -> datetime.date:
        return self._clock().date()

    def refresh(self) -> None:
        """Reload everything the tab shows (after any change)."""
        self.loader.invalidate()
        self._reload_month()
        self._reload_upcoming()
        self._reload_summary()

    def _reload_month(self) -> None:
        first, last = self.month_view.visible_range()
        try:
            occurrences = self.loader.get((first, last))
        except HearthError as exc:
            self._show_error("The calendar could not be read", exc)
            occurrences = []
        self._occurrences = {occ.key: occ for occ in occurrences}
        by_day: dict[datetime.date, list[cal.Occurrence]] = {}
        for occ in occurrences:
            start_day = occ.start.date()
            if not occ.all_day and occ.end.date() == start_day:  # the usual case, fast
                if first <= start_day <= last:
                    by_day.setdefault(start_day, []).append(occ)
                continue
            for day in _days_covered(occ, first, last):
                by_day.setdefault(day, []).append(occ)
        for items in by_day.values():
            items.sort(key=_day_order)
        # A cell shows a handful of titles at most; the rest is "+N more".
        cells = {day: [_cell_entry(occ) for occ in items[:CELL_ENTRIES]]
                 for day, items in by_day.items()}
        self._by_day = by_day
        self.month_view.set_entries(cells, {day: len(items) for day, items in by_day.items()})
        self.month_label.setText(self.month_view.title())
        self._reload_day()
        # Read the neighbours once this month is on screen: a worker holding the GIL
        # while the grid paints would slow the very switch it is meant to speed up.
        self._read_ahead_timer.start()

    def read_ahead(self) -> None:
        """Read the months either side of the one shown, on a worker thread."""
        year, month = self.month_view.year_month()
        ranges = []
        for step in (1, -1):
            index = year * 12 + month - 1 + step
            ranges.append(self.month_view.grid_range(index // 12, index % 12 + 1))
        self.loader.read_ahead(ranges)

    def _reload_day(self, *, force: bool = True) -> None:
        day = self.month_view.selected_date()
        if not force and day == self._day_shown:
            return  # the month reload that came with this selection showed it already
        self._day_shown = day
        items = self._by_day.get(day, [])
        self.day_label.setText(day_heading(day, self._today()))
        self.day_model.set_rows([_day_row(occ, day) for occ in items])
        _fit_height(self.day_list)
        self.day_list.setVisible(bool(items))
        self.day_empty.setVisible(not items)
        key = self.month_view.selected_key()
        if key is not None:
            self._select_in_day_list(key)

    def _reload_upcoming(self) -> None:
        try:
            items = cal.upcoming(self._clock(), UPCOMING_COUNT)
        except HearthError as exc:
            self._show_error("Upcoming plans could not be read", exc)
            items = []
        for occ in items:
            self._occurrences.setdefault(occ.key, occ)
        self._upcoming = {occ.key: occ for occ in items}
        self.upcoming_model.set_rows([_upcoming_row(occ, self._today()) for occ in items])
        _fit_height(self.upcoming_list)
        self.upcoming_list.setVisible(bool(items))
        self.upcoming_empty.setVisible(not items)

    def _reload_summary(self) -> None:
        try:
            self.summary.set_summary(cal.quality_summary(self._today()))
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
        return _tooltip(occ) if occ is not None else ""

    def _select_in_day_list(self, key) -> None:
        row = self.day_model.row_of(key)
        if row >= 0:
            self.day_list.setCurrentIndex(self.day_model.index(row, 0))

    def _default_start(self, day: datetime.date) -> datetime.datetime:
        now = self._clock()
        start = datetime.datetime.combine(day, DEFAULT_EVENING)
        if day == now.date() and now >= start:
            start = now.replace(minute=0, second=0, microsecond=0) + datetime.timedelta(hours=1)
            if start.date() != day:  # late at night: tomorrow evening instead
                start = datetime.datetime.combine(start.date(), DEFAULT_EVENING)
        return start

    def _last_seen(self) -> datetime.datetime | None:
        text = self.settings.get(LAST_SEEN)
        try:
            return datetime.datetime.fromisoformat(text) if text else None
        except ValueError:
            return None

    def ideas(self) -> list:
        """The deck's ideas and the couple's own (read afresh: own ones change)."""
        try:
            return ideas_service.list_ideas()
        except HearthError as exc:
            if self._ideas is None:  # say it once, not at every dialog
                self._show_error("The ideas deck could not be read", exc)
                self._ideas = []
            return ideas_service.list_own_ideas()

    # ----- dialogs --------------------------------------------------------------------

    def open_new_dialog(self, start: datetime.datetime) -> ActivityDialog:
        return self.open_dialog(cal.ActivityInput(title="", start=start), mode=MODE_NEW)

    def open_dialog(self, initial: cal.ActivityInput, *, mode: str,
                    save: Callable[[cal.ActivityInput], object] | None = None) -> ActivityDialog:
        from ui.calendar.activity_dialog import ActivityDialog

        if self.activity_dialog is not None:
            self.activity_dialog.close()
        dialog = ActivityDialog(initial=initial, save=save or cal.create_activity, mode=mode,
                                ideas=self.ideas(), parent=self)
        dialog.activity_saved.connect(self._on_activity_dialog_saved)
        dialog.finished.connect(self._on_activity_dialog_finished)
        self.activity_dialog = dialog
        dialog.open()
        return dialog

    def edit(self, key) -> None:
        """Change a plan; for a repeating one, ask first whether this time or all of them."""
        occ = self._occurrence(key)
        if occ is None:
            return
        if occ.is_recurring:
            self._ask_scope(occ, "change", functools.partial(self._edit_with_scope, occ))
        else:
            self._edit_with_scope(occ, SERIES)

    def _edit_with_scope(self, occ: cal.Occurrence, scope: str) -> None:
        try:
            if scope == ONE:
                self.open_dialog(occ.to_input(), mode=MODE_OCCURRENCE, save=functools.partial(
                    cal.update_occurrence, occ.activity_id, occ.original_start))
                return
            activity = cal.get_activity(occ.activity_id)
        except HearthError as exc:
            self._show_error("That plan could not be opened", exc)
            return
        self.open_dialog(activity.to_input(), mode=MODE_SERIES,
                         save=functools.partial(cal.update_activity, activity.id))

    def delete(self, key) -> None:
        """Remove a plan (one time or the series) and offer to undo it."""
        occ = self._occurrence(key)
        if occ is None:
            return
        if occ.is_recurring:
            self._ask_scope(occ, "delete", functools.partial(self._delete_with_scope, occ))
        else:
            self._delete_with_scope(occ, SERIES)

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
            self._show_error("That plan could not be deleted", exc)
            return
        self._undo_snapshot = snapshot
        self.undo_action.setEnabled(True)
        banner = Banner(kind="undo", icon_name="delete", text=text,
                        actions=(("undo", "Undo"),), parent=self.banners)
        banner.action_triggered.connect(self._on_undo_banner_action)
        self.banners.show_banner(banner)
        self.refresh()
        self.reminders.rearm()

    def undo_delete(self) -> None:
        snapshot, self._undo_snapshot = self._undo_snapshot, None
        self.undo_action.setEnabled(False)
        self.banners.remove("undo")
        if snapshot is None:
            return
        try:
            cal.restore_activity(snapshot)
        except HearthError as exc:
            self._show_error("The plan could not be brought back", exc)
            return
        self.navigator.show_status("Plan restored")
        self.refresh()
        self.reminders.rearm()

    def _ask_scope(self, occ: cal.Occurrence, verb: str, then: Callable[[str], None]) -> None:
        from ui.calendar.scope_dialog import ScopeDialog

        dialog = ScopeDialog(title=occ.title, verb=verb, parent=self)
        dialog.scope_chosen.connect(then)
        self.scope_dialog = dialog
        dialog.open()

    def open_ideas(self) -> IdeasDialog:
        from ui.calendar.ideas import IdeasDialog

        dialog = IdeasDialog(ideas=self.ideas(), parent=self)
        dialog.idea_chosen.connect(self._on_ideas_dialog_idea_chosen)
        self.ideas_dialog = dialog
        dialog.open()
        return dialog

    def plan_idea(self, idea) -> ActivityDialog:
        start = self._default_start(self.month_view.selected_date())
        initial = cal.ActivityInput(title=idea.title, start=start, duration_minutes=idea.minutes,
                                    category=idea.category, notes=idea.description)
        return self.open_dialog(initial, mode=MODE_NEW)

    def review(self, key) -> OutcomeDialog | None:
        """Ask how a past plan went."""
        occ = self._occurrence(key)
        if occ is None:
            return None
        from ui.calendar.outcome_dialog import OutcomeDialog

        dialog = OutcomeDialog(occurrence=occ, today=self._today(), parent=self)
        dialog.outcome_saved.connect(self._on_outcome_dialog_saved)
        dialog.write_requested.connect(self._on_outcome_dialog_write_requested)
        self.outcome_dialog = dialog
        dialog.open()
        return dialog

    def _show_error(self, title: str, exc: HearthError) -> None:
        log.warning("%s", title)
        QMessageBox.warning(self, title, exc.message)

    # ----- reminders and plans waiting for an outcome ----------------------------------

    def _ensure_tray(self) -> QSystemTrayIcon | None:
        """The tray icon reminders are shown through, where the desktop has a tray."""
        if self._tray is None and QSystemTrayIcon.isSystemTrayAvailable():
            self._tray = QSystemTrayIcon(icons.app_icon(), self)
            self._tray.setToolTip("Hearth: reminders for your plans")
            self._tray.activated.connect(self._on_tray_activated)
            self._tray.messageClicked.connect(self._on_tray_activated)
            self._tray.show()
        return self._tray

    def _notify(self, title: str, text: str) -> None:
        tray = self._ensure_tray()
        if tray is not None:
            tray.showMessage(title, text, icons.app_icon(), 15_000)

    def _on_tray_activated(self, *_args) -> None:
        window = self.window()
        bring_to_front = getattr(window, "bring_to_front", None)
        if bring_to_front is not None:
            bring_to_front()
            self.navigator.show_tab("calendar")

    def _reminder_text(self, reminder) -> str:
        occ = reminder.occurrence
        when = day_title(occ.start.date(), self._today())
        if not occ.all_day:
            when += f" at {time_text(occ.start)}"
        where = f", {occ.location}" if occ.location else ""
        return f"{occ.title}: {when}{where}"

    def _check_waiting(self) -> None:
        """Offer to record how recent past plans went."""
        try:
            self._waiting = cal.unresolved_past(self._clock())
        except HearthError:
            self._waiting = []
        if not self._waiting:
            self.banners.remove("outcome")
            return
        occ = self._waiting[-1]
        when = day_title(occ.start.date(), self._today())
        when = when.lower() if when in ("Today", "Yesterday") else f"on {when}"
        text = f"How did “{occ.title}” go {when}?"
        more = len(self._waiting) - 1
        if more == 1:
            text += " One more past plan is waiting too."
        elif more > 1:
            text += f" {more} more past plans are waiting too."
        banner = Banner(kind="outcome", icon_name="heart", text=text,
                        actions=(("done", "We did it…"), ("skipped", "Skipped")),
                        parent=self.banners)
        banner.setProperty("occurrence_key", occ.key)
        banner.action_triggered.connect(self._on_outcome_banner_action)
        self.banners.show_banner(banner)

    # ----- slots ----------------------------------------------------------------------

    def _on_prev_button_clicked(self) -> None:
        self.month_view.previous_month()

    def _on_next_button_clicked(self) -> None:
        self.month_view.next_month()

    def _on_today_button_clicked(self) -> None:
        self.month_view.go_today()
        self.month_view.setFocus()

    def _on_new_button_clicked(self) -> None:
        self.new_item()

    def _on_ideas_button_clicked(self) -> None:
        self.open_ideas()

    def _on_month_view_month_changed(self, _first, _last) -> None:
        self._reload_month()

    def _on_month_view_date_selected(self, _day) -> None:
        self._reload_day(force=False)

    def _on_month_view_date_activated(self, day: datetime.date) -> None:
        self.open_new_dialog(self._default_start(day))

    def _on_month_view_entry_activated(self, key) -> None:
        self.edit(key)

    def _on_month_view_entry_selected(self, key) -> None:
        if key is not None:
            self._select_in_day_list(key)

    def _on_month_view_delete_requested(self, key) -> None:
        self.delete(key)

    def _on_day_list_current_changed(self, current: QModelIndex, _previous) -> None:
        key = current.data(Role.KEY) if current.isValid() else None
        if key is not None and key != self.month_view.selected_key():
            self.month_view.select_entry(key)

    def _on_list_double_clicked(self, index: QModelIndex) -> None:
        self.edit(index.data(Role.KEY))

    def _on_list_delete_pressed(self, index: QModelIndex) -> None:
        self.delete(index.data(Role.KEY))

    def _on_list_context_menu(self, pos: QPoint) -> None:
        view = self.sender()
        index = view.indexAt(pos)
        if index.isValid():
            view.setCurrentIndex(index)
            self._context_menu(index.data(Role.KEY), view.viewport().mapToGlobal(pos))

    def _on_month_view_context_menu(self, pos: QPoint) -> None:
        key = self.month_view.selected_key()
        if key is not None:
            self._context_menu(key, self.month_view.mapToGlobal(pos))

    def _context_menu(self, key, global_pos: QPoint) -> None:
        occ = self._occurrence(key)
        if occ is None:
            return
        menu = QMenu(self)
        menu.addAction(icons.icon("edit"), "Change…", functools.partial(self.edit, key))
        if occ.start <= self._clock():
            menu.addAction(icons.icon("heart"), "How did it go…",
                           functools.partial(self.review, key))
        menu.addAction(icons.icon("export"), "Send as a calendar file (.ics)…",
                       functools.partial(self._export_one, occ))
        menu.addSeparator()
        menu.addAction(icons.icon("delete"), "Delete", functools.partial(self.delete, key))
        menu.exec(global_pos)

    def _on_activity_dialog_saved(self, result) -> None:
        self.refresh()
        start = getattr(result, "start", None)
        if isinstance(start, datetime.datetime):
            self.month_view.select_date(start.date())
        self.reminders.rearm()
        self.navigator.show_status("Plan saved")

    def _on_activity_dialog_finished(self, _result: int) -> None:
        if self.sender() is self.activity_dialog:
            self.activity_dialog = None

    def _on_ideas_dialog_idea_chosen(self, idea) -> None:
        self.plan_idea(idea)

    def _on_undo_banner_action(self, _action_id: str) -> None:
        self.undo_delete()

    def _on_outcome_banner_action(self, action_id: str) -> None:
        key = self.sender().property("occurrence_key")
        if action_id == "done":
            self.review(key)
            return
        occ = self._occurrence(key)
        if occ is None:
            return
        try:
            cal.set_outcome(occ.activity_id, occ.original_start, "skipped")
        except HearthError as exc:
            self._show_error("That could not be saved", exc)
            return
        self.refresh()
        self._check_waiting()

    def _on_outcome_dialog_saved(self, _occurrence) -> None:
        self.refresh()
        self._check_waiting()

    def _on_outcome_dialog_write_requested(self, occ: cal.Occurrence) -> None:
        self.navigator.write_journal_entry(JournalEntryRequest(
            activity_uid=occ.uid, title=occ.title, date=occ.start.date()))

    def _on_reminders_reminder_due(self, reminder) -> None:
        text = self._reminder_text(reminder)
        self._notify("Coming up", text)
        banner = Banner(kind="reminder", icon_name="bell", text=f"Coming up. {text}",
                        actions=(("show", "Show"),), parent=self.banners)
        banner.setProperty("occurrence_key", reminder.occurrence.key)
        banner.action_triggered.connect(self._on_reminder_banner_action)
        self.banners.show_banner(banner)

    def _on_reminders_missed_found(self, reminders: list) -> None:
        lines = [self._reminder_text(r) for r in reminders[:3]]
        more = len(reminders) - len(lines)
        text = "While Hearth was closed: " + "; ".join(lines)
        if more:
            text += f"; and {more} more"
        banner = Banner(kind="missed", icon_name="bell", text=text, parent=self.banners)
        self.banners.show_banner(banner)
        self._notify("Reminders", text)

    def _on_reminders_checked(self, moment: datetime.datetime) -> None:
        self.settings.set(LAST_SEEN, moment.isoformat(timespec="seconds"))
        # Plans end while Hearth stays open; ask about them now and then, not every minute.
        if self._waiting_checked is None or \
                moment - self._waiting_checked >= WAITING_CHECK_EVERY:
            self._waiting_checked = moment
            self._check_waiting()

    def _on_reminder_banner_action(self, _action_id: str) -> None:
        key = self.sender().property("occurrence_key")
        occ = self._occurrence(key)
        if occ is not None:
            self.month_view.select_date(occ.start.date())
            self.month_view.select_entry(key)
        self.banners.remove("reminder")

    def on_calendar_file_imported(self, _message_box) -> None:
        self.refresh()
        self.reminders.rearm()

    def _on_find_edit_return_pressed(self) -> None:
        self.go_to_plan(self.find_edit.text())

    def _on_find_completer_activated(self, text: str) -> None:
        self.go_to_plan(text)

    def _on_import_action_triggered(self) -> None:
        from ui.calendar.ics_tasks import choose_and_import

        choose_and_import(self)

    def _export_one(self, occ: cal.Occurrence) -> None:
        from ui.calendar.ics_tasks import choose_and_export

        name = "".join(c if c.isalnum() else "-" for c in occ.title.lower()).strip("-")
        choose_and_export(self, [occ.activity_id], f"{name or 'plan'}.ics")

    def _on_export_action_triggered(self) -> None:
        from ui.calendar.ics_tasks import choose_and_export

        choose_and_export(self)


# ----- turning occurrences into rows ---------------------------------------------------


def _next_and_last_start(activity: cal.Activity, now: datetime.datetime):
    """The activity's next start after `now` and its last start before it (either None),
    in its own wall-clock; a changed or cancelled time may differ, which is close enough
    for finding the day."""
    if activity.rrule is None:
        return (activity.start, None) if activity.start >= now else (None, activity.start)
    try:
        starts = rec.series(activity.rrule, activity.start)
        ahead = starts.between(now, now + FIND_HORIZON)
        behind = starts.between(now - FIND_HORIZON, now)
    except (rec.RuleError, ValueError):
        return None, activity.start
    return (ahead[0] if ahead else None), (behind[-1] if behind else None)


def _fit_height(view: QListView, max_rows: int = 6) -> None:
    """Size a list to its rows (up to `max_rows`, then it scrolls on its own)."""
    rows = view.model().rowCount()
    # Every row of a plan list has the same height (see PlanRowDelegate.sizeHint).
    row_height = view.sizeHintForRow(0) if rows else 0
    height = min(rows, max_rows) * row_height + 2 * view.frameWidth() + 2
    view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded if rows > max_rows
                                    else Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    if view.height() != max(height, 8):
        view.setFixedHeight(max(height, 8))


def _days_covered(occ: cal.Occurrence, first: datetime.date, last: datetime.date):
    """Every day of the grid an occurrence touches (an evening past midnight counts once)."""
    start = occ.start.date()
    end_moment = occ.end - datetime.timedelta(microseconds=1)
    end = max(start, end_moment.date())
    if not occ.all_day and end > start and occ.end.time() <= datetime.time(6, 0) and \
            (occ.end - occ.start) < datetime.timedelta(hours=12):
        end = start  # a late evening shows on its own day only
    day = max(start, first)
    while day <= min(end, last):
        yield day
        day += datetime.timedelta(days=1)


def _day_order(occ: cal.Occurrence):
    return (not occ.all_day, occ.start.time() if not occ.all_day else _ALL_DAY_SORT, occ.title)


def _when_range(occ: cal.Occurrence) -> str:
    if occ.all_day:
        days = max(1, (occ.end - occ.start).days)
        return "All day" if days == 1 else f"{days} days"
    return f"{time_text(occ.start)}–{time_text(occ.end)}"


def _details(occ: cal.Occurrence, *, with_range: bool) -> str:
    parts = []
    if with_range:
        parts.append(_when_range(occ))
    if occ.location:
        parts.append(occ.location)
    if occ.is_recurring:
        parts.append("Repeats" + (", changed this time" if occ.is_changed else ""))
    if occ.status == "done":
        parts.append("Done" + (f" {'★' * occ.rating}" if occ.rating else ""))
    elif occ.status == "skipped":
        parts.append("Skipped")
    return " · ".join(parts)


def _tooltip(occ: cal.Occurrence) -> str:
    lines = [occ.title, _when_range(occ)]
    if occ.location:
        lines.append(occ.location)
    if occ.notes:
        lines.append(occ.notes[:200])
    return "\n".join(lines)


def _cell_entry(occ: cal.Occurrence) -> CellEntry:
    return CellEntry(key=occ.key, title=occ.title,
                     time_text="" if occ.all_day else time_text(occ.start),
                     category=occ.category, status=occ.status)


def _day_row(occ: cal.Occurrence, day: datetime.date) -> AgendaRow:
    when = "All day" if occ.all_day else time_text(occ.start)
    if not occ.all_day and occ.start.date() != day:
        when = "…"
    detail = _details(occ, with_range=not occ.all_day)
    if not occ.all_day:
        detail = detail.replace(_when_range(occ), duration_text(
            int((occ.end - occ.start).total_seconds() // 60)), 1)
    return AgendaRow(key=occ.key, title=occ.title, when=when, detail=detail,
                     category=occ.category, status=occ.status, tooltip=_tooltip(occ))


def _upcoming_row(occ: cal.Occurrence, today: datetime.date) -> AgendaRow:
    when = day_title(occ.start.date(), today)
    if when not in ("Today", "Tomorrow"):
        when = short_day(occ.start.date())
    if not occ.all_day:
        when += f", {time_text(occ.start)}"
    return AgendaRow(key=occ.key, title=occ.title, when=when,
                     detail=_details(occ, with_range=False), category=occ.category,
                     status=occ.status, tooltip=_tooltip(occ))
