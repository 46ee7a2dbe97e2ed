"""The left column: search as you type, filters, and the list of entries or search hits."""

from __future__ import annotations

import datetime

from PySide6.QtCore import QDate, QEvent, QItemSelectionModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QToolButton,
    QVBoxLayout,
)

from app.services.journal import EntryFilters
from app.text import count as plural
from ui import icons
from ui.journal.delegate import EntryDelegate
from ui.journal.models import EntryListModel, Roles, SearchHitModel
from ui.journal.mood import MOOD_LABELS
from ui.theme import SPACING

SEARCH_DELAY_MS = 250
PERIODS = [
    ("any", "Any time"),
    ("month", "This month"),
    ("30", "Last 30 days"),
    ("year", "This year"),
    ("custom", "Dates…"),
]


class EntryListView(QListView):
    """A list that says why it is empty instead of showing a blank box."""

    def __init__(self, *, parent=None):
        super().__init__(parent)
        self._placeholder = ""

    def set_placeholder(self, text: str) -> None:
        self._placeholder = text
        self.viewport().update()

    def placeholder(self) -> str:
        return self._placeholder

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().paintEvent(event)
        model = self.model()
        if self._placeholder and (model is None or model.rowCount() == 0):
            painter = QPainter(self.viewport())
            painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
            area = self.viewport().rect().adjusted(SPACING["l"], SPACING["xl"],
                                                   -SPACING["l"], 0)
            painter.drawText(area, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop
                             | Qt.TextFlag.TextWordWrap, self._placeholder)
            painter.end()


class JournalSidebar(QFrame):
    """Owns the list models; the tab fills them from the session."""

    search_changed = Signal(str)  # debounced; "" means back to the list
    filters_changed = Signal()
    entry_selected = Signal(int)
    lock_requested = Signal()

    def __init__(self, *, today=datetime.date.today, page_size: int = 100, parent=None):
        super().__init__(parent)
        self._today = today
        self.setAccessibleName("Entries")
        self.setMinimumWidth(240)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(SPACING["m"], SPACING["m"], SPACING["s"], SPACING["s"])
        layout.setSpacing(SPACING["s"])

        header = QHBoxLayout()
        self.name_label = QLabel(self)
        self.name_label.setProperty("role", "h3")
        self.name_label.setAccessibleName("Journal name")
        self.lock_button = QToolButton(self)
        self.lock_button.setToolTip("Lock the journal now (Ctrl+L)")
        self.lock_button.setAccessibleName("Lock now")
        header.addWidget(self.name_label, 1)
        header.addWidget(self.lock_button)
        layout.addLayout(header)

        search_row = QHBoxLayout()
        search_row.setSpacing(SPACING["xs"])
        self.search_edit = QLineEdit(self)
        self.search_edit.setPlaceholderText("Search entries")
        self.search_edit.setAccessibleName("Search entries")
        self.search_edit.setToolTip(
            'Words, word* for beginnings, "an exact phrase", -word to leave out (Ctrl+F)')
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.installEventFilter(self)
        self._search_action = QAction(self.search_edit)
        self.search_edit.addAction(self._search_action, QLineEdit.ActionPosition.LeadingPosition)
        self.filter_button = QToolButton(self)
        self.filter_button.setCheckable(True)
        self.filter_button.setAccessibleName("Filters")
        self.filter_button.setToolTip("Filter by dates, tag and mood")
        self.filter_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        search_row.addWidget(self.search_edit, 1)
        search_row.addWidget(self.filter_button)
        layout.addLayout(search_row)

        self.filter_panel = QFrame(self)
        self.filter_panel.setProperty("role", "panel")
        self.filter_panel.setAccessibleName("Filters")
        form = QFormLayout(self.filter_panel)
        form.setContentsMargins(SPACING["m"], SPACING["s"], SPACING["m"], SPACING["s"])
        form.setHorizontalSpacing(SPACING["s"])
        form.setVerticalSpacing(SPACING["xs"])
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.period_combo = QComboBox(self)
        self.period_combo.setAccessibleName("Period")
        self.period_combo.setToolTip("Only entries from this period")
        for key, label in PERIODS:
            self.period_combo.addItem(label, key)
        self.tag_combo = QComboBox(self)
        self.tag_combo.setAccessibleName("Tag filter")
        self.tag_combo.setToolTip("Only entries with this tag")
        self.mood_combo = QComboBox(self)
        self.mood_combo.setAccessibleName("Mood filter")
        self.mood_combo.setToolTip("Only entries with this mood")
        self.mood_combo.addItem("Any mood", None)
        for mood, label in MOOD_LABELS.items():
            self.mood_combo.addItem(icons.icon(f"mood-{mood}"), label, mood)
        for combo in (self.period_combo, self.tag_combo, self.mood_combo):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(8)
        self.from_edit = QDateEdit(self.filter_panel)
        self.to_edit = QDateEdit(self.filter_panel)
        for edit, name in ((self.from_edit, "From date"), (self.to_edit, "To date")):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("d MMM yyyy")
            edit.setAccessibleName(name)
            edit.setToolTip(name)
        form.addRow("When", self.period_combo)
        form.addRow("From", self.from_edit)
        form.addRow("To", self.to_edit)
        form.addRow("Tag", self.tag_combo)
        form.addRow("Mood", self.mood_combo)
        self._filter_form = form
        self._set_range(today() - datetime.timedelta(days=30), today())
        self._show_range(False)
        self.filter_panel.hide()
        layout.addWidget(self.filter_panel)

        self.result_label = QLabel(self)
        self.result_label.setProperty("role", "small")
        self.result_label.setWordWrap(True)
        self.result_label.setAccessibleName("Search results")
        self.result_label.hide()
        layout.addWidget(self.result_label)

        self.entry_model = EntryListModel(page_size=page_size, parent=self)
        self.hit_model = SearchHitModel(parent=self)
        self.list_view = EntryListView(parent=self)
        self.list_view.setAccessibleName("Entry list")
        self.list_view.setItemDelegate(EntryDelegate(parent=self.list_view))
        self.list_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list_view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.list_view.setMouseTracking(True)
        self.list_view.setUniformItemSizes(False)
        self.list_view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list_view.setProperty("role", "flat")
        self.list_view.setFrameShape(QFrame.Shape.NoFrame)
        layout.addWidget(self.list_view, 1)
        self._show_model(self.entry_model)

        self.search_timer = QTimer(self)
        self.search_timer.setSingleShot(True)
        self.search_timer.setInterval(SEARCH_DELAY_MS)
        self.search_timer.timeout.connect(self._on_search_timer_timeout)
        self.search_edit.textChanged.connect(self._on_search_edit_text_changed)
        self.period_combo.currentIndexChanged.connect(self._on_period_combo_changed)
        self.tag_combo.currentIndexChanged.connect(self._on_filter_changed)
        self.mood_combo.currentIndexChanged.connect(self._on_filter_changed)
        self.from_edit.dateChanged.connect(self._on_filter_changed)
        self.to_edit.dateChanged.connect(self._on_filter_changed)
        self.lock_button.clicked.connect(self.lock_requested)
        self.filter_button.toggled.connect(self._on_filter_button_toggled)
        self._last_search = ""
        self.set_tags([])
        self.refresh_icons()

    def set_journal_name(self, name: str, *, protected: bool) -> None:
        self.name_label.setText(name)
        self.name_label.setToolTip("Protected with a passphrase" if protected
                                   else "No passphrase")

    # ----- models ---------------------------------------------------------------------

    def _show_model(self, model) -> None:
        if self.list_view.model() is model:
            return
        old = self.list_view.selectionModel()
        self.list_view.setModel(model)
        if old is not None:
            old.deleteLater()
        self.list_view.selectionModel().currentChanged.connect(self._on_list_current_changed)

    def showing_hits(self) -> bool:
        return self.list_view.model() is self.hit_model

    def show_entries(self) -> None:
        self._show_model(self.entry_model)
        self.update_placeholder()

    def update_placeholder(self) -> None:
        if self.showing_hits():
            text = "No entries match your search."
        elif not self.filters().is_empty:
            text = "No entries match these filters."
        else:
            text = "No entries yet.\nWhat you save appears here, newest first."
        self.list_view.set_placeholder(text)

    def show_hits(self, hits, hint: str | None) -> None:
        self.hit_model.set_hits(hits)
        self._show_model(self.hit_model)
        self.update_placeholder()
        count = len(hits)
        text = plural(count, "result") if count else "No entries match."
        if hint:
            text = f"{text} {hint}"
        self.result_label.setText(text)
        self.result_label.show()

    def select_entry(self, entry_id: int) -> bool:
        """Select the row of this entry if it is loaded; True when found."""
        model = self.list_view.model()
        for row in range(model.rowCount()):
            index = model.index(row, 0)
            if index.data(Roles.ENTRY_ID) == entry_id:
                self.list_view.selectionModel().setCurrentIndex(
                    index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
                self.list_view.scrollTo(index)
                return True
        return False

    def current_entry_id(self) -> int | None:
        index = self.list_view.currentIndex()
        return index.data(Roles.ENTRY_ID) if index.isValid() else None

    def clear_selection(self) -> None:
        self.list_view.selectionModel().clearCurrentIndex()
        self.list_view.clearSelection()

    # ----- filters --------------------------------------------------------------------

    def search_text(self) -> str:
        return self.search_edit.text().strip()

    def flush_search(self) -> None:
        """Run the pending search now instead of after the typing pause."""
        if self.search_timer.isActive():
            self.search_timer.stop()
            self._on_search_timer_timeout()

    def filters(self) -> EntryFilters:
        today = self._today()
        period = self.period_combo.currentData()
        date_from = date_to = None
        if period == "month":
            date_from = today.replace(day=1)
        elif period == "30":
            date_from = today - datetime.timedelta(days=29)
        elif period == "year":
            date_from = today.replace(month=1, day=1)
        elif period == "custom":
            date_from = self.from_edit.date().toPython()
            date_to = self.to_edit.date().toPython()
            if date_to < date_from:
                date_from, date_to = date_to, date_from
        return EntryFilters(date_from=date_from, date_to=date_to,
                            tag=self.tag_combo.currentData(), mood=self.mood_combo.currentData())

    def show_day(self, day: datetime.date) -> None:
        """Narrow the list to one day (from a heatmap click)."""
        self._set_range(day, day)
        self.filter_button.setChecked(True)
        index = self.period_combo.findData("custom")
        if self.period_combo.currentIndex() == index:
            self._on_filter_changed()
        else:
            self.period_combo.setCurrentIndex(index)

    def show_tag(self, tag: str) -> None:
        """Narrow the list to one tag (from the statistics column)."""
        index = self.tag_combo.findData(tag)
        if index >= 0:
            self.filter_button.setChecked(True)
            self.tag_combo.setCurrentIndex(index)

    def _show_range(self, visible: bool) -> None:
        self._filter_form.setRowVisible(self.from_edit, visible)
        self._filter_form.setRowVisible(self.to_edit, visible)

    def _set_range(self, first: datetime.date, last: datetime.date) -> None:
        for edit, day in ((self.from_edit, first), (self.to_edit, last)):
            edit.blockSignals(True)
            edit.setDate(QDate(day.year, day.month, day.day))
            edit.blockSignals(False)

    def set_tags(self, tags) -> None:
        current = self.tag_combo.currentData()
        self.tag_combo.blockSignals(True)
        self.tag_combo.clear()
        self.tag_combo.addItem("Any tag", None)
        for tag in tags:
            self.tag_combo.addItem(f"#{tag}", tag)
        found = self.tag_combo.findData(current) if current else 0
        self.tag_combo.setCurrentIndex(max(0, found))
        self.tag_combo.blockSignals(False)
        if current and found < 0:
            self._on_filter_changed()

    def reset(self) -> None:
        """Back to an empty, unfiltered list with no text anywhere (the journal locked)."""
        self.search_timer.stop()
        for widget in (self.search_edit, self.period_combo, self.tag_combo, self.mood_combo,
                       self.from_edit, self.to_edit):
            widget.blockSignals(True)
        # setText, not clear(): clear() keeps the undo history, so Ctrl+Z would bring the
        # last search back.
        self.search_edit.setText("")
        self.period_combo.setCurrentIndex(0)
        self.mood_combo.setCurrentIndex(0)
        self.tag_combo.clear()
        self.tag_combo.addItem("Any tag", None)
        self._set_range(self._today() - datetime.timedelta(days=30), self._today())
        for widget in (self.search_edit, self.period_combo, self.tag_combo, self.mood_combo,
                       self.from_edit, self.to_edit):
            widget.blockSignals(False)
        self._show_range(False)
        self.filter_button.setChecked(False)
        self._update_filter_button()
        self._last_search = ""
        self.entry_model.clear()
        self.hit_model.clear()
        self.show_entries()
        self.result_label.clear()
        self.result_label.hide()
        self.name_label.clear()
        self.list_view.set_placeholder("")

    def refresh_icons(self) -> None:
        self.lock_button.setIcon(icons.icon("lock"))
        self.filter_button.setIcon(icons.icon("filter"))
        self._search_action.setIcon(icons.icon("search"))
        for mood in MOOD_LABELS:
            self.mood_combo.setItemIcon(self.mood_combo.findData(mood),
                                        icons.icon(f"mood-{mood}"))

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt override)
        # Down or Enter in the search box goes to the results, so the keyboard never has to
        # leave the home row to open what was found.
        if watched is self.search_edit and event.type() == QEvent.Type.KeyPress:
            if event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.flush_search()
                model = self.list_view.model()
                if model.rowCount():
                    if not self.list_view.currentIndex().isValid() \
                            or event.key() != Qt.Key.Key_Down:
                        self.list_view.setCurrentIndex(model.index(0, 0))
                    self.list_view.setFocus()
                    return True
        return super().eventFilter(watched, event)

    # ----- slots ----------------------------------------------------------------------

    def _on_search_edit_text_changed(self, _text: str) -> None:
        self.search_timer.start()

    def _on_search_timer_timeout(self) -> None:
        text = self.search_text()
        if text == self._last_search:
            return
        self._last_search = text
        if not text:
            self.hit_model.clear()
            self.show_entries()
            self.result_label.hide()
        self.search_changed.emit(text)

    def _on_period_combo_changed(self, _index: int) -> None:
        self._show_range(self.period_combo.currentData() == "custom")
        self._on_filter_changed()

    def _on_filter_changed(self, *_args) -> None:
        self._update_filter_button()
        self.update_placeholder()
        self.filters_changed.emit()

    def _on_filter_button_toggled(self, checked: bool) -> None:
        self.filter_panel.setVisible(checked)

    def _update_filter_button(self) -> None:
        filters = self.filters()
        active = sum(value is not None for value in (
            filters.date_from or filters.date_to, filters.tag, filters.mood))
        self.filter_button.setText(str(active) if active else "")
        self.filter_button.setToolTip(
            f"{plural(active, 'filter')} on" if active
            else "Filter by dates, tag and mood")

    def _on_list_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.entry_selected.emit(current.data(Roles.ENTRY_ID))
